import { describe, expect, it } from 'vitest';
import { mannWhitney } from '../../../src/compare/stats/mann-whitney.js';
import { mannWhitneyExactCounts } from '../../../src/compare/stats/mann-whitney-exact.js';

/*
 * Expected values are R's and scipy's:
 * - R's ?wilcox.test example (Hollander & Wolfe 1973, p. 69: permeability constants of
 *   the human chorioamnion): wilcox.test(x, y, alternative = "g") gives W = 35,
 *   p-value = 0.1272; the two-sided p-value is twice that.
 * - scipy 1.17.1 `scipy.stats.mannwhitneyu(a, b, method=…)` for the other cases
 *   (printed with full precision on this machine; R's wilcox.test agrees by construction:
 *   same exact distribution, same tie-corrected normal with continuity correction).
 */
describe('Mann-Whitney U', () => {
  const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
  const y = [1.15, 0.88, 0.9, 0.74, 1.21];

  it('reproduces R wilcox.test on Hollander & Wolfe’s chorioamnion data (exact, no ties)', () => {
    const r = mannWhitney(x, y);
    expect(r.u).toBe(35);
    expect(r.method).toBe('exact');
    expect(r.p).toBeCloseTo(0.2544122544122544, 12);
  });

  it('is symmetric: swapping the samples gives U′ = mn − U and the same p-value', () => {
    const r = mannWhitney(y, x);
    expect(r.u).toBe(15);
    expect(r.p).toBeCloseTo(0.2544122544122544, 12);
  });

  it('matches scipy exact p for 8 vs 8 latency-like values', () => {
    const c = [12.1, 13.4, 11.8, 14.9, 12.7, 13.3, 15.2, 12.9];
    const d = [14.1, 15.8, 13.9, 16.2, 14.4, 15.1, 16.9, 14.8];
    const r = mannWhitney(c, d);
    expect(r.u).toBe(9);
    expect(r.p).toBeCloseTo(0.014763014763014764, 12);
  });

  it('uses the tie-corrected normal approximation with continuity correction when values tie (scipy asymptotic)', () => {
    const a = [1, 2, 2, 3, 4, 4, 4, 5, 6, 7];
    const b = [3, 4, 5, 5, 6, 7, 7, 8, 9, 9, 10];
    const r = mannWhitney(a, b);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(18.5);
    // erf approximation error ≤ 1.2e-7
    expect(r.p).toBeCloseTo(0.010669300560314204, 6);
  });

  it('switches to the normal approximation from 50 values a side, as R does (scipy asymptotic)', () => {
    const e = Array.from({ length: 60 }, (_, i) => i);
    const f = Array.from({ length: 55 }, (_, i) => i + 7.5);
    const r = mannWhitney(e, f);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(1378);
    expect(r.p).toBeCloseTo(0.12848379227750423, 6);
  });

  // The switch sits exactly at 50 on either side (R: exact when m < 50 and n < 50, no ties).
  // Exact and normal p-values differ in the third decimal here, so each row tells which was used.
  it.each([
    { name: '49 vs 49', x: [49, 0, 1], y: [49, 3.5, 1], method: 'exact', u: 1035, p: 0.24224097561872057 },
    { name: '49 vs 10', x: [49, 0, 1], y: [10, 2.5, 5], method: 'exact', u: 235, p: 0.8501255749985202 },
    { name: '50 vs 10', x: [50, 0, 1], y: [10, 2.5, 5], method: 'normal', u: 245, p: 0.928875881195823 },
    { name: '10 vs 50', x: [10, 2.5, 5], y: [50, 0, 1], method: 'normal', u: 255, p: 0.928875881195823 },
  ] as const)('$name values: $method (scipy 1.17.1, method exact / asymptotic)', ({ x, y, method, u, p }) => {
    // [count, first, step]: 0, 1, 2, … or 2.5, 7.5, …: never a tie.
    const side = ([k, off, step]: readonly [number, number, number]) =>
      Array.from({ length: k }, (_, i) => i * step + off);
    const r = mannWhitney(side(x), side(y));
    expect(r.method).toBe(method);
    expect(r.u).toBe(u);
    expect(r.p).toBeCloseTo(p, 6);
  });

  it('cannot reach 5 % with 3 runs a side (min p = 0.1) but can with 4 (2/70), as benchstat warns', () => {
    expect(mannWhitney([1, 2, 3], [4, 5, 6]).p).toBeCloseTo(0.1, 12);
    expect(mannWhitney([1, 2, 3], [4, 5, 6]).minP).toBeCloseTo(0.1, 12);
    expect(mannWhitney([1, 2, 3, 4], [5, 6, 7, 8]).minP).toBeCloseTo(2 / 70, 12);
  });

  it('exact counts sum to C(m+n, m) and are symmetric', () => {
    const counts = Array.from(mannWhitneyExactCounts(10, 5));
    expect(counts.length).toBe(51);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(3003);
    expect(counts).toEqual([...counts].reverse());
  });

  it('refuses an empty sample', () => {
    expect(() => mannWhitney([], [1])).toThrow('mannWhitney requires at least one value in each sample');
  });
});
