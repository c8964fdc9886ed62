import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import type { Summary } from '../../src/analyze/summary.js';
import { narrate } from '../../src/report/narrative.js';
import { handBuiltLines, T0, writeRunDir } from '../fixtures/k6/hand-built.js';

/** HdrHistogram with 3 significant digits: a percentile is within 0.1 % of the exact value. */
function expectWithinHdr(actual: number | undefined, exact: number): void {
  expect(actual).toBeDefined();
  expect(Math.abs((actual as number) - exact)).toBeLessThanOrEqual(exact * 0.001);
}

describe('a hand-built run with known answers (test/fixtures/k6/hand-built.ts)', () => {
  let s: Summary;
  // Analyzed before each test, not once before all: mutation testing (Stryker) counts the
  // code a beforeAll runs as covered by no test, and then runs none of these tests against
  // its mutants (docs/testing.md, "Sections and accumulator"). The run is 60 lines: ~5 ms.
  beforeEach(async () => {
    const dir = writeRunDir(join(mkdtempSync(join(tmpdir(), 'analyze-hb-')), 'run'), handBuiltLines(), 3);
    s = await analyzeRun([dir]);
  });

  it('takes time zero from the manifest and measures duration to the last sample', () => {
    expect(s.openingEpochMs).toBe(T0);
    expect(s.durationMs).toBe(4200);
    expect(s.source.toolkitMetrics).toBe(true);
    expect(s.source.engine).toBe('node');
  });

  it('counts throughput overall, in the busiest 1 s and 10 s windows, and goodput', () => {
    // Requests per second since opening: 7, 2, 2, 4, 1 (16 in all) over 4.2 s.
    expect(s.throughput).toEqual({
      requests: 16,
      rps: 3.81,
      peakRps1s: 7,
      peakRps10s: 1.6,
      goodputRps: 2.143,
      acceptedPerSec: 0.714,
      source: 'toolkit',
    });
  });

  it('counts classes overall, per operation, over time, and timeouts', () => {
    expect(s.classes?.total).toEqual({ error: 1, ok: 9, quota_full: 2, throttled: 4 });
    expect(s.classes?.rates).toEqual({ error: 0.0625, ok: 0.5625, quota_full: 0.125, throttled: 0.25 });
    expect(s.classes?.byOp).toEqual({
      createAccount: { ok: 6 },
      submitApplication: { error: 1, ok: 3, quota_full: 2, throttled: 4 },
    });
    expect(s.classes?.timeouts).toBe(1);
    expect(s.classes?.overTime).toEqual([
      [0, 'ok', 6],
      [0, 'throttled', 1],
      [1, 'ok', 1],
      [1, 'throttled', 1],
      [2, 'ok', 1],
      [2, 'throttled', 1],
      [3, 'error', 1],
      [3, 'ok', 1],
      [3, 'quota_full', 1],
      [3, 'throttled', 1],
      [4, 'quota_full', 1],
    ]);
  });

  it('keeps the k6 view: statuses and http_req_failed rate', () => {
    expect(s.http.statuses).toEqual({ '0': 1, '201': 9, '409': 2, '503': 4 });
    expect(s.http.failedRate).toBe(0.4375); // 7 of 16
    expect(s.http.duration?.count).toBe(16);
  });

  it('gives the quota: accepted, fill time from opening to the last acceptance, the curve', () => {
    expect(s.quota).toEqual({
      size: 3,
      accepted: 3,
      oversold: false,
      fillTimeMs: 3000,
      filled: true,
      curve: [
        [1000, 1],
        [2000, 2],
        [3000, 3],
      ],
      fillRatePerSec: 1,
      fillStartMs: 0,
      acceptedBeforeOpening: 0,
    });
  });

  it('measures latency from intended send within the histogram precision', () => {
    expect(s.latency.fromIntendedSend).toBe(true);
    const ca = s.latency.byOp.createAccount;
    expect(ca?.count).toBe(6);
    expect(ca?.min).toBe(10);
    expect(ca?.max).toBe(15);
    expect(ca?.mean).toBe(12.5);
    // Sorted 10..15: the 50th percentile is the 3rd value (12), the 90th the 6th (15).
    expectWithinHdr(ca?.p50, 12);
    expectWithinHdr(ca?.p90, 15);
    expect(s.latency.all?.max).toBe(1000);
    expectWithinHdr(s.latency.all?.p99, 1000);
  });

  it('reduces journeys: outcomes, shares, attempts, amplification, abandonment', () => {
    const j = s.journeys;
    expect(j?.candidates).toBe(6);
    expect(j?.outcomes).toEqual({ accepted: 3, gave_up: 1, quota_full: 2 });
    expect(j?.shares).toEqual({ accepted: 0.5, gave_up: 0.166667, quota_full: 0.333333 });
    expect(j?.attempts).toEqual({
      mean: 2.666667,
      p50: 2,
      p90: 5,
      max: 5,
      histogram: [
        [2, 4],
        [3, 1],
        [5, 1],
      ],
      acceptedP50: 2,
    });
    expect(j?.retryAmplification).toBe(2.666667); // 16 requests ÷ 6 candidates
    expect(j?.abandonment).toBe(0.166667);
    expect(j?.timeToOutcome.accepted?.count).toBe(3);
  });

  it('measures fairness: one pair accepted out of arrival order', () => {
    // Accepted arrivals 0, 1, 2 at 1 s, 3 s, 2 s: 2 concordant, 1 discordant pair: tau = 1/3.
    expect(s.fairness?.kendallTau).toBe(0.333333);
    expect(s.fairness?.inversions).toBe(1);
    expect(s.fairness?.firstQAcceptedShare).toBe(1);
    expect(s.fairness?.ranks).toEqual([
      [0, 0],
      [1, 2],
      [2, 1],
    ]);
    expect(s.fairness?.eoi).toBeNull();
  });

  it('breaks outcomes and latency down by country', () => {
    expect(Object.keys(s.byCountry ?? {})).toEqual(['FR', 'MA', 'US']);
    expect(s.byCountry?.FR?.outcomes).toEqual({ accepted: 2, gave_up: 1 });
    expect(s.byCountry?.MA?.candidates).toBe(2);
    expect(s.byCountry?.US?.outcomes).toEqual({ quota_full: 1 });
  });

  it('reports generator health without warnings when starts were on time', () => {
    expect(s.generator.droppedIterations).toBe(0);
    expect(s.generator.lateness?.count).toBe(6);
    expect(s.generator.lateness?.max).toBe(5);
    expect(s.generator.warnings).toEqual([]);
  });

  it('builds the per-second timeline with arrivals and journeys in flight', () => {
    // Starts at 0..500 ms (all in second 0); finishes at 1, 2, 3, 3.5, 4, 4.2 s.
    expect(s.timeline.perSecond).toEqual([
      [0, 7, 6, 6, 6],
      [1, 2, 1, 0, 5],
      [2, 2, 1, 0, 4],
      [3, 4, 1, 0, 2],
      [4, 1, 0, 0, 0],
    ]);
    expect(s.timeline.latency.filter((r) => r[0] === 0).map((r) => r[1])).toEqual([
      'createAccount',
      'submitApplication',
    ]);
  });

  it('gives the exact time-to-outcome CDF', () => {
    // accepted: c0 1000−0, c2 2000−200, c1 3000−100.
    expect(s.timeToOutcomeCdf?.filter((r) => r[0] === 'accepted')).toEqual([
      ['accepted', 1000, 0.333333],
      ['accepted', 1800, 0.666667],
      ['accepted', 2900, 1],
    ]);
  });
});

