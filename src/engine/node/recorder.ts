import type { Operation, Outcome, ResultClass } from '../../journey/types.js';
import type { SampleOut } from '../../results/ndjson-writer.js';
import * as hdr from 'hdr-histogram-js';
import { IndexCounts } from '../../analyze/index-counts.js';
import { type AggBucket, type AggHistogram, type AggKind, RequestAggregator } from './aggregate.js';
import { LatenessWindow } from '../lateness-window.js';
import { OutcomeTally } from '../outcome-warning.js';

/**
 * Turns engine events into k6-format samples (metric names and tags documented in
 * src/results/k6-format.ts) and keeps the live counters the progress line shows.
 */
/** One operation, as the journey saw it (rehearsal_req). */
export interface RequestEvent {
  op: Operation;
  status: number;
  cls: ResultClass;
  cause?: string;
  /** Epoch ms when the operation's last response completed. */
  endEpochMs: number;
  /** ms from the intended send time to the last response (coordinated-omission free), every request and hop included. */
  latencyMs: number;
  country: string;
  /** The start of the deciding response's body, for an operation that was not ok. */
  body?: string;
}

/** One HTTP request of an operation (k6's http_req_* metrics). */
export interface HttpEvent {
  op: Operation;
  method: string;
  status: number;
  /** Epoch ms when the response completed. */
  endEpochMs: number;
  /** ms from the actual send to the response (k6's http_req_duration). */
  durationMs: number;
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
  /** Scenario-specific tags (EOI: score, eligible). */
  extraTags?: Record<string, string>;
}

/** An HTTP request's tag sets, serialized (Recorder.httpTags). */
export interface HttpTags {
  withExpected: string;
  base: string;
  failed: boolean;
}

/** An operation outcome's tag set, serialized, with what the counters need (Recorder.requestTags). */
export interface RequestTags extends AggKind {
  op: Operation;
  status: number;
  cls: ResultClass;
  tags: string;
}

/**
 * Where a Recorder's samples go: a file (SampleWriter), or the analyzer in memory (the
 * simulator's AnalyzerOut), which also takes each rehearsal_req_agg point's latencies as
 * counts (`pointAgg`, valid during the call) instead of an `hdr` tag to encode and decode.
 */
export type RecorderOut = SampleOut & {
  pointAgg?(
    epochMs: number,
    count: number,
    tags: Record<string, string>,
    counts: IndexCounts,
  ): Promise<void> | undefined;
  /**
   * A rehearsal_journey point as the event itself, for an out that reads its fields (the
   * simulator's: no tag object to build, then parse back, per journey); `journeyTags`
   * gives the tags for a file.
   */
  pointJourney?(scenario: string, e: JourneyEvent): Promise<void> | undefined;
};

/** A rehearsal_journey point's tags (k6-format.ts). */
export function journeyTags(scenario: string, e: JourneyEvent): Record<string, string> {
  return {
    ...e.extraTags,
    scenario,
    outcome: e.outcome,
    candidate: e.candidate,
    arrival: String(e.arrival),
    attempts: String(e.attempts),
    country: e.country,
  };
}

export class Recorder {
  requests = 0;
  rejected = 0;
  accepted = 0;
  dropped = 0;
  arrived = 0;
  finished = 0;
  /** Requests by class, journeys by outcome, the answers that were not ok (the mapping warning). */
  readonly tally = new OutcomeTally();

  /** Lateness samples for the live p99 (reservoir of the last 4,096). */
  private readonly late = new LatenessWindow();

  private readonly scenarioTags: string;

  constructor(
    private readonly out: RecorderOut,
    private readonly scenario: string,
    httpSamples: 'all' | 'summary' = 'all',
  ) {
    this.scenarioTags = JSON.stringify({ scenario });
    if (httpSamples === 'summary') {
      // In memory, counts by index, reused second after second; to a file, hdr-histogram-js's packed histograms to encode.
      if (out.pointAgg) this.aggCounts = new RequestAggregator(() => new IndexCounts(), true);
      else this.agg = new RequestAggregator();
    }
  }

  /**
   * Summary mode: writes the finished seconds' aggregates (all of them when `final`).
   * k6's http_reqs is written as a counter whose value is the second's count.
   */
  flushAggregates(nowEpochMs: number, final = false): void {
    const before = final ? Infinity : Math.floor(nowEpochMs / 1000);
    if (this.aggCounts) {
      const pointAgg = this.out.pointAgg as NonNullable<RecorderOut['pointAgg']>;
      for (const b of this.aggCounts.drain(before)) {
        pointAgg.call(this.out, this.aggPoint(b), b.count, this.aggTags(b), b.hist);
        this.aggCounts.release(b);
      }
    }
    if (this.agg)
      for (const b of this.agg.drain(before)) {
        const at = this.aggPoint(b);
        this.out.point('rehearsal_req_agg', at, b.count, {
          ...this.aggTags(b),
          hdr: hdr.encodeIntoCompressedBase64(b.hist),
        });
      }
  }

  /** A drained bucket's http_reqs point (a counter whose value is the second's count); its time, for its rehearsal_req_agg point. */
  private aggPoint(b: AggBucket<AggHistogram>): number {
    const at = b.second * 1000 + 999;
    this.out.point('http_reqs', at, b.count, {
      scenario: this.scenario,
      op: b.op,
      status: String(b.status),
      name: b.op,
      expected_response: String(b.status > 0 && b.status < 400),
    });
    return at;
  }

  /** A drained bucket's rehearsal_req_agg tags (without `hdr`). */
  private aggTags(b: AggBucket<AggHistogram>): Record<string, string> {
    const tags: Record<string, string> = { scenario: this.scenario, op: b.op, status: String(b.status), class: b.cls };
    if (b.cause) tags.cause = b.cause;
    return tags;
  }

