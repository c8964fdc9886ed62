import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import { rowStep } from '../../src/analyze/timeline.js';
import type { Summary } from '../../src/analyze/summary.js';
import { metricLine, pointLine } from '../../src/results/k6-format.js';
import type { RunManifest } from '../../src/results/manifest.js';
import { manifestFor, T0 } from '../fixtures/k6/hand-built.js';

/**
 * The summary's sections (summarize.ts, journey-sections.ts, requests-sections.ts,
 * generator.ts, timeline.ts) on runs the hand-built one does not cover: thousands of
 * acceptances (the quota curve thinned to 2,000 points), hundreds of journeys of one
 * outcome (the CDF's 200 points), journeys without attempts, a quota nobody got, a
 * manifest's warnings and portal figures, the generator's thresholds. Answers by hand.
 */
interface Journey {
  at: number;
  outcome: string;
  tto: number;
  attempts?: number;
  arrival?: number;
}

function journeyLines(js: Journey[]): string[] {
  return [
    metricLine('rehearsal_journey'),
    ...js.map((j, i) =>
      pointLine('rehearsal_journey', T0 + j.at, j.tto, {
        outcome: j.outcome,
        arrival: String(j.arrival ?? i),
        ...(j.attempts !== undefined ? { attempts: String(j.attempts) } : {}),
      }),
    ),
  ];
}

async function run(lines: string[], manifest?: Partial<RunManifest> & { quota?: number }): Promise<Summary> {
  const dir = mkdtempSync(join(tmpdir(), 'sections-'));
  if (!manifest) {
    writeFileSync(join(dir, 'run.ndjson'), `${lines.join('\n')}\n`);
    return analyzeRun([join(dir, 'run.ndjson')], { threads: 1 });
  }
  const { quota, ...rest } = manifest;
  const runDir = join(dir, 'run');
  mkdirSync(runDir);
  writeFileSync(join(runDir, 'samples.ndjson'), `${lines.join('\n')}\n`);
  writeFileSync(join(runDir, 'manifest.json'), JSON.stringify({ ...manifestFor(['samples.ndjson'], quota), ...rest }));
  return analyzeRun([runDir], { threads: 1 });
}

describe('the quota section', () => {
  it('thins a curve of 2,500 acceptances to 2,000 evenly spaced points, keeping the first and last', async () => {
    // Acceptance k (1-based) at k × 10 ms, written newest first (the section sorts them).
    const js = Array.from({ length: 2500 }, (_, i) => ({
      at: (2500 - i) * 10,
      outcome: 'accepted',
      tto: 5,
      attempts: 1,
    }));
    const s = await run(journeyLines(js), { quota: 3000 });
    const q = s.quota as NonNullable<Summary['quota']>;
    expect(q).toMatchObject({ size: 3000, accepted: 2500, oversold: false, filled: false, fillTimeMs: 25_000 });
    expect(q.fillRatePerSec).toBe(100); // 2,500 in 25 s
    expect(q.curve).toHaveLength(2000);
    // Point i is acceptance round(i × 2499 / 1999) + 1: 0 → 1, 1 → 2 (1.25), 2 → 4 (2.50), 1000 → 1251, 1999 → 2500.
    expect([0, 1, 2, 1000, 1999].map((i) => q.curve[i])).toEqual([
      [10, 1],
      [20, 2],
      [40, 4],
      [12_510, 1251],
      [25_000, 2500],
    ]);
  });

  it('keeps every point of a curve of exactly 2,000', async () => {
    const js = Array.from({ length: 2000 }, (_, i) => ({ at: (i + 1) * 10, outcome: 'accepted', tto: 5 }));
    const q = (await run(journeyLines(js), { quota: 2000 })).quota;
    expect(q?.curve).toHaveLength(2000);
    expect([q?.curve[1], q?.curve[1999], q?.filled, q?.oversold]).toEqual([[20, 2], [20_000, 2000], true, false]);
  });

  it('has no fill time or rate when nobody got a place, and no size without a quota', async () => {
    const js = [
      { at: 1000, outcome: 'gave_up', tto: 900 },
      { at: 2000, outcome: 'quota_full', tto: 1500 },
    ];
    expect((await run(journeyLines(js), { quota: 5 })).quota).toEqual({
      size: 5,
      accepted: 0,
      oversold: false,
      fillTimeMs: null,
      filled: false,
      curve: [],
      fillRatePerSec: null,
      fillStartMs: 0,
      acceptedBeforeOpening: 0,
    });
    const noQuota = await run(journeyLines([{ at: 1000, outcome: 'accepted', tto: 900 }]));
    expect(noQuota.quota).toMatchObject({ size: null, accepted: 1, oversold: false, filled: false });
    expect(noQuota.throughput.acceptedPerSec).toBe(0); // one acceptance over a run of no duration
  });
});

