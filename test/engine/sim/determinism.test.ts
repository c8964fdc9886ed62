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

async function simulate(seed: number, writeSamples?: 'all' | 'summary') {
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

  // The default records requests as per-second aggregates handed over in memory (their
  // histograms never encoded); --samples summary writes the same points to the file, so
  // analyze over the file must give the in-memory summary, every section. With
  // --samples all both sides take every point.
  for (const mode of ['summary', 'all'] as const)
    it(`summarizes in memory exactly what the analyzer reads back from the samples it writes (--samples ${mode})`, async () => {
      const s = await simulate(5, mode);
      const fromFile = await analyzeRun([s.outDir], { threads: 1 });
      const mem = s.r.summary;
      expect(fromFile.source.samples).toBe(mem.source.samples);
      expect(fromFile.journeys).toEqual(mem.journeys);
      expect(fromFile.quota).toEqual(mem.quota);
      expect(fromFile.classes).toEqual(mem.classes);
      expect(fromFile.latency).toEqual(mem.latency);
      expect(fromFile.byCountry).toEqual(mem.byCountry);
      expect(fromFile.fairness).toEqual(mem.fairness);
      expect(fromFile.timeline).toEqual(mem.timeline);
      expect(fromFile.metrics).toEqual(mem.metrics);
      if (mode === 'summary') {
        // And the file is the default run's record: the same summary as without --samples.
        const plain = await simulate(5);
        expect({ ...s.r.summary, source: null }).toEqual({ ...plain.r.summary, source: null });
      }
    }, 60_000);

  it('aggregates change no outcome: journeys, quota, classes and fairness equal those of every sample', async () => {
    const agg = (await simulate(5)).r.summary;
    const all = (await simulate(5, 'all')).r.summary;
    expect(agg.journeys).toEqual(all.journeys);
    expect(agg.quota).toEqual(all.quota);
    expect(agg.classes).toEqual(all.classes);
    expect(agg.fairness).toEqual(all.fairness);
    expect(agg.throughput.requests).toBe(all.throughput.requests);
    // Latency percentiles come from the same HdrHistogram buckets (3 significant digits); an
    // aggregate records an instant answer (0 ms, no round trip) as 1 µs, its lowest value.
    const a = agg.latency?.all;
    const b = all.latency?.all;
    if (!a || !b) throw new Error('no latency section');
    for (const q of ['p50', 'p90', 'p99'] as const) expect(Math.abs(a[q] - b[q])).toBeLessThanOrEqual(0.001);
    expect(a.count).toBe(b.count);
    // Four points a request against one per second × operation × class × status.
    expect(agg.source.samples).toBeLessThan((all.source.samples ?? 0) / 2);
  }, 60_000);
});
