/**
 * Two figures of k6's memory at the scale of the real day, each with its peer:
 *
 * 1. Population (`--part=population`): k6's peak RSS and start-up for an exported
 *    election-night of N candidates, the population shipped as population.json (before)
 *    beside the candidates derived inside the script (after). Each export's script.js is
 *    imported by a wrapper that only initialises it in V VUs (`--vus`, default 1 and 100)
 *    and runs one empty iteration each: the figure is what the population (or the
 *    generator and its Faker data, held by every VU) costs, with no portal or HTTP.
 *    `--derived-only` skips the population.json side (685 MB and ~12 GB of k6 at 10⁶).
 *
 * 2. Samples (`--part=samples`): k6's peak memory for N journey samples, with the per-candidate
 * values (candidate, arrival, attempts) as tags — what the bundle wrote before — beside
 * the same values as sample metadata (`exec.vu.metrics.metadata`), what it writes now.
 * k6 keeps one time series per distinct tag set for the whole test, so with tags its
 * memory grows with the population; with metadata it does not.
 *
 * The script emits exactly the bundle's journey point (metric, tags, metadata keys) and
 * nothing else, so the figure is the samples' cost alone, not the portal's or HTTP's.
 * `--candidates 100000,1000000` (default), `--quick` for 100,000 only.
 * Without k6 (PATH or K6_BIN) or /usr/bin/time it prints that it was skipped.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exportK6, locateK6 } from '../src/engine/k6/index.js';
import { generatePopulation } from '../src/population/generate.js';
import { loadScenario } from '../src/scenario/load.js';
import { loadTarget } from '../src/target/load.js';
import { QUICK } from './_harness.js';

const part = process.argv.find((a) => a.startsWith('--part='))?.split('=')[1] ?? 'all';
// --derived-only: skip the population.json export (at 1,000,000 candidates it is 685 MB, ~12 GB of k6 RSS).
const derivedOnly = process.argv.includes('--derived-only');
const vuCounts = (process.argv.find((a) => a.startsWith('--vus='))?.split('=')[1] ?? '1,100').split(',').map(Number);
const arg = process.argv.find((a) => a.startsWith('--candidates='))?.split('=')[1];
const sizes = arg ? arg.split(',').map(Number) : QUICK ? [100_000] : [100_000, 1_000_000];

const k6 = (() => {
  try {
    return locateK6();
  } catch {
    return undefined;
  }
})();
if (!k6 || !existsSync('/usr/bin/time')) {
  process.stdout.write('k6 memory bench skipped: needs k6 (PATH or K6_BIN) and /usr/bin/time\n');
  process.exit(0);
}

const SCRIPT = `import exec from 'k6/execution';
import { Trend } from 'k6/metrics';
const journey = new Trend('rehearsal_journey', true);
const N = Number(__ENV.N);
export const options = { scenarios: { s: { executor: 'shared-iterations', vus: 4, iterations: N, maxDuration: '30m' } } };
export default function () {
  const i = exec.scenario.iterationInTest;
  if (__ENV.MODE === 'tags') {
    journey.add(i % 1000, { outcome: 'accepted', country: 'FR', candidate: 'c' + i, arrival: String(i), attempts: String(1 + (i % 3)) });
  } else {
    const md = exec.vu.metrics.metadata;
    md.candidate = 'c' + i;
    md.arrival = String(i);
    md.attempts = String(1 + (i % 3));
    journey.add(i % 1000, { outcome: 'accepted', country: 'FR' });
    delete md.candidate;
    delete md.arrival;
    delete md.attempts;
  }
}
`;

/** Peak RSS in MB and wall seconds of one k6 run. */
async function peak(
  bin: string,
  dir: string,
  n: number,
  mode: 'tags' | 'metadata',
): Promise<{ mb: number; s: number }> {
  const { stderr } = await promisify(execFile)(
    '/usr/bin/time',
    [
      '-f',
      'peak-rss-kb=%M wall-s=%e',
      bin,
      'run',
      '--quiet',
      '--summary-mode=disabled',
      '-e',
      `N=${n}`,
      '-e',
      `MODE=${mode}`,
      '--out',
      'json=/dev/null',
      'script.js',
    ],
    { cwd: dir, env: { ...process.env, K6_NO_USAGE_REPORT: 'true' }, timeout: 40 * 60_000, maxBuffer: 1 << 26 },
  );
  const m = /peak-rss-kb=(\d+) wall-s=([\d.]+)/.exec(stderr);
  if (!m) throw new Error(`k6 memory bench: no figure from /usr/bin/time: ${stderr.slice(-300)}`);
  return { mb: Number(m[1]) / 1024, s: Number(m[2]) };
}