describe('quota and generator edge cases', () => {
  it('counts the fill time from the first acceptance when places went before time zero, and says so', async () => {
    // The same run with its opening 2.5 s later: acceptances at −1.5 s, −0.5 s and +0.5 s.
    // Fill time: +0.5 − (−1.5) = 2 s (not the 0.5 s after time zero); rate 3 ÷ 2 s = 1.5/s (not 6).
    const dir = writeRunDir(join(mkdtempSync(join(tmpdir(), 'analyze-hb-')), 'run'), handBuiltLines(), 3, T0 + 2500);
    const s = await analyzeRun([dir]);
    // The duration counts from the first sample, 2.5 s before time zero: 4.2 s, not 1.7 s.
    expect(s.durationMs).toBe(4200);
    expect(s.quota).toEqual({
      size: 3,
      accepted: 3,
      oversold: false,
      fillTimeMs: 2000,
      filled: true,
      curve: [
        [-1500, 1],
        [-500, 2],
        [500, 3],
      ],
      fillRatePerSec: 1.5,
      fillStartMs: -1500,
      acceptedBeforeOpening: 2,
    });
    const n = narrate(s);
    expect(n.headline).toMatch(/^The 3 places filled 2 s after the first acceptance;/);
    expect(n.details[0]).toBe(
      "2 of the 3 acceptances came before the run's time zero (the first 1.5 s before it), so the fill time and fill rate are counted from the first acceptance, not from time zero (1.5 places per second).",
    );
  });

  it('flags an over-sold quota and takes --quota over the manifest', async () => {
    const dir = writeRunDir(join(mkdtempSync(join(tmpdir(), 'analyze-hb-')), 'run'), handBuiltLines(), 3);
    const s = await analyzeRun([dir], { quota: 2 });
    expect(s.quota?.size).toBe(2);
    expect(s.quota?.oversold).toBe(true);
    // Q = 2: the first two arrivals (0, 1) were both accepted.
    expect(s.fairness?.firstQAcceptedShare).toBe(1);
  });

  it('takes a quota of 0 as zero places, not as no quota: every acceptance is over-selling', async () => {
    // From the manifest (a portal started with quota 0) and from --quota 0 alike.
    for (const [manifestQuota, opts] of [
      [0, {}],
      [3, { quota: 0 }],
    ] as const) {
      const dir = writeRunDir(join(mkdtempSync(join(tmpdir(), 'analyze-hb-')), 'run'), handBuiltLines(), manifestQuota);
      const s = await analyzeRun([dir], opts);
      expect(s.quota).toMatchObject({ size: 0, accepted: 3, oversold: true, filled: true });
      // Nobody among the first 0 arrivals: the share is undefined, not "everyone".
      expect(s.fairness?.firstQ).toBe(0);
      expect(s.fairness?.firstQAcceptedShare).toBeNull();
    }
  });

  it('warns when iterations were dropped or starts were late', async () => {
    const extra = [
      '{"type":"Point","data":{"time":"2026-01-18T09:00:01.000000Z","value":1,"tags":{"scenario":"launch-day"}},"metric":"dropped_iterations"}',
      '{"type":"Point","data":{"time":"2026-01-18T09:00:01.000000Z","value":900,"tags":{"scenario":"launch-day"}},"metric":"rehearsal_lateness"}',
    ];
    const dir = writeRunDir(
      join(mkdtempSync(join(tmpdir(), 'analyze-hb-')), 'run'),
      [...handBuiltLines(), ...extra],
      3,
    );
    const s = await analyzeRun([dir]);
    expect(s.generator.droppedIterations).toBe(1);
    expect(s.generator.warnings).toHaveLength(2);
    expect(s.generator.warnings[0]).toMatch(/^1 iterations dropped \(12\.5 % of planned starts\)/);
    expect(s.generator.warnings[1]).toMatch(/p99 900 ms behind schedule/);
  });
});
