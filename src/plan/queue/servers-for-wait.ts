import { mmcWait } from './mmc-wait.js';

/**
 * The fewest servers c for which an M/M/c queue meets a waiting-time objective: the
 * q-quantile of the wait at most `maxWaitS` (a "square-root staffing" question, here
 * answered exactly by search rather than by the Halfin–Whitt approximation c ≈ a + β√a).
 * Starts at the stability bound ⌊a⌋ + 1 and steps up; the wait falls monotonically in c.
 * Cost O(c²) at worst, a few ms for c in the thousands. Throws as mmcWait does, or for
 * a negative objective.
 */
export function serversForWait(arrivalPerS: number, serviceS: number, maxWaitS: number, q = 0.95): number {
  if (!(maxWaitS >= 0)) throw new RangeError(`serversForWait requires a wait objective ≥ 0, got ${maxWaitS}`);
  const a = arrivalPerS * serviceS;
  let c = Math.max(1, Math.floor(a) + 1);
  while (mmcWait(c, arrivalPerS, serviceS, q).quantileS > maxWaitS) c++;
  return c;
}
