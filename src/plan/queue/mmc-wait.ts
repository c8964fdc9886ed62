import { erlangC } from './erlang-c.js';

export interface MmcWait {
  /** P(wait > 0): Erlang C. */
  probWait: number;
  /** Mean wait in queue, s: C / (cμ − λ). */
  meanS: number;
  /** The q-quantile of the wait, s. */
  quantileS: number;
  /** Server utilisation λ/(cμ). */
  utilisation: number;
}

/**
 * Waiting time in an M/M/c queue with FCFS service (Kleinrock 1975, eq. 3.41–3.42;
 * Gross & Harris §2.3.3): with C the Erlang C probability and s = cμ − λ,
 *
 *   P(W > t) = C·e^{−s·t},   E[W] = C / s,   W_q = max(0, ln(C / (1 − q)) / s)
 *
 * `arrivalPerS` is λ, `serviceS` the mean service time 1/μ. Infinite waits when λ ≥ cμ.
 * Cost O(c). Throws for λ < 0, a service time ≤ 0 or q outside (0, 1).
 */
export function mmcWait(c: number, arrivalPerS: number, serviceS: number, q = 0.95): MmcWait {
  if (!(arrivalPerS >= 0)) throw new RangeError(`mmcWait requires an arrival rate ≥ 0, got ${arrivalPerS}`);
  if (!(serviceS > 0)) throw new RangeError(`mmcWait requires a service time > 0, got ${serviceS}`);
  if (!(q > 0 && q < 1)) throw new RangeError(`mmcWait requires 0 < q < 1, got ${q}`);
  const a = arrivalPerS * serviceS;
  const utilisation = a / c;
  if (a >= c) return { probWait: 1, meanS: Infinity, quantileS: Infinity, utilisation };
  const pw = erlangC(c, a);
  const s = c / serviceS - arrivalPerS;
  return { probWait: pw, meanS: pw / s, quantileS: Math.max(0, Math.log(pw / (1 - q)) / s), utilisation };
}
