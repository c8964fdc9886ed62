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
  /**
   * Counts by HdrHistogram index, recorded here and added to `h` when it is read:
   * hdr-histogram-js finds a value's index with log2 and pow (about 60 ns); the same
   * index in integer arithmetic costs a few. Only for 3 significant digits and values
   * below 2^32 µs (71 minutes); anything else goes to `h` directly.
   */
  private pending: Float64Array | undefined;
  private pendingAny = false;

  /** `digits` 2 for the many small per-second histograms (1 % precision, a quarter of the memory). */
  constructor(private readonly digits: 2 | 3 = 3) {
    this.h = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 3_600_000_000,
      numberOfSignificantValueDigits: digits,
      bitBucketSize: digits === 3 ? 32 : 'packed',
      autoResize: true,
    });
  }

  record(ms: number): void {
    const us = ms > 0 ? Math.round(ms * 1000) : 0;
    if (us < TWO_32 && this.digits === 3) {
      const p = (this.pending ??= new Float64Array(FAST_INDEXES));
      const i = hdrIndex(us);
      p[i] = (p[i] as number) + 1;
      this.pendingAny = true;
    } else {
      this.h.recordValue(us);
    }
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

  /**
   * Adds a histogram read once by `indexedCounts`: the same counts, sum, min and max as
   * `addHistogram` of it, without hdr-histogram-js's per-value iteration (which, for a
   * full-scale night's hundreds of thousands of rehearsal_req_agg points, three
   * histograms each, was most of the analysis).
   */
  addIndexed(d: IndexedCounts): void {
    if (d.total === 0) return;
    for (let j = 0; j < d.indexes.length; j++) {
      const i = d.indexes[j] as number;
      const c = d.counts[j] as number;
      if (this.digits === 3 && i < FAST_INDEXES) {
        const p = (this.pending ??= new Float64Array(FAST_INDEXES));
        p[i] = (p[i] as number) + c;
        this.pendingAny = true;
      } else this.h.recordValueWithCount(d.values[j] as number, c);
    }
    this.count += d.total;
    this.sumUs += d.sumUs;
    this.minUs = Math.min(this.minUs, d.minUs);
    this.maxUs = Math.max(this.maxUs, d.maxUs);
  }

  /** Adds the counts recorded by index to the HdrHistogram, by a value of each index's bucket. */
  private flush(): void {
    if (!this.pendingAny) return;
    const p = this.pending as Float64Array;
    for (let i = 0; i < FAST_INDEXES; i++) {
      const c = p[i] as number;
      if (c > 0) this.h.recordValueWithCount(hdrValue(i), c);
    }
    p.fill(0);
    this.pendingAny = false;
  }

  /**
   * The histogram as plain data (a worker thread's part of a run), for `mergeData`: the
   * counts by index as they are (a copy of an array, no encoding), plus the
   * HdrHistogram's own counts, encoded, only when something was recorded there directly.
   */
  toData(): LatencyHistogramData {
    return {
      pending: this.pendingAny ? (this.pending as Float64Array) : undefined,
      hdr: this.h.totalCount > 0 ? hdr.encodeIntoCompressedBase64(this.h) : '',
      count: this.count,
      sumUs: this.sumUs,
      minUs: this.minUs,
      maxUs: this.maxUs,
    };
  }

  /** Adds another part's histogram: counts, sum, min and max exactly as if its values had been recorded here. */
  mergeData(d: LatencyHistogramData): void {
    if (d.count === 0) return;
    if (d.pending) {
      const p = (this.pending ??= new Float64Array(FAST_INDEXES));
      for (let i = 0; i < FAST_INDEXES; i++) p[i] = (p[i] as number) + (d.pending[i] as number);
      this.pendingAny = true;
    }
    if (d.hdr) this.h.add(hdr.decodeFromCompressedBase64(d.hdr));
    this.count += d.count;
    this.sumUs += d.sumUs;
    if (d.minUs < this.minUs) this.minUs = d.minUs;
    if (d.maxUs > this.maxUs) this.maxUs = d.maxUs;
  }

  /** Value at quantile q (0–1) in ms, never above the exact max. */
  quantileMs(q: number): number {
    return this.quantilesMs([q])[0] as number;
  }

  /**
   * Values at several quantiles, ascending (0–1), in ms, never above the exact max. When
   * every value went to the counts by index, they are read there in one pass, exactly as
   * HdrHistogram.getValueAtPercentile reads the same counts (`countAtPercentile` below):
   * five percentiles cost one walk of the counts instead of a flush and five walks.
   */
  quantilesMs(qs: readonly number[]): number[] {
    if (this.count === 0) return qs.map(() => Number.NaN);
    if (!this.pendingAny || this.h.totalCount > 0) {
      this.flush();
      return qs.map((q) => Math.min(this.h.getValueAtPercentile(q * 100), this.maxUs) / 1000);
    }
    const p = this.pending as Float64Array;
    const out: number[] = [];
    let k = 0;
    let target = countAtPercentile(qs[0] as number, this.count);
    let total = 0;
    for (let i = 0; i < FAST_INDEXES && k < qs.length; i++) {
      total += p[i] as number;
      while (k < qs.length && total >= target) {
        // The lowest value of the bucket for the 0th percentile, else its highest.
        const v = qs[k] === 0 ? hdrValue(i) : hdrValue(i) + 2 ** Math.max(0, (i >> 10) - 1) - 1;
        out.push(Math.min(v, this.maxUs) / 1000);
        if (++k < qs.length) target = countAtPercentile(qs[k] as number, this.count);
      }
    }
    return out;
  }

  stats(): LatencyStats | null {
    if (this.count === 0) return null;
    const ms = (us: number) => Math.round(us) / 1000;
    const [p50, p90, p95, p99, p999] = this.quantilesMs(STATS_QUANTILES) as [number, number, number, number, number];
    return {
      count: this.count,
      min: ms(this.minUs),
      mean: ms(this.sumUs / this.count),
      p50,
      p90,
      p95,
      p99,
      p999,
      max: ms(this.maxUs),
    };
  }
}

