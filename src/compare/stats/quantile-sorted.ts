/**
 * Quantile of ascending-sorted values by linear interpolation between order
 * statistics: Hyndman & Fan (1996) definition 7, the default of R's `quantile()` and
 * numpy's `percentile()`, used for bootstrap percentile intervals. Cost O(1).
 * Throws on an empty array or p outside [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileSorted requires at least one value');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted requires 0 ≤ p ≤ 1, got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}