describe('the quota section at time zero', () => {
  it('counts an acceptance at the opening itself as after it, with no fill rate over no time', async () => {
    const q = (await run(journeyLines([{ at: 0, outcome: 'accepted', tto: 5 }]), { quota: 1 })).quota;
    expect(q).toMatchObject({
      accepted: 1,
      fillTimeMs: 0,
      fillRatePerSec: null,
      acceptedBeforeOpening: 0,
      filled: true,
    });
  });
});

describe('the journeys section and the time-to-outcome CDF', () => {
  it('thins each outcome’s CDF to 200 points at ranks ceil(k·n/200)', async () => {
    // 450 gave up, times to outcome 1..450 ms (written shuffled by a fixed stride), 3 accepted.
    const js: Journey[] = [];
    for (let i = 0; i < 450; i++) js.push({ at: 1000 + i, outcome: 'gave_up', tto: ((i * 7) % 450) + 1, attempts: 2 });
    for (let i = 0; i < 3; i++) js.push({ at: 2000 + i, outcome: 'accepted', tto: 30 - 10 * i, attempts: 1 + i });
    const s = await run(journeyLines(js));
    const gaveUp = s.timeToOutcomeCdf?.filter((r) => r[0] === 'gave_up') ?? [];
    expect(gaveUp).toHaveLength(200);
    // k = 1: rank ceil(2.25) = 3 → 3 ms, share 3/450; k = 100: rank 225; k = 200: rank 450.
    expect([gaveUp[0], gaveUp[99], gaveUp[199]]).toEqual([
      ['gave_up', 3, 0.006667],
      ['gave_up', 225, 0.5],
      ['gave_up', 450, 1],
    ]);
    // Fewer than 200: every one, in order; outcomes sorted by name.
    expect(s.timeToOutcomeCdf?.slice(0, 3)).toEqual([
      ['accepted', 10, 0.333333],
      ['accepted', 20, 0.666667],
      ['accepted', 30, 1],
    ]);
    expect(s.journeys).toMatchObject({
      candidates: 453,
      outcomes: { accepted: 3, gave_up: 450 },
      shares: { accepted: 0.006623, gave_up: 0.993377 },
      abandonment: 0.993377,
    });
    // Attempts: 450 × 2, then 1, 2, 3 → mean 906/453 = 2; p50 2, p90 2, max 3; the accepted's median 2.
    expect(s.journeys?.attempts).toEqual({
      mean: 2,
      p50: 2,
      p90: 2,
      max: 3,
      histogram: [
        [1, 1],
        [2, 451],
        [3, 1],
      ],
      acceptedP50: 2,
    });
    expect(s.journeys?.retryAmplification).toBe(2);
  });

  it('reports no attempts figures when no journey said how many it made', async () => {
    const s = await run(
      journeyLines([
        { at: 1000, outcome: 'accepted', tto: 900 },
        { at: 2000, outcome: 'gave_up', tto: 1500 },
      ]),
    );
    expect(s.journeys?.attempts).toEqual({ mean: 0, p50: 0, p90: 0, max: 0, histogram: [], acceptedP50: null });
    expect(s.journeys?.retryAmplification).toBe(0);
    expect(s.journeys?.abandonment).toBe(0.5);
    // No request at all: no failures, not 0 ÷ 0.
    expect(s.http).toMatchObject({ requests: 0, failedRate: 0 });
  });

  it('takes the lower median of the accepted’s attempts (an even count)', async () => {
    const js = [4, 1, 3, 2].map((attempts, i) => ({ at: 1000 + i, outcome: 'accepted', tto: 5, attempts }));
    // Those who gave up after 9 attempts do not count.
    for (let i = 0; i < 3; i++) js.push({ at: 2000 + i, outcome: 'gave_up', tto: 5, attempts: 9 });
    expect((await run(journeyLines(js))).journeys?.attempts.acceptedP50).toBe(2);
  });
});

