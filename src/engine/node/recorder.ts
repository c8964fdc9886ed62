import type { Operation, Outcome, ResultClass } from '../../journey/types.js';
import type { SampleWriter } from '../../results/ndjson-writer.js';

/**
 * Turns engine events into k6-format samples (metric names and tags documented in
 * src/results/k6-format.ts) and keeps the live counters the progress line shows.
 */
export interface RequestEvent {
  op: Operation;
  method: string;
  status: number;
  cls: ResultClass;
  cause?: string;
  /** Epoch ms when the response completed. */
  endEpochMs: number;
  /** ms from the actual send to the response (k6's http_req_duration). */
  durationMs: number;
  /** ms from the intended send time to the response (coordinated-omission free). */
  latencyMs: number;
  country: string;
}

export interface JourneyEvent {
  candidate: string;
  arrival: number;
  country: string;
  outcome: Outcome;
  attempts: number;
  endEpochMs: number;
  /** ms from scheduled arrival to outcome. */
  timeToOutcomeMs: number;
}

export class Recorder {
  requests = 0;
  rejected = 0;
  accepted = 0;
  dropped = 0;
  arrived = 0;
  finished = 0;
  /** Lateness samples for the live p99 (reservoir of the last 4,096). */
  private late: number[] = [];
  private lateIdx = 0;

  constructor(
    private readonly out: SampleWriter,
    private readonly scenario: string,
    private readonly httpSamples: 'all' | 'summary' = 'all',
  ) {}

  request(e: RequestEvent): Promise<void> | undefined {
    this.requests++;
    if (e.cls !== 'ok') this.rejected++;
    const base = { scenario: this.scenario, op: e.op, name: e.op, method: e.method, status: String(e.status) };
    const failed = e.status === 0 || e.status >= 400;
    this.out.point('http_reqs', e.endEpochMs, 1, { ...base, expected_response: String(!failed) });
    this.out.point('http_req_duration', e.endEpochMs, e.durationMs, { ...base, expected_response: String(!failed) });
    this.out.point('http_req_failed', e.endEpochMs, failed ? 1 : 0, base);
    const tags: Record<string, string> = { scenario: this.scenario, op: e.op, class: e.cls, status: String(e.status), country: e.country };
    if (e.cause) tags.cause = e.cause;
    return this.out.point('rehearsal_req', e.endEpochMs, e.latencyMs, tags);
  }

  start(epochMs: number, latenessMs: number): void {
    this.arrived++;
    this.out.point('rehearsal_lateness', epochMs, latenessMs, { scenario: this.scenario });
    if (this.late.length < 4096) this.late.push(latenessMs);
    else this.late[this.lateIdx++ % 4096] = latenessMs;
  }

  dropIteration(epochMs: number): void {
    this.dropped++;
    this.out.point('dropped_iterations', epochMs, 1, { scenario: this.scenario });
  }

  journey(e: JourneyEvent): Promise<void> | undefined {
    this.finished++;
    if (e.outcome === 'accepted') this.accepted++;
    const tags = {
      scenario: this.scenario,
      outcome: e.outcome,
      candidate: e.candidate,
      arrival: String(e.arrival),
      attempts: String(e.attempts),
      country: e.country,
    };
    this.out.point('iterations', e.endEpochMs, 1, { scenario: this.scenario });
    this.out.point('iteration_duration', e.endEpochMs, e.timeToOutcomeMs, { scenario: this.scenario });
    return this.out.point('rehearsal_journey', e.endEpochMs, e.timeToOutcomeMs, tags);
  }

  vus(epochMs: number, inFlight: number): void {
    this.out.point('vus', epochMs, inFlight, { scenario: this.scenario });
  }

  latenessP99(): number {
    if (this.late.length === 0) return 0;
    const s = [...this.late].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(0.99 * s.length))] ?? 0;
  }

  get mode(): 'all' | 'summary' {
    return this.httpSamples;
  }
}
