/**
 * A small log-bucketed latency histogram for the many per-second × operation series:
 * buckets grow by 2 % (bucket i holds [1.02^i, 1.02^(i+1)) µs), so a quantile read at the
 * bucket's geometric middle is within 1 % of the exact value, and 1,100 buckets cover
 * 1 µs to 2.5 hours in 4.4 KB. Cheaper than an HdrHistogram for this use (one log per
 * value, one dense array), at the cost of precision the charts do not need.
 */
const GROWTH = 1.02;
const LN_GROWTH = Math.log(GROWTH);
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
    slabUsed = 0;
  }
  const c = slab.subarray(slabUsed, slabUsed + BUCKETS);
  slabUsed += BUCKETS;
  return c;
}

export class LogHistogram {
  readonly counts = counts();
  count = 0;

  /** Adds another histogram's buckets (exact: same buckets). */
  addCounts(counts: Uint32Array, count: number): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] = (this.counts[i] as number) + (counts[i] as number);
    this.count += count;
  }

  record(ms: number): void {
    const us = ms * 1000;
    const i = us <= 1 ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(us) / LN_GROWTH));
    this.counts[i] = (this.counts[i] as number) + 1;
    this.count++;
  }

  /** Value (ms) at quantile q: the middle of the bucket holding the ⌈q·n⌉-th value. */
  quantileMs(q: number): number {
    if (this.count === 0) return Number.NaN;
    const target = Math.max(1, Math.ceil(q * this.count));
    let cum = 0;
    for (let i = 0; i < BUCKETS; i++) {
      cum += this.counts[i] as number;
      if (cum >= target) return Math.round(GROWTH ** (i + 0.5)) / 1000;
    }
    return Number.NaN;
  }
}
