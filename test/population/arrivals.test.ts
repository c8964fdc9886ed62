import { describe, expect, it } from 'vitest';
import { generatePopulation } from '../../src/population/generate.js';
import { thinnedArrivals } from '../../src/population/arrivals.js';
import { arrivalClock } from '../../src/scenario/arrival-clock.js';
import { normalize } from '../../src/scenario/normalize.js';
import { cdfAt, curveDistribution } from '../../src/scenario/curve.js';
import { uniformStream } from '../../src/population/stream.js';
import { loadScenario, loadScenarioInput } from '../../src/scenario/load.js';

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
  it("are the arrival clock's instants: within one arrival of the curve at every instant, sorted, exactly N", async () => {
    const s = normalize(await loadScenarioInput('election-night'), { scale: 0.004 });
    const d = curveDistribution(s.curve, s.windowMs);
    const times = [...generatePopulation(s, 9, { identity: false })].map((c) => c.arrivalMs + s.openingMs);
    const n = s.population;
    expect(n).toBeGreaterThan(15_000);
    expect(times).toHaveLength(n);
    for (let i = 1; i < n; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(times[0]!).toBeGreaterThanOrEqual(0);
    expect(times.at(-1)!).toBeLessThanOrEqual(s.windowMs + 1e-3);
    // Deterministic quantiles: the empirical CDF is within one arrival (plus the stages'
    // rounding, under half an arrival over the window) of the curve's, far inside a
    // sample's KS bound (1.63/√N, 0.013 here); a Poisson draw would miss this by ~√N.
    expect(ksStatistic(times, (x) => cdfAt(d, x))).toBeLessThan(1.5 / n + 1e-9);
  });

  it("put exactly the curve's share of arrivals in each phase of a step curve", () => {
    // Rate 1 for 10 min, 9 for 10 min: 10 % then 90 % of 10,000: the 1,000th starts at the step.
    const at = arrivalClock(
      {
        curve: [
          { atMs: 0, rate: 1 },
          { atMs: 600_000, rate: 1 },
          { atMs: 600_000, rate: 9 },
          { atMs: 1_200_000, rate: 9 },
        ],
        windowMs: 1_200_000,
      },
      10_000,
    );
    expect(at(1_000)).toBeCloseTo(600_000, 6);
    expect(at(999)).toBeLessThan(600_000);
    expect(at(1_001)).toBeGreaterThan(600_000);
    expect(at(10_000)).toBeLessThanOrEqual(1_200_000 + 1e-6);
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
