import { resolve } from 'node:path';
import { startWorker } from '../../util/start-worker.js';
import type { RunManifest } from '../../results/manifest.js';
import { mkdir } from 'node:fs/promises';
import { assertAllowedTarget } from '../../util/loopback.js';
import { startManifest, writeManifest } from '../manifest.js';
import { sampleFileName } from './run.js';
import type { Progress, RunOptions, RunResult } from '../types.js';
import { parseSegment, WHOLE } from '../segment.js';

/**
 * `--workers N`: N worker threads, each running the engine on a deterministic share
 * of the population — a sub-segment of the run's segment, so the van der Corput
 * striping that makes segments exact also splits the work between threads. All
 * share one opening time; each writes its own sample file (k6 NDJSON merges by
 * concatenation) and the main thread writes one manifest listing them.
 *
 * Workers regenerate the population from (scenario, seed), which is deterministic,
 * instead of receiving candidates by message.
 */
export interface WorkerInput {
  opts: Omit<RunOptions, 'population' | 'onProgress' | 'signal' | 'hardSignal' | 'portalStats'>;
}

export type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: RunResult }
  /** `exitCode` carries a user-facing error's code (a full disk: 2) across the thread. */
  | { type: 'error'; message: string; exitCode?: number };

export function subSegments(text: string | undefined, n: number): string[] {
  const seg = text ? parseSegment(text) : WHOLE;
  const width = seg.to - seg.from;
  return Array.from(
    { length: n },
    (_, i) => `${seg.from + (i * width) / n}:${i === n - 1 ? seg.to : seg.from + ((i + 1) * width) / n}`,
  );
}

export async function runWorkers(opts: RunOptions, n: number): Promise<RunResult> {
  const startAt = opts.startAt ?? Date.now() + 500;
  const segments = subSegments(opts.segment, n);
  // The manifest comes first, marked running and listing every worker's sample file, as
  // on one thread: a run killed mid-way is still a run directory that analyze can read.
  const outDir = resolve(opts.outDir);
  await mkdir(outDir, { recursive: true });
  const manifest = startManifest(
    opts,
    { name: 'node', workers: n, ...(opts.segment ? { segment: opts.segment } : {}) },
    {
      baseUrl: assertAllowedTarget(opts.baseUrl, opts.allowHosts).href,
      openingEpochMs: startAt,
      samples: segments.map((s) => sampleFileName(parseSegment(s), opts.gzip ?? false)),
    },
  );
  await writeManifest(outDir, manifest);
  try {
    return await runAll(opts, segments, startAt, manifest, outDir);
  } catch (e) {
    // A worker that failed (a bug, a full disk) leaves the others' samples valid: say how it ended.
    manifest.status = 'failed';
    manifest.finishedAt = new Date().toISOString();
    manifest.notes = [...(manifest.notes ?? []), `failed: ${e instanceof Error ? e.message : String(e)}`];
    await writeManifest(outDir, manifest).catch(() => undefined);
    throw e;
  }
}

async function runAll(
  opts: RunOptions,
  segments: string[],
  startAt: number,
  manifest: RunManifest,
  outDir: string,
): Promise<RunResult> {
  const n = segments.length;
  const latest: Array<Progress | undefined> = Array(n).fill(undefined);
  const workers = segments.map((segment) =>
    startWorker('./worker-main', import.meta.url, {
      workerData: {
        opts: {
          scenario: opts.scenario,
          populationSize: opts.populationSize,
          target: opts.target,
          baseUrl: opts.baseUrl,
          outDir: opts.outDir,
          seed: opts.seed,
          ...(opts.runId !== undefined ? { runId: opts.runId } : {}),
          segment,
          startAt,
          ...(opts.maxConcurrent !== undefined
            ? { maxConcurrent: Math.max(1, Math.floor(opts.maxConcurrent / n)) }
            : {}),
          ...(opts.maxRps !== undefined ? { maxRps: opts.maxRps / n } : {}),
          ...(opts.maxDurationMs !== undefined ? { maxDurationMs: opts.maxDurationMs } : {}),
          ...(opts.graceMs !== undefined ? { graceMs: opts.graceMs } : {}),
          ...(opts.gzip !== undefined ? { gzip: opts.gzip } : {}),
          ...(opts.httpSamples !== undefined ? { httpSamples: opts.httpSamples } : {}),
          ...(opts.allowHosts ? { allowHosts: opts.allowHosts } : {}),
        },
      } satisfies WorkerInput,
    }),
  );
  opts.signal?.addEventListener('abort', () => workers.forEach((w) => w.postMessage('stop')), { once: true });
  opts.hardSignal?.addEventListener('abort', () => workers.forEach((w) => w.postMessage('hard')), { once: true });

  const results = await Promise.all(
    workers.map(
      (w, i) =>
        new Promise<RunResult>((resolvePromise, reject) => {
          w.on('message', (m: WorkerMessage) => {
            if (m.type === 'progress') {
              latest[i] = m.progress;
              if (i === 0 && opts.onProgress) opts.onProgress(mergeProgress(latest));
            } else if (m.type === 'done') resolvePromise(m.result);
            else {
              // One worker's failure (a refused host) stops the others at once.
              workers.forEach((o) => o !== w && o.postMessage('hard'));
              reject(Object.assign(new Error(m.message), m.exitCode !== undefined ? { exitCode: m.exitCode } : {}));
            }
          });
          w.on('error', reject);
          w.on('exit', (code) => code !== 0 && reject(new Error(`worker ${i} exited with code ${code}`)));
        }),
    ),
  );

  manifest.samples = results.flatMap((r) => r.manifest.samples);
  manifest.status = results.some((r) => r.manifest.status === 'interrupted') ? 'interrupted' : 'completed';
  manifest.finishedAt = new Date().toISOString();
  const notes = results.flatMap((r) => r.manifest.notes ?? []);
  if (notes.length) manifest.notes = [...(manifest.notes ?? []), ...notes];
  if (opts.portalStats) {
    try {
      manifest.portalStats = await opts.portalStats();
    } catch (e) {
      manifest.notes = [...(manifest.notes ?? []), `portal stats unavailable: ${String(e)}`];
    }
  }
  await writeManifest(outDir, manifest);
  return { outDir, manifest, samples: results.flatMap((r) => r.samples) };
}

/** Sums counters across workers; lateness is the worst worker's p99. */
export function mergeProgress(parts: Array<Progress | undefined>): Progress {
  const ps = parts.filter((p): p is Progress => p !== undefined);
  const sum = (k: 'arrived' | 'inFlight' | 'accepted' | 'rejectedPerSec' | 'requestsPerSec' | 'dropped') =>
    ps.reduce((a, p) => a + p[k], 0);
  const p0 = ps[0] as Progress;
  return {
    ...p0,
    arrived: sum('arrived'),
    inFlight: sum('inFlight'),
    accepted: sum('accepted'),
    rejectedPerSec: sum('rejectedPerSec'),
    requestsPerSec: sum('requestsPerSec'),
    dropped: sum('dropped'),
    latenessP99Ms: Math.max(...ps.map((p) => p.latenessP99Ms)),
  };
}
