import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun, RunAccumulator, type Summary, summarize } from '../../src/analyze/index.js';
import { IndexCounts } from '../../src/analyze/index-counts.js';
import { LogHistogram } from '../../src/analyze/log-histogram.js';
import { AnalyzerOut } from '../../src/engine/sim/analyzer-out.js';
import { newReadStats } from '../../src/results/reader.js';
import { SampleWriter } from '../../src/results/ndjson-writer.js';
import { T0 } from '../fixtures/k6/hand-built.js';

/**
 * The simulator hands the accumulator its per-second request aggregates in memory, as
 * counts by HdrHistogram index (`RunAccumulator.pointCounts`), and can write the same
 * points to a file as rehearsal_req_agg with the histogram encoded in the `hdr` tag
 * (`AnalyzerOut` with a tee). Two paths through the accumulator (counts as they are;
 * encoded, decoded and walked) must give the same summary, and both the counts worked
 * out by hand.
 */
interface Agg {
  sec: number;
  tags: Record<string, string>;
  /** Latencies in µs; empty for requests that carry none (a count only). */
  us: number[];
  count?: number;
}

const AGGS: Agg[] = [
  { sec: 0, tags: { op: 'createAccount', class: 'ok', status: '201', country: 'FR' }, us: [1000, 1200, 15_000] },
  { sec: 0, tags: { op: 'submitApplication', class: 'throttled', status: '503' }, us: [800, 900] },
  // Handed over out of order (second 2 before second 1), as merged parts may be.
  { sec: 2, tags: { op: 'submitApplication', class: 'ok', status: '201', country: 'MA' }, us: [4000] },
  // Requests of 83 minutes: past 2^32 µs, where the counts come from the library's own histogram.
  {
    sec: 1,
    tags: { op: 'createAccount', class: 'ok', status: '201', country: 'FR' },
    us: [2000, 5_000_000_000, 5_000_000_000],
  },
  // Exactly 2^32 µs: the first index past the fast ones.
  { sec: 1, tags: { op: 'submitApplication', class: 'error', status: '0', cause: 'timeout' }, us: [2 ** 32] },
];

/** Journeys handed over as the simulator does (`AnalyzerOut.pointJourney`), out of order too. */
const JOURNEYS: Array<[sec: number, country: string, outcome: 'accepted' | 'gave_up']> = [
  [1.5, 'FR', 'accepted'],
  [0.2, 'MA', 'gave_up'],
  [2.8, 'MA', 'gave_up'],
  [1.9, 'FR', 'gave_up'],
];

async function bothWays(aggs: Agg[], journeys = false): Promise<{ memory: Summary; file: Summary }> {
  const acc = new RunAccumulator(0);
  const path = join(mkdtempSync(join(tmpdir(), 'acc-counts-')), 'run.ndjson');
  const w = new SampleWriter(path);
  const out = new AnalyzerOut(acc, w);
  for (const a of aggs) {
    const c = new IndexCounts();
    for (const v of a.us) c.recordValue(v);
    await out.pointAgg(T0 + a.sec * 1000 + 500, a.count ?? a.us.length, a.tags, c);
  }
  for (const [i, [sec, country, outcome]] of (journeys ? JOURNEYS : []).entries())
    await out.pointJourney('launch-day', {
      candidate: `c${i}`,
      arrival: i,
      country,
      outcome,
      attempts: 2,
      endEpochMs: T0 + sec * 1000,
      timeToOutcomeMs: 100,
    });
  await w.close();
  const memory = summarize(acc.finish(), { ...newReadStats(), samples: out.samples }, undefined);
  const file = await analyzeRun([path], { threads: 1 });
  return { memory, file };
}

/** A summary without where it was read from (the two differ there only). */
const sections = (s: Summary) => ({ ...s, source: { ...s.source, files: [], lines: 0, formats: [] } });

