import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type FilePart, readWholePart } from '../results/read-points.js';
import { addPartStats, checkMalformed, newReadStats, type ReadOptions, type ReadStats } from '../results/reader.js';
import { addonInUse } from '../results/read-native.js';
import { PointScanner } from '../results/read-point-bytes.js';
import { UsageErrorLike } from '../util/usage-error.js';
import { RunAccumulator } from './accumulate.js';
import { mergeAccumulator } from './accumulate-data.js';
import type { WorkerInput, WorkerOutput } from './accumulate-worker.js';
import { planSplit, type SplitPlan } from './split-plan.js';
import { workerSource } from './worker-source.js';

export interface AccumulateOptions extends ReadOptions {
  /**
   * 2 (the default on a machine with two or more CPUs): a large run is read by this
   * thread and a worker thread, each half of it, merged exactly; 1: this thread only.
   */
  threads?: 1 | 2;
  /**
   * Runs smaller than this many bytes are read on one thread: building the worker's
   * bundle, starting it and merging cost ~0.15 s, more than half of reading 128 MiB.
   */
  minParallelBytes?: number;
}

export const MIN_PARALLEL_BYTES = 128 << 20;

/**
 * A run's files read into one accumulator, with the reading counts.
 *
 *   files ─► planSplit ─► first half: this thread  ─┐
 *                      └► second half: a worker ────┴► mergeAccumulator ─► RunAccumulator
 *
 * The halves are contiguous in file order (the cut falls at a line start inside a plain
 * file, or between files), so the merged accumulator is the one a single pass builds:
 * the summary is the same whichever way it was read (a test proves it).
 */
export async function accumulateRun(files: string[], origin: number, opts: AccumulateOptions = {}): Promise<{ acc: RunAccumulator; stats: ReadStats }> {
  const threads = opts.threads ?? (availableParallelism() >= 2 ? 2 : 1);
  const plan = threads === 2 ? await planSplit(files, opts.minParallelBytes ?? MIN_PARALLEL_BYTES) : null;
  const stats = newReadStats();
  const acc = new RunAccumulator(origin);
  const scanner = new PointScanner();
  if (!plan) {
    for (const path of files) addPartStats(stats, await readWholePart({ path }, scanner, acc));
    acc.finish();
  } else {
    await readSplit(plan, origin, stats, acc, scanner);
  }
  checkMalformed(stats, opts.maxMalformedShare);
  return { acc, stats };
}

async function readSplit(plan: SplitPlan, origin: number, stats: ReadStats, acc: RunAccumulator, scanner: PointScanner): Promise<void> {
  const workerData = { analyzePart: { parts: plan.second, origin, addon: addonInUse() } satisfies WorkerInput };
  // Awaited before reading: this thread, once reading, turns the event loop only between
  // blocks, which would delay the worker's start by several blocks (the bundle comes from
  // the cache in a few ms, or is built in ~80 ms the first time).
  const code = await workerSource();
  const worker = code ? new Worker(code, { eval: true, workerData }) : new Worker(new URL('./accumulate-worker-boot.mjs', import.meta.url), { workerData });
  const reply = waitFor(worker);
  reply.catch(() => undefined); // read below; this thread's own error, if any, comes first
  try {
    for (const part of plan.first) addPartStats(stats, await readWholePart(part, scanner, acc));
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  const out = await reply;
  if (!out.ok) throw out.usage ? new UsageErrorLike(out.message) : new Error(out.message);
  acc.finish();
  const last = plan.first[plan.first.length - 1] as FilePart;
  out.parts.forEach((p, i) => {
    // The worker's first part may continue the file this thread's last part began.
    const continues = i === 0 && p.path === last.path && (plan.second[0]?.range?.start ?? 0) > 0;
    const offset = continues ? (stats.files[stats.files.length - 1]?.lines ?? 0) : 0;
    addPartStats(stats, p, offset, continues);
  });
  mergeAccumulator(acc, out.data);
}

async function waitFor(worker: Worker): Promise<WorkerOutput> {
  const exited = once(worker, 'exit').then(([code]) => {
    throw new Error(`analyze: the reading thread exited (code ${String(code)}) before sending its part of the run`);
  });
  const [msg] = (await Promise.race([once(worker, 'message'), exited])) as [WorkerOutput];
  return msg;
}
