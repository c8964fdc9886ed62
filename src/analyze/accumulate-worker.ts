import { parentPort, workerData } from 'node:worker_threads';
import { type FilePart, type PartStats, readWholePart } from '../results/read-points.js';
import { useAddon } from '../results/read-native.js';
import { PointScanner } from '../results/read-point-bytes.js';
import { UsageErrorLike } from '../util/usage-error.js';
import { RunAccumulator } from './accumulate.js';
import { accumulatorData } from './accumulate-data.js';

/**
 * A worker thread reading the second half of a run (accumulate-run.ts): its parts
 * into its own accumulator, sent back as data for the exact merge. No top-level
 * await: the thread runs this file bundled as CommonJS (worker-source.ts).
 */
export interface WorkerInput {
  parts: FilePart[];
  origin: number;
  /** The native scanner this thread's reads use (the bundle has no module URL to find it by), or null. */
  addon: string | null;
}

export type WorkerOutput =
  | { ok: true; parts: PartStats[]; data: ReturnType<typeof accumulatorData> }
  | { ok: false; usage: boolean; message: string };

async function run(input: WorkerInput): Promise<WorkerOutput> {
  try {
    useAddon(input.addon);
    const acc = new RunAccumulator(input.origin);
    const scanner = new PointScanner();
    const parts: PartStats[] = [];
    for (const part of input.parts) parts.push(await readWholePart(part, scanner, acc));
    return { ok: true, parts, data: accumulatorData(acc.finish()) };
  } catch (e) {
    return { ok: false, usage: e instanceof UsageErrorLike, message: (e as Error).message };
  }
}

if (parentPort && (workerData as { analyzePart?: WorkerInput } | null)?.analyzePart) {
  const port = parentPort;
  void run((workerData as { analyzePart: WorkerInput }).analyzePart).then((out) => port.postMessage(out));
}
