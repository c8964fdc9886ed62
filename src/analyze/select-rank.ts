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
 * degrading to O(n²). Ranks are served in ascending order, each within the part right
 * of the previous one (everything left of a selected rank is ≤ it, everything right ≥).
 *
 * `xs` is reordered in place; it must hold no NaN (the caller sorts those instead).
 */
export function valuesAtRanks(xs: Float64Array, ranks: readonly number[]): number[] {
  const order = ranks.map((r, i) => [r, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(ranks.length);
  let lo = 0;
  for (const [k, i] of order) {
    out[i] = select(xs, k, lo, xs.length - 1);
    lo = k;
  }
  return out;
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