  /** Serialized tag sets: a run has few distinct ones, and JSON.stringify per sample is the hot path. */
  private tagCache = new Map<string, string[]>();

  private cached(key: string, make: () => string[]): string[] {
    let t = this.tagCache.get(key);
    if (!t) {
      t = make();
      if (this.tagCache.size < 10_000) this.tagCache.set(key, t);
    }
    return t;
  }

  /** Summary mode's per-second aggregates: to a file (`agg`), or in memory (`aggCounts`). */
  private agg: RequestAggregator | undefined;
  private aggCounts: RequestAggregator<IndexCounts> | undefined;

  /**
   * One HTTP request as k6 records it (http_reqs, http_req_duration, http_req_failed, tagged
   * with the operation's name): every request of an operation, redirect hops included.
   * Summary mode counts operations instead (see `request`).
   */
  http(e: HttpEvent): Promise<void> | undefined {
    if (this.agg || this.aggCounts) return undefined;
    return this.recordHttp(this.httpTags(e), e.endEpochMs, e.durationMs);
  }

  /** One operation as the journey saw it: its class, and latency from the intended send time. */
  request(e: RequestEvent): Promise<void> | undefined {
    return this.recordRequest(this.requestTags(e), e.endEpochMs, e.latencyMs, e.body);
  }

  /**
   * The tag sets of one kind of HTTP request (operation, method, status), serialized once.
   * A caller that sees millions of requests of a few kinds (the simulator) keeps them and
   * calls `recordHttp`; `http` is the same two steps.
   */
  httpTags(e: Pick<HttpEvent, 'op' | 'method' | 'status'>): HttpTags {
    const failed = e.status === 0 || e.status >= 400;
    const [withExpected, base] = this.cached(`h|${e.op}|${e.method}|${e.status}`, () => {
      const base = { scenario: this.scenario, op: e.op, name: e.op, method: e.method, status: String(e.status) };
      return [JSON.stringify({ ...base, expected_response: String(!failed) }), JSON.stringify(base)];
    }) as [string, string];
    return { withExpected, base, failed };
  }

  recordHttp(t: HttpTags, endEpochMs: number, durationMs: number): Promise<void> | undefined {
    if (this.agg || this.aggCounts) return undefined;
    this.out.pointRaw('http_reqs', endEpochMs, 1, t.withExpected);
    this.out.pointRaw('http_req_duration', endEpochMs, durationMs, t.withExpected);
    return this.out.pointRaw('http_req_failed', endEpochMs, t.failed ? 1 : 0, t.base);
  }

  /** The tag set of one kind of operation outcome (op, status, class, country, cause), serialized once; see `httpTags`. */
  requestTags(e: Pick<RequestEvent, 'op' | 'status' | 'cls' | 'country' | 'cause'>): RequestTags {
    const [tags] = this.cached(`r|${e.op}|${e.status}|${e.cls}|${e.country}|${e.cause ?? ''}`, () => {
      const req: Record<string, string> = {
        scenario: this.scenario,
        op: e.op,
        class: e.cls,
        status: String(e.status),
        country: e.country,
      };
      if (e.cause) req.cause = e.cause;
      return [JSON.stringify(req)];
    }) as [string];
    return { op: e.op, status: e.status, cls: e.cls, cause: e.cause, tags };
  }

  recordRequest(t: RequestTags, endEpochMs: number, latencyMs: number, body?: string): Promise<void> | undefined {
    this.requests++;
    this.tally.request(t.cls, t.status, body);
    if (t.cls !== 'ok') this.rejected++;
    const agg = this.aggCounts ?? this.agg;
    if (agg) {
      agg.addKind(t, endEpochMs, latencyMs);
      return undefined;
    }
    return this.out.pointRaw('rehearsal_req', endEpochMs, latencyMs, t.tags);
  }

  start(epochMs: number, latenessMs: number): void {
    this.arrived++;
    this.out.pointRaw('rehearsal_lateness', epochMs, latenessMs, this.scenarioTags);
    this.late.add(latenessMs);
  }

  dropIteration(epochMs: number): void {
    this.dropped++;
    this.out.pointRaw('dropped_iterations', epochMs, 1, this.scenarioTags);
  }

  /**
   * Journeys held back until the operator's invitation rounds have run, so each
   * journey point can say whether the candidate was invited (EOI scenarios).
   */
  private held: JourneyEvent[] | undefined;

  holdJourneys(): void {
    this.held = [];
  }

  releaseJourneys(invited: Set<string>): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const e of held)
      this.journey({ ...e, extraTags: { ...e.extraTags, invited: String(invited.has(e.candidate)) } });
  }

  journey(e: JourneyEvent): Promise<void> | undefined {
    if (this.held) {
      this.held.push(e);
      return undefined;
    }
    this.finished++;
    this.tally.journey(e.outcome);
    if (e.outcome === 'accepted') this.accepted++;
    this.out.pointRaw('iterations', e.endEpochMs, 1, this.scenarioTags);
    this.out.pointRaw('iteration_duration', e.endEpochMs, e.timeToOutcomeMs, this.scenarioTags);
    if (this.out.pointJourney) return this.out.pointJourney(this.scenario, e);
    return this.out.point('rehearsal_journey', e.endEpochMs, e.timeToOutcomeMs, journeyTags(this.scenario, e));
  }

  vus(epochMs: number, inFlight: number): void {
    this.out.pointRaw('vus', epochMs, inFlight, this.scenarioTags);
  }

  latenessP99(): number {
    return this.late.p99();
  }
}