describe('what the manifest adds', () => {
  it('passes on its warnings (without the prefix) and the portal’s own figures', async () => {
    const s = await run(journeyLines([{ at: 1000, outcome: 'accepted', tto: 900 }]), {
      quota: 1,
      notes: ['warning: the portal restarted at 12 s', 'seed drawn from the clock', 'warning: 3 VUs idle'],
      portalStats: { accepted: 1, restarts: 1 },
    });
    expect(s.warnings).toEqual(['the portal restarted at 12 s', '3 VUs idle']);
    expect(s.portal).toEqual({ accepted: 1, restarts: 1 });
    expect(s.source).toMatchObject({ engine: 'node', scenario: 'launch-day', target: 'reference', seed: 1 });
    expect(s.source).toMatchObject({ scale: 1, timeScale: 1, population: 6 });
  });

  it('has neither when the manifest has no warning notes and no portal figures', async () => {
    const s = await run(journeyLines([{ at: 1000, outcome: 'accepted', tto: 900 }]), {
      quota: 1,
      notes: ['seed drawn from the clock'],
    });
    expect(s.warnings).toBeUndefined();
    expect(s.portal).toBeUndefined();
  });
});

describe('the generator section', () => {
  const late = (ms: number[]) => [
    metricLine('rehearsal_lateness'),
    ...ms.map((v, i) => pointLine('rehearsal_lateness', T0 + i, v, {})),
  ];

  it('warns of late starts only past a p99 of 250 ms', async () => {
    expect((await run(late([0, 250, 250]))).generator.warnings).toEqual([]);
    const s = await run(late([0, 260, 260]));
    expect(s.generator.warnings).toEqual([
      'journey starts were late: p99 260 ms behind schedule (threshold 250 ms); the generator is saturated, so arrivals and latencies may be distorted',
    ]);
    expect(s.generator.lateness?.count).toBe(3);
    expect(s.source.toolkitMetrics).toBe(true); // rehearsal_lateness alone makes it a toolkit run
    // Starts without finishes: all three in flight at the end.
    expect(s.timeline.perSecond).toEqual([[0, 0, 0, 3, 3]]);
  });

  it('gives the dropped share of planned starts (dropped ÷ started + dropped)', async () => {
    const lines = [
      ...late([0, 0, 0]),
      metricLine('dropped_iterations'),
      pointLine('dropped_iterations', T0 + 5, 2, {}),
    ];
    const s = await run(lines);
    expect(s.generator.droppedIterations).toBe(2);
    expect(s.generator.warnings).toEqual([
      '2 iterations dropped (40.0 % of planned starts): the generator could not start them on time (too few VUs or a saturated machine); the applied load is below the plan',
    ]);
    // Nothing started at all: every planned start was dropped.
    const none = await run([metricLine('dropped_iterations'), pointLine('dropped_iterations', T0, 3, {})]);
    expect(none.generator.warnings[0]).toMatch(/^3 iterations dropped \(100\.0 % of planned starts\)/);
  });
});

