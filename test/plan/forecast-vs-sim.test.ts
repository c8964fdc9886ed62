import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forecastDay } from '../../src/plan/forecast/forecast.js';
import { loadScenario } from '../../src/scenario/load.js';
import { simulatedFills } from '../engine/sim/node-vs-sim.js';

/**
 * The fluid forecast against the sim engine: the same scenario, scale and time scale, the
 * same portal logic (the sim's model is the reference portal's), per candidate and with
 * every random draw, over several populations (seeds). Where both models see the same
 * portal, the forecast's quota fill time is the mean of the simulated ones: measured at
 * +0.4 % (default knobs) and −0.6 % (scale 0.02, 360×) over 12 seeds (docs/capacity-planning.md).
 */
describe('fluid forecast against the per-candidate simulation', () => {
  // Two portals: the pre-calibration one (2 workers × 30 ms behind a cap of 2, where the
  // fluid model was checked at +0.4 % and −0.6 %: a tight bound that a 10 % shift of the
  // opening breaks), and the shipped calibration (1 × 140 ms behind a cap of 1, patience of
  // hours), where the fluid model's mean retry pattern is coarser: measured 12.2 % and 8.6 %,
  // held to issue 13's 15 %.
  const cases = [
    { portal: { workers: 2, serviceMs: 30, maxActive: 2 }, within: 0.08, name: '2 × 30 ms, cap 2' },
    { portal: {}, within: 0.15, name: 'as shipped' },
  ];
  for (const c of cases)
    for (const knobs of [{}, { scale: 0.02, timeScale: 360 }]) {
      it(`launch-day ${JSON.stringify(knobs)} (${c.name}): the quota fills when the simulated days fill it on average (within ${c.within * 100} %)`, async () => {
        const loaded = await loadScenario('launch-day', knobs);
        const s = { ...loaded, portal: { ...loaded.portal, ...c.portal } };
        const fills = await simulatedFills(s, 8, join(tmpdir(), `forecast-vs-sim-${process.pid}`));
        expect(fills).toHaveLength(8);
        const simMean = fills.reduce((a, b) => a + b, 0) / fills.length;
        const f = forecastDay(s, {
          capacityPerSec: (s.portal.workers * 1000) / s.portal.serviceMs,
          source: 'test',
          runs: 3,
        });
        expect(f.point.quotaFillMs).not.toBeNull();
        expect(Math.abs((f.point.quotaFillMs as number) / simMean - 1)).toBeLessThan(c.within);
      }, 120_000);
    }
});
