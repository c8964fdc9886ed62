/**
 * The statistics' edges against outside values: arch 8.0.0 for the automatic block
 * length on more kinds of series (noise, AR(1), MA(1), a random walk, a trend), scipy
 * 1.17.1 for the normal CDF and quantile in both tails and at the switch points of
 * Acklam's algorithm, the Cornish-Fisher series of Abramowitz & Stegun 26.7.5 computed in
 * Python from scipy's z, the published FNV-1a test vectors, and each function's refusal of
 * what it cannot compute. Written after a mutation run (docs/testing.md) found these
 * edges unguarded.
 */
import { describe, expect, it } from 'vitest';
import { circularBlockWeights } from '../../../src/compare/stats/block-bootstrap.js';
import { bootstrapCi, percentileInterval, resample, resampleStatistics } from '../../../src/compare/stats/bootstrap.js';
import { mannWhitney } from '../../../src/compare/stats/mann-whitney.js';
import { mannWhitneyExactCounts } from '../../../src/compare/stats/mann-whitney-exact.js';
import { median } from '../../../src/compare/stats/median.js';
import { normalCdf, normalQuantile } from '../../../src/compare/stats/normal.js';
import { optimalBlockLength } from '../../../src/compare/stats/optimal-block-length.js';
import { quantileSorted } from '../../../src/compare/stats/quantile-sorted.js';
import { seededRandom, seedFor } from '../../../src/compare/stats/random.js';
import { studentTQuantile } from '../../../src/compare/stats/student-t-quantile.js';

/** MINSTD (Park & Miller 1988): exact in doubles, and the same numbers in Python. */
function minstd(seed: number, n: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (48271 * x) % 2147483647;
    return x / 2147483647;
  });
}

describe('automatic block length against arch 8.0.0 (optimal_block_length(x)["circular"])', () => {
  // The series, built the same way in Python (the script is in the comment of each row).
  const noise200 = minstd(1, 200).map((u) => u - 0.5);
  const ar300: number[] = [];
  let p = 0;
  for (const u of minstd(7, 300)) ar300.push((p = 0.7 * p + (u - 0.5)));
  const u101 = minstd(3, 101);
  const ma100 = Array.from({ length: 100 }, (_, i) => (u101[i + 1] as number) + 0.8 * (u101[i] as number));
  const walk500: number[] = [];
  let c = 0;
  for (let i = 0; i < 500; i++) walk500.push((c += ((i * 7919) % 101) / 101 - 0.5));
  const trend40 = Array.from({ length: 40 }, (_, i) => i + Math.sin(i));

  it.each<[string, number[], number]>([
    ['white noise, n = 200', noise200, 9.882580771251172],
    ['AR(1) φ = 0.7, n = 300', ar300, 9.531586489951124],
    ['its first 60 values', ar300.slice(0, 60), 16.397621244303025],
    ['MA(1) θ = 0.8, n = 100', ma100, 4.293057387454302],
    ['a random walk, n = 500', walk500, 42.35280169223744],
    ['a trend with a wiggle, n = 40', trend40, 9.445620734768827],
  ])('%s', (_name, x, want) => {
    expect(optimalBlockLength(x)).toBeCloseTo(want, 9);
  });

  it('is at least 1 where arch gives less (13 values of noise: arch 0.984)', () => {
    expect(optimalBlockLength(minstd(5, 13).map((u) => u - 0.5))).toBe(1);
  });
});

describe('normal distribution against scipy.stats.norm', () => {
  it.each([
    [1e-6, -4.753424308822899],
    [0.02, -2.053748910631823],
    [0.02425, -1.972961051311885], // Acklam's switch from the tail to the centre
    [0.5, 0],
    [0.7, 0.5244005127080407],
    [0.97, 1.8807936081512509],
    [1 - 0.02425, 1.972961051311885], // and back
    [0.98, 2.0537489106318225],
    [0.999, 3.090232306167813],
    [1 - 1e-6, 4.753424308817087],
  ])('ppf(%s) = %s (Acklam: relative error below 1.15e-9)', (q, z) => {
    expect(Math.abs(normalQuantile(q) - z)).toBeLessThanOrEqual(1.15e-9 * Math.abs(z) + 1e-15);
  });

  it.each([
    [-3, 0.0013498980316300933],
    [-1.5, 0.06680720126885807],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1.96, 0.9750021048517795],
    [4, 0.9999683287581669],
  ])('cdf(%s) = %s (erf within 1.2e-7)', (z, want) => {
    expect(Math.abs(normalCdf(z) - want)).toBeLessThan(2e-7);
  });

  it('refuses p outside (0, 1)', () => {
    for (const bad of [0, 1, -0.1, 1.1, Number.NaN])
      expect(() => normalQuantile(bad)).toThrow(new RangeError(`normalQuantile requires 0 < p < 1, got ${bad}`));
  });
});

