import { valuesAtRanksByBuckets } from './rank-buckets.js';

/** From this many values, buckets (below it, their 4 MB tables would outweigh the values). */
const BY_BUCKETS = 1 << 16;

/**
 * Order statistics without a full sort: the values at given ranks of an unsorted
 * array, as the sorted array would hold them. A trend's summary reads five ranks (the
 * two around each of p50, p90 and p95) of millions of values (a full-scale simulated
 * night keeps 31.5 million http_req_duration values); selecting them is O(n) on
 * average against the sort's O(n log n) — the summary's largest single cost before.
 *
 * Hoare's FIND (C. A. R. Hoare, "Algorithm 65: Find", CACM 4(7), 1961) with a
 * median-of-three pivot, in the form of Press et al., Numerical Recipes (2nd ed.,
 * §8.5, `select`): partitions stop on values equal to the pivot, so a run of equal
 * values (a throttled portal's many zero latencies) splits in the middle instead of
 * degrading to O(n²).
 *
 * Several ranks (a time-to-outcome curve reads 200) are selected as in J. M. Chambers,
 * "Algorithm 410: Partial sorting", CACM 14(5), 1971: the middle rank is selected over
 * the whole range, which leaves every value left of it ≤ it and every value right ≥, so
 * the ranks below it are selected in the left part only and those above in the right:
 * O(n log m) for m ranks, where selecting each over all that is right of the previous
 * was O(n m).
 *
 * Arrays of `BY_BUCKETS` values or more go by their values' leading bits instead
 * (rank-buckets.ts): two passes and a sort of the few values near the ranks, where
 * selection's partitions passed over all of them again and again.
 *
 * `xs` is reordered in place. Selection needs a total order, so an array that holds a
 * NaN (none from the engines) is sorted instead, which gives NaN the sort's placement.
 */
export function valuesAtRanks(xs: Float64Array, ranks: readonly number[]): number[] {
  if (hasNaN(xs)) {
    xs.sort();
    return ranks.map((r) => xs[r] as number);
  }
  const order = ranks.map((r, i) => [r, i] as const).sort((a, b) => a[0] - b[0]);
  const ks = order.map(([r]) => r);
  const got = xs.length >= BY_BUCKETS ? valuesAtRanksByBuckets(xs, ks) : multiselect(xs, ks);
  const out = new Array<number>(ranks.length);
  order.forEach(([, i], j) => {
    out[i] = got[j] as number;
  });
  return out;
}

/** The values at ranks `ks` (ascending) by selection. */
function multiselect(xs: Float64Array, ks: readonly number[]): Float64Array {
  const got = new Float64Array(ks.length);
  // Ranks ks[a..b) lie in xs[l..r], and everything left of l (right of r) is ≤ (≥) them.
  const within = (a: number, b: number, l: number, r: number): void => {
    if (a >= b) return;
    const m = (a + b) >> 1;
    const k = ks[m] as number;
    const v = select(xs, k, l, r);
    // The same rank asked for more than once: one selection.
    let lo = m;
    let hi = m + 1;
    while (lo > a && ks[lo - 1] === k) lo--;
    while (hi < b && ks[hi] === k) hi++;
    got.fill(v, lo, hi);
    within(a, lo, l, k - 1);
    within(hi, b, k + 1, r);
  };
  within(0, ks.length, 0, xs.length - 1);
  return got;
}

function hasNaN(xs: Float64Array): boolean {
  for (let i = 0; i < xs.length; i++) if (Number.isNaN(xs[i] as number)) return true;
  return false;
}

function select(a: Float64Array, k: number, left: number, right: number): number {
  let l = left;
  let ir = right;
  for (;;) {
    if (ir <= l + 1) {
      if (ir === l + 1 && (a[ir] as number) < (a[l] as number)) swap(a, l, ir);
      return a[k] as number;
    }
    const mid = (l + ir) >> 1;
    swap(a, mid, l + 1);
    // Median of three: a[l] ≤ a[l+1] ≤ a[ir], so a[l] and a[ir] are sentinels for the scans.
    if ((a[l] as number) > (a[ir] as number)) swap(a, l, ir);
    if ((a[l + 1] as number) > (a[ir] as number)) swap(a, l + 1, ir);
    if ((a[l] as number) > (a[l + 1] as number)) swap(a, l, l + 1);
    let i = l + 1;
    let j = ir;
    const x = a[l + 1] as number;
    for (;;) {
      do i++;
      while ((a[i] as number) < x);
      do j--;
      while ((a[j] as number) > x);
      if (j < i) break;
      swap(a, i, j);
    }
    a[l + 1] = a[j] as number;
    a[j] = x;
    if (j >= k) ir = j - 1;
    if (j <= k) l = i;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}
