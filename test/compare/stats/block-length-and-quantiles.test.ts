import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../src/compare/stats/normal.js';
import { optimalBlockLength } from '../../../src/compare/stats/optimal-block-length.js';
import { studentTQuantile } from '../../../src/compare/stats/student-t-quantile.js';
import { histogramQuantile, bucketOf, GAMMA } from '../../../src/analyze/log-histogram.js';

describe('automatic block length (Politis & White 2004, Patton et al. 2009)', () => {
  // Expected values: arch 8.0.0, `arch.bootstrap.optimal_block_length(x)["circular"]`,
  // on the same deterministic series (numpy float64).
  it('matches arch on a slowly drifting series', () => {
    const x = Array.from({ length: 120 }, (_, i) => ((i * 7919) % 101) / 101 - 0.5 + 0.9 * Math.sin(0.05 * i));
    expect(optimalBlockLength(x)).toBeCloseTo(18.49819644973268, 9);
  });

  it('matches arch on a periodic series', () => {
    const x = Array.from({ length: 64 }, (_, i) => ((i * 37) % 17) / 17);
    expect(optimalBlockLength(x)).toBeCloseTo(18.78047513164565, 9);
  });

  it('caps at min(3√n, n/3) as arch does (43 for n = 200)', () => {
    const x = Array.from(
      { length: 200 },
      (_, i) => Math.sin(0.3 * i) + 0.5 * Math.sin(2.1 * i + 1) + ((i * 7919) % 101) / 101 - 0.5,
    );
    expect(optimalBlockLength(x)).toBe(43);
  });

  it('is 1 for a constant series and for very short ones', () => {
    expect(optimalBlockLength([3, 3, 3, 3, 3, 3, 3, 3])).toBe(1);
    expect(optimalBlockLength([1, 2, 3])).toBe(1);
  });
});

describe('normal and Student t quantiles', () => {
  it('match scipy.stats.norm.ppf to 1e-8', () => {
    const expected: Array<[number, number]> = [
      [0.001, -3.090232306167813],
      [0.01, -2.3263478740408408],
      [0.025, -1.9599639845400545],
      [0.3, -0.5244005127080409],
      [0.975, 1.959963984540054],
    ];
    for (const [p, z] of expected) expect(normalQuantile(p)).toBeCloseTo(z, 8);
  });

  it('match scipy.stats.t.ppf(0.975, ν) within the Cornish-Fisher error', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 9);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302652729749462, 9);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.1824463052837078, 2);
    expect(studentTQuantile(0.975, 6)).toBeCloseTo(2.4469118511449786, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 4);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0422724563012378, 6);
  });
});

describe('log histogram', () => {
  it('keeps every quantile within the DDSketch bound (γ − 1)/(γ + 1) ≈ 0.5 % of the exact order statistic', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 5 * Math.exp(((i * 7919) % 1000) / 250)); // 5 ms … 273 ms
    const counts = new Map<number, number>();
    for (const v of values) counts.set(bucketOf(v), (counts.get(bucketOf(v)) ?? 0) + 1);
    const buckets = [...counts.keys()].sort((a, b) => a - b);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const exact = sorted[Math.floor(q * (sorted.length - 1))] as number;
      const got = histogramQuantile(
        buckets,
        buckets.map((b) => counts.get(b) as number),
        q,
      );
      expect(Math.abs(got / exact - 1)).toBeLessThanOrEqual((GAMMA - 1) / (GAMMA + 1) + 1e-12);
    }
  });
});
