/**
 * The k6 engine (our bundle in k6) beside plain k6, judged by ONE criterion: the
 * highest open-model rate at which, over a short trial,
 *   - under 1 % of the scheduled iterations start more than 10 ms (--bound-ms) late (an iteration
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
 * `--quick` for shorter trials; `--only bundle|plain` to run one contender; `--cpu-only` for
 * the CPU per iteration alone (no rate search: the figure a loaded machine disturbs least).
 */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { locateK6 } from '../src/engine/k6/index.js';
import { k6Version } from '../src/engine/k6/find-k6.js';
import { prepareScript } from '../src/engine/k6/script.js';
import { oneRequestPopulation, oneRequestScenario, QUICK, startStaticServer, sustainableRate } from './_harness.js';

const SECONDS = QUICK ? 2 : 4;

const only = process.argv.find((_a, i, all) => all[i - 1] === '--only');
const CPU_ONLY = process.argv.includes('--cpu-only');
/**
 * Late: started more than this many ms after its scheduled start (`--bound-ms N`, default
 * 10). On a machine shared with other work, scheduling delays alone exceed 10 ms: a wider
 * bound still judges both contenders alike.
 */
const BOUND_MS = Number(process.argv.find((_a, i, all) => all[i - 1] === '--bound-ms') ?? 10);
const search = { start: 500, max: 32_000, steps: QUICK ? 2 : 3, boundMs: BOUND_MS };

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

const version = await k6Version(k6);
// k6 v1 says --summary-mode=disabled; v0.x knows only --no-summary (deprecated in v1).
const NO_SUMMARY = /^v?0\./.test(version) ? '--no-summary' : '--summary-mode=disabled';

/** VUs for a trial at `rate`: the same for both contenders, enough for iterations of 200 ms on a busy machine. */
const vusFor = (rate: number) => Math.max(50, Math.ceil(rate / 5));

/**
 * The one judgement: from k6 JSON output, the share of the `expected` iterations whose
 * `rehearsal_lateness` exceeds BOUND_MS after subtracting `anchor(values)` (0 for the
 * bundle, the earliest value for plain k6), plus the missing ones; and the dropped iterations.
 */
async function lateShare(
  file: string,
  expected: number,
  anchored: boolean,
): Promise<{ lateShare: number; sent: number; dropped: number }> {
  const values: number[] = [];
  let dropped = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!line.includes('"Point"')) continue;
    if (line.includes('"rehearsal_lateness"'))
      values.push((JSON.parse(line) as { data: { value: number } }).data.value);
    else if (line.includes('"dropped_iterations"'))
      dropped += (JSON.parse(line) as { data: { value: number } }).data.value;
  }
  const zero = anchored && values.length > 0 ? Math.min(...values) : 0;
  const late = values.filter((v) => v - zero > BOUND_MS).length;
  return { lateShare: (late + Math.max(0, expected - values.length)) / expected, sent: values.length, dropped };
}

/** `k6 run` of dir/script.js with every sample written as JSON; k6's CPU seconds (user + sys, /usr/bin/time). */
async function runK6(bin: string, dir: string, args: string[] = []): Promise<number> {
  const timed = existsSync('/usr/bin/time');
  const k6Args = ['run', '--quiet', '--no-color', NO_SUMMARY, '--out', 'json=samples.ndjson', ...args, 'script.js'];
  const { stderr } = await promisify(execFile)(
    timed ? '/usr/bin/time' : bin,
    timed ? ['-f', 'cpu-s=%U+%S', bin, ...k6Args] : k6Args,
    {
      cwd: dir,
      env: { ...process.env, K6_NO_USAGE_REPORT: 'true' },
      timeout: (4 * SECONDS + 120) * 1000,
      maxBuffer: 1 << 26,
    },
  );
  const m = /cpu-s=([\d.]+)\+([\d.]+)/.exec(stderr);
  return m ? Number(m[1]) + Number(m[2]) : Number.NaN;
}

interface Trial {
  lateShare: number;
  sent: number;
  dropped: number;
  cpuS: number;
}

