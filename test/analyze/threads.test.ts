import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/util/usage-error.js';
import { accumulateRun } from '../../src/analyze/accumulate-run.js';
import { analyzeRun } from '../../src/analyze/index.js';
import { planSplit } from '../../src/analyze/split-plan.js';
import { syntheticRun } from '../fixtures/k6/synthetic-run.js';
import { toCsv } from '../fixtures/k6/to-csv.js';

/**
 * Two threads read a large run as two contiguous halves and merge them: the summary
 * must be exactly the single-thread one (minParallelBytes: 0 forces the split on a run
 * small enough for a test).
 */
const tmp = () => mkdtempSync(join(tmpdir(), 'analyze-threads-'));
const split = { threads: 2, minParallelBytes: 0, balance: 'static' } as const;
/** The cut made when the worker is ready (this thread waits for it, so the worker surely gets a part). */
const adaptiveSplit = { threads: 2, minParallelBytes: 0, _awaitWorker: true } as const;
const single = { threads: 1 } as const;

/** Both ways of cutting give the single-thread summary; returns it. */
async function sameAsSingle(files: string[]): Promise<Awaited<ReturnType<typeof analyzeRun>>> {
  const one = await analyzeRun(files, single);
  expect(await analyzeRun(files, split)).toEqual(one);
  expect(await analyzeRun(files, adaptiveSplit)).toEqual(one);
  return one;
}

let dir: string;
let lines: string[];
beforeAll(() => {
  dir = tmp();
  lines = [...syntheticRun({ candidates: 1500, quota: 400, seed: 7 })];
  writeFileSync(join(dir, 'run.ndjson'), lines.join('\n') + '\n');
});