/**
 * Two journeys start, at 0 s and 0.5 s; an ok request at 1.5 s; a throttled one at `throttledAt`
 * ms and a journey's end at `endAt` ms.
 */
function timelineLines(throttledAt: number, endAt: number): string[] {
  return [
    metricLine('rehearsal_journey'),
    metricLine('rehearsal_lateness'),
    pointLine('rehearsal_lateness', T0, 0, {}),
    pointLine('rehearsal_lateness', T0 + 500, 0, {}),
    metricLine('rehearsal_req'),
    pointLine('rehearsal_req', T0 + 1500, 12, { op: 'a', class: 'ok', status: '201' }),
    pointLine('rehearsal_req', T0 + throttledAt, 8, { op: 'a', class: 'throttled', status: '503' }),
    ...journeyLines([{ at: endAt, outcome: 'gave_up', tto: endAt }]).slice(1),
  ];
}

describe('the timeline', () => {
  it('fills the seconds between samples with zeros and counts journeys in flight', async () => {
    // The throttled request at 3.1 s, the journey's end at 3.2 s.
    const s = await run(timelineLines(3100, 3200), { quota: 1 });
    expect(s.timeline.perSecond).toEqual([
      [0, 0, 0, 2, 2],
      [1, 1, 1, 0, 2],
      [2, 0, 0, 0, 2],
      [3, 1, 0, 0, 1],
    ]);
    // One request per second and op: its p50, p95 and p99 are that latency, within the series' 1 %.
    expect(s.timeline.latency.map((r) => [r[0], r[1]])).toEqual([
      [1, 'a'],
      [3, 'a'],
    ]);
    for (const [i, ms] of [
      [0, 12],
      [1, 8],
    ] as const)
      for (const q of (s.timeline.latency[i] as unknown[]).slice(2) as number[])
        expect(Math.abs(q - ms) / ms).toBeLessThan(0.01);
  });
});

describe('the timeline of a run longer than 100,000 seconds', () => {
  it('takes a row every few seconds: means per second over them, journeys in flight at their end', async () => {
    // The throttled request at 150,000.2 s, the journey's end at 150,001.5 s: 150,002 seconds,
    // rows of 2 (75,001 rows).
    const s = await run(timelineLines(150_000_200, 150_001_500));
    expect(s.timeline.step).toBe(2);
    expect(s.timeline.perSecond).toHaveLength(75_001);
    expect(s.timeline.perSecond[0]).toEqual([0, 0.5, 0.5, 1, 2]);
    expect(s.timeline.perSecond[500]).toEqual([1000, 0, 0, 0, 2]);
    expect(s.timeline.perSecond[75_000]).toEqual([150_000, 0.5, 0, 0, 1]);
  });

  it('picks the shortest round step that keeps the rows at 100,000 or fewer', () => {
    expect([100_000, 100_001, 14_400, 18_489_600, 10 ** 10].map(rowStep)).toEqual([1, 2, 1, 300, 100_000]);
  });
});

describe('the timeline of a toolkit run that recorded no starts', () => {
  it('counts its journey columns (0 starts, none in flight), not null as for plain k6', async () => {
    // Journeys finish at 0.4 s and 2.1 s; no rehearsal_lateness point, so no start was recorded.
    const s = await run(
      journeyLines([
        { at: 400, outcome: 'completed', tto: 400 },
        { at: 2100, outcome: 'gave_up', tto: 2100 },
      ]),
    );
    expect(s.timeline.perSecond).toEqual([
      [0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0],
      [2, 0, 0, 0, 0],
    ]);
  });
});

describe('a run without samples', () => {
  it('has time zero 0 and no duration, not infinities', async () => {
    // A file that declares a metric and holds no point (an empty file is refused as not k6 output).
    const s = await run([metricLine('rehearsal_req')]);
    expect([s.openingEpochMs, s.durationMs, s.source.samples]).toEqual([0, 0, 0]);
    expect(s.throughput).toMatchObject({ requests: 0, rps: 0 });
  });
});
