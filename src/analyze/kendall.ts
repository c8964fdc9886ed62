/**
 * Kendall's tau-b between two paired samples, and the number of discordant pairs,
 * in O(n log n) by Knight's algorithm (W. R. Knight, "A Computer Method for Calculating
 * Kendall's Tau with Ungrouped Data", JASA 61(314), 1966): sort by (x, y), then count
 * the swaps a merge sort by y makes — each swap is one discordant pair.
 *
 *   tau_b = (nc − nd) / sqrt((n0 − n1)(n0 − n2))
 *   n0 = n(n−1)/2, n1 = Σ tx(tx−1)/2 over ties in x, n2 likewise in y,
 *   nc − nd = n0 − n1 − n2 + n3 − 2·nd, n3 = pairs tied in both.
 *
 * The same formula as scipy.stats.kendalltau (variant 'b'); tests pin values computed
 * with it. Returns tau null when undefined (n < 2, or every x or every y tied).
 */
export interface KendallResult {
  tau: number | null;
  /** Discordant pairs: ordered one way by x and the other by y (ties excluded). */
  discordant: number;
  concordant: number;
  n: number;
}

/** `order`, when given, receives the indexes sorted by (x, y), ties in index order. */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>, order?: number[]): KendallResult {
  const n = x.length;
  if (y.length !== n) throw new Error('kendallTauB requires paired samples of equal length');
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => (x[a] as number) - (x[b] as number) || (y[a] as number) - (y[b] as number));
  if (order) for (let i = 0; i < n; i++) order.push(idx[i] as number);
  let n1 = 0;
  let n3 = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && x[idx[j] as number] === x[idx[i] as number]) j++;
    n1 += ((j - i) * (j - i - 1)) / 2;
    // Within an x-tie group, pairs tied in y too.
    for (let k = i; k < j; ) {
      let l = k + 1;
      while (l < j && y[idx[l] as number] === y[idx[k] as number]) l++;
      n3 += ((l - k) * (l - k - 1)) / 2;
      k = l;
    }
    i = j;
  }
  const ys = Float64Array.from(idx, (i) => y[i] as number);
  const nd = mergeCountSwaps(ys);
  let n2 = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && ys[j] === ys[i]) j++;
    n2 += ((j - i) * (j - i - 1)) / 2;
    i = j;
  }
  const n0 = (n * (n - 1)) / 2;
  const diff = n0 - n1 - n2 + n3 - 2 * nd;
  const denom = Math.sqrt((n0 - n1) * (n0 - n2));
  const concordant = n0 - n1 - n2 + n3 - nd;
  return { tau: denom > 0 ? diff / denom : null, discordant: nd, concordant, n };
}

/** Sorts `a` ascending in place (stable merge sort) and returns the number of inversions (strict a[i] > a[j], i < j). */
export function mergeCountSwaps(a: Float64Array): number {
  const n = a.length;
  let src: Float64Array = a;
  let dst: Float64Array = new Float64Array(n);
  let swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if ((src[j] as number) < (src[i] as number)) {
          dst[k++] = src[j++] as number;
          swaps += mid - i;
        } else {
          dst[k++] = src[i++] as number;
        }
      }
      while (i < mid) dst[k++] = src[i++] as number;
      while (j < hi) dst[k++] = src[j++] as number;
    }
    [src, dst] = [dst, src];
  }
  if (src !== a) a.set(src);
  return swaps;
}
