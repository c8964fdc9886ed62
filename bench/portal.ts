/**
 * Does the reference portal saturate where its capacity says? For several
 * (workers, mean service time) pairs, a closed loop of 4 × workers clients keeps
 * every worker busy for a fixed time; the measured throughput is printed beside
 * its peer, the configured capacity workers ÷ mean service time (Little's law with
 * every slot occupied), and the ratio. Acceptance (issue 4): within 10 %.
 *
 *   npx tsx bench/portal.ts [--quick]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { QUICK } from './_harness.js';

const CONFIGS = [
  { workers: 4, serviceMs: 20 },
  { workers: 8, serviceMs: 10 },
  { workers: 16, serviceMs: 15 },
  { workers: 32, serviceMs: 20 },
];
const SECONDS = QUICK ? 1.5 : 5;
const WARMUP_MS = 300;

async function measure(workers: number, serviceMs: number): Promise<{ rps: number; meanServiceMs: number }> {
  const script = fileURLToPath(new URL('./_portal-server.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, JSON.stringify({ strategy: 'open', workers, serviceMs })],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (c) => reject(new Error(`portal exited ${c}`)));
  });
  const clients = workers * 4;
  const pool = new Pool(url, { connections: clients });
  let counted = 0;
  const t0 = performance.now();
  const end = t0 + WARMUP_MS + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const r = await pool.request({ method: 'GET', path: '/api/eligibility?age=30' });
        await r.body.dump();
        const now = performance.now();
        if (now > t0 + WARMUP_MS && now <= end) counted++;
      }
    }),
  );
  const stats = (await (await pool.request({ method: 'GET', path: '/admin/stats' })).body.json()) as {
    meanServiceMs: number;
  };
  await pool.close();
  child.kill('SIGTERM');
  return { rps: counted / SECONDS, meanServiceMs: stats.meanServiceMs };
}

process.stdout.write(`reference portal saturation (${SECONDS} s per config, closed loop of 4 × workers clients)\n`);
process.stdout.write('workers  service ms   capacity req/s   measured req/s   ratio   mean hold ms\n');
let worst = 0;
for (const { workers, serviceMs } of CONFIGS) {
  const capacity = (workers * 1000) / serviceMs;
  const { rps, meanServiceMs } = await measure(workers, serviceMs);
  const ratio = rps / capacity;
  worst = Math.max(worst, Math.abs(1 - ratio));
  process.stdout.write(
    `${String(workers).padStart(7)}  ${String(serviceMs).padStart(10)}   ${capacity.toFixed(0).padStart(14)}   ${rps.toFixed(0).padStart(14)}   ${ratio.toFixed(3)}   ${meanServiceMs.toFixed(2).padStart(12)}\n`,
  );
}
process.stdout.write(`largest deviation from capacity: ${(worst * 100).toFixed(1)} % (acceptance: within 10 %)\n`);
