import { existsSync } from 'node:fs';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../src/analyze/index.js';
import { K6_MISSING, k6Engine } from '../../../src/engine/k6/index.js';
import { nodeEngine } from '../../../src/engine/node/index.js';
import type { Engine, RunOptions } from '../../../src/engine/types.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { loadTarget } from '../../../src/target/load.js';
import { UsageError } from '../../../src/util/usage-error.js';
import { k6RunError, rush, loopbackPortal } from './fixtures.js';
import { haveK6, k6Label } from './have-k6.js';
import { tempDirs } from './tmp.js';

const tmp = tempDirs('k6-run-');

describe('k6 engine without k6', () => {
  it('says in one line how to install k6, exit code 2, and writes nothing', async () => {
    const saved = { PATH: process.env.PATH, K6_BIN: process.env.K6_BIN };
    const outDir = join(await tmp(), 'run');
    process.env.PATH = await tmp(); // an empty directory: no k6 on it
    delete process.env.K6_BIN;
    try {
      const err = await k6RunError(outDir);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).exitCode).toBe(2);
      expect((err as Error).message).toBe(K6_MISSING);
      expect(K6_MISSING).not.toContain('\n');
      expect(existsSync(outDir)).toBe(false);
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.K6_BIN !== undefined) process.env.K6_BIN = saved.K6_BIN;
    }
  });
});

// --- With k6 (on PATH or K6_BIN): the same rehearsal in real k6 ----------------------------------

const k6 = haveK6();
const SKIP = 'k6 end-to-end tests skipped: no k6 on PATH and K6_BIN unset (install k6 or set K6_BIN to run them)';
if (!k6) console.log(SKIP);

const small = rush;

async function rehearse(engine: Engine, extra: Partial<RunOptions>[] = [{}]) {
  const dir = await tmp();
  const portal = await loopbackPortal(small.portal, dir);
  try {
    const target = await loadTarget('targets/reference.json');
    const startAt = Date.now() + 3_000;
    const runs = await Promise.all(
      extra.map((x, i) =>
        engine.run({
          scenario: small,
          population: generatePopulation(small, 11),
          populationSize: small.population,
          target,
          baseUrl: portal.url,
          outDir: join(dir, `run-${i}`),
          seed: 11,
          ...(extra.length > 1 ? { startAt } : {}),
          ...x,
        }),
      ),
    );
    // A journey's tags and its metadata (k6 writes per-candidate values there), as one record.
    const journeys: Array<Record<string, string>> = [];
    const metadataKeys = new Set<string>();
    const tagKeys = new Set<string>();
    for (const r of runs) {
      for (const f of r.samples) {
        for (const line of (await readFile(f, 'utf8')).split('\n')) {
          if (!line.includes('"rehearsal_journey"') || !line.includes('"Point"')) continue;
          const d = (JSON.parse(line) as { data: { tags: Record<string, string>; metadata?: Record<string, string> } })
            .data;
          for (const k of Object.keys(d.tags)) tagKeys.add(k);
          for (const k of Object.keys(d.metadata ?? {})) metadataKeys.add(k);
          journeys.push({ ...d.metadata, ...d.tags });
        }
      }
    }
    const outcomes: Record<string, number> = {};
    for (const j of journeys) outcomes[j.outcome as string] = (outcomes[j.outcome as string] ?? 0) + 1;
    return { runs, journeys, outcomes, tagKeys, metadataKeys, stats: await portal.stats() };
  } finally {
    await portal.close();
  }
}

/** A copy of a run directory whose samples carry their metadata as tags (the pre-metadata form). */
async function metadataAsTags(runDir: string, dir: string): Promise<string> {
  for (const f of await readdir(runDir)) {
    if (f === 'manifest.json') await copyFile(join(runDir, f), join(dir, f));
    if (!f.endsWith('.ndjson')) continue;
    const lines = (await readFile(join(runDir, f), 'utf8')).split('\n').map((l) => {
      if (!l.includes('"metadata"')) return l;
      const o = JSON.parse(l) as { data: { tags: Record<string, string>; metadata?: Record<string, string> } };
      o.data.tags = { ...o.data.tags, ...o.data.metadata };
      delete o.data.metadata;
      return JSON.stringify(o);
    });
    await writeFile(join(dir, f), lines.join('\n'));
  }
  return dir;
}

describe(`k6 engine with ${k6Label(k6)}`, () => {
  it.skipIf(!k6)(
    'fills the quota exactly, each candidate once, with the node engine’s outcome counts (±4 of 40 per outcome)',
    async () => {
      const viaK6 = await rehearse(k6Engine);
      expect(viaK6.runs[0]?.manifest.engine.name).toBe('k6');
      expect(viaK6.runs[0]?.manifest.engine.version).toMatch(/\d+\.\d+\.\d+/);
      expect(viaK6.journeys).toHaveLength(small.population);
      expect(new Set(viaK6.journeys.map((j) => j.candidate)).size).toBe(small.population);
      expect(viaK6.outcomes.accepted, JSON.stringify(viaK6.outcomes) + JSON.stringify(viaK6.stats)).toBe(
        small.portal.quota,
      );
      // Per-candidate values travel as metadata (no time series per candidate), tags stay few.
      expect([...viaK6.metadataKeys].sort()).toEqual(['arrival', 'attempts', 'candidate']);
      // (k6 adds its system tags `scenario` and `group`.)
      expect([...viaK6.tagKeys].sort()).toEqual(['country', 'group', 'outcome', 'scenario']);
      // `rehearse analyze` reads the k6 run directory as it reads a node run, and gives the
      // summary the same samples would give with those values as tags.
      const summary = await analyzeRun([viaK6.runs[0]!.outDir]);
      const asTags = await metadataAsTags(viaK6.runs[0]!.outDir, await tmp());
      expect({ ...(await analyzeRun([asTags])), source: null }).toEqual({ ...summary, source: null });
      expect(summary.source.engine).toBe('k6');
      expect(summary.quota).toMatchObject({ size: small.portal.quota, accepted: small.portal.quota, oversold: false });
      const viaNode = await rehearse(nodeEngine);
      expect(viaNode.outcomes.accepted).toBe(small.portal.quota);
      // Who gives up before the quota closes depends on timing to the millisecond: ±10 %.
      for (const o of new Set([...Object.keys(viaK6.outcomes), ...Object.keys(viaNode.outcomes)])) {
        expect(Math.abs((viaK6.outcomes[o] ?? 0) - (viaNode.outcomes[o] ?? 0))).toBeLessThanOrEqual(4);
      }
    },
  );

  it.skipIf(!k6)('two execution segments in two k6 processes run every candidate once and fill the quota', async () => {
    const split = await rehearse(k6Engine, [{ segment: '0:1/2' }, { segment: '1/2:1' }]);
    expect(split.journeys).toHaveLength(small.population);
    expect(new Set(split.journeys.map((j) => j.candidate)).size).toBe(small.population);
    expect(split.outcomes.accepted).toBe(small.portal.quota);
    // The two output files analyzed together.
    const summary = await analyzeRun(
      split.runs.flatMap((r) => r.samples),
      { quota: small.portal.quota },
    );
    expect(summary.quota).toMatchObject({ accepted: small.portal.quota, oversold: false });
    expect(split.runs.map((r) => r.manifest.engine.segment)).toEqual(['0:1/2', '1/2:1']);
  });
});