/**
 * HdrHistogram's bucket layout for 3 significant digits and a unit of 1 (Tene;
 * hdr-histogram-js JsHistogram.countsArrayIndex): sub-buckets of 2048 values, half of
 * them new per power of two, so bucket b = max(0, floor(log2 v) − 10) and the index is
 * b·1024 + (v >> b). Values below 2^32 use indexes below 22·1024 + 1024.
 *
 * A copy of the library's internals, so package.json pins hdr-histogram-js to the exact
 * version it was checked against, and test/analyze/hdr-layout.test.ts fails if it changes.
 */
export const TWO_32 = 2 ** 32;
export const FAST_INDEXES = 22 * 1024 + 1024;

export function hdrIndex(us: number): number {
  const b = 21 - Math.clz32(us | 2047);
  return (b << 10) + (us >>> b);
}

/** The lowest value of index i's bucket (hdrIndex(hdrValue(i)) === i). */
export function hdrValue(i: number): number {
  if (i < 2048) return i;
  return ((i & 1023) + 1024) * (POW2[(i >> 10) - 1] as number);
}

/** 2^b for the buckets b of the indexes below FAST_INDEXES and beyond (a table: `2 ** b` is a call to pow). */
export const POW2 = Float64Array.from({ length: 64 }, (_, b) => 2 ** b);

const STATS_QUANTILES = [0.5, 0.9, 0.95, 0.99, 0.999];

/**
 * The rank HdrHistogram.getValueAtPercentile looks for (hdr-histogram-js JsHistogram,
 * from Tene's Java original), in the same floating-point steps: the count at the
 * percentile rounded up, less one ulp of slack, at least 1.
 */
function countAtPercentile(q: number, total: number): number {
  const fp = (Math.min(q * 100, 100) / 100.0) * total;
  return Math.max(Math.ceil(fp - 2 ** (Math.floor(Math.log2(fp)) - 52)), 1);
}