async function plainK6Trial(bin: string, url: string, rate: number, seconds = SECONDS): Promise<Trial> {
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
export const options = { scenarios: { c: { executor: 'constant-arrival-rate', rate: ${r}, timeUnit: '1s', duration: '${seconds}s', preAllocatedVUs: ${vus}, maxVUs: ${vus} } } };
export default function () {
  lateness.add(Date.now() - exec.scenario.startTime - (exec.scenario.iterationInTest * 1000) / ${r});
  http.get(${JSON.stringify(`${url}/`)});
}
`;
    await writeFile(join(dir, 'script.js'), script);
    const cpuS = await runK6(bin, dir);
    return { ...(await lateShare(join(dir, 'samples.ndjson'), r * seconds, true)), cpuS };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The bundle as `rehearse run --engine k6` writes it (prepareScript), run by k6 with the engine's output flag. */
async function bundleTrial(bin: string, url: string, rate: number, seconds = SECONDS): Promise<Trial> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-k6-bundle-'));
  const n = Math.round(rate * seconds);
  try {
    await prepareScript({
      dir,
      scenario: { ...oneRequestScenario(seconds), population: n },
      population: oneRequestPopulation(rate, n),
      target: { name: 'static', timeoutMs: 1_000, operations: { browse: { method: 'GET', path: '/' } } },
      baseUrl: url,
      maxConcurrent: vusFor(rate),
    });
    const cpuS = await runK6(bin, dir, ['--include-system-env-vars=false']);
    return { ...(await lateShare(join(dir, 'samples.ndjson'), n, false)), cpuS };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * k6's CPU per iteration at a low rate, where neither contender is late: the cost that
 * caps the rate once k6 is CPU-bound, and a figure other load on the machine disturbs far
 * less than the rate. Marginal: (CPU of a long run − CPU of a short one) / the extra
 * iterations, so start-up (every VU compiles the script) and each VU's first iteration are
 * left out; they are reported apart as the short run's CPU beyond its iterations' share.
 */
async function cpuPerIteration(
  trial: (rate: number, seconds: number) => Promise<Trial>,
  rate: number,
): Promise<{ perIterationMs: number; startupS: number }> {
  const short = await trial(rate, SECONDS);
  const long = await trial(rate, 4 * SECONDS);
  // Per iteration that ran (`sent`): on a loaded machine k6 may drop some.
  const perIterationMs = ((long.cpuS - short.cpuS) * 1000) / (long.sent - short.sent);
  return { perIterationMs, startupS: short.cpuS - (perIterationMs * short.sent) / 1000 };
}

const server = await startStaticServer();
try {
  const [l1, l5] = loadavg();
  process.stdout.write(
    `sustainable open-model rate, ${SECONDS} s trials, loopback static server (${server.url}), ${k6} (k6 ${version}); load average ${l1?.toFixed(1)} / ${l5?.toFixed(1)}\n` +
      `held = under 1 % of scheduled iterations start > ${BOUND_MS} ms late (rehearsal_lateness, --out json) and no dropped iterations\n`,
  );
  const plainTrial = (r: number, seconds?: number) => plainK6Trial(k6, server.url, r, seconds);
  const bundle = (r: number, seconds?: number) => bundleTrial(k6, server.url, r, seconds);
  const plainRate = only === 'bundle' || CPU_ONLY ? 0 : await sustainableRate('plain k6', (r) => plainTrial(r), search);
  const bundleRate =
    only === 'plain' || CPU_ONLY ? 0 : await sustainableRate('k6 engine (bundle)', (r) => bundle(r), search);
  const cpuRate = 200;
  const none = { perIterationMs: Number.NaN, startupS: Number.NaN };
  const plainCpu = only === 'bundle' ? none : await cpuPerIteration(plainTrial, cpuRate);
  const bundleCpu = only === 'plain' ? none : await cpuPerIteration(bundle, cpuRate);
  const ratio = (a: number, b: number) => (a > 0 && b > 0 ? (a / b).toFixed(2) : '–');
  const [a1, a5] = loadavg();
  process.stdout.write(
    `\nresult (iterations/s held by the one criterion above, one request each; higher is better; load average now ${a1?.toFixed(1)} / ${a5?.toFixed(1)})\n`,
  );
  process.stdout.write(`  plain k6 constant-arrival-rate  ${plainRate}\n`);
  process.stdout.write(
    `  k6 engine (bundle)              ${bundleRate}   bundle/plain k6 = ${ratio(bundleRate, plainRate)}\n`,
  );
  process.stdout.write(
    `k6 CPU per iteration (user + sys; ${cpuRate}/s, ${4 * SECONDS} s run minus ${SECONDS} s run; lower is better)\n`,
  );
  process.stdout.write(
    `  plain k6 ${plainCpu.perIterationMs.toFixed(3)} ms (start-up ${plainCpu.startupS.toFixed(2)} s CPU), bundle ${bundleCpu.perIterationMs.toFixed(3)} ms (start-up ${bundleCpu.startupS.toFixed(2)} s CPU)\n`,
  );
  process.stdout.write(
    `  bundle/plain k6 = ${ratio(plainCpu.perIterationMs, bundleCpu.perIterationMs)} (iterations per CPU second)\n`,
  );
} finally {
  server.stop();
}
