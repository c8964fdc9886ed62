import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { seededRandom } from '../../compare/stats/random.js';
import type { JourneyDef, Operation } from '../../journey/types.js';
import type { Candidate } from '../../population/types.js';
import { SWEEP_VERSION, sweepCsv, type Sweep, type SweepLevel } from '../../results/sweep.js';
import type { TargetFile } from '../../target/types.js';
import { assertTargetHosts } from '../../target/hosts.js';
import { assertAllowedTarget } from '../../util/loopback.js';
import { HttpClient } from '../node/http.js';
import { driveLevel, type LevelMeasured } from './drive-level.js';
import { Staircase, type StaircaseOptions } from './staircase.js';

export interface SweepOptions {
  mode: 'closed' | 'open';
  target: TargetFile;
  baseUrl: string;
  allowHosts?: string[];
  /** Operations of one journey, sent one after the other (default: browse). */
  ops: Operation[];
  /** Candidates to draw request data from (cycled). */
  population: () => Iterable<Candidate>;
  staircase: StaircaseOptions;
  warmupMs: number;
  steadyMs: number;
  thinkMs: number;
  drainMs?: number;
  maxInFlight?: number;
  seed: number;
  outDir: string;
  /** The reference portal started for the sweep, with its known capacity. */
  reference: Sweep['target']['reference'];
  onLevel?: (level: SweepLevel, index: number, of: number) => void;
  onLevelStart?: (load: number, index: number, of: number) => void;
  signal?: AbortSignal;
}

/**
 * A sweep: a staircase of load levels against a portal, each a warm-up and a steady
 * window driven by the node engine's journey runner (src/engine/sweep/drive-level.ts),
 * the levels chosen as it goes (staircase.ts). sweep.json and sweep.csv are rewritten
 * after every level (write to a temporary name, then rename), so a sweep stopped by
 * Ctrl-C or a crash leaves valid files with every level measured so far.
 */
export async function runSweep(o: SweepOptions): Promise<Sweep> {
  const url = assertAllowedTarget(o.baseUrl, o.allowHosts);
  const outDir = resolve(o.outDir);
  await mkdir(outDir, { recursive: true });
  assertTargetHosts(o.target, o.allowHosts ?? []);
  const http = new HttpClient(o.allowHosts ?? []);
  const def: JourneyDef = {
    steps: o.ops.map((op) => ({ op })),
    success: 'completed',
    retryOnError: false,
    timeScale: 1,
  };
  let it = o.population()[Symbol.iterator]();
  const candidate = (): Candidate => {
    let r = it.next();
    if (r.done) {
      it = o.population()[Symbol.iterator]();
      r = it.next();
      if (r.done) throw new Error('runSweep: the population is empty');
    }
    return r.value;
  };
  const rng = seededRandom(o.seed);
  const sweep: Sweep = {
    version: SWEEP_VERSION,
    kind: 'sweep',
    mode: o.mode,
    target: { name: o.target.name, baseUrl: url.href, reference: o.reference },
    journey: { ops: o.ops, thinkTimeMs: o.thinkMs },
    seed: o.seed,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    status: 'running',
    note: null,
    levels: [],
  };
  const save = async () => {
    for (const [name, body] of [
      ['sweep.json', JSON.stringify(sweep, null, 2) + '\n'],
      ['sweep.csv', sweepCsv(sweep)],
    ] as const) {
      const tmp = join(outDir, `.${name}.tmp`);
      await writeFile(tmp, body);
      await rename(tmp, join(outDir, name));
    }
  };
  await save();
  const stairs = new Staircase(o.staircase);
  try {
    for (let load = stairs.next(); load !== null; load = stairs.next()) {
      const index = sweep.levels.length + 1;
      o.onLevelStart?.(load, index, o.staircase.levels);
      const m = await driveLevel(
        {
          mode: o.mode,
          load,
          warmupMs: o.warmupMs,
          steadyMs: o.steadyMs,
          thinkMs: o.thinkMs,
          maxInFlight: o.maxInFlight ?? 10_000,
          drainMs: o.drainMs ?? 2_000,
        },
        {
          def,
          target: o.target,
          baseUrl: url.href,
          allowHosts: o.allowHosts ?? [],
          http,
          candidate,
          uniform: () => rng.next(),
          ...(o.signal ? { signal: o.signal } : {}),
        },
      );
      if (m.windowMs >= 1000 || !o.signal?.aborted) {
        const level = toLevel(index, o.mode, load, m, o.warmupMs);
        sweep.levels.push(level);
        o.onLevel?.(level, index, o.staircase.levels);
        stairs.record({ load, goodput: level.throughput, errorRate: level.errorRate });
        await save();
      }
      if (o.signal?.aborted) break;
    }
  } finally {
    await http.close();
  }
  sweep.finishedAt = new Date().toISOString();
  if (o.signal?.aborted) {
    sweep.status = 'interrupted';
    sweep.note = `interrupted after ${sweep.levels.length} levels; the levels measured are whole`;
  } else {
    sweep.status =
      stairs.reason === 'collapsed' ? 'collapsed' : stairs.reason === 'error-limit' ? 'error-limit' : 'completed';
    sweep.note = NOTES[stairs.reason];
  }
  await save();
  return sweep;
}

const NOTES: Record<Staircase['reason'], string | null> = {
  completed: null,
  collapsed: 'stopped: goodput fell at two levels in a row past the knee (the portal was collapsing)',
  'error-limit': 'stopped climbing: the error rate passed the limit (--error-limit)',
  ceiling: 'goodput was still rising at the highest load allowed (--max): the knee was not reached',
  'still-rising':
    'goodput was still rising at the last level: the knee was not reached; sweep more levels or grow faster',
};

function toLevel(index: number, mode: 'closed' | 'open', load: number, m: LevelMeasured, warmupMs: number): SweepLevel {
  const s = m.windowMs / 1000;
  const per = (v: number) => (s > 0 ? v / s : 0);
  return {
    level: index,
    concurrency: mode === 'closed' ? load : null,
    offeredPerSec: mode === 'open' ? load : per(m.requests),
    carriedPerSec: per(m.responded),
    throughput: per(m.ok),
    journeysPerSec: per(m.journeys),
    requests: m.requests,
    ok: m.ok,
    errorRate: m.requests ? m.errors / m.requests : 0,
    throttledRate: m.requests ? m.throttled / m.requests : 0,
    latencyMs: m.latencyMs,
    warmupMs,
    steadyMs: m.windowMs,
    inFlightMean: m.inFlightMean,
  };
}