describe('Student t quantile', () => {
  // A&S 26.7.5 evaluated in Python with scipy's z (Acklam's z agrees to ~1e-9).
  it.each([
    [0.975, 3, 3.178616995054062],
    [0.975, 4, 2.775582224236798],
    [0.9, 5, 1.4758593143668983],
    [0.05, 7, -1.8945652682699707],
    [0.995, 3, 5.794932457570619],
  ])('Cornish-Fisher t(%s, ν = %s) = %s', (q, nu, want) => {
    expect(studentTQuantile(q, nu)).toBeCloseTo(want, 7);
  });

  it('is exact in the lower tail for ν = 1 and 2 (scipy.stats.t.ppf(0.1, ν))', () => {
    expect(studentTQuantile(0.1, 1)).toBeCloseTo(-3.0776835371752536, 9);
    expect(studentTQuantile(0.1, 2)).toBeCloseTo(-1.8856180831641267, 9);
  });

  it('refuses p outside (0, 1) and ν below 1', () => {
    for (const bad of [0, 1, -0.1, 1.1])
      expect(() => studentTQuantile(bad, 5)).toThrow(new RangeError(`studentTQuantile requires 0 < p < 1, got ${bad}`));
    expect(() => studentTQuantile(0.9, 0.5)).toThrow(new RangeError('studentTQuantile requires ν ≥ 1, got 0.5'));
    expect(studentTQuantile(0.5, 1)).toBe(0);
  });
});

describe('quantiles and the median', () => {
  it('type 7 at both ends, and refuses what it cannot do', () => {
    const xs = [1, 2, 4, 8];
    expect(quantileSorted(xs, 0)).toBe(1);
    expect(quantileSorted(xs, 1)).toBe(8);
    expect(quantileSorted([5], 1)).toBe(5);
    expect(quantileSorted(xs, 0.5)).toBe(3);
    expect(() => quantileSorted([], 0.5)).toThrow(new RangeError('quantileSorted requires at least one value'));
    for (const bad of [-0.01, 1.01, Number.NaN])
      expect(() => quantileSorted(xs, bad)).toThrow(new RangeError(`quantileSorted requires 0 ≤ p ≤ 1, got ${bad}`));
  });

  it('median: the middle value or the mean of the two, sorted as numbers, input untouched; NaN for none', () => {
    const xs = [10, 9, 100];
    expect(median(xs)).toBe(10); // a text sort would put 100 in the middle
    expect(xs).toEqual([10, 9, 100]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('seeded streams', () => {
  it('seedFor is FNV-1a over the name, started from the offset basis xor the seed (published vectors for seed 0)', () => {
    expect(seedFor(0, '')).toBe(0x811c9dc5);
    expect(seedFor(0, 'a')).toBe(0xe40c292c);
    expect(seedFor(0, 'foobar')).toBe(0xbf9cf968);
    expect(seedFor(7, 'latency.p95')).toBe(3832697440);
  });
});

describe('bootstrap and block bootstrap: defaults and refusals', () => {
  it('2,000 resamples by default, each the size of the sample; non-finite statistics dropped', () => {
    const r = bootstrapCi([1, 2, 3], (s) => s.length, { seed: 1 });
    expect(r.distribution).toHaveLength(2000);
    expect(new Set(r.distribution)).toEqual(new Set([3]));
    expect(resample([1, 2, 3, 4], seededRandom(2))).toHaveLength(4);
    let k = 0;
    const stats = resampleStatistics(10, () =>
      k++ % 2 === 0 ? Number.NaN : k % 4 === 0 ? Number.POSITIVE_INFINITY : k,
    );
    expect([...stats]).toEqual([2, 6, 10]);
    expect(percentileInterval(new Float64Array(0), 0.95)).toEqual([Number.NaN, Number.NaN]);
    expect(() => bootstrapCi([], (s) => s.length, { seed: 1 })).toThrow(
      new RangeError('bootstrapCi requires at least one value'),
    );
  });

  it('circular block weights refuse n ≤ 0 and blocks shorter than 1, and accept blocks of 1', () => {
    const rng = seededRandom(3);
    for (const [n, l] of [
      [0, 2],
      [Number.NaN, 2],
      [5, 0.5],
      [5, Number.NaN],
    ] as const) {
      expect(() => circularBlockWeights(n, l, rng)).toThrow(
        new RangeError(`circularBlockWeights requires n > 0 and blockLength ≥ 1, got ${n}, ${l}`),
      );
    }
    expect([...circularBlockWeights(5, 1, rng)].reduce((a, b) => a + b, 0)).toBe(5);
  });
});

describe('Mann-Whitney: edges', () => {
  it('exact counts of empty samples are the single arrangement, and sizes must be whole and non-negative', () => {
    expect([...mannWhitneyExactCounts(0, 0)]).toEqual([1]);
    expect([...mannWhitneyExactCounts(0, 3)]).toEqual([1]);
    expect([...mannWhitneyExactCounts(3, 0)]).toEqual([1]);
    for (const [m, n] of [
      [-1, 2],
      [2, -1],
      [2.5, 1],
      [1, 1.5],
    ]) {
      expect(() => mannWhitneyExactCounts(m as number, n as number)).toThrow(
        new RangeError(`mannWhitneyExactCounts requires non-negative integer sizes, got ${m}, ${n}`),
      );
    }
  });

  it('all values tied: no evidence at all, p = 1 (R gives 1 too); an empty second sample is refused', () => {
    expect(mannWhitney([1, 1, 1], [1, 1, 1])).toMatchObject({ u: 4.5, p: 1, method: 'normal' });
    expect(() => mannWhitney([1], [])).toThrow(RangeError);
  });
});
