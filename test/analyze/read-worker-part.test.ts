import { statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { accumulatorData } from '../../src/analyze/accumulate-data.js';
import { planSplit } from '../../src/analyze/split-plan.js';
import { readWorkerPart, type WorkerInput, type WorkerOutput } from '../../src/analyze/read-worker-part.js';
import { addonInUse } from '../../src/results/read-native.js';
import type { FilePart } from '../../src/results/read-points.js';
import { mixedRun, readHere } from './read-parts.js';
import { jsonLines, writeRun } from './split-lines.js';

/**
 * The worker thread's reading, run on this thread with a MessageChannel for its port (the
 * thread's entry, accumulate-worker.ts, only calls it): its parts read into data equal to
 * this thread's reading of the same parts, readiness before parts, progress, errors.
 * threads.test.ts runs it in a real worker.
 */
const { files } = mixedRun();
const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** Runs readWorkerPart on port1; returns its output and every message port2 heard (in order) until then. */
async function run(input: Partial<WorkerInput>, answer?: (m: unknown, port: MessagePort) => void) {
  const ch = new MessageChannel();
  channels.push(ch);
  const heard: unknown[] = [];
  const end = new Promise<void>((res) =>
    ch.port2.on('message', (m) => {
      if (m === 'end') return res();
      heard.push(m);
      answer?.(m, ch.port2);
    }),
  );
  const out = await readWorkerPart(
    { parts: null, origin: 0, addon: addonInUse(), progress: false, ...input },
    ch.port1,
  );
  ch.port1.postMessage('end'); // messages arrive in order: all it posted are in by then
  await end;
  return { out, heard };
}

const secondHalf = async () => (await planSplit(files, 0))?.second as FilePart[];

function expectOk(out: WorkerOutput): Extract<WorkerOutput, { ok: true }> {
  if (!out.ok) throw new Error(`not ok: ${out.message}`);
  return out;
}

describe('the worker’s part of a two-thread read', () => {
  it('reads its parts into the data this thread’s reading of them gives, with their counts', async () => {
    const parts = await secondHalf();
    // Cut inside a file: read as a part that may follow the declarations, as the worker does.
    expect(parts[0]?.range?.start).toBeGreaterThan(0);
    const here = await readHere(parts, undefined, 0, true);
    const { out, heard } = await run({ parts });
    const ok = expectOk(out);
    expect(isDeepStrictEqual(ok.data, accumulatorData(here.acc))).toBe(true);
    expect(ok.parts).toStrictEqual(here.stats);
    expect(ok.parts.map((p) => p.path)).toStrictEqual(files);
    expect(heard).toStrictEqual([]); // no progress asked, parts given: nothing to say
  });

  it('with a breakdown tag and an origin, as this thread has them', async () => {
    const parts = await secondHalf();
    const here = await readHere(parts, 'name', 1_700_000_000_000, true);
    const { out } = await run({ parts, by: 'name', origin: 1_700_000_000_000 });
    const ok = expectOk(out);
    expect(isDeepStrictEqual(ok.data, accumulatorData(here.acc))).toBe(true);
    // The tag matters: without it the data differ.
    expect(
      isDeepStrictEqual(ok.data, accumulatorData((await readHere(parts, undefined, 1_700_000_000_000, true)).acc)),
    ).toBe(false);
  });

  it('started without parts, says it is ready and reads the parts it is sent', async () => {
    const parts = await secondHalf();
    const { out, heard } = await run({ parts: null }, (m, port) => {
      if (isDeepStrictEqual(m, { ready: true })) port.postMessage({ parts });
    });
    expect(heard).toStrictEqual([{ ready: true }]);
    expect(
      isDeepStrictEqual(expectOk(out).data, accumulatorData((await readHere(parts, undefined, 0, true)).acc)),
    ).toBe(true);
  });

  it('posts its own progress, counted from where its parts start', async () => {
    // 12 MB from byte 1,000: three 4 MiB blocks.
    const path = writeRun('big.ndjson', jsonLines(120_010, 100));
    const parts = [{ path, range: { start: 1000, end: 12_001_000 }, format: null }, { path: files[1] as string }];
    const { out, heard } = await run({ parts, progress: true });
    expect(expectOk(out).parts[0]?.lines).toBe(120_000);
    const counts = heard.map((m) => (m as { progress: number }).progress);
    expect(heard.every((m) => Object.keys(m as object).join() === 'progress')).toBe(true);
    expect(counts.length).toBeGreaterThan(2);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1] as number);
    // The first part's 12,000,000 bytes (from its start), then the second file whole.
    expect(counts).toContain(12_000_000);
    expect(counts[counts.length - 1]).toBe(12_000_000 + statSync(files[1] as string).size);
  });

  it('tells a usage error (a file that is not k6 output, or missing) from an internal one', async () => {
    const text = writeRun('text.ndjson', 'hello\n');
    expect((await run({ parts: [{ path: text }] })).out).toStrictEqual({
      ok: false,
      usage: true,
      message: expect.stringContaining('line 1 is not k6 output'),
    });
    expect((await run({ parts: [{ path: `${text}.missing` }] })).out).toStrictEqual({
      ok: false,
      usage: true,
      message: expect.stringContaining('cannot read (ENOENT)'),
    });
    // A message without parts (a bug of the reading thread, not the user's): reported, not thrown.
    const { out } = await run({ parts: null }, (_m, port) => port.postMessage({}));
    expect(out).toStrictEqual({ ok: false, usage: false, message: expect.stringMatching(/undefined|not iterable/) });
  });
});
