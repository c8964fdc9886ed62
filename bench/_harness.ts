import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Shared benchmark helpers: the loopback static server and the sustainable-rate search. */
export const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

export async function startStaticServer(): Promise<{ url: string; child: ChildProcess; stop: () => void }> {
  const script = fileURLToPath(new URL('./_static-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`static server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, stop: () => child.kill('SIGTERM') };
}

/**
 * The highest rate a contender holds, by doubling then bisecting. A trial at rate R
 * passes when under 1 % of starts were more than 10 ms late against their schedule.
 */
export async function sustainableRate(
  name: string,
  trial: (rate: number) => Promise<{ lateShare: number; sent: number }>,
  opts: { start: number; max: number; steps: number },
): Promise<number> {
  let good = 0;
  let bad = opts.max;
  let rate = opts.start;
  const run = async (r: number) => {
    const t = await trial(r);
    const ok = t.lateShare < 0.01;
    process.stdout.write(`  ${name.padEnd(22)} ${String(Math.round(r)).padStart(6)} req/s: ${(t.lateShare * 100).toFixed(2)} % late >10 ms (${t.sent} sent) ${ok ? 'held' : 'not held'}\n`);
    return ok;
  };
  while (rate < opts.max) {
    if (await run(rate)) {
      good = rate;
      rate *= 2;
    } else {
      bad = rate;
      break;
    }
  }
  for (let i = 0; i < opts.steps && bad - good > good * 0.05; i++) {
    const mid = (good + bad) / 2;
    if (await run(mid)) good = mid;
    else bad = mid;
  }
  return Math.round(good);
}
