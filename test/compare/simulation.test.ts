import { describe, expect, it } from 'vitest';
import { compareSets } from '../../src/compare/compare-sets.js';
import { compareWindows } from '../../src/compare/compare-windows.js';
import { refKey } from '../../src/compare/budget/ref-key.js';
import { planMetric } from '../../src/compare/plan.js';
import { coarsen } from '../../src/compare/windows/coarsen.js';
import { WindowCollector } from '../../src/compare/windows/collect.js';
import { specKey } from '../../src/compare/windows/series-spec.js';
import { windowedStat, type WindowedStat } from '../../src/compare/windows/windowed-stat.js';
import { syntheticSamples, type SyntheticRun } from './fixtures/synthetic.js';

/*
 * The gate's promise, checked by simulation: runs drawn from the same distribution
 * are flagged at no more than the chosen false-positive rate (α = 5 %), and a 20 %
 * slower release is caught. All draws are seeded, so the counts below are exact and
 * reproducible; the margins say how far a different seed could move them.
 */
const p95 = planMetric({
  kind: 'sample',
  metric: 'http_req_duration',
  tags: { expected_response: 'true' },
  agg: { name: 'p', p: 95 },
});

/** A run as compare sees it: streamed into windows, coarsened to ~30 samples a window. */
function run(o: SyntheticRun): WindowedStat {
  const c = new WindowCollector([p95.window!.spec]);
  for (const s of syntheticSamples(o)) c.add(s);
  const r = c.result();
  return windowedStat(coarsen(r.series.get(specKey(p95.window!.spec))!), p95.window!.agg, r.widthMs);
}

function single(seedA: number, seedB: number, factor: number) {
  // A minute at 30 requests a second (1,800 requests a run); the latency level drifts
  // from second to second as an AR(1) with φ = 0.5 and a 10 % spread, so neighbouring
  // windows are correlated and an i.i.d. bootstrap would be overconfident.
  const shape = { windows: 60, perWindow: 30, phi: 0.5, levelSd: 0.1 };
  const a = run({ seed: seedA, ...shape });
  const b = run({ seed: seedB, ...shape, medianMs: 40 * factor });
  return compareWindows(a, b, 'lower', {
    confidence: 0.95,
    resamples: 400,
    seed: seedA,
    minWindows: 10,
    minSamples: 200,
  });
}

describe('false positives and power of the gate', () => {
  it('single runs from the same distribution: at most α + 3 binomial SDs flagged (block bootstrap over windows)', () => {
    const pairs = 150;
    let flagged = 0;
    for (let i = 0; i < pairs; i++)
      if (single(1000 + 2 * i, 1001 + 2 * i, 1).verdict !== 'no significant change') flagged++;
    // α = 0.05; SD of a binomial(150, 0.05) share = 1.8 points → margin 3 SD = 5.3 points: ≤ 15 of 150.
    expect(flagged).toBeLessThanOrEqual(15);
    expect(flagged).toMatchInlineSnapshot(`6`);
  });

  it('single runs: a 20 % increase in p95 is detected as a regression in at least 80 % of pairs', () => {
    const pairs = 40;
    let caught = 0;
    for (let i = 0; i < pairs; i++) {
      const r = single(5000 + 2 * i, 5001 + 2 * i, 1.2);
      if (r.verdict === 'regressed') caught++;
      expect(r.verdict).not.toBe('improved');
    }
    // Measured 90 % over 200 other seeds; 3 binomial SDs over 40 pairs is 14 points.
    expect(caught).toBeGreaterThanOrEqual(32);
    expect(caught).toMatchInlineSnapshot(`35`);
  });

  it('sets of 5 runs a side (Mann-Whitney over per-run p95): false positives ≤ α + margin, a 20 % increase detected', () => {
    const perRun = (seed: number, factor: number) =>
      run({ seed, windows: 20, perWindow: 30, medianMs: 40 * factor }).value;
    const set = (seed: number, factor: number) => Array.from({ length: 5 }, (_, k) => perRun(seed * 10 + k, factor));
    const opts = { alpha: 0.05, confidence: 0.95, resamples: 200, seed: 1 };
    let falsePositives = 0;
    let caught = 0;
    const pairs = 120;
    for (let i = 0; i < pairs; i++) {
      if (
        compareSets(set(20_000 + 2 * i, 1), set(20_001 + 2 * i, 1), 'lower', opts).verdict !== 'no significant change'
      )
        falsePositives++;
    }
    for (let i = 0; i < 30; i++)
      if (compareSets(set(40_000 + 2 * i, 1), set(40_001 + 2 * i, 1.2), 'lower', opts).verdict === 'regressed')
        caught++;
    // The exact test at 5 vs 5 rejects with probability 2 · 4/252 = 0.032 under the null
    // (its largest attainable level below α); SD of binomial(120, 0.05) = 2 points, so
    // α + 3 SD allows 13 of 120.
    expect(falsePositives).toBeLessThanOrEqual(13);
    expect(caught).toBeGreaterThanOrEqual(27);
    expect([falsePositives, caught]).toMatchInlineSnapshot(`
      [
        3,
        28,
      ]
    `);
  });

  it('uses the key the budget language prints', () => {
    expect(
      refKey({
        kind: 'sample',
        metric: 'http_req_duration',
        tags: { expected_response: 'true' },
        agg: { name: 'p', p: 95 },
      }),
    ).toBe(p95.key);
  });
});
