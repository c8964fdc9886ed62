import { describe, expect, it } from 'vitest';
import { k6Percentiles } from '../../src/analyze/metric-agg.js';
import { valuesAtRanks } from '../../src/analyze/select-rank.js';
import { seededUniform } from '../../src/portal/service-time.js';

/** A seeded stream (the portal's mulberry32), so a failure names the case that made it. */
const rng = seededUniform;

/** The shapes a trend's values take: continuous, heavy runs of one value (a throttle's zeros), few values, sorted, reversed. */
function values(seed: number, n: number): Float64Array {
  const r = rng(seed);
  const kind = seed % 5;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = r();
    xs[i] =
      kind === 0
        ? -Math.log(1 - u) * 40
        : kind === 1
          ? u < 0.9
            ? 0
            : u * 10_000
          : kind === 2
            ? Math.floor(u * 3)
            : kind === 3
              ? i * 0.5
              : n - i;
  }
  return xs;
}

describe('valuesAtRanks (selection instead of a sort)', () => {
  it('gives the value the sorted array holds at every rank, for 500 seeded arrays of 1–3,000 values', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const n = 1 + ((seed * 7919) % 3000);
      const xs = values(seed, n);
      const sorted = xs.slice().sort();
      const r = rng(seed + 1_000_000);
      const ranks = [0, n - 1, Math.floor(r() * n), Math.floor(r() * n), Math.floor(r() * n)];
      expect(valuesAtRanks(xs.slice(), ranks), `seed ${seed}, n ${n}`).toEqual(ranks.map((k) => sorted[k]));
    }
  });

  it('gives the sorted values at 200 ranks at once (a time-to-outcome curve), repeated ranks and any order included', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const n = 1 + ((seed * 15_485_863) % 20_000);
      const xs = values(seed, n);
      const sorted = xs.slice().sort();
      const r = rng(seed + 2_000_000);
      const curve = Array.from({ length: Math.min(200, n) }, (_, k) => Math.ceil(((k + 1) * n) / Math.min(200, n)) - 1);
      const ranks = [...curve, ...curve.slice(0, 20), Math.floor(r() * n), 0].reverse();
      const got = valuesAtRanks(xs.slice(), ranks);
      const want = ranks.map((k) => sorted[k] as number);
      // One expect per failing seed (220 values each).
      if (got.some((v, i) => !Object.is(v, want[i]))) expect(got, `seed ${seed}, n ${n}`).toEqual(want);
    }
  });

  it('gives the sorted values at any ranks of large arrays (by leading bits): signs, ±0, ties, one bucket, tiny spreads', () => {
    const n = 70_000;
    const r = rng(77);
    const shapes: Array<[string, (i: number) => number]> = [
      ['exponential', () => -Math.log(1 - r()) * 40],
      ['both signs and zeros of both signs', (i) => (i % 7 === 0 ? (i % 2 ? -0 : 0) : (r() - 0.5) * 1e6)],
      ['all equal (one bucket)', () => 28.125],
      ['a spread under one bucket', () => 1000 + r() * 1e-9],
      ['few values, heavy ties', () => Math.floor(r() * 3) - 1],
      ['huge and tiny magnitudes', () => (r() < 0.5 ? r() * 1e-300 : r() * 1e300)],
      ['descending', (i) => n - i],
    ];
    for (const [name, f] of shapes) {
      const xs = Float64Array.from({ length: n }, (_, i) => f(i));
      const sorted = xs.slice().sort();
      const curve = Array.from({ length: 200 }, (_, k) => Math.ceil(((k + 1) * n) / 200) - 1);
      const ranks = [0, n - 1, ...curve, Math.floor(r() * n), curve[5] as number].reverse();
      const got = valuesAtRanks(xs.slice(), ranks);
      const want = ranks.map((k) => sorted[k] as number);
      // Object.is: −0 and +0 told apart, as the sort places them.
      if (got.some((v, i) => !Object.is(v, want[i]))) expect(got, name).toEqual(want);
    }
  });

  it('sorts an array that holds a NaN (the sort places it last) rather than select over it', () => {
    const xs = Float64Array.from([3, Number.NaN, 1, 2, 5]);
    expect(valuesAtRanks(xs, [4, 0, 3, 2])).toEqual([Number.NaN, 1, 5, 3]);
  });

  it("keeps k6's trend percentiles (Hyndman & Fan 7 on the sorted values) exactly", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const n = 1 + ((seed * 104_729) % 5000);
      const xs = values(seed, n);
      const sorted = xs.slice().sort();
      const k6 = (p: number) => {
        const i = p * (n - 1);
        const lo = sorted[Math.floor(i)] as number;
        const hi = sorted[Math.ceil(i)] as number;
        return Math.round((lo + (hi - lo) * (i - Math.floor(i))) * 1e6) / 1e6;
      };
      expect(k6Percentiles(xs, [0.5, 0.9, 0.95]), `seed ${seed}`).toEqual([k6(0.5), k6(0.9), k6(0.95)]);
    }
  });

  it('a NaN among the values gets the sorted placement (no endless scan)', () => {
    const xs = Float64Array.from([3, Number.NaN, 1, 2]);
    expect(k6Percentiles(xs, [0.5])).toEqual([2.5]);
  });
});
