import { requestRate } from './queue/little.js';

/**
 * Instances for a peak: the request rate the peak brings (Little's law, users ÷ time
 * between one user's requests) divided by what one instance may carry — its capacity at
 * the objective times the headroom — rounded up. The interval scales the capacity by the
 * interval of the peak throughput (its bootstrap low and high relative to the estimate).
 * Cost O(1). Throws for capacity ≤ 0 or headroom outside (0, 1].
 */
export function instancesFor(
  peak: { users: number; thinkTimeS: number },
  perInstance: number,
  headroom: number,
  capacityRatio: { low: number; high: number } = { low: 1, high: 1 },
): { rate: number; needed: number; atFullCapacity: number; interval: { low: number; high: number } } {
  if (!(perInstance > 0)) throw new RangeError(`instancesFor requires a capacity per instance > 0, got ${perInstance}`);
  if (!(headroom > 0 && headroom <= 1)) throw new RangeError(`instancesFor requires 0 < headroom ≤ 1, got ${headroom}`);
  const rate = requestRate(peak.users, peak.thinkTimeS);
  const usable = perInstance * headroom;
  const n = (cap: number) => Math.max(1, Math.ceil(rate / cap - 1e-9));
  return {
    rate,
    needed: n(usable),
    atFullCapacity: n(perInstance),
    // More capacity per instance (the high end of X(N*)) means fewer instances.
    interval: { low: n(usable * capacityRatio.high), high: n(usable * capacityRatio.low) },
  };
}
