import { erlangB } from './erlang-b.js';

/**
 * Erlang C: the probability that an arrival has to wait in an M/M/c queue with
 * offered load a = λ/μ < c, from Erlang B (Kleinrock 1975, eq. 3.40; the identity in
 * Zukerman §8.6):
 *
 *   C(c, a) = c·B / (c − a·(1 − B)),   B = B(c, a)
 *
 * 1 when a ≥ c (the queue grows without bound: everyone waits). Cost O(c).
 * Throws as erlangB does, and for c = 0.
 */
export function erlangC(c: number, a: number): number {
  if (c === 0) throw new RangeError('erlangC requires at least one server');
  if (a >= c) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}
