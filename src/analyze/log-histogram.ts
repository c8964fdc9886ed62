/**
 * Log-bucketed histograms with bounded relative error, one mapping for every use: that of
 * DDSketch (Masson, Rim & Lee 2019, §2). Bucket i holds values in (γ^(i−1), γ^i] and
 * reports them as 2γ^i/(γ + 1), so every quantile is within α = (γ − 1)/(γ + 1) of a true
 * value in relative terms; the q-quantile is the value at rank q·(N − 1), as DDSketch
 * reads it. Values ≤ 0 share one zero bucket.
 *
 * Two resolutions of the one mapping:
 *   - the comparison's sparse histograms (compare/windows): γ = 1.01, α ≈ 0.5 %, far below
 *     the run-to-run noise it tests for, and few enough buckets that bootstrap resamples
 *     merge them quickly;
 *   - the analyzer's many per-second × operation series (LogHistogram): γ = 1.02,
 *     α ≈ 1 %, 1,100 dense buckets from 1 µs to about 48 minutes in 4.4 KB: cheaper than
 *     an HdrHistogram for this use (one log per value, one dense array), at the cost of
 *     precision the charts do not need.
 */
export const ZERO_BUCKET = -0x7fffffff;

/** The mapping of values to buckets and back for one γ. */
export class LogMapping {
  private readonly lnGamma: number;

  constructor(readonly gamma: number) {
    this.lnGamma = Math.log(gamma);
  }

  bucketOf(value: number): number {
    return value > 0 ? Math.ceil(Math.log(value) / this.lnGamma) : ZERO_BUCKET;
  }

  valueOf(bucket: number): number {
    return bucket === ZERO_BUCKET ? 0 : (2 * this.gamma ** bucket) / (this.gamma + 1);
  }
}

/** Index of the q-quantile in `counts` (rank q·(N − 1)); -1 when there is nothing. Cost O(buckets). */
export function quantileIndex(counts: ArrayLike<number>, q: number, total?: number): number {
  let n = total ?? 0;
  if (total === undefined) for (let i = 0; i < counts.length; i++) n += counts[i] as number;
  if (n === 0) return -1;
  const rank = q * (n - 1);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i] as number;
    if (seen > rank) return i;
  }
  return counts.length - 1;
}

/** The comparison's resolution. */
export const GAMMA = 1.01;
const FINE = new LogMapping(GAMMA);

export function bucketOf(value: number): number {
  return FINE.bucketOf(value);
}

export function bucketValue(bucket: number): number {
  return FINE.valueOf(bucket);
}

/** The q-quantile of a histogram given as parallel arrays of bucket indexes (ascending) and counts. */
export function histogramQuantile(buckets: ArrayLike<number>, counts: ArrayLike<number>, q: number): number {
  const i = quantileIndex(counts, q);
  return i < 0 ? Number.NaN : bucketValue(buckets[i] as number);
}

/** The analyzer's resolution, dense from 1 µs. */
const COARSE = new LogMapping(1.02);
const FIRST = COARSE.bucketOf(0.001);
const BUCKETS = 1100;

/**
 * Counts are views into shared slabs: a day has tens of thousands of these histograms,
 * and an ArrayBuffer each (allocated, zeroed and tracked by the GC one by one) cost more
 * than everything recorded into them.
 */
const SLAB = 256;
let slab = new Uint32Array(0);
let slabUsed = 0;

function counts(): Uint32Array {
  if (slabUsed + BUCKETS > slab.length) {
    slab = new Uint32Array(BUCKETS * SLAB);
    // Written once now, so that its pages are mapped for writing as they fault in. Left
    // untouched, a page's first access is the read of a count, which maps the kernel's
    // shared zero page; the write after it copies the page and must flush the old mapping
    // from every core that runs a thread of the process (an interprocessor interrupt,
    // which stops the simulator's event loop on the other core). The simulated night at
    // 0.25: 29,985 TLB shootdowns (/proc/interrupts) without this, 505 with it.
    slab.fill(0);
    slabUsed = 0;
  }
  const c = slab.subarray(slabUsed, slabUsed + BUCKETS);
  slabUsed += BUCKETS;
  return c;
}

/** The bucket (an index of `LogHistogram.counts`) of a value in ms. */
export function logBucket(ms: number): number {
  const b = COARSE.bucketOf(ms);
  return b === ZERO_BUCKET ? 0 : Math.min(BUCKETS - 1, Math.max(0, b - FIRST));
}

/** A dense histogram of latencies in ms, for the many per-second × operation series. */
export class LogHistogram {
  readonly counts = counts();
  count = 0;

  /** Adds another histogram's buckets (exact: same buckets). */
  addCounts(counts: Uint32Array, count: number): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] = (this.counts[i] as number) + (counts[i] as number);
    this.count += count;
  }

  record(ms: number): void {
    this.recordCount(ms, 1);
  }

  /** Records `n` values of `ms`. */
  recordCount(ms: number, n: number): void {
    this.recordAt(logBucket(ms), n);
  }

  /** Records `n` values in bucket `i` (`logBucket` of their value: a caller may keep it, a log saved). */
  recordAt(i: number, n: number): void {
    this.counts[i] = (this.counts[i] as number) + n;
    this.count += n;
  }

  /** Value (ms, to the µs) at quantile q. */
  quantileMs(q: number): number {
    const i = quantileIndex(this.counts, q, this.count);
    return i < 0 ? Number.NaN : Math.round(COARSE.valueOf(i + FIRST) * 1000) / 1000;
  }
}
