/**
 * Exact null distribution of the Mann-Whitney U statistic for samples of sizes m and
 * n without ties: `counts[u]` = number of the C(m+n, m) equally likely arrangements
 * with U = u. Recurrence (Mann & Whitney 1947, eq. 2):
 *   f(m, n, u) = f(m − 1, n, u − n) + f(m, n − 1, u)
 * computed one row at a time in O(m · n · (m·n)) time, O(n · m·n) memory — fine for
 * the sizes R's wilcox.test computes exactly (m, n < 50). Doubles: counts up to
 * C(100, 50) ≈ 1e29 keep 15 significant digits, ample for p-values.
 */
export function mannWhitneyExactCounts(m: number, n: number): Float64Array {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 0 || n < 0) {
    throw new RangeError(`mannWhitneyExactCounts requires non-negative integer sizes, got ${m}, ${n}`);
  }
  // prev[j] = distribution for (i − 1, j), over u = 0 … (i−1)·j
  let prev: Float64Array[] = [];
  for (let j = 0; j <= n; j++) prev.push(Float64Array.of(1)); // i = 0: U = 0 once
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [Float64Array.of(1)]; // j = 0: U = 0 once
    for (let j = 1; j <= n; j++) {
      const d = new Float64Array(i * j + 1);
      const a = prev[j] as Float64Array; // f(i − 1, j, u − j)
      for (let u = 0; u < a.length; u++) d[u + j] = (d[u + j] as number) + (a[u] as number);
      const b = cur[j - 1] as Float64Array; // f(i, j − 1, u)
      for (let u = 0; u < b.length; u++) d[u] = (d[u] as number) + (b[u] as number);
      cur.push(d);
    }
    prev = cur;
  }
  return prev[n] as Float64Array;
}
