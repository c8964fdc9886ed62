import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { type FilePart, readWholePart } from '../results/read-points.js';
import { addPartStats, checkMalformed, newReadStats, type ReadOptions, type ReadStats } from '../results/reader.js';
import { addonInUse, loadAddon } from '../results/read-native.js';
import { PointScanner } from '../results/read-point-bytes.js';
import { UsageError } from '../util/usage-error.js';
import { RunAccumulator } from './accumulate.js';
import { mergeAccumulator } from './accumulate-data.js';
import type { WorkerInput, WorkerOutput, WorkerProgress, WorkerReady } from './read-worker-part.js';
import { ProgressCounter, type ReadProgress } from './read-progress.js';
import { adaptive, type AdaptiveSplit, MIN_SHARE } from './split-adaptive.js';
import { planSplit, type SplitPlan } from './split-plan.js';
import { startWorker } from '../util/start-worker.js';

export interface AccumulateOptions extends ReadOptions {
  /**
   * 2: a large run is read by this thread and a worker thread, each part of it, merged
   * exactly; 1: this thread only. Default: `defaultThreads()`.
   */
  threads?: 1 | 2;
  /**
   * Runs smaller than this many bytes are read on one thread: starting the worker
   * thread and merging cost ~0.15 s, more than half of reading 128 MiB.
   */
  minParallelBytes?: number;
  /**
   * 'adaptive' (the default): when the cut falls inside one plain file, it is made when
   * the worker is ready, at the middle of what is left (split-adaptive.ts); 'static':
   * at the middle of the run, before the worker starts. `_awaitWorker` (tests) makes
   * this thread wait for the worker before reading, so the adaptive cut is certain.
   */
  balance?: 'adaptive' | 'static';
  _awaitWorker?: boolean;
  /** A tag (or metadata key) to break requests and latency down by (`--by TAG`). */
  by?: string;
  /** Told how far the read has got after each block (4 MiB) of either thread. */
  onProgress?: (p: ReadProgress) => void;
}

export const MIN_PARALLEL_BYTES = 128 << 20;

/**
 * Two threads when they pay. On this project's 2-core machine, with the native scanner a
 * 2,000,000-line run takes 0.52–0.55 s on one thread and 0.54–0.62 s on two: both cores
 * are already busy (this thread, V8's compiler and GC threads, the file reads), and a
 * second isolate adds its own start-up, compilation and a merge. The JavaScript reader
 * alone does three times the work per line, and there two threads win (0.67–0.83 s
 * against 0.90–1.06 s). With four or more cores a worker gets a core of its own; that
 * case is not measured here.
 */
export function defaultThreads(): 1 | 2 {
  return threadsFor(availableParallelism(), loadAddon() !== null);
}

/** The rule above: two threads from 4 cores with the native scanner, from 2 without it. */
export function threadsFor(cores: number, nativeScanner: boolean): 1 | 2 {
  return cores >= (nativeScanner ? 4 : 2) ? 2 : 1;
}

/**
 * A run's files read into one accumulator, with the reading counts (and, read by two
 * threads, the parts the worker read).
 *
 *   files ─► planSplit ─► first half: this thread  ─┐
 *                      └► second half: a worker ────┴► mergeAccumulator ─► RunAccumulator
 *
 * The halves are contiguous in file order (the cut falls at a line start inside a plain
 * file, or between files), so the merged accumulator is the one a single pass builds:
 * the summary is the same whichever way it was read (a test proves it). Inside one
 * plain file the cut is made when the worker is ready (split-adaptive.ts).
 */
