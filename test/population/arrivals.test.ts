import { describe, expect, it } from 'vitest';
import { orderedArrivals, thinnedArrivals } from '../../src/population/arrivals.js';
import { cdfAt, curveDistribution } from '../../src/scenario/curve.js';
import { uniformStream } from '../../src/population/stream.js';
import { loadScenario } from '../../src/scenario/load.js';

/** Kolmogorov–Smirnov statistic of sorted samples against a CDF. */
function ksStatistic(sorted: number[], cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  });
  return d;
}

// Critical value of the one-sample KS test at α = 0.01 for large n: 1.628/√n
// (Smirnov 1948; Massey, "The Kolmogorov-Smirnov test for goodness of fit",
// JASA 46(253), 1951, table 1: 1.63/√n for n > 35).
const ksCritical = (n: number) => 1.628 / Math.sqrt(n);

describe('arrival times', () => {
  it('follow the scenario curve (KS test on 20,000 ordered arrivals) and come sorted', async () => {
    const s = await loadScenario('election-night');
    const d = curveDistribution(s.curve, s.windowMs);
    const times = [...orderedArrivals(d, 20_000, uniformStream(9))];
    expect(times).toHaveLength(20_000);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(times[0]!).toBeGreaterThanOrEqual(0);
    expect(times.at(-1)!).toBeLessThanOrEqual(s.windowMs);
    expect(ksStatistic(times, (x) => cdfAt(d, x))).toBeLessThan(ksCritical(times.length));
  });

  it('put the expected share of arrivals in each phase of a step curve (binned rate test)', () => {
    // Rate 1 for 10 min, 9 for 10 min: 10 % then 90 % of arrivals.
    const d = curveDistribution(
      [
        { atMs: 0, rate: 1 },
        { atMs: 600_000, rate: 1 },
        { atMs: 600_000, rate: 9 },
        { atMs: 1_200_000, rate: 9 },
      ],
      1_200_000,
    );
    const n = 10_000;
    let early = 0;
    for (const t of orderedArrivals(d, n, uniformStream(3))) if (t < 600_000) early++;
    // Binomial(10,000, 0.1): sd = 30; 4 sd either side.
    expect(Math.abs(early - 1_000)).toBeLessThan(120);
  });

  it('by thinning (Lewis & Shedler) give a Poisson count around the mean and the same shape', async () => {
    const s = await loadScenario('election-night');
    const d = curveDistribution(s.curve, s.windowMs);
    const times = [...thinnedArrivals(d, 20_000, uniformStream(11))];
    // Poisson(20,000): sd ≈ 141; 4 sd either side.
    expect(Math.abs(times.length - 20_000)).toBeLessThan(566);
    expect(ksStatistic(times, (x) => cdfAt(d, x))).toBeLessThan(ksCritical(times.length));
  });
});
