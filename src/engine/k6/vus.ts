/**
 * VU sizing by Little's law. k6 runs one journey per VU for the journey's whole
 * length, so the VUs busy at time t are the journeys in the system at t:
 *
 *   L = λ·W   (Little 1961, "A proof for the queuing formula L = λW", Oper. Res. 9(3))
 *
 * and with a time-varying arrival rate, L(t) = ∫_{t−W}^{t} λ(s) ds. Rather than a
 * single λ and W, the peak is taken exactly over the candidates themselves: each
 * holds a VU from the moment k6 starts its iteration to its arrival plus the longest
 * its journey can last, and the VUs needed are the most such intervals that overlap.
 */

/** L = λ·W for a constant rate (per ms) and time in system (ms). */
export function littlesLaw(ratePerMs: number, wMs: number): number {
  return ratePerMs * wMs;
}

/**
 * Peak overlap of the intervals [starts[i], ends[i]); both arrays sorted ascending
 * (true here: iterations start in order, candidates arrive in order). O(N).
 */
export function peakOverlap(starts: ArrayLike<number>, ends: ArrayLike<number>): number {
  let peak = 0;
  let open = 0;
  let j = 0;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i] as number;
    while (j < ends.length && (ends[j] as number) <= s) {
      open--;
      j++;
    }
    open++;
    if (open > peak) peak = open;
  }
  return peak;
}

export interface VuSizing {
  preAllocatedVUs: number;
  maxVUs: number;
  /** Peak journeys in the system, before headroom. */
  peak: number;
}

/**
 * Pre-allocates the peak with 10 % headroom (+2). k6 starts a VU beyond the
 * pre-allocated ones only after it has dropped an iteration for want of one
 * (lib/executor/ramping_arrival_rate.go), and a dropped iteration does not consume
 * an iteration number, so it would push every later candidate back: the bound is
 * allocated up front. Never more than the population, never more than `cap`.
 */
export function sizeVus(peak: number, population: number, cap?: number): VuSizing {
  let vus = Math.min(population, Math.ceil(peak * 1.1) + 2);
  if (cap !== undefined) vus = Math.min(vus, Math.max(1, Math.floor(cap)));
  vus = Math.max(1, vus);
  return { preAllocatedVUs: vus, maxVUs: vus, peak };
}
