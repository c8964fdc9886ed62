import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../src/analyze/index.js';
import { runSim } from '../../../src/engine/sim/run.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { loadTarget } from '../../../src/target/load.js';
import { tempDirs } from '../k6/tmp.js';

const tmp = tempDirs('sim-det-');
const REFERENCE = new URL('../../../targets/reference.json', import.meta.url).pathname;

async function simulate(seed: number, writeSamples?: 'all') {
  const scenario = await loadScenario('launch-day');
  const outDir = await tmp();
  const r = await runSim({
    scenario,
    population: generatePopulation(scenario, seed, { identity: false }),
    populationSize: scenario.population,
    target: await loadTarget(REFERENCE),
    baseUrl: '',
    outDir,
    seed,
    ...(writeSamples ? { writeSamples } : {}),
  });
  const read = (f: string) => readFile(join(outDir, f), 'utf8');
  return { r, outDir, summary: await read('summary.json'), manifest: await read('manifest.json') };
}

describe('sim engine: deterministic by seed', () => {
  it('writes byte-identical summary.json and manifest.json for the same seed, and a different day for another', async () => {
    const a = await simulate(5);
    const b = await simulate(5);
    expect(b.summary).toBe(a.summary);
    expect(b.manifest).toBe(a.manifest);
    const c = await simulate(6);
    expect(c.summary).not.toBe(a.summary);
    // The launch-day quota (100 at the default scale) is filled exactly, never over-sold.
    expect(a.r.summary.quota?.accepted).toBe(100);
    expect(a.r.summary.journeys?.outcomes.accepted).toBe(100);
    expect(JSON.parse(a.manifest).engine.name).toBe('sim');
  }, 60_000);

  it('summarizes in memory exactly what the analyzer reads back from the samples it can write', async () => {
    const s = await simulate(5, 'all');
    const fromFile = await analyzeRun([s.outDir], { threads: 1 });
    const mem = s.r.summary;
    expect(fromFile.source.samples).toBe(mem.source.samples);
    expect(fromFile.journeys).toEqual(mem.journeys);
    expect(fromFile.quota).toEqual(mem.quota);
    expect(fromFile.classes).toEqual(mem.classes);
    expect(fromFile.latency).toEqual(mem.latency);
    expect(fromFile.fairness).toEqual(mem.fairness);
    expect(fromFile.timeline).toEqual(mem.timeline);
  }, 60_000);
});
