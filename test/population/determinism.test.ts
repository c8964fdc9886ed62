import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generatePopulation } from '../../src/population/generate.js';
import { writePopulation, type PopulationFormat } from '../../src/population/write.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';

async function bytes(scenario: Scenario, seed: number, format: PopulationFormat = 'ndjson'): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writePopulation(generatePopulation(scenario, seed), out, format);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * launch-day with 100 candidates instead of 400: byte identity needs no more, and a
 * mutation run (docs/testing.md) re-runs this file for every mutant it covers.
 */
async function launchDay(): Promise<Scenario> {
  return { ...(await loadScenario('launch-day')), population: 100 };
}

describe('population determinism', () => {
  it('gives byte-identical NDJSON, JSON and CSV for the same seed', async () => {
    const s = await launchDay();
    for (const format of ['ndjson', 'json', 'csv'] as const) {
      const a = await bytes(s, 42, format);
      expect(a.length).toBeGreaterThan(10_000);
      expect(await bytes(s, 42, format)).toBe(a);
    }
  });

  it('gives a different population for a different seed', async () => {
    const s = await launchDay();
    const a = (await bytes(s, 1)).split('\n');
    const b = (await bytes(s, 2)).split('\n');
    expect(a.length).toBe(b.length);
    // Every line differs: arrival times, seeds and names all come from the seed.
    expect(a.filter((line, i) => line !== '' && line === b[i])).toEqual([]);
  });

  it('yields the scenario population sorted by arrival, seq in arrival order, c000000-style ids', async () => {
    const s = await launchDay();
    const pop = [...generatePopulation(s, 7)];
    expect(s.population).toBe(100);
    expect(pop).toHaveLength(s.population);
    pop.forEach((c, i) => {
      expect(c.seq).toBe(i);
      expect(c.id).toBe(`c${String(i).padStart(6, '0')}`);
      expect(Number.isInteger(c.seed) && c.seed >= 0 && c.seed < 2 ** 32).toBe(true);
      if (i > 0) expect(c.arrivalMs).toBeGreaterThanOrEqual(pop[i - 1]!.arrivalMs);
    });
    expect(new Set(pop.map((c) => c.seed)).size).toBe(pop.length);
  });

  it('writes a JSON array that k6 SharedArray can parse and a CSV with one row per candidate', async () => {
    const s = await launchDay();
    const json = JSON.parse(await bytes(s, 3, 'json')) as unknown[];
    expect(json).toHaveLength(s.population);
    const csv = (await bytes(s, 3, 'csv')).split('\r\n').filter(Boolean);
    expect(csv).toHaveLength(s.population + 1);
    expect(csv[0]!.startsWith('id,seq,seed,arrivalMs,firstName,lastName,email,country,locale,persona.name')).toBe(true);
  });
});
