/**
 * Erlang B: the probability that an arrival finds all c servers busy and is lost, for
 * Poisson arrivals and an offered load of a = λ/μ erlangs (M/M/c/c; insensitive to the
 * service-time distribution, so M/G/c/c too). By the recursion
 *
 *   B(0, a) = 1,   B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a))
 *
 * which never forms aᶜ or c! and so stays exact for c in the tens of thousands
 * (Kleinrock, "Queueing Systems" vol. 1, 1975, §3.7; the recursion e.g. in
 * Zukerman, "Introduction to Queueing Theory and Stochastic Teletraffic Models", §8.3).
 * Cost O(c). Throws for a non-integer or negative c, or a < 0.
 */
export function erlangB(c: number, a: number): number {
  if (!(Number.isInteger(c) && c >= 0))
    throw new RangeError(`erlangB requires a whole number of servers ≥ 0, got ${c}`);
  if (!(a >= 0 && Number.isFinite(a))) throw new RangeError(`erlangB requires an offered load ≥ 0, got ${a}`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}
