/**
 * Sustainable open-model request rate on this machine against a loopback static
 * server, for: the node engine running a one-request journey; a bare undici
 * open-model loop written here; autocannon's rate mode; and k6's
 * constant-arrival-rate when k6 is on PATH or K6_BIN is set.
 *
 * "Sustainable" = the highest rate with under 1 % of starts more than 10 ms late.
 * For autocannon, which does not report per-request lateness, a rate is held when it
 * delivers at least 99 % of the requested requests in the window.
 */
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { nodeEngine } from '../src/engine/node/index.js';
import { engineTrial, QUICK, startStaticServer, sustainableRate } from './_harness.js';

const SECONDS = QUICK ? 2 : 4;
const search = { start: 500, max: 64_000, steps: QUICK ? 2 : 4 };

async function undiciTrial(url: string, rate: number) {
  const pool = new Pool(url, { connections: 1024, pipelining: 1 });
  const n = Math.round(rate * SECONDS);
  const zero = performance.now() + 100;
  let late = 0;
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < n; i++) {
    const due = zero + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (performance.now() - due > 10) late++;
    inFlight.push(pool.request({ method: 'GET', path: '/' }).then((r) => r.body.text()).then(() => undefined));
  }
  await Promise.all(inFlight);
  await pool.close();
  return { lateShare: late / n, sent: n };
}

async function autocannonTrial(url: string, rate: number) {
  const result = await autocannon({ url, overallRate: rate, connections: Math.min(1000, Math.max(10, Math.ceil(rate / 50))), duration: SECONDS });
  const expected = rate * SECONDS;
  const got = result.requests.total;
  return { lateShare: Math.max(0, 1 - got / expected), sent: got };
}

function k6Binary(): string | undefined {
  if (process.env.K6_BIN) return process.env.K6_BIN;
  const r = spawnSync('k6', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? 'k6' : undefined;
}

const server = await startStaticServer();
try {
  process.stdout.write(`sustainable open-model rate, ${SECONDS} s trials, loopback static server (${server.url})\n`);
  const bare = await sustainableRate('bare undici loop', (r) => undiciTrial(server.url, r), search);
  const engine = await sustainableRate('node engine', (r) => engineTrial(nodeEngine, server.url, r, SECONDS), search);
  const engineSummary = await sustainableRate('node engine, summary', (r) => engineTrial(nodeEngine, server.url, r, SECONDS, 'summary'), search);
  const ac = await sustainableRate('autocannon rate mode', (r) => autocannonTrial(server.url, r), search);
  const k6 = k6Binary();
  process.stdout.write('\nresult (req/s, higher is better)\n');
  process.stdout.write(`  node engine          ${engine}\n`);
  process.stdout.write(`  node engine, --http-samples summary   ${engineSummary}   /bare = ${(engineSummary / bare).toFixed(2)}\n`);
  process.stdout.write(`  bare undici loop     ${bare}   engine/bare = ${(engine / bare).toFixed(2)} (target ≥ 0.80)\n`);
  process.stdout.write(`  autocannon           ${ac}   engine/autocannon = ${(engine / ac).toFixed(2)}\n`);
  process.stdout.write(k6 ? `  k6: see bench/k6.ts (constant-arrival-rate)\n` : '  k6: skipped (k6 not on PATH and K6_BIN not set)\n');
} finally {
  server.stop();
}