describe('rehearsal_req_agg counts handed over in memory (the simulator)', () => {
  it('give the summary the same points give when written and read back', async () => {
    const { memory, file } = await bothWays(AGGS, true);
    expect(sections(memory)).toEqual(sections(file));
  });

  it('count requests, classes, timeouts and latencies as worked out by hand', async () => {
    const { memory: s } = await bothWays(AGGS);
    expect(s.source.toolkitMetrics).toBe(true);
    expect(s.openingEpochMs).toBe(T0 + 500);
    expect(s.durationMs).toBe(2000);
    expect(s.classes).toMatchObject({
      total: { error: 1, ok: 7, throttled: 2 },
      byOp: { createAccount: { ok: 6 }, submitApplication: { error: 1, ok: 1, throttled: 2 } },
      timeouts: 1,
      overTime: [
        [0, 'ok', 3],
        [0, 'throttled', 2],
        [1, 'error', 1],
        [1, 'ok', 3],
        [2, 'ok', 1],
      ],
    });
    expect(s.latency.fromIntendedSend).toBe(true);
    expect(s.latency.all).toMatchObject({ count: 10, min: 0.8 });
    // 5e9 µs lies in a bucket 2^22 µs wide (3 significant digits): its max is the bucket's highest value.
    expect(Math.abs((s.latency.all?.max as number) - 5_000_000) / 5_000_000).toBeLessThan(0.001);
    expect(s.latency.byOp.createAccount?.count).toBe(6);
    expect(s.byCountry).toBeNull(); // no journeys
    const withJourneys = (await bothWays(AGGS, true)).memory;
    // The earliest point and the latest are journeys' (0.2 s, 2.8 s), read neither first nor last.
    expect([withJourneys.openingEpochMs, withJourneys.durationMs]).toEqual([T0 + 200, 2600]);
    // Latency by country from the aggregates' country tags: FR's p95 is an 83-minute request (HdrHistogram: within 0.1 %).
    expect(withJourneys.byCountry).toMatchObject({
      FR: { candidates: 2, outcomes: { accepted: 1, gave_up: 1 } },
      MA: { candidates: 2, outcomes: { gave_up: 2 }, latencyP95: 4.001 }, // 4,000 µs: HdrHistogram's bucket 4,000–4,001
    });
    const fr = withJourneys.byCountry?.FR?.latencyP95 as number;
    expect(Math.abs(fr - 5_000_000) / 5_000_000).toBeLessThan(0.001);
    expect(s.timeline.perSecond.map((r) => r.slice(0, 3))).toEqual([
      [0, 5, 3],
      [1, 4, 3],
      [2, 1, 1],
    ]);
    // One row per second and op that had latencies; second 1's createAccount holds the 83-minute requests.
    expect(s.timeline.latency.map((r) => [r[0], r[1]])).toEqual([
      [0, 'createAccount'],
      [0, 'submitApplication'],
      [1, 'createAccount'],
      [1, 'submitApplication'],
      [2, 'submitApplication'],
    ]);
    const slow = s.timeline.latency.find((r) => r[0] === 1 && r[1] === 'createAccount') as number[];
    // The per-second series stops at about 48 minutes (log-histogram.ts): the two 83-minute
    // requests, its median and above, sit in its last bucket.
    const ceiling = new LogHistogram();
    ceiling.record(Number.MAX_VALUE);
    const top = ceiling.quantileMs(0.5);
    expect(top).toBeGreaterThan(2_800_000);
    expect(slow.slice(2)).toEqual([top, top, top]);
  });

  it('count requests without latencies, and keep no latency for them', async () => {
    const { memory: s } = await bothWays([
      { sec: 0, tags: { op: 'createAccount', class: 'ok', status: '201' }, us: [1000] },
      { sec: 0, tags: { op: 'submitApplication', class: 'error', status: '0' }, us: [], count: 3 },
    ]);
    expect(s.classes?.total).toEqual({ error: 3, ok: 1 });
    expect(s.latency.all?.count).toBe(1);
    expect(Object.keys(s.latency.byOp)).toEqual(['createAccount']);
    expect(s.timeline.latency.map((r) => r[1])).toEqual(['createAccount']);
  });
});
