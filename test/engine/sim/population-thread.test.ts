import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSim } from '../../../src/engine/sim/run.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { loadScenario } from '../../../src/scenario/load.js';
import type { Scenario } from '../../../src/scenario/types.js';
import { loadTarget } from '../../../src/target/load.js';
import { tempDirs } from '../k6/tmp.js';

const tmp = tempDirs('sim-pop-');
const REFERENCE = new URL('../../../targets/reference.json', import.meta.url).pathname;

/** One run, its population either handed over as objects or generated on the population thread. */
async function simulate(scenario: Scenario, onThread: boolean, extra: { maxDurationMs?: number } = {}) {
  const outDir = await tmp();
  const r = await runSim({
    scenario,
    population: generatePopulation(scenario, 3, { identity: false }),
    ...(onThread ? { populationSpec: { seed: 3, identity: false } } : {}),
    populationSize: scenario.population,
    target: await loadTarget(REFERENCE),
    baseUrl: '',
    outDir,
    seed: 3,
    writeSamples: 'summary',
    ...extra,
  });
  const read = (f: string) => readFile(join(outDir, f), 'utf8');
  return {
    r,
    summary: await read('summary.json'),
    manifest: await read('manifest.json'),
    samples: await read('samples.ndjson'),
  };
}

describe('sim engine: the population generated on its own thread', () => {
  // More candidates than one batch (8,192), so batches are handed back and refilled.
  for (const [name, change] of [
    ['election-night, the arrival clock', {}],
    ['election-night, arrivals by thinning', { arrivals: 'poisson' as const }],
  ] as const)
    it(`gives the very run of the candidates handed over as objects (${name}): summary, manifest and every sample`, async () => {
      const scenario = { ...(await loadScenario('election-night', { scale: 0.0033 })), ...change };
      expect(scenario.population).toBeGreaterThan(2 * 8192);
      const objects = await simulate(scenario, false);
      const thread = await simulate(scenario, true);
      expect(thread.summary).toBe(objects.summary);
      expect(thread.manifest).toBe(objects.manifest);
      // The journeys' points carry the candidates' ids, made from their numbers on this side.
      expect(thread.samples).toContain('"candidate":"c000001"');
      expect(thread.samples).toBe(objects.samples);
    }, 120_000);

  it('stops the thread when arrivals close early (--max-duration), with the same run', async () => {
    const scenario = await loadScenario('election-night', { scale: 0.0033 });
    const maxDurationMs = scenario.windowMs / 10;
    const objects = await simulate(scenario, false, { maxDurationMs });
    const thread = await simulate(scenario, true, { maxDurationMs });
    expect(thread.summary).toBe(objects.summary);
    expect(thread.r.eventsByKind[0]).toBeLessThan(scenario.population);
    expect(thread.r.eventsByKind[0]).toBe(objects.r.eventsByKind[0]);
  }, 120_000);
});
