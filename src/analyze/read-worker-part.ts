import type { MessagePort } from 'node:worker_threads';
import { type FilePart, type PartStats, readWholePart } from '../results/read-points.js';
import { useAddon } from '../results/read-native.js';
import { PointScanner } from '../results/read-point-bytes.js';
import { UsageError } from '../util/usage-error.js';
import { RunAccumulator } from './accumulate.js';
import { accumulatorData } from './accumulate-data.js';
import { ProgressCounter } from './read-progress.js';

/**
 * What the worker thread of a two-thread read does (accumulate-run.ts): its parts of the
 * run into its own accumulator, sent back as data for the exact merge. accumulate-worker.ts
 * is only the thread's entry around it, so tests call this on their own thread with a
 * MessageChannel's port (a mutant of it is then visible to them).
 */
export interface WorkerInput {
  /** The parts to read, or null: say `{ ready: true }` and wait for a `{ parts }` message (split-adaptive.ts). */
  parts: FilePart[] | null;
  origin: number;
  /** The native scanner this thread's reads use (so both threads read alike, whatever REHEARSE_NATIVE or a test chose), or null. */
  addon: string | null;
  /** Post `{ progress }` (bytes read so far) after each block. */
  progress: boolean;
  /** `--by TAG`, as the main thread's accumulator has it. */
  by?: string;
}

export interface WorkerProgress {
  progress: number;
}

export type WorkerOutput =
  | { ok: true; parts: PartStats[]; data: ReturnType<typeof accumulatorData> }
  | { ok: false; usage: boolean; message: string };

/** What the worker says before its output when it was started without parts. */
export interface WorkerReady {
  ready: true;
}

/** Reads `input`'s parts (or the parts `port` is sent), posting readiness and progress on `port`; never throws. */
export async function readWorkerPart(input: WorkerInput, port: MessagePort): Promise<WorkerOutput> {
  try {
    useAddon(input.addon);
    const scanner = new PointScanner();
    const parts: PartStats[] = [];
    let todo = input.parts;
    if (todo === null) {
      const given = new Promise<FilePart[]>((res) => port.once('message', (m: { parts: FilePart[] }) => res(m.parts)));
      port.postMessage({ ready: true } satisfies WorkerReady);
      todo = await given;
    }
    // Cut inside a JSON file: the metrics' declarations may be in the part before (CSV has none).
    const at = todo[0];
    const laterPart = at !== undefined && (at.range?.start ?? 0) > 0 && at.format === null;
    const acc = new RunAccumulator(input.origin, input.by, laterPart);
    // This thread's own count; the reading thread adds it to its own and knows the total.
    const progress = input.progress
      ? new ProgressCounter(Infinity, (p) => port.postMessage({ progress: p.bytes } satisfies WorkerProgress))
      : null;
    for (const part of todo)
      parts.push(await readWholePart(part, scanner, acc, progress?.part(part.range?.start ?? 0)));
    return { ok: true, parts, data: accumulatorData(acc.finish()) };
  } catch (e) {
    return { ok: false, usage: e instanceof UsageError, message: (e as Error).message };
  }
}
