import { quantileSorted } from 'simple-statistics';
import type { JourneyEvent, RequestEvent } from '../node/recorder.js';
import type { JourneyRecorder } from '../node/journey-runner.js';

/** What one level measured in its steady window. */
export interface LevelCounts {
  requests: number;
  /** Responses with an HTTP status (not a connection error or timeout). */
  responded: number;
  ok: number;
  errors: number;
  throttled: number;
  journeys: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number } | null;
}

/**
 * The counters of one sweep level, fed by the same journey runner the node engine
 * uses (it is a `JourneyRecorder`). Only requests that complete inside the steady
 * window count — the warm-up and the drain after the window are left out — and their
 * latency is from the intended send time, as everywhere in the toolkit. Latencies are
 * kept (a level is seconds long: thousands of values) and their percentiles are exact
 * (R type 7, simple-statistics' quantileSorted).
 */
export class LevelRecorder implements JourneyRecorder {
  private readonly latencies: number[] = [];
  private counts = { requests: 0, responded: 0, ok: 0, errors: 0, throttled: 0, journeys: 0 };

  constructor(
    private readonly fromEpochMs: number,
    private toEpochMs: number,
  ) {}

  /** Ends the window early (Ctrl-C): what was measured up to now stands. */
  closeAt(epochMs: number): void {
    this.toEpochMs = Math.min(this.toEpochMs, epochMs);
  }

  get windowMs(): number {
    return Math.max(0, this.toEpochMs - this.fromEpochMs);
  }

  private inWindow(t: number): boolean {
    return t >= this.fromEpochMs && t < this.toEpochMs;
  }

  /** Each HTTP request of an operation: a level counts operations (`request`), so nothing here. */
  http(): undefined {
    return undefined;
  }

  request(e: RequestEvent): undefined {
    if (!this.inWindow(e.endEpochMs)) return undefined;
    const c = this.counts;
    c.requests++;
    if (e.status > 0) c.responded++;
    if (e.cls === 'ok') c.ok++;
    else if (e.cls === 'error') c.errors++;
    else if (e.cls === 'throttled' || e.cls === 'queued' || e.cls === 'quota_full') c.throttled++;
    this.latencies.push(e.latencyMs);
    return undefined;
  }

  journey(e: JourneyEvent): undefined {
    if (this.inWindow(e.endEpochMs)) this.counts.journeys++;
    return undefined;
  }

  result(): LevelCounts {
    const sorted = this.latencies.sort((a, b) => a - b);
    const n = sorted.length;
    const latencyMs = n
      ? {
          p50: quantileSorted(sorted, 0.5),
          p95: quantileSorted(sorted, 0.95),
          p99: quantileSorted(sorted, 0.99),
          mean: sorted.reduce((a, v) => a + v, 0) / n,
          max: sorted[n - 1] as number,
        }
      : null;
    return { ...this.counts, latencyMs };
  }
}
