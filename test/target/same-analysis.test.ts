import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

/**
 * Outcomes by journey and responses by class, straight from the k6 NDJSON. (When the
 * analyzer lands, `analyzeRun` gives the same figures: summary.journeys.outcomes and
 * summary.classes.total.)
 */
async function tally(dir: string) {
  const outcomes: Record<string, number> = {};
  const classes: Record<string, number> = {};
  for (const line of (await readFile(join(dir, 'samples.ndjson'), 'utf8')).split('\n')) {
    if (!line) continue;
    const l = JSON.parse(line);
    if (l.type !== 'Point') continue;
    if (l.metric === 'rehearsal_journey') outcomes[l.data.tags.outcome] = (outcomes[l.data.tags.outcome] ?? 0) + 1;
    if (l.metric === 'rehearsal_req') classes[l.data.tags.class] = (classes[l.data.tags.class] ?? 0) + 1;
  }
  return { outcomes, classes };
}

describe('rehearsals through a target file are portal-agnostic', () => {
  it('gives the same analysis against the form-based portal as against the reference portal', async () => {
    // 160 candidates for 40 places, four hours replayed in five seconds; same capacity on both portals.
    const scenario = await loadScenario('launch-day', { scale: 160 / 11_200, timeScale: 2880 });
    const spec = scenario.portal;
    const quota = spec.quota as number;
    const reference = await startPortal({ ...spec });
    const other = await startOtherPortal({ quota, workers: spec.workers, serviceMs: spec.serviceMs, maxActive: spec.maxActive ?? spec.workers });
    try {
      const runs = [];
      for (const [name, url, targetFile] of [
        ['reference', reference.url, 'targets/reference.json'],
        ['other', other.url, 'test/fixtures/other-portal/target.json'],
      ] as const) {
        const outDir = await mkdtemp(join(tmpdir(), `same-${name}-`));
        dirs.push(outDir);
        await nodeEngine.run({ scenario, population: generatePopulation(scenario, 7), populationSize: scenario.population, target: await loadTarget(targetFile), baseUrl: url, outDir, seed: 7 });
        runs.push(await tally(outDir));
      }
      const [ref, oth] = runs as [Awaited<ReturnType<typeof tally>>, Awaited<ReturnType<typeof tally>>];
      // The quota is filled exactly on both, and each run's count equals the portal's own.
      expect(ref.outcomes.accepted).toBe(quota);
      expect(oth.outcomes.accepted).toBe(quota);
      expect((await reference.stats()).accepted).toBe(quota);
      expect(other.accepted()).toBe(quota);
      // Everyone else was turned away, however each portal said it (409 JSON vs a 200 page; 503 vs a 302).
      for (const r of runs) {
        const { accepted = 0, quota_full = 0, gave_up = 0, ...rest } = r.outcomes;
        expect(rest).toEqual({});
        expect(accepted + quota_full + gave_up).toBe(scenario.population);
        expect(quota_full).toBeGreaterThan(0);
      }
      // The same classes, so the same analysis: ok, throttled under the opening rush, quota_full after.
      expect(Object.keys(oth.classes).sort()).toEqual(Object.keys(ref.classes).sort());
      expect(Object.keys(ref.classes).sort()).toEqual(['ok', 'quota_full', 'throttled']);
    } finally {
      await reference.close();
      await other.close();
    }
  });
});
