import { describe, expect, it } from 'vitest';
import { kendallTauB, mergeCountSwaps } from '../../src/analyze/kendall.js';

/**
 * Expected values computed with scipy 1.17.1, `scipy.stats.kendalltau(x, y)` (variant
 * 'b', the default), and discordant pairs by brute force over all pairs in Python.
 * The last case is the example of scipy's kendalltau documentation (tau = −0.4714…).
 */
const CASES: Array<{ name: string; x: number[]; y: number[]; tau: number; discordant: number; concordant: number }> = [
  {
    name: 'no ties',
    x: [1, 2, 3, 4, 5, 6, 7, 8],
    y: [1, 3, 2, 4, 6, 5, 8, 7],
    tau: 0.7857142857142856,
    discordant: 3,
    concordant: 25,
  },
  {
    name: 'ties in both',
    x: [1, 1, 2, 3, 3, 4, 5, 5],
    y: [2, 1, 1, 3, 4, 4, 6, 5],
    tau: 0.823687767580373,
    discordant: 1,
    concordant: 22,
  },
  { name: 'reversed', x: [0, 1, 2, 3, 4], y: [5, 4, 3, 2, 1], tau: -0.9999999999999999, discordant: 10, concordant: 0 },
  {
    name: "scipy's documentation example",
    x: [12, 2, 1, 12, 2],
    y: [1, 4, 7, 1, 0],
    tau: -0.4714045207910316,
    discordant: 6,
    concordant: 2,
  },
];

describe("Kendall's tau-b in O(n log n)", () => {
  for (const c of CASES) {
    it(`matches scipy.stats.kendalltau: ${c.name}`, () => {
      const r = kendallTauB(c.x, c.y);
      expect(r.tau).toBeCloseTo(c.tau, 12);
      expect(r.discordant).toBe(c.discordant);
      expect(r.concordant).toBe(c.concordant);
    });
  }

  it('is undefined when every value of one side is tied, and for fewer than two pairs', () => {
    expect(kendallTauB([1, 1, 1], [1, 2, 3]).tau).toBeNull();
    expect(kendallTauB([1], [1]).tau).toBeNull();
    expect(kendallTauB([], []).tau).toBeNull();
    expect(() => kendallTauB([1, 2], [1])).toThrow('kendallTauB requires paired samples of equal length');
  });

  it('counts inversions as a brute-force count does, on a larger shuffled sample', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const a = Array.from({ length: 1000 }, () => Math.floor(rnd() * 300));
    let brute = 0;
    for (let i = 0; i < a.length; i++)
      for (let j = i + 1; j < a.length; j++) if ((a[i] as number) > (a[j] as number)) brute++;
    const arr = Float64Array.from(a);
    expect(mergeCountSwaps(arr)).toBe(brute);
    expect([...arr]).toEqual([...a].sort((x, y) => x - y));
  });
});
