import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import type { Summary } from '../../src/analyze/summary.js';
import { nodeEngine } from '../../src/engine/node/index.js';
import { generatePopulation } from '../../src/population/generate.js';
import { startPortal } from '../../src/portal/index.js';
import { loadScenario } from '../../src/scenario/load.js';
import { loadTarget } from '../../src/target/load.js';
import { startOtherPortal } from '../fixtures/other-portal/server.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('rehearsals through a target file are portal-agnostic', () => {
  it('gives the same analysis against the form-based portal as against the reference portal', async () => {
    // 160 candidates for 40 places, four hours replayed in five seconds; same capacity on both portals.
    // 2 workers × 30 ms behind a cap of 2, not the calibrated portal (fitted at the default
    // knobs): at 2880× that would leave the quota unfilled, and this test is about the targets.
    const loaded = await loadScenario('launch-day', { scale: 160 / 11_200, timeScale: 2880 });
    const scenario = { ...loaded, portal: { ...loaded.portal, workers: 2, serviceMs: 30, maxActive: 2 } };
    const spec = scenario.portal;
    const quota = spec.quota as number;
    const reference = await startPortal({ ...spec });
    const other = await startOtherPortal({
      quota,
      workers: spec.workers,
      serviceMs: spec.serviceMs,
      maxActive: spec.maxActive ?? spec.workers,
    });
    try {
      const runs: Summary[] = [];
      for (const [name, url, targetFile] of [
        ['reference', reference.url, 'targets/reference.json'],
        ['other', other.url, 'test/fixtures/other-portal/target.json'],
      ] as const) {
        const outDir = await mkdtemp(join(tmpdir(), `same-${name}-`));
        dirs.push(outDir);
        await nodeEngine.run({
          scenario,
          population: generatePopulation(scenario, 7),
          populationSize: scenario.population,
          target: await loadTarget(targetFile),
          baseUrl: url,
          outDir,
          seed: 7,
        });
        runs.push(await analyzeRun([outDir]));
      }
      const [ref, oth] = runs as [Summary, Summary];
      // The quota is filled exactly on both, never over-sold, and each run's count equals the portal's own.
      for (const s of runs)
        expect(s.quota).toMatchObject({ size: quota, accepted: quota, filled: true, oversold: false });
      expect(ref.journeys?.outcomes.accepted).toBe(quota);
      expect(oth.journeys?.outcomes.accepted).toBe(quota);
      expect((await reference.stats()).accepted).toBe(quota);
      expect(other.accepted()).toBe(quota);
      // Everyone else was turned away, however each portal said it (409 JSON vs a 200 page; 503 vs a 302).
      for (const r of runs) {
        expect(r.journeys?.candidates).toBe(scenario.population);
        const { accepted = 0, quota_full = 0, gave_up = 0, ...rest } = r.journeys?.outcomes ?? {};
        expect(rest).toEqual({});
        expect(accepted + quota_full + gave_up).toBe(scenario.population);
        expect(quota_full).toBeGreaterThan(0);
      }
      // The same classes, so the same analysis: ok, throttled under the opening rush, quota_full after.
      const classes = (s: Summary) =>
        Object.keys(s.classes?.total ?? {})
          .filter((k) => (s.classes?.total[k as 'ok'] ?? 0) > 0)
          .sort();
      expect(classes(oth)).toEqual(classes(ref));
      expect(classes(ref)).toEqual(['ok', 'quota_full', 'throttled']);
      // Fairness is measured the same way on both: a first-come portal under a rush is close to, not exactly, arrival order.
      for (const s of runs) expect(s.fairness?.kendallTau).toBeGreaterThan(0);
    } finally {
      await reference.close();
      await other.close();
    }
  });
});
