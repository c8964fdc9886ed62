/**
 * Sustainable open-model request rate on this machine against a loopback static
 * server, for: the node engine running a one-request journey; a bare undici
 * open-model loop written here; and autocannon's rate mode (k6: bench/k6.ts).
 *
 * One criterion for all, measured the same way (bench/_harness.ts scheduleLateShare):
 * the highest rate at which under 1 % of the requests reach the server more than
 * 10 ms behind an even schedule, on the server's clock. What each contender reports
 * about itself (the engine's lateness metric, autocannon's counts) is not used, so no
 * ratio compares one contender's own bookkeeping with another's.
 */
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { nodeEngine } from '../src/engine/node/index.js';
import { engineTrial, QUICK, serverJudgedTrial, startStaticServer, sustainableRate } from './_harness.js';

const SECONDS = QUICK ? 2 : 4;
const search = { start: 500, max: 64_000, steps: QUICK ? 2 : 4 };

async function undiciTrial(url: string, rate: number) {
  const pool = new Pool(url, { connections: 1024, pipelining: 1 });
  const n = Math.round(rate * SECONDS);
  const zero = performance.now() + 100;
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < n; i++) {
    const due = zero + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      pool
        .request({ method: 'GET', path: '/' })
        .then((r) => r.body.text())
        .then(() => undefined),
    );
  }
  await Promise.all(inFlight);
  await pool.close();
}

async function autocannonTrial(url: string, rate: number) {
  await autocannon({
    url,
    overallRate: rate,
    connections: Math.min(1000, Math.max(10, Math.ceil(rate / 50))),
    duration: SECONDS,
  });
}

function k6Binary(): string | undefined {
  if (process.env.K6_BIN) return process.env.K6_BIN;
  const r = spawnSync('k6', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? 'k6' : undefined;
}

const server = await startStaticServer();
try {
  process.stdout.write(
    `sustainable open-model rate, ${SECONDS} s trials, loopback static server (${server.url});\nheld = under 1 % of requests reach the server > 10 ms behind an even schedule (server's clock)\n`,
  );
  const judged = (drive: (r: number) => Promise<unknown>) => (r: number) =>
    serverJudgedTrial(server.url, r, SECONDS, () => drive(r));
  const bare = await sustainableRate(
    'bare undici loop',
    judged((r) => undiciTrial(server.url, r)),
    search,
  );
  const engine = await sustainableRate(
    'node engine',
    judged((r) => engineTrial(nodeEngine, server.url, r, SECONDS)),
    search,
  );
  const engineSummary = await sustainableRate(
    'node engine, summary',
    judged((r) => engineTrial(nodeEngine, server.url, r, SECONDS, 'summary')),
    search,
  );
  const ac = await sustainableRate(
    'autocannon rate mode',
    judged((r) => autocannonTrial(server.url, r)),
    search,
  );
  // A ratio only between rates that were both held at some trial rate ("–" otherwise).
  const ratio = (a: number, b: number) => (a > 0 && b > 0 ? (a / b).toFixed(2) : '–');
  process.stdout.write('\nresult (req/s held by the one criterion above, higher is better)\n');
  process.stdout.write(`  node engine          ${engine}\n`);
  process.stdout.write(
    `  node engine, --http-samples summary   ${engineSummary}   /bare = ${ratio(engineSummary, bare)}\n`,
  );
  process.stdout.write(`  bare undici loop     ${bare}   engine/bare = ${ratio(engine, bare)} (target ≥ 0.80)\n`);
  process.stdout.write(`  autocannon           ${ac}   engine/autocannon = ${ratio(engine, ac)}\n`);
  process.stdout.write(
    k6Binary()
      ? '  k6: see bench/k6.ts (constant-arrival-rate)\n'
      : '  k6: skipped (k6 not on PATH and K6_BIN not set)\n',
  );
} finally {
  server.stop();
}
