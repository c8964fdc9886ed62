/**
 * M/M/c/K: c servers and room for K requests in all (K − c waiting); an arrival that
 * finds K in the system is turned away. Stationary distribution (Kleinrock 1975, §3.6;
 * Gross & Harris, "Fundamentals of Queueing Theory", §2.5), a = λ/μ, ρ = a/c:
 *
 *   pₙ ∝ aⁿ/n!            for n ≤ c
 *   pₙ ∝ aᶜ/c! · ρⁿ⁻ᶜ      for c < n ≤ K
 *
 * Every term is computed as a logarithm and normalised with log-sum-exp, so c and K in
 * the thousands (where aᶜ and c! overflow a double) are exact to rounding. Works for
 * ρ ≥ 1 too: the finite room keeps the queue stable.
 * Cost O(K). Throws unless 1 ≤ c ≤ K are whole numbers and a ≥ 0.
 */
export interface MmckResult {
  /** P(an arrival is turned away) = p_K (PASTA: Poisson arrivals see time averages). */
  blocking: number;
  /** Mean number in the system, L. */
  meanInSystem: number;
  /** Mean number waiting, Lq. */
  meanQueue: number;
  /** Carried load in erlangs, a·(1 − p_K): the busy servers on average. */
  carried: number;
  /** Mean wait before service of an admitted request, in units of the mean service time (Little: Lq / (a·(1 − p_K))). */
  meanWaitInServiceTimes: number;
}

export function mmck(c: number, k: number, a: number): MmckResult {
  if (!(Number.isInteger(c) && c >= 1)) throw new RangeError(`mmck requires a whole number of servers ≥ 1, got ${c}`);
  if (!(Number.isInteger(k) && k >= c)) throw new RangeError(`mmck requires a system capacity K ≥ c, got ${k}`);
  if (!(a >= 0 && Number.isFinite(a))) throw new RangeError(`mmck requires an offered load ≥ 0, got ${a}`);
  if (a === 0) return { blocking: 0, meanInSystem: 0, meanQueue: 0, carried: 0, meanWaitInServiceTimes: 0 };
  const logA = Math.log(a);
  const logRho = logA - Math.log(c);
  const logs = new Float64Array(k + 1);
  let lf = 0; // log n!
  for (let n = 1; n <= c; n++) {
    lf += Math.log(n);
    logs[n] = n * logA - lf;
  }
  for (let n = c + 1; n <= k; n++) logs[n] = (logs[c] as number) + (n - c) * logRho;
  let max = -Infinity;
  for (let n = 0; n <= k; n++) max = Math.max(max, logs[n] as number);
  let z = 0;
  let l = 0;
  let lq = 0;
  for (let n = 0; n <= k; n++) {
    const w = Math.exp((logs[n] as number) - max);
    z += w;
    l += n * w;
    if (n > c) lq += (n - c) * w;
  }
  const blocking = Math.exp((logs[k] as number) - max) / z;
  const carried = a * (1 - blocking);
  return {
    blocking,
    meanInSystem: l / z,
    meanQueue: lq / z,
    carried,
    meanWaitInServiceTimes: carried > 0 ? lq / z / carried : 0,
  };
}
