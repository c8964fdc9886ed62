import { readFileSync, statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { accumulatorData, mergeAccumulator } from '../../src/analyze/accumulate-data.js';
import { summarize } from '../../src/analyze/summarize.js';
import { planSplit } from '../../src/analyze/split-plan.js';
import type { FilePart } from '../../src/results/read-points.js';
import { addPartStats, newReadStats } from '../../src/results/reader.js';
import { mixedRun, plainK6Run, readHere } from './read-parts.js';
import { jsonLines, writeRun } from './split-lines.js';

/**
 * The exact merge of two halves of a run, on one thread: the first half's accumulator
 * plus the second half's data (structured-cloned, as a worker thread sends it) must be
 * the single pass's accumulator, and give a byte-identical summary. The oracle is the
 * single pass; threads.test.ts does the same through a real worker.
 */
const { files, synthetic } = mixedRun();

async function mergedAndSingle(run: string[], by?: string, origin = 0) {
  const plan = await planSplit(run, 0);
  if (!plan) throw new Error('no plan');
  const first = await readHere(plan.first, by, origin);
  const second = await readHere(plan.second, by, origin, true);
  const firstAlone = structuredClone(accumulatorData(first.acc)); // before the merge adds to it
  mergeAccumulator(first.acc, structuredClone(accumulatorData(second.acc)));
  const single = await readHere(
    run.map((path): FilePart => ({ path })),
    by,
    origin,
  );
  const stats = newReadStats();
  for (const p of single.stats) addPartStats(stats, p);
  const summary = (acc: typeof single.acc) => JSON.stringify(summarize(acc, stats, undefined, {}), null, 1);
  return {
    merged: accumulatorData(first.acc),
    single: accumulatorData(single.acc),
    summaries: [summary(first.acc), summary(single.acc)],
    halves: [firstAlone, accumulatorData(second.acc)],
  };
}

/** Node's strict deep equality (Maps and typed arrays by content) is ~1,000× faster than toEqual here; toEqual shows the difference. */
function expectSame(a: unknown, b: unknown): void {
  if (!isDeepStrictEqual(a, b)) expect(a).toEqual(b);
  expect(isDeepStrictEqual(a, b)).toBe(true);
}

describe('the merge of two halves of a run', () => {
  it('cuts the run inside the toolkit file', async () => {
    const plan = await planSplit(files, 0);
    const cut = plan?.first[0]?.range?.end as number;
    expect(plan?.first.map((p) => p.path)).toEqual([synthetic]);
    expect(plan?.second.map((p) => p.path)).toEqual(files);
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(statSync(synthetic).size);
  });

  it('gives the single pass’s accumulator and summary', async () => {
    const { merged, single, summaries, halves } = await mergedAndSingle(files);
    expectSame(merged, single);
    expect(summaries[0]).toBe(summaries[1]);
    // Both halves had something of each kind to add (else the equality proves little).
    for (const d of halves) {
      expect(d.scalars.httpReqs).toBeGreaterThan(0);
      expect(d.scalars.reqs).toBeGreaterThan(0);
      expect(d.journeys.outcomes.length).toBeGreaterThan(0);
      expect(d.latencyPerSecondOp.length).toBeGreaterThan(0);
    }
  });

  it('counts a submetric from its declaration on: the plain k6 file’s points, not the toolkit file’s before it', async () => {
    // The toolkit file declares http_req_duration without submetrics and has points tagged
    // expected_response=true; the plain k6 file declares it again with that submetric.
    const plain = readFileSync(files[1] as string, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const want = plain.filter(
      (o) => o.type === 'Point' && o.metric === 'http_req_duration' && o.data.tags?.expected_response === 'true',
    ).length;
    expect(want).toBeGreaterThan(0);
    const { merged, single } = await mergedAndSingle(files);
    const sub = (d: typeof single) =>
      d.k6.metrics.find(([n]) => n === 'http_req_duration{expected_response:true}')?.[1];
    expect(sub(single)?.count).toBe(want);
    expect(sub(merged)?.count).toBe(want);
  });

  it('does so with a breakdown tag and an origin', async () => {
    const { merged, single, summaries } = await mergedAndSingle(files, 'name', 1_700_000_000_000);
    expectSame(merged, single);
    expect(summaries[0]).toBe(summaries[1]);
  });

  it('sets a flag (toolkit lines, HTTP expectations seen) that either half saw', async () => {
    // k6 `vus` points only: neither flag. Cut inside it, so one half has no flag.
    const vus = writeRun('vus.ndjson', jsonLines(6000, 100));
    for (const run of [
      [vus, ...files],
      [...files, vus],
    ]) {
      const { merged, single, halves } = await mergedAndSingle(run);
      expect(single.flags).toStrictEqual({ toolkit: true, httpExpectedSeen: true });
      expect(halves.map((h) => h.flags.toolkit)).toContain(false);
      expect(halves.map((h) => h.flags.httpExpectedSeen)).toContain(false);
      expect(merged.flags).toStrictEqual(single.flags);
    }
  });

  it('cuts a plain k6 file declared at its top with HTTP points in both halves (the case below)', async () => {
    const path = plainK6Run(100);
    const plan = await planSplit([path], 0);
    expect(plan?.second[0]?.range?.start).toBeGreaterThan(0);
    const counts: number[] = [];
    for (const half of [plan?.first, plan?.second]) {
      const { acc } = await readHere(half as FilePart[]);
      counts.push(acc.k6.toData().metrics.find(([n]) => n === 'http_req_duration')?.[1].count ?? 0);
    }
    // 6 requests a repeat, 100 repeats.
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(0);
    expect((counts[0] as number) + (counts[1] as number)).toBe(600);
  });

  // k6 declares each metric once, before its first point; the second half of one plain k6
  // file never sees the declarations, and its submetric samples are counted at the merge
  // (it once lost them: 300 of 600 samples of `http_req_duration{expected_response:true}`).
  it('gives the single pass’s submetrics for one plain k6 file declared at its top', async () => {
    const { merged, single } = await mergedAndSingle([plainK6Run(100)]);
    expectSame(merged, single);
  });
});
