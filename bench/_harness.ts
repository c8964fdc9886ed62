import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../src/engine/types.js';
import type { Candidate } from '../src/population/types.js';
import { normalize } from '../src/scenario/normalize.js';
import type { Scenario } from '../src/scenario/types.js';

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
 * passes when under 1 % of starts were more than 10 ms late against their schedule
 * (and, when the trial counts them, no iteration was dropped).
 */
export async function sustainableRate(
  name: string,
  trial: (rate: number) => Promise<{ lateShare: number; sent: number; dropped?: number }>,
  opts: { start: number; max: number; steps: number; boundMs?: number },
): Promise<number> {
  let good = 0;
  let bad = opts.max;
  let rate = opts.start;
  const run = async (r: number) => {
    // Let the server and the kernel drain what an overloaded trial left behind, so one
    // trial's backlog is not charged to the next contender.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const t = await trial(r);
    // A trial that reports dropped iterations (k6) holds only when none were dropped.
    const ok = t.lateShare < 0.01 && !t.dropped;
    const dropped = t.dropped !== undefined ? `, ${t.dropped} dropped` : '';
    process.stdout.write(
      `  ${name.padEnd(22)} ${String(Math.round(r)).padStart(6)} req/s: ${(t.lateShare * 100).toFixed(2)} % late >${opts.boundMs ?? 10} ms (${t.sent} sent${dropped}) ${ok ? 'held' : 'not held'}\n`,
    );
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

/** Evenly spaced arrivals at `rate` per second, one GET each, giving up after a second. */
export function* oneRequestPopulation(rate: number, n: number): Generator<Candidate> {
  for (let i = 0; i < n; i++) {
    yield {
      id: `c${i}`,
      seq: i,
      seed: i,
      arrivalMs: ((i + 1) * 1000) / rate,
      firstName: 'B',
      lastName: 'B',
      email: null,
      country: 'FR',
      locale: 'fr',
      persona: { name: 'bench', patienceMs: 1_000, retry: 'fixed', retryBaseMs: 1000, retryCapMs: 1000, thinkMs: 0 },
    };
  }
}

/** A flat arrival curve over `seconds`, one `browse` per journey. */
export function oneRequestScenario(seconds: number): Scenario {
  return normalize({
    name: 'bench',
    title: 'bench',
    description: 'one GET per journey at a constant rate',
    population: 1,
    windowMin: seconds / 60,
    curve: [
      { atMin: 0, rate: 1 },
      { atMin: seconds / 60, rate: 1 },
    ],
    countries: { FR: 1 },
    personas: [],
    journey: { steps: [{ op: 'browse' }], success: 'completed', retryOnError: false },
    portal: { strategy: 'open', workers: 1, serviceMs: 1 },
    sources: [],
  });
}

/**
 * One trial of an engine at `rate` for `seconds`: the share of journeys that started
 * more than 10 ms late (a journey that never started counts as late).
 */
export async function engineTrial(
  engine: Engine,
  url: string,
  rate: number,
  seconds: number,
  httpSamples: 'all' | 'summary' = 'all',
): Promise<{ lateShare: number; sent: number }> {
  const dir = await mkdtemp(join(tmpdir(), `bench-${engine.name}-`));
  const n = Math.round(rate * seconds);
  try {
    const r = await engine.run({
      scenario: { ...oneRequestScenario(seconds), population: n },
      population: oneRequestPopulation(rate, n),
      populationSize: n,
      target: { name: 'static', timeoutMs: 1_000, operations: { browse: { method: 'GET', path: '/' } } },
      baseUrl: url,
      outDir: dir,
      seed: 1,
      httpSamples,
    });
    let late = 0;
    let sent = 0;
    for (const f of r.samples) {
      const text = await readFile(f, 'utf8');
      for (const m of text.matchAll(
        /"value":([\d.e+-]+),"tags":\{[^}]*\}\},"metric":"rehearsal_lateness"|"metric":"rehearsal_lateness".*?"value":([\d.e+-]+)/g,
      )) {
        sent++;
        if (Number(m[1] ?? m[2]) > 10) late++;
      }
    }
    return { lateShare: sent ? late / sent + (n - sent) / n : 1, sent };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The arrival times (ms, the static server's clock) of the requests since the last call. */
export async function takeArrivals(url: string): Promise<number[]> {
  const res = await fetch(`${url}/__arrivals`);
  return (await res.json()) as number[];
}

/**
 * One criterion for every contender, measured on the server's clock: a trial at `rate`
 * that should deliver `n` requests holds when under 1 % of them arrive more than 10 ms
 * behind an even schedule anchored at the first arrival (request i due at first +
 * i/rate); a request that never arrived counts as late. What a contender says about its
 * own lateness is not used, so contenders that report nothing are judged alike.
 */
export function scheduleLateShare(arrivals: number[], rate: number, n: number): { lateShare: number; sent: number } {
  if (arrivals.length === 0) return { lateShare: 1, sent: 0 };
  const t = [...arrivals].sort((a, b) => a - b);
  const first = t[0] as number;
  let late = 0;
  const got = Math.min(t.length, n);
  for (let i = 0; i < got; i++) if ((t[i] as number) - (first + (i * 1000) / rate) > 10) late++;
  return { lateShare: (late + (n - got)) / n, sent: t.length };
}

/** Runs `drive` as one trial and judges it by the server's arrivals (scheduleLateShare). */
export async function serverJudgedTrial(
  url: string,
  rate: number,
  seconds: number,
  drive: () => Promise<unknown>,
): Promise<{ lateShare: number; sent: number }> {
  await takeArrivals(url); // forget anything left from before
  await drive();
  return scheduleLateShare(await takeArrivals(url), rate, Math.round(rate * seconds));
}
