/**
 * The k6 engine (our bundle in k6) beside plain k6, judged by ONE criterion: the
 * highest open-model rate at which, over a short trial,
 *   - under 1 % of the scheduled iterations start more than 10 ms late (an iteration
 *     that never started counts as late), and
 *   - k6 dropped no iteration (`dropped_iterations` = 0).
 * Both report their lateness the same way, a `rehearsal_lateness` Trend of
 * `Date.now()` against the iteration's scheduled start, written by `--out json` and
 * read here by one function (lateShare). Plain k6 is a one-line `http.get` under
 * `constant-arrival-rate` (its schedule: iteration i at i/rate after the first, so its
 * lateness is anchored at its earliest start); the bundle runs a one-request journey on a
 * flat arrival curve (its schedule: each candidate's arrival). Both get the same
 * number of VUs, the same loopback static server, and write every sample as JSON.
 *
 * Prints `bundle/plain k6 = R`. Without k6 (PATH or K6_BIN) it prints that it was skipped.
 * `--quick` for shorter trials; `--only bundle|plain` to run one contender.
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { k6Engine, locateK6 } from '../src/engine/k6/index.js';
import { oneRequestPopulation, oneRequestScenario, QUICK, startStaticServer, sustainableRate } from './_harness.js';

const SECONDS = QUICK ? 2 : 4;
const search = { start: 250, max: 32_000, steps: QUICK ? 2 : 3 };
const only = process.argv.find((a, i, all) => all[i - 1] === '--only');
/** Late: started more than this many ms after its scheduled start. */
const BOUND_MS = 10;

const k6 = (() => {
  try {
    return locateK6();
  } catch {
    return undefined;
  }
})();
if (!k6) {
  process.stdout.write('k6 bench skipped: k6 is not on PATH and K6_BIN is not set\n');
  process.exit(0);
}

/** VUs for a trial at `rate`: the same for both contenders (a 1 ms server needs few). */
const vusFor = (rate: number) => Math.max(20, Math.ceil(rate / 20));

/**
 * The one judgement: from k6 JSON output, the share of the `expected` iterations whose
 * `rehearsal_lateness` exceeds BOUND_MS after subtracting `anchor(values)` (0 for the
 * bundle, the earliest value for plain k6), plus the missing ones; and the dropped iterations.
 */
async function lateShare(file: string, expected: number, anchored: boolean): Promise<{ lateShare: number; sent: number; dropped: number }> {
  const values: number[] = [];
  let dropped = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!line.includes('"Point"')) continue;
    if (line.includes('"rehearsal_lateness"')) values.push((JSON.parse(line) as { data: { value: number } }).data.value);
    else if (line.includes('"dropped_iterations"')) dropped += (JSON.parse(line) as { data: { value: number } }).data.value;
  }
  const zero = anchored && values.length > 0 ? Math.min(...values) : 0;
  const late = values.filter((v) => v - zero > BOUND_MS).length;
  return { lateShare: (late + Math.max(0, expected - values.length)) / expected, sent: values.length, dropped };
}

async function plainK6Trial(bin: string, url: string, rate: number) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-k6-plain-'));
  try {
    const vus = vusFor(rate);
    const r = Math.round(rate);
    // Lateness against iteration i's place in the schedule, i/rate after the scenario's
    // start; lateShare anchors it at the earliest start (k6 starts its ticker only once
    // the VUs are up), as "i/rate after the first".
    const script = `import http from 'k6/http';
import exec from 'k6/execution';
import { Trend } from 'k6/metrics';
const lateness = new Trend('rehearsal_lateness', true);
export const options = { scenarios: { c: { executor: 'constant-arrival-rate', rate: ${r}, timeUnit: '1s', duration: '${SECONDS}s', preAllocatedVUs: ${vus}, maxVUs: ${vus} } } };
export default function () {
  lateness.add(Date.now() - exec.scenario.startTime - (exec.scenario.iterationInTest * 1000) / ${r});
  http.get(${JSON.stringify(`${url}/`)});
}
`;
    await writeFile(join(dir, 'script.js'), script);
    await promisify(execFile)(bin, ['run', '--quiet', '--no-color', '--summary-mode=disabled', '--out', 'json=samples.ndjson', 'script.js'], {
      cwd: dir,
      env: { ...process.env, K6_NO_USAGE_REPORT: 'true' },
      timeout: (SECONDS + 120) * 1000,
    });
    return await lateShare(join(dir, 'samples.ndjson'), r * SECONDS, true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function bundleTrial(url: string, rate: number) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-k6-bundle-'));
  const n = Math.round(rate * SECONDS);
  try {
    const r = await k6Engine.run({
      scenario: { ...oneRequestScenario(SECONDS), population: n },
      population: oneRequestPopulation(rate, n),
      populationSize: n,
      target: { name: 'static', timeoutMs: 1_000, operations: { browse: { method: 'GET', path: '/' } } },
      baseUrl: url,
      outDir: dir,
      seed: 1,
      maxConcurrent: vusFor(rate),
    });
    let late = 0;
    let sent = 0;
    let dropped = 0;
    for (const f of r.samples) {
      const t = await lateShare(f, n, false);
      late += t.lateShare * n;
      sent += t.sent;
      dropped += t.dropped;
    }
    return { lateShare: late / n, sent, dropped };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const server = await startStaticServer();
try {
  const [l1, l5] = loadavg();
  process.stdout.write(
    `sustainable open-model rate, ${SECONDS} s trials, loopback static server (${server.url}), ${k6}; load average ${l1?.toFixed(1)} / ${l5?.toFixed(1)}\n` +
      `held = under 1 % of scheduled iterations start > ${BOUND_MS} ms late (rehearsal_lateness, --out json) and no dropped iterations\n`,
  );
  const plain = only === 'bundle' ? 0 : await sustainableRate('plain k6', (r) => plainK6Trial(k6, server.url, r), search);
  const bundle = only === 'plain' ? 0 : await sustainableRate('k6 engine (bundle)', (r) => bundleTrial(server.url, r), search);
  process.stdout.write('\nresult (iterations/s held by the one criterion above, one request each; higher is better)\n');
  process.stdout.write(`  plain k6 constant-arrival-rate  ${plain}\n`);
  process.stdout.write(`  k6 engine (bundle)              ${bundle}   bundle/plain k6 = ${plain > 0 && bundle > 0 ? (bundle / plain).toFixed(2) : '–'}\n`);
} finally {
  server.stop();
}