describe('a run read by two threads', () => {
  it('cuts one plain file at a line start near its middle', async () => {
    const path = join(dir, 'run.ndjson');
    const plan = await planSplit([path], 0);
    const size = readFileSync(path).length;
    const cut = plan?.first[0]?.range?.end as number;
    expect(plan?.second[0]?.range).toEqual({ start: cut, end: size });
    expect(plan?.second[0]?.format).toBeNull(); // JSON
    expect(readFileSync(path)[cut - 1]).toBe(10); // just after a newline
    expect(Math.abs(cut - size / 2)).toBeLessThan(1000);
  });

  it('cuts when the worker is ready, at a line start, leaving the worker a little under half of what is left', async () => {
    const path = join(dir, 'run.ndjson');
    const size = readFileSync(path).length;
    const { worker, stats } = await accumulateRun([path], 0, adaptiveSplit);
    const at = worker?.[0]?.range?.start as number;
    expect(worker?.[0]?.range?.end).toBe(size);
    expect(readFileSync(path)[at - 1]).toBe(10);
    // This thread waited for the worker, so what was left was the whole file: 45 % of it to the worker.
    expect(Math.abs(size - at - 0.45 * size)).toBeLessThan(1000);
    expect(stats.lines).toBe(lines.length);
    // Without waiting, a small run may be read whole before the worker is up (it then gets nothing): the counts stand either way.
    const quick = await accumulateRun([path], 0, { threads: 2, minParallelBytes: 0 });
    expect(quick.stats).toEqual(stats);
  });

  it('gives exactly the single-thread summary of one file', async () => {
    const path = join(dir, 'run.ndjson');
    await sameAsSingle([path]);
  });

  it('gives exactly the single-thread summary of several files, cut inside a file or between gzip files', async () => {
    const d = tmp();
    const q = Math.floor(lines.length / 4);
    const parts = [lines.slice(0, q), lines.slice(q, 2 * q), lines.slice(2 * q, 3 * q), lines.slice(3 * q)];
    const files = parts.map((_p, i) => join(d, `part${i}.ndjson${i % 2 === 1 ? '.gz' : ''}`));
    parts.forEach((p, i) =>
      writeFileSync(files[i] as string, i % 2 === 1 ? gzipSync(p.join('\n') + '\n') : p.join('\n') + '\n'),
    );
    await sameAsSingle(files);
    // Only gzip files: the cut falls between files.
    const gz = [files[1] as string, files[3] as string];
    const plan = await planSplit(gz, 0);
    expect(plan?.first.map((p) => p.path)).toEqual([files[1]]);
    await sameAsSingle(gz);
  });

  it('reports malformed lines of the second half with their line numbers in the whole file', async () => {
    const d = tmp();
    const bad = [...lines];
    // One bad line in each half (well inside the tolerated share).
    bad[100] = 'not json';
    bad[lines.length - 100] = '{"type":"Point","data":{"time":"yesterday","value":1,"tags":{}},"metric":"vus"}';
    const path = join(d, 'bad.ndjson');
    writeFileSync(path, bad.join('\n') + '\n');
    const two = await sameAsSingle([path]);
    expect(two.source.malformed?.map((m) => m.line)).toEqual([101, lines.length - 99]);
    expect(two.source.lines).toBe(lines.length);
  });

  it('reads the second half of a CSV file with the layout of its header', async () => {
    const d = tmp();
    const path = join(d, 'run.csv');
    writeFileSync(path, toCsv(lines, 'unix_milli').join('\n') + '\n');
    const plan = await planSplit([path], 0);
    expect(plan?.second[0]?.format).not.toBeNull();
    await sameAsSingle([path]);
  });

  it('keeps a truncated last line a truncation, not a malformed line, in the second half', async () => {
    const d = tmp();
    const path = join(d, 'cut.ndjson');
    copyFileSync(join(dir, 'run.ndjson'), path);
    writeFileSync(path, readFileSync(path, 'utf8') + lines[20]?.slice(0, 40), { flag: 'w' });
    const two = await sameAsSingle([path]);
    expect(two.source.truncatedLastLine).toBe(true);
    expect(two.source.malformedLines).toBe(0);
  });

  it('reads on this thread when asked to, or when the run is below minParallelBytes (128 MiB by default)', async () => {
    const path = join(dir, 'run.ndjson');
    expect((await accumulateRun([path], 0, { threads: 1, minParallelBytes: 0 })).worker).toBeUndefined();
    expect((await accumulateRun([path], 0, { threads: 2 })).worker).toBeUndefined();
    expect(
      (await accumulateRun([path], 0, { threads: 2, minParallelBytes: statSync(path).size + 1 })).worker,
    ).toBeUndefined();
    // Just at the bound: two threads, and the adaptive cut's minimum share is that bound too (1 byte here).
    const at = await accumulateRun([path], 0, { ...adaptiveSplit, minParallelBytes: 1 });
    expect(at.worker?.[0]?.range?.end).toBe(statSync(path).size);
  });

  it('gives the worker the plan’s second half when the balance is static', async () => {
    const path = join(dir, 'run.ndjson');
    const { worker } = await accumulateRun([path], 0, split);
    expect(worker).toStrictEqual((await planSplit([path], 0))?.second);
  });

  it('gives the single-thread summary broken down by a tag', async () => {
    const path = join(dir, 'run.ndjson');
    const one = await analyzeRun([path], { ...single, by: 'name' });
    expect(await analyzeRun([path], { ...split, by: 'name' })).toEqual(one);
    expect(await analyzeRun([path], { ...adaptiveSplit, by: 'name' })).toEqual(one);
  });

  it('counts the files after a cut file as files of their own, and one file given twice as two (three times, cut inside the second, as three)', async () => {
    const d = tmp();
    const big = join(d, 'big.ndjson');
    const small = join(d, 'small.ndjson');
    writeFileSync(big, lines.join('\n') + '\n');
    writeFileSync(small, lines.slice(0, 50).join('\n') + '\n');
    const plan = await planSplit([big, small], 0);
    expect(plan?.second.map((p) => p.path)).toEqual([big, small]); // cut inside big
    expect((await sameAsSingle([big, small])).source.files).toHaveLength(2);
    expect((await sameAsSingle([small, small])).source.files).toHaveLength(2);
    // Cut inside the second of three: the worker's second part is the file this thread's last part cut, read whole.
    const thrice = await planSplit([small, small, small], 0);
    expect(thrice?.second.map((p) => [p.path, (p.range?.start ?? 0) > 0])).toEqual([
      [small, true],
      [small, false],
    ]);
    expect((await sameAsSingle([small, small, small])).source.files).toHaveLength(3);
  });

  it('reports an error of either half as the single pass does', async () => {
    const d = tmp();
    const good = join(d, 'good.ndjson');
    const bad = join(d, 'bad.ndjson');
    writeFileSync(good, lines.join('\n') + '\n');
    writeFileSync(bad, 'not k6 output\n' + lines.join('\n') + '\n');
    for (const files of [
      [bad, good], // this thread's half
      [good, bad], // the worker's
    ]) {
      const one = accumulateRun(files, 0, single);
      await expect(one).rejects.toThrow(UsageError);
      const message = await one.catch((e: Error) => e.message);
      for (const opts of [split, adaptiveSplit]) {
        const two = accumulateRun(files, 0, opts);
        await expect(two).rejects.toThrow(UsageError);
        await expect(two).rejects.toThrow(message);
      }
    }
  });
});