/** Election night's full population: scale 1 (scenarios/election-night.ts). */
const FULL_NIGHT = 5_257_500;

/** Peak RSS in MB and wall seconds of k6 initialising `script.js` of `dir` in `vus` VUs. */
async function initCost(bin: string, dir: string, vus: number): Promise<{ mb: number; s: number }> {
  const wrapper = `import './script.js';
export const options = { scenarios: { init: { executor: 'per-vu-iterations', vus: ${vus}, iterations: 1, maxDuration: '30m' } } };
export default function () {}
`;
  await writeFile(join(dir, 'init.js'), wrapper);
  const { stderr } = await promisify(execFile)(
    '/usr/bin/time',
    ['-f', 'peak-rss-kb=%M wall-s=%e', bin, 'run', '--quiet', '--summary-mode=disabled', 'init.js'],
    { cwd: dir, env: { ...process.env, K6_NO_USAGE_REPORT: 'true' }, timeout: 40 * 60_000, maxBuffer: 1 << 26 },
  );
  const m = /peak-rss-kb=(\d+) wall-s=([\d.]+)/.exec(stderr);
  if (!m) throw new Error(`k6 memory bench: no figure from /usr/bin/time: ${stderr.slice(-300)}`);
  return { mb: Number(m[1]) / 1024, s: Number(m[2]) };
}

async function populationPart(bin: string): Promise<void> {
  const target = await loadTarget('targets/reference.json');
  process.stdout.write(
    `k6 peak RSS and start-up, election-night exported with population.json (before) vs candidates derived in the script (after) (${bin})\n`,
  );
  for (const n of sizes) {
    const scenario = await loadScenario('election-night', { scale: n / FULL_NIGHT });
    const base = { scenario, target, baseUrl: 'http://127.0.0.1:9', seed: 1 };
    const before = await mkdtemp(join(tmpdir(), 'bench-k6-files-'));
    const after = await mkdtemp(join(tmpdir(), 'bench-k6-derived-'));
    try {
      if (!derivedOnly) await exportK6({ ...base, outDir: before, population: generatePopulation(scenario, 1) });
      await exportK6({ ...base, outDir: after });
      for (const vus of vuCounts) {
        const a = await initCost(bin, after, vus);
        if (derivedOnly) {
          process.stdout.write(
            `  ${scenario.population.toLocaleString('en-US').padStart(9)} candidates, ${String(vus).padStart(3)} VUs: derived ${a.mb.toFixed(0)} MB (${a.s} s)\n`,
          );
          continue;
        }
        const b = await initCost(bin, before, vus);
        process.stdout.write(
          `  ${scenario.population.toLocaleString('en-US').padStart(9)} candidates, ${String(vus).padStart(3)} VUs: population.json ${b.mb.toFixed(0)} MB (${b.s} s), derived ${a.mb.toFixed(0)} MB (${a.s} s)   derived/file = ${(a.mb / b.mb).toFixed(2)} (memory), ${(a.s / b.s).toFixed(2)} (start-up)\n`,
        );
      }
    } finally {
      await rm(before, { recursive: true, force: true });
      await rm(after, { recursive: true, force: true });
    }
  }
}

if (part === 'all' || part === 'population') await populationPart(k6);
const dir = await mkdtemp(join(tmpdir(), 'bench-k6-memory-'));
try {
  if (part !== 'all' && part !== 'samples') process.exit(0);
  await writeFile(join(dir, 'script.js'), SCRIPT);
  process.stdout.write(`k6 peak RSS for N journey samples, per-candidate values as tags vs as metadata (${k6})\n`);
  for (const n of sizes) {
    const tags = await peak(k6, dir, n, 'tags');
    const meta = await peak(k6, dir, n, 'metadata');
    process.stdout.write(
      `  ${n.toLocaleString('en-US').padStart(9)} candidates: tags ${tags.mb.toFixed(0)} MB (${tags.s} s), metadata ${meta.mb.toFixed(0)} MB (${meta.s} s)   metadata/tags = ${(meta.mb / tags.mb).toFixed(2)}\n`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