/** A decoded HdrHistogram's non-zero counts, by index in the layout above (see `indexedCounts`). */
export interface IndexedCounts {
  indexes: ArrayLike<number>;
  counts: ArrayLike<number>;
  /** The lowest value of each index's bucket, as hdr-histogram-js's `add` records it. */
  values: ArrayLike<number>;
  /** The highest value of each index's bucket (what getValueAtPercentile answers). */
  highest: ArrayLike<number>;
  total: number;
  /** Math.round(mean × total), the mean as HdrHistogram computes it (medians of buckets, in index order). */
  sumUs: number;
  minUs: number;
  maxUs: number;
}

interface JsHdr {
  totalCount: number;
  maxValue: number;
  minNonZeroValue: number;
  countsArrayLength: number;
  subBucketCount: number;
  unitMagnitude: number;
  countsArrayIndex(v: number): number;
  getCountAtIndex(i: number): number;
  valueFromIndex(i: number): number;
  medianEquivalentValue(v: number): number;
  highestEquivalentValue(v: number): number;
}

/**
 * Reads a histogram of µs latencies (decoded from a rehearsal_req_agg point) once, for
 * `addIndexed` into several histograms; undefined when its layout is not the one above
 * (3 significant digits from 1 µs), for which `addHistogram` stays the way.
 */
export function indexedCounts(other: hdr.Histogram): IndexedCounts | undefined {
  const h = other as unknown as JsHdr;
  if (h.subBucketCount !== 2048 || h.unitMagnitude !== 0 || typeof h.getCountAtIndex !== 'function') return undefined;
  const d = {
    indexes: [] as number[],
    counts: [] as number[],
    values: [] as number[],
    highest: [] as number[],
    total: h.totalCount,
    sumUs: 0,
    minUs: 0,
    maxUs: 0,
  };
  if (d.total === 0) return d;
  const last = Math.min(h.countsArrayLength - 1, h.countsArrayIndex(h.maxValue));
  let totalValue = 0;
  let minIndex = -1;
  let maxIndex = -1;
  // Index 0 (the value 0), then from the smallest non-zero value's bucket: nothing lies between.
  const from = Math.max(1, h.countsArrayIndex(h.minNonZeroValue));
  for (let i = 0; i <= last; i = i === 0 ? from : i + 1) {
    const c = h.getCountAtIndex(i);
    if (c === 0) continue;
    if (minIndex < 0 && i !== 0) minIndex = i;
    maxIndex = i;
    const v = h.valueFromIndex(i);
    d.indexes.push(i);
    d.counts.push(c);
    d.values.push(v);
    d.highest.push(h.highestEquivalentValue(v));
    // HdrHistogram's mean: the median of each recorded bucket times its count, summed in index order.
    totalValue += h.medianEquivalentValue(v) * c;
  }
  d.sumUs = Math.round((totalValue / d.total) * d.total);
  // Min and max as decoding the histogram's encoding sets them (JsHistogram.establishInternalTackingValues):
  // the lowest value of the first bucket and the highest of the last, so a histogram handed over in
  // memory and the same histogram read back from a file add the same.
  d.minUs = minIndex >= 0 ? h.valueFromIndex(minIndex) : h.minNonZeroValue;
  d.maxUs = maxIndex >= 0 ? h.highestEquivalentValue(h.valueFromIndex(maxIndex)) : h.maxValue;
  return d;
}

export interface LatencyHistogramData {
  /** Counts by HdrHistogram index (see hdrIndex). */
  pending: Float64Array | undefined;
  hdr: string;
  count: number;
  sumUs: number;
  minUs: number;
  maxUs: number;
}

/** A histogram per key, created on first use, with a cap on distinct keys (the rest go to `other`). */
export class KeyedHistograms {
  readonly byKey = new Map<string, LatencyHistogram>();
  constructor(
    private readonly cap = 200,
    private readonly digits: 2 | 3 = 3,
  ) {}

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

  toData(): Array<[string, LatencyHistogramData]> {
    return [...this.byKey].map(([k, h]) => [k, h.toData()]);
  }

  /** Merges another part's histograms key by key, in its order of first use (so the key cap falls as in one pass). */
  mergeData(d: Array<[string, LatencyHistogramData]>): void {
    for (const [k, h] of d) this.get(k).mergeData(h);
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
