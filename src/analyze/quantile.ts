/**
 * Exact quantiles of a small integer distribution given as value → count (attempts per
 * candidate): the smallest value whose cumulative share reaches q (the inverse of the
 * empirical CDF, Hyndman & Fan type 1).
 */
export function countsQuantile(sorted: Array<[number, number]>, total: number, q: number): number {
  const target = Math.max(1, Math.ceil(q * total));
  let cum = 0;
  for (const [v, n] of sorted) {
    cum += n;
    if (cum >= target) return v;
  }
  return sorted.length > 0 ? (sorted[sorted.length - 1] as [number, number])[0] : Number.NaN;
}
