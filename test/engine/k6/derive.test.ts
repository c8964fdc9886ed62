import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bundleScript } from '../../../src/engine/k6/bundle.js';
import { exportK6 } from '../../../src/engine/k6/export.js';
import { prepareScript } from '../../../src/engine/k6/script.js';
import { CHAIN_NAMES, COUNTRIES } from '../../../src/population/locales.js';
import { generatePopulation } from '../../../src/population/generate.js';
import type { Candidate } from '../../../src/population/types.js';
import { loadScenario } from '../../../src/scenario/load.js';
import type { Scenario } from '../../../src/scenario/types.js';
import { loadTarget } from '../../../src/target/load.js';
import { rush, loopbackPortal } from './fixtures.js';
import { haveK6, k6Label } from './have-k6.js';
import { runBundle } from './shim/run-bundle.js';
import { tempDirs } from './tmp.js';

const tmp = tempDirs('k6-derive-');
const k6 = haveK6();
const SKIP =
  'k6 part of the derived-candidates test skipped: no k6 on PATH and K6_BIN unset (the bundled code was run in Node instead)';
if (!k6) console.log(SKIP);

const ENTRY = new URL('./derive-entry.ts', import.meta.url).pathname;
const SHIM_DATA = new URL('./shim/data.mjs', import.meta.url).pathname;
const SEED = 20_200_116;

/** election-night, small, with every country of locales.ts and one it does not know (English): every Faker locale. */
async function everyLocale(): Promise<Scenario> {
  const s = await loadScenario('election-night', { scale: 1500 / 5_257_500 });
  const codes = [...Object.keys(COUNTRIES), 'ZZ'];
  return { ...s, countries: codes.map((code) => ({ code, share: 1 / codes.length })) };
}

/** The exported script's configuration for `scenario`, and the generator's candidates at the script's arrivals. */
async function setUp(scenario: Scenario) {
  const dir = await tmp();
  const prepared = await prepareScript({
    dir,
    scenario,
    target: await loadTarget('targets/reference.json'),
    baseUrl: 'http://127.0.0.1:9',
    population: { derive: SEED },
  });
  // The script's candidate n arrives at iteration n's scheduled start: the generator's
  // arrival for candidate n (src/scenario/arrival-clock.ts), so every field compares.
  const expected = [...generatePopulation(scenario, SEED)];
  return { dir, config: prepared.config, expected, count: prepared.count };
}

describe('candidates derived inside the k6 script', () => {
  it('equal the generator’s, every Faker locale, run in Node from the bundled code', async () => {
    const scenario = await everyLocale();
    const { config, expected, count } = await setUp(scenario);
    expect(count).toBe(scenario.population);
    const { code } = await bundleScript(config, {
      entry: ENTRY,
      node: { globalName: 'derived', alias: { 'k6/data': SHIM_DATA } },
    });
    const sandbox: Record<string, unknown> = { __ENV: {} };
    runInNewContext(`${code};globalThis.out = JSON.stringify(derived.derive());`, sandbox);
    const got = JSON.parse(sandbox.out as string) as Candidate[];
    expect(got).toHaveLength(expected.length);
    expect(new Set(got.map((c) => c.locale)).size).toBe(Object.keys(CHAIN_NAMES).length);
    for (let i = 0; i < got.length; i++) expect(got[i], `candidate ${i}`).toEqual(expected[i]);
  }, 120_000);

  it('give way to your own population file: REHEARSAL_POPULATION names candidates the script reads instead', async () => {
    const scenario = await everyLocale();
    const { config, expected } = await setUp(scenario);
    const { code } = await bundleScript(config, {
      entry: ENTRY,
      node: { globalName: 'derived', alias: { 'k6/data': SHIM_DATA } },
    });
    // Your own candidates: the generator's, renamed, split over two files.
    const own = expected.map((c) => ({ ...c, id: `mine-${c.seq}`, firstName: 'Own' }));
    const files: Record<string, string> = {
      'a.json': JSON.stringify(own.slice(0, 700)),
      'b.json': JSON.stringify(own.slice(700)),
    };
    const sandbox: Record<string, unknown> = {
      __ENV: { REHEARSAL_POPULATION: 'a.json, b.json' },
      open: (f: string) => files[f],
    };
    runInNewContext(`${code};globalThis.out = JSON.stringify(derived.derive());`, sandbox);
    expect(JSON.parse(sandbox.out as string)).toEqual(own);
  }, 120_000);

  it.skipIf(!k6)(
    `equal the generator’s byte for byte in real k6, every Faker locale (${k6Label(k6)})`,
    async () => {
      const scenario = await everyLocale();
      const { dir, config, expected } = await setUp(scenario);
      const { code } = await bundleScript(config, { entry: ENTRY });
      const script = join(dir, 'derive.js');
      await writeFile(script, code);
      const { stderr } = await promisify(execFile)(
        k6 as string,
        ['run', '--quiet', '--no-summary', '--log-format=raw', '--no-color', script],
        { cwd: dir, env: { ...process.env, K6_NO_USAGE_REPORT: 'true' }, timeout: 120_000, maxBuffer: 1 << 28 },
      );
      const line = stderr.split('\n').find((l) => l.startsWith('['));
      expect(line, stderr.slice(-500)).toBeDefined();
      // Byte-identical: goja's Faker (floats, Math, Unicode normalization) prints what V8's does.
      expect(line).toBe(JSON.stringify(expected));
    },
    180_000,
  );

  it(`run their journeys: an export with no population file runs every candidate once and fills the quota (${k6 ? k6Label(k6) : 'Node stand-in for k6'})`, async () => {
    const dir = await tmp();
    const portal = await loopbackPortal(rush.portal, dir);
    try {
      const out = join(dir, 'k6');
      const r = await exportK6({
        outDir: out,
        scenario: rush,
        target: await loadTarget('targets/reference.json'),
        baseUrl: portal.url,
        seed: 4,
        populationMode: 'derive',
      });
      expect(r.files).toEqual(['script.js', 'README.md']);
      let journeys: Array<{ tags: Record<string, string>; metadata?: Record<string, string> }>;
      if (k6) {
        await promisify(execFile)(k6, ['run', '--quiet', '--no-summary', '--out', 'json=samples.ndjson', 'script.js'], {
          cwd: out,
          env: { ...process.env, K6_NO_USAGE_REPORT: 'true' },
          timeout: 150_000,
        });
        const lines = (await readFile(join(out, 'samples.ndjson'), 'utf8')).split('\n').filter(Boolean);
        journeys = lines
          .map(
            (l) =>
              JSON.parse(l) as {
                metric: string;
                type: string;
                data: { tags: Record<string, string>; metadata?: Record<string, string> };
              },
          )
          .filter((l) => l.type === 'Point' && l.metric === 'rehearsal_journey')
          .map((l) => l.data);
      } else {
        const run = await runBundle(join(out, 'script.js'));
        expect(run.errors).toEqual([]);
        journeys = run.samples.filter((x) => x.metric === 'rehearsal_journey');
      }
      const ids = [...generatePopulation(rush, 4)].map((c) => c.id);
      expect(journeys.map((j) => j.metadata?.candidate).sort()).toEqual(ids.sort());
      expect(journeys.filter((j) => j.tags.outcome === 'accepted')).toHaveLength(rush.portal.quota as number);
      expect((await portal.stats()) as unknown).toMatchObject({ accepted: rush.portal.quota });
    } finally {
      await portal.close();
    }
  }, 240_000);
});
