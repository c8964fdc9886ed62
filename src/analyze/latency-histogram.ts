import * as hdr from 'hdr-histogram-js';
import type { LatencyStats } from './summary.js';

/**
 * Latencies (ms) in an HdrHistogram (Gil Tene; hdr-histogram-js) recorded in whole
 * microseconds with 3 significant digits: every percentile is within 0.1 % of the
 * exact sample quantile, and histograms from several files or workers merge exactly
 * (`add`). Count, min, max and the sum (for the mean) are kept exactly beside it, in
 * integer microseconds, so they do not depend on the order samples arrive in.
 */
export class LatencyHistogram {
  private readonly h: hdr.Histogram;
  count = 0;
  private sumUs = 0;
  private minUs = Infinity;
  private maxUs = -Infinity;

  /** `digits` 2 for the many small per-second histograms (1 % precision, a quarter of the memory). */
  constructor(digits: 2 | 3 = 3) {
    this.h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: digits, bitBucketSize: digits === 3 ? 32 : 'packed', autoResize: true });
  }

  record(ms: number): void {
    const us = ms > 0 ? Math.round(ms * 1000) : 0;
    this.h.recordValue(us);
    this.count++;
    this.sumUs += us;
    if (us < this.minUs) this.minUs = us;
    if (us > this.maxUs) this.maxUs = us;
  }

  /** Adds an encoded histogram of µs latencies (the `hdr` tag of rehearsal_req_agg). */
  addEncoded(base64: string): void {
    this.addHistogram(hdr.decodeFromCompressedBase64(base64));
  }

  /** Adds a histogram of µs latencies. */
  addHistogram(other: hdr.Histogram): void {
    const n = other.totalCount;
    if (n === 0) return;
    this.h.add(other);
    this.count += n;
    this.sumUs += Math.round(other.mean * n);
    this.minUs = Math.min(this.minUs, other.minNonZeroValue);
    this.maxUs = Math.max(this.maxUs, other.maxValue);
  }

  /** Value at quantile q (0–1) in ms, never above the exact max. */
  quantileMs(q: number): number {
    if (this.count === 0) return Number.NaN;
    return Math.min(this.h.getValueAtPercentile(q * 100), this.maxUs) / 1000;
  }

  stats(): LatencyStats | null {
    if (this.count === 0) return null;
    const ms = (us: number) => Math.round(us) / 1000;
    return {
      count: this.count,
      min: ms(this.minUs),
      mean: ms(this.sumUs / this.count),
      p50: this.quantileMs(0.5),
      p90: this.quantileMs(0.9),
      p95: this.quantileMs(0.95),
      p99: this.quantileMs(0.99),
      p999: this.quantileMs(0.999),
      max: ms(this.maxUs),
    };
  }
}

/** A histogram per key, created on first use, with a cap on distinct keys (the rest go to `other`). */
export class KeyedHistograms {
  readonly byKey = new Map<string, LatencyHistogram>();
  constructor(private readonly cap = 200, private readonly digits: 2 | 3 = 3) {}

  get(key: string): LatencyHistogram {
    let h = this.byKey.get(key);
    if (!h) {
      if (this.byKey.size >= this.cap) key = '(other)';
      h = this.byKey.get(key);
      if (!h) {
        h = new LatencyHistogram(this.digits);
        this.byKey.set(key, h);
      }
    }
    return h;
  }

  stats(): Record<string, LatencyStats> {
    const out: Record<string, LatencyStats> = {};
    for (const k of [...this.byKey.keys()].sort()) {
      const s = (this.byKey.get(k) as LatencyHistogram).stats();
      if (s) out[k] = s;
    }
    return out;
  }
}