export async function accumulateRun(
  files: string[],
  origin: number,
  opts: AccumulateOptions = {},
): Promise<{ acc: RunAccumulator; stats: ReadStats; worker?: FilePart[] }> {
  const threads = opts.threads ?? defaultThreads();
  const plan = threads === 2 ? await planSplit(files, opts.minParallelBytes ?? MIN_PARALLEL_BYTES) : null;
  const stats = newReadStats();
  const acc = new RunAccumulator(origin, opts.by);
  let worker: FilePart[] | undefined;
  const scanner = new PointScanner();
  const progress = opts.onProgress ? new ProgressCounter(await totalBytes(files), opts.onProgress) : null;
  if (!plan) {
    for (const path of files) addPartStats(stats, await readWholePart({ path }, scanner, acc, progress?.part(0)));
    acc.finish();
  } else {
    worker = await readSplit(plan, origin, stats, acc, scanner, opts, progress);
  }
  progress?.done();
  checkMalformed(stats, opts.maxMalformedShare);
  return { acc, stats, ...(worker ? { worker } : {}) };
}

/** Reads with a worker thread; returns the parts the worker read. */
async function readSplit(
  plan: SplitPlan,
  origin: number,
  stats: ReadStats,
  acc: RunAccumulator,
  scanner: PointScanner,
  opts: AccumulateOptions,
  progress: ProgressCounter | null,
): Promise<FilePart[]> {
  const adapt =
    opts.balance === 'static' ? null : adaptive(plan, Math.min(MIN_SHARE, opts.minParallelBytes ?? MIN_PARALLEL_BYTES));
  const first = adapt ? adapt.first : plan.first;
  let second = adapt ? null : plan.second;
  const workerData = {
    analyzePart: {
      parts: second,
      origin,
      addon: addonInUse(),
      progress: progress !== null,
      ...(opts.by !== undefined ? { by: opts.by } : {}),
    } satisfies WorkerInput,
  };
  const worker = startWorker('./accumulate-worker', import.meta.url, { workerData });
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((res) => (ready = res));
  const reply = replyOf(
    worker,
    (bytes) => progress?.worker(bytes),
    () => {
      // The worker is up: cut what is left (between two blocks of this thread's reading).
      second = (adapt as AdaptiveSplit).cut();
      worker.postMessage({ parts: second });
      ready();
    },
  );
  reply.catch(() => undefined); // read below; this thread's own error, if any, comes first
  try {
    if (adapt && opts._awaitWorker) await isReady;
    for (const part of first)
      addPartStats(stats, await readWholePart(part, scanner, acc, progress?.part(part.range?.start ?? 0)));
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  const out = await reply;
  if (!out.ok) throw out.usage ? new UsageError(out.message) : new Error(out.message);
  acc.finish();
  const given = second ?? [];
  const last = first[first.length - 1] as FilePart;
  out.parts.forEach((p, i) => {
    // The worker's first part may continue the file this thread's last part began.
    const continues = i === 0 && p.path === last.path && (given[0]?.range?.start ?? 0) > 0;
    const offset = continues ? (stats.files[stats.files.length - 1]?.lines ?? 0) : 0;
    addPartStats(stats, p, offset, continues);
  });
  mergeAccumulator(acc, out.data);
  return given;
}

/**
 * The worker's output; `onReady` answers its `{ ready: true }` (an adaptive split) when
 * it comes first, and `onProgress` hears its `{ progress }` counts.
 */
export async function replyOf(
  worker: Worker,
  onProgress: (bytes: number) => void,
  onReady: () => void,
): Promise<WorkerOutput> {
  const exited = once(worker, 'exit').then(([code]) => {
    throw new Error(`analyze: the reading thread exited (code ${String(code)}) before sending its part of the run`);
  });
  const output = new Promise<WorkerOutput>((res) =>
    worker.on('message', (m: WorkerOutput | WorkerReady | WorkerProgress) => {
      if ('ready' in m) onReady();
      else if ('progress' in m) onProgress(m.progress);
      else res(m);
    }),
  );
  return Promise.race([output, exited]);
}

async function totalBytes(files: string[]): Promise<number> {
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  return sizes.reduce((a, b) => a + b, 0);
}
