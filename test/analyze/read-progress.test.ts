import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { accumulateRun } from '../../src/analyze/accumulate-run.js';
import { ProgressCounter, type ReadProgress } from '../../src/analyze/read-progress.js';
import { syntheticRun } from '../fixtures/k6/synthetic-run.js';

/** Progress of a read: after each 4 MiB block of either thread, never backwards, ending at the whole. */
let dir: string;
let plain: string;
let gz: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'read-progress-'));
  const text = [...syntheticRun({ candidates: 12_000, quota: 1_000, seed: 4 })].join('\n') + '\n'; // ~12 MB: three blocks
  plain = join(dir, 'run.ndjson');
  gz = join(dir, 'run.ndjson.gz');
  writeFileSync(plain, text);
  writeFileSync(gz, gzipSync(text));
});

async function reports(files: string[], opts: Parameters<typeof accumulateRun>[2] = {}): Promise<ReadProgress[]> {
  const seen: ReadProgress[] = [];
  await accumulateRun(files, 0, { ...opts, onProgress: (p) => seen.push(p) });
  return seen;
}

function expectSteady(seen: ReadProgress[], total: number, midway = true): void {
  expect(seen.length).toBeGreaterThan(midway ? 2 : 0);
  for (let i = 1; i < seen.length; i++) expect(seen[i]?.bytes).toBeGreaterThanOrEqual(seen[i - 1]?.bytes as number);
  expect(seen.every((p) => p.totalBytes === total)).toBe(true);
  expect(seen[seen.length - 1]?.bytes).toBe(total);
  if (midway) expect(seen.some((p) => p.bytes > 0 && p.bytes < total)).toBe(true);
}

describe('read progress', () => {
  it('counts a plain file block by block on one thread', async () => {
    const size = statSync(plain).size;
    expect(size).toBeGreaterThan(8 << 20);
    expectSteady(await reports([plain], { threads: 1 }), size);
  });

  it('adds the worker thread’s count to this one’s', async () => {
    const size = statSync(plain).size;
    for (const balance of ['static', 'adaptive'] as const) {
      const seen = await reports([plain], { threads: 2, minParallelBytes: 0, balance, _awaitWorker: true });
      expectSteady(seen, size);
      // Both threads' last counts are in before the end (the worker's come before its result):
      // the report before the final one is already the whole.
      expect(seen[seen.length - 2]?.bytes).toBe(size);
    }
    // Whole files on either thread (a cut between files).
    const two = await reports([plain, plain], { threads: 2, minParallelBytes: 0 });
    expectSteady(two, 2 * size);
    expect(two[two.length - 2]?.bytes).toBe(2 * size);
  });

  it('counts a gzip file in compressed bytes, and several files as one run', async () => {
    // Read in 1 MiB chunks: a small gzip file is read whole before its first block is out.
    expectSteady(await reports([gz], { threads: 1 }), statSync(gz).size, false);
    expectSteady(await reports([plain, gz], { threads: 1 }), statSync(plain).size + statSync(gz).size);
  });
});

describe('the progress counter', () => {
  it('adds finished parts, the current part from its start, and the worker’s latest count, capped at the total', () => {
    const seen: number[] = [];
    const c = new ProgressCounter(1000, (p) => {
      expect(p.totalBytes).toBe(1000);
      seen.push(p.bytes);
    });
    const a = c.part(0);
    a(400);
    a(600);
    const b = c.part(200); // a part from byte 200 of its file: a is finished at 600
    b(100); // before the part's start: nothing of it yet
    b(500);
    c.worker(50);
    c.worker(80); // the worker's count replaces its previous one
    b(700); // 600 + 500 + 80, capped
    const d = c.part(0); // b finished at 500: 1,100 before d
    d(0);
    c.done();
    expect(seen).toStrictEqual([400, 600, 600, 900, 950, 980, 1000, 1000, 1000]);
  });

  it('says the whole when done, whatever was counted', () => {
    const seen: ReadProgress[] = [];
    new ProgressCounter(123, (p) => seen.push(p)).done();
    expect(seen).toStrictEqual([{ bytes: 123, totalBytes: 123 }]);
  });
});
