import { quantileSorted } from './quantile-sorted.js';

/** Median of unsorted values (copies, sorts: O(n log n)); NaN for none. benchstat's center for sets of runs. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}
