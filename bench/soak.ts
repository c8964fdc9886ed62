/**
 * `npm run soak`: a bounded soak (issue 19). The node engine drives launch-day (with a
 * flat arrival curve) against
 * the reference portal (its own process, `rehearse portal --scenario launch-day`) for
 * SOAK_SECONDS (default 180), arrivals spread evenly over the whole time; memory of both
 * is sampled every SOAK_EVERY seconds (default 5): the engine's heap and RSS here, the
 * portal's RSS from /proc/PID/status (Linux). It prints the samples and, after a warm-up
 * of the first fifth, the least-squares slope of each series in MB per minute.
 *
 * "Flat" means the slope of the engine's heap and of the portal's RSS stays below
 * SOAK_MAX_SLOPE MB/min (default 2): memory that grew with the length of a run would
 * show as a steady slope, which garbage collection's saw-tooth does not. Exit 1 when not
 * flat. Loopback only, bounded in time; not part of `npm test`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { linearRegression } from 'simple-statistics';
import { REFERENCE_TARGET } from '../src/cli/rehearsal.js';
import { engineByName } from '../src/engine/index.js';
import type { Progress } from '../src/engine/types.js';
import { generatePopulation } from '../src/population/generate.js';
import { loadScenarioInput } from '../src/scenario/load.js';
import { normalize } from '../src/scenario/normalize.js';
import { loadTarget } from '../src/target/load.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const EVERY = Number(process.env.SOAK_EVERY ?? 5);
const MAX_SLOPE = Number(process.env.SOAK_MAX_SLOPE ?? 2);
/** Arrivals a second: what the reference portal serves at launch-day settings (2 users in service at a time) with journeys in flight holding steady; at 40/s they pile up (4,400 in flight after 95 s) and the engine holds them all, as an open model must. */
const RATE = Number(process.env.SOAK_RATE ?? 5);
const MB = 1024 * 1024;
const BIN = fileURLToPath(new URL('../bin/rehearse.js', import.meta.url));

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? (Number(m[1]) * 1024) / MB : Number.NaN;
}

async function startPortalProcess(): Promise<{ url: string; token: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, [BIN, 'portal', '--scenario', 'launch-day', '--json', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (c) => reject(new Error(`portal exited with ${c}`)));
  });
  const info = JSON.parse(first) as { url: string; operatorToken: string };
  return { url: info.url, token: info.operatorToken, pid: child.pid as number, stop: () => child.kill('SIGTERM') };
}

interface Sample {
  t: number;
  engineHeap: number;
  engineRss: number;
  portalRss: number;
  inFlight: number;
  finished: number;
}

function slope(xs: number[], ys: number[]): number {
  return linearRegression(xs.map((x, i) => [x, ys[i] as number])).m;
}

const portal = await startPortalProcess();
const outDir = mkdtempSync(join(tmpdir(), 'soak-'));
// launch-day with a flat arrival curve: a steady load, so a steady state to watch (its own
// curve front-loads the opening, and memory then falls with the load, which says nothing).
const input = await loadScenarioInput('launch-day');
const scenario = normalize(
  {
    ...input,
    openingMin: 0,
    curve: [
      { atMin: 0, rate: 1 },
      { atMin: input.windowMin, rate: 1 },
    ],
  },
  { scale: (RATE * SECONDS) / input.population, timeScale: (input.windowMin * 60) / SECONDS },
);
const target = await loadTarget(REFERENCE_TARGET);
const engine = await engineByName('node');
let last: Progress | undefined;
const samples: Sample[] = [];
const t0 = performance.now();
const sample = () => {
  const m = process.memoryUsage();
  samples.push({
    t: (performance.now() - t0) / 1000,
    engineHeap: m.heapUsed / MB,
    engineRss: m.rss / MB,
    portalRss: rssOf(portal.pid),
    inFlight: last?.inFlight ?? 0,
    finished: last?.finished ?? 0,
  });
  const s = samples[samples.length - 1] as Sample;
  process.stderr.write(
    `${s.t.toFixed(0).padStart(5)} s  engine heap ${s.engineHeap.toFixed(1).padStart(6)} MB  rss ${s.engineRss.toFixed(1).padStart(6)} MB  portal rss ${s.portalRss.toFixed(1).padStart(6)} MB  in flight ${String(s.inFlight).padStart(4)}  finished ${s.finished}\n`,
  );
};
const timer = setInterval(sample, EVERY * 1000);
process.stderr.write(
  `soak: ${scenario.population.toLocaleString('en-US')} candidates over ${SECONDS} s (${RATE}/s) against the reference portal (pid ${portal.pid}), sampled every ${EVERY} s\n`,
);
let run: Awaited<ReturnType<typeof engine.run>>;
try {
  run = await engine.run({
    scenario,
    population: generatePopulation(scenario, 1),
    populationSize: scenario.population,
    target: { ...target, variables: { ...target.variables, operatorToken: portal.token } },
    baseUrl: portal.url,
    outDir,
    seed: 1,
    maxDurationMs: SECONDS * 1000,
    graceMs: 5_000,
    onProgress: (p) => (last = p),
  });
} finally {
  clearInterval(timer);
  portal.stop();
}
sample();
rmSync(outDir, { recursive: true, force: true });

const steady = samples.filter((s) => s.t >= SECONDS / 5);
const ts = steady.map((s) => s.t / 60);
const series = {
  'engine heap': steady.map((s) => s.engineHeap),
  'engine rss': steady.map((s) => s.engineRss),
  'portal rss': steady.map((s) => s.portalRss),
};
process.stdout.write(
  `\nsoak ${SECONDS} s, ${run.manifest.status}, ${last?.finished ?? 0} journeys finished, ${steady.length} samples after a ${Math.round(SECONDS / 5)} s warm-up\n`,
);
process.stdout.write('series        first     last      min      max   slope\n');
const slopes: Record<string, number> = {};
for (const [name, ys] of Object.entries(series)) {
  slopes[name] = steady.length >= 2 ? slope(ts, ys) : Number.NaN;
  process.stdout.write(
    `${name.padEnd(12)} ${ys[0]?.toFixed(1).padStart(6)} MB ${ys[ys.length - 1]?.toFixed(1).padStart(6)} MB ${Math.min(
      ...ys,
    )
      .toFixed(1)
      .padStart(6)} ${Math.max(...ys)
      .toFixed(1)
      .padStart(8)}   ${(slopes[name] as number).toFixed(2)} MB/min\n`,
  );
}
// One-sided: memory given back is not a leak.
const flat = (slopes['engine heap'] as number) < MAX_SLOPE && (slopes['portal rss'] as number) < MAX_SLOPE;
process.stdout.write(
  `${flat ? 'flat' : 'GROWING'}: engine heap and portal RSS grow ${flat ? 'less than' : 'not both less than'} ${MAX_SLOPE} MB/min\n`,
);
process.exitCode = flat ? 0 : 1;
