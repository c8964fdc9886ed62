import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { defaultThreads, replyOf, threadsFor } from '../../src/analyze/accumulate-run.js';
import { loadAddon } from '../../src/results/read-native.js';

// The core count the analyzer sees, set by a test (else the machine's own).
const os = vi.hoisted(() => ({ cores: undefined as number | undefined }));
vi.mock('node:os', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:os')>();
  return { ...real, availableParallelism: () => os.cores ?? real.availableParallelism() };
});

/**
 * The main thread's side of a two-thread read that threads.test.ts cannot reach: how many
 * threads a run gets by default, and how the worker's messages are heard, including a
 * worker that dies before its result. The workers here are real threads running a few
 * lines of plain JavaScript (no TypeScript loader, so they start in milliseconds): each
 * says what the analyzer's worker would (read-worker-part.ts), or exits without a word.
 */

/** A worker thread running `code` (CommonJS, `parentPort` in scope). */
const worker = (code: string) =>
  new Worker(`const { parentPort } = require('node:worker_threads');\n${code}`, { eval: true });

/** The worker's reply, with every ready and progress message heard before it, in order. */
async function hear(w: Worker) {
  const heard: string[] = [];
  const out = await replyOf(
    w,
    (bytes) => heard.push(`progress ${bytes}`),
    () => heard.push('ready'),
  );
  return { out, heard };
}

describe('the default number of threads', () => {
  it('is two from 4 cores with the native scanner and from 2 without it (accumulate-run.ts: measured on 2 cores)', () => {
    const rows: Array<[cores: number, native: boolean, threads: 1 | 2]> = [
      [1, false, 1],
      [2, false, 2],
      [3, false, 2],
      [2, true, 1],
      [3, true, 1],
      [4, true, 2],
      [8, true, 2],
    ];
    for (const [cores, native, threads] of rows)
      expect([cores, native, threadsFor(cores, native)]).toEqual([cores, native, threads]);
  });

  it('reads this machine’s cores, and takes the scanner as absent when REHEARSE_NATIVE=0', () => {
    const was = process.env.REHEARSE_NATIVE;
    process.env.REHEARSE_NATIVE = '0';
    try {
      // Without the scanner, 2 cores suffice (on a 2- or 3-core machine the scanner's absence is what gives 2).
      expect(defaultThreads()).toBe(availableParallelism() >= 2 ? 2 : 1);
    } finally {
      if (was === undefined) delete process.env.REHEARSE_NATIVE;
      else process.env.REHEARSE_NATIVE = was;
    }
  });
  // CI builds the scanner (.ci/run fails without it); a machine without g++ skips this one.
  it.skipIf(loadAddon() === null)('with the native scanner loaded: one thread on 2 and 3 cores, two on 4', () => {
    try {
      const got = [2, 3, 4].map((cores) => {
        os.cores = cores;
        return [cores, defaultThreads()];
      });
      expect(got).toEqual([
        [2, 1],
        [3, 1],
        [4, 2],
      ]);
    } finally {
      os.cores = undefined;
    }
  });
});

describe('the worker’s reply', () => {
  it('passes on readiness and progress as they come, then resolves with the result', async () => {
    const result = { ok: false, usage: true, message: 'run.ndjson: not k6 output' };
    const w = worker(`
      parentPort.postMessage({ progress: 100 });
      parentPort.postMessage({ ready: true });
      parentPort.postMessage({ progress: 250 });
      parentPort.postMessage(${JSON.stringify(result)});`);
    const { out, heard } = await hear(w);
    expect(heard).toEqual(['progress 100', 'ready', 'progress 250']);
    expect(out).toEqual(result);
  });

  it('rejects, naming the exit code, when the worker exits before sending its result', async () => {
    await expect(hear(worker('parentPort.postMessage({ ready: true }); process.exit(3);'))).rejects.toThrow(
      new Error('analyze: the reading thread exited (code 3) before sending its part of the run'),
    );
    await expect(hear(worker(''))).rejects.toThrow(
      new Error('analyze: the reading thread exited (code 0) before sending its part of the run'),
    );
  });
});
