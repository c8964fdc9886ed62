/**
 * k6 beside the node engine: the sustainable open-model rate of
 *   - plain k6, a one-line `http.get` script under the constant-arrival-rate executor;
 *   - the k6 engine (our bundle) running a one-request journey at a flat arrival curve;
 *   - the node engine running the same journey, measured in the same run;
 * against the same loopback static server.
 *
 * "Sustainable": for the two engines, under 1 % of starts more than 10 ms late
 * (rehearsal_lateness), as bench/engine.ts measures; for plain k6, which does not
 * report lateness, under 1 % of the scheduled iterations dropped or missing.
 * Without k6 (PATH or K6_BIN) it prints that it was skipped.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { k6Engine, locateK6 } from '../src/engine/k6/index.js';
import { nodeEngine } from '../src/engine/node/index.js';
import { engineTrial, QUICK, startStaticServer, sustainableRate } from './_harness.js';

const SECONDS = QUICK ? 2 : 4;
const search = { start: 250, max: 32_000, steps: QUICK ? 1 : 3 };

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

async function plainK6Trial(bin: string, url: string, rate: number) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-k6-plain-'));
  try {
    const vus = Math.max(20, Math.ceil(rate / 20));
    const script = `import http from 'k6/http';
export const options = { scenarios: { c: { executor: 'constant-arrival-rate', rate: ${Math.round(rate)}, timeUnit: '1s', duration: '${SECONDS}s', preAllocatedVUs: ${vus}, maxVUs: ${vus * 4} } } };
export default function () { http.get(${JSON.stringify(url + '/')}); }
`;
    await writeFile(join(dir, 'script.js'), script);
    await promisify(execFile)(bin, ['run', '--quiet', '--no-color', '--summary-export', 'summary.json', 'script.js'], {
      cwd: dir,
      env: { ...process.env, K6_NO_USAGE_REPORT: 'true' },
      timeout: (SECONDS + 60) * 1000,
    });
    const s = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as { metrics: Record<string, { count?: number }> };
    const expected = Math.round(rate) * SECONDS;
    const done = s.metrics.iterations?.count ?? 0;
    return { lateShare: Math.max(0, 1 - done / expected), sent: done };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const server = await startStaticServer();
try {
  process.stdout.write(`sustainable open-model rate, ${SECONDS} s trials, loopback static server (${server.url}), k6 at ${k6}\n`);
  const plain = await sustainableRate('k6 constant-arrival', (r) => plainK6Trial(k6, server.url, r), search);
  const viaK6 = await sustainableRate('k6 engine (bundle)', (r) => engineTrial(k6Engine, server.url, r, SECONDS), search);
  const viaNode = await sustainableRate('node engine', (r) => engineTrial(nodeEngine, server.url, r, SECONDS), search);
  process.stdout.write('\nresult (req/s, higher is better)\n');
  process.stdout.write(`  k6 constant-arrival-rate  ${plain}\n`);
  process.stdout.write(`  k6 engine (bundle)        ${viaK6}   bundle/plain k6 = ${(viaK6 / plain).toFixed(2)}\n`);
  process.stdout.write(`  node engine               ${viaNode}   node/plain k6 = ${(viaNode / plain).toFixed(2)}\n`);
} finally {
  server.stop();
}
