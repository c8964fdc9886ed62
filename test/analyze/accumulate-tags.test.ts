import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import type { Summary } from '../../src/analyze/summary.js';
import { type MetricName, metricLine, pointLine } from '../../src/results/k6-format.js';
import { T0 } from '../fixtures/k6/hand-built.js';

/**
 * How the accumulator reads a point's tags when they are not the ones the hand-built run
 * has: each engine's word for a timeout, requests without a class, op or status, k6's
 * HTTP requests without `expected_response` (k6 CSV, older k6), durations without a
 * `name`. Each case is a few points with the answer counted by hand.
 */
async function analyze(points: Array<[MetricName, number, number, Record<string, string>]>): Promise<Summary> {
  const names = [...new Set(points.map((p) => p[0]))];
  const lines = [...names.map(metricLine), ...points.map(([m, at, v, tags]) => pointLine(m, T0 + at, v, tags))];
  const f = join(mkdtempSync(join(tmpdir(), 'acc-tags-')), 'run.ndjson');
  writeFileSync(f, `${lines.join('\n')}\n`);
  return analyzeRun([f], { threads: 1 });
}

const req = (
  at: number,
  tags: Record<string, string>,
  lat = 10,
): [MetricName, number, number, Record<string, string>] => ['rehearsal_req', at, lat, tags];

describe('the accumulator reading request tags', () => {
  it('counts a timeout for each engine’s cause and for a gateway 504, and nothing else', async () => {
    const s = await analyze([
      req(0, { op: 'a', class: 'error', status: '0', cause: 'timeout' }), // node engine
      req(1, { op: 'a', class: 'error', status: '0', cause: 'ETIMEDOUT' }), // socket
      req(2, { op: 'a', class: 'error', status: '0', cause: 'UND_ERR_HEADERS_TIMEOUT' }), // undici
      req(3, { op: 'a', class: 'error', status: '0', cause: 'UND_ERR_BODY_TIMEOUT' }),
      req(4, { op: 'a', class: 'error', status: '504' }), // a gateway gave up waiting
      req(5, { op: 'a', class: 'error', status: '0', cause: 'ECONNREFUSED' }), // not a timeout
      req(6, { op: 'a', class: 'throttled', status: '503' }),
      req(7, { op: 'a', class: 'ok', status: '201' }),
    ]);
    expect(s.classes?.timeouts).toBe(5);
    expect(s.classes?.total).toEqual({ error: 6, ok: 1, throttled: 1 });
    expect(s.source.toolkitMetrics).toBe(true); // rehearsal_req alone makes it a toolkit run
  });

  it('counts each timeout cause on its own: one point, one timeout', async () => {
    const cases: Array<Record<string, string>> = [
      { cause: 'timeout' },
      { cause: 'ETIMEDOUT' },
      { cause: 'UND_ERR_HEADERS_TIMEOUT' },
      { cause: 'UND_ERR_BODY_TIMEOUT' },
      { status: '504' },
    ];
    for (const tags of cases) {
      const s = await analyze([req(0, { op: 'a', class: 'error', ...tags }), req(1, { op: 'a', class: 'ok' })]);
      expect([JSON.stringify(tags), s.classes?.timeouts]).toEqual([JSON.stringify(tags), 1]);
    }
  });

  it('takes a request without a class as an error, without an op by its name, else as "(unnamed)"', async () => {
    const s = await analyze([
      req(0, { op: 'createAccount', class: 'ok', status: '201' }),
      req(100, { name: 'submitApplication', class: 'ok', status: '201' }),
      req(200, { class: 'ok', status: '201' }),
      req(300, { op: 'createAccount', status: '500' }),
      req(1500, { op: 'createAccount', class: 'throttled' }),
    ]);
    expect(s.classes?.total).toEqual({ error: 1, ok: 3, throttled: 1 });
    expect(s.classes?.byOp).toEqual({
      '(unnamed)': { ok: 1 },
      createAccount: { error: 1, ok: 1, throttled: 1 },
      submitApplication: { ok: 1 },
    });
    // Without k6's http_reqs, the HTTP view counts the toolkit's requests by status ("" when absent).
    expect(s.http.statuses).toEqual({ '': 1, '201': 3, '500': 1 });
    expect(s.http.requests).toBe(5);
    expect(s.latency.byOp['(unnamed)']?.count).toBe(1);
    // Seconds since the first sample: 4 requests (3 ok) in second 0, 1 (throttled) in second 1.
    expect(s.classes?.overTime).toEqual([
      [0, 'error', 1],
      [0, 'ok', 3],
      [1, 'throttled', 1],
    ]);
    // No journey points: the timeline has no starts or journeys in flight (null, not 0).
    expect(s.timeline.perSecond).toEqual([
      [0, 4, 3, null, null],
      [1, 1, 0, null, null],
    ]);
    expect(s.throughput).toMatchObject({ requests: 5, peakRps1s: 4, source: 'toolkit' });
  });

  it('counts the classes of one tag set in every second it occurs, and several classes in one second', async () => {
    // The same tag set in seconds 0, 2 and 0 again (merged files arrive out of order).
    const ok = { op: 'a', class: 'ok', status: '200' };
    const s = await analyze([
      req(0, ok),
      req(10, { op: 'a', class: 'throttled', status: '503' }),
      req(2000, { op: 'b', class: 'throttled', status: '503' }), // b before a in second 2
      req(2001, ok),
      req(20, ok),
      req(30, { op: 'a', class: 'throttled', status: '503' }),
    ]);
    expect(s.classes?.overTime).toEqual([
      [0, 'ok', 2],
      [0, 'throttled', 2],
      [2, 'ok', 1],
      [2, 'throttled', 1],
    ]);
    expect(s.classes?.byOp).toEqual({ a: { ok: 3, throttled: 2 }, b: { throttled: 1 } });
    // From the earliest sample to the latest, not to the last read.
    expect(s.durationMs).toBe(2001);
    expect(s.timeline.perSecond.map((r) => r.slice(0, 3))).toEqual([
      [0, 4, 2],
      [1, 0, 0],
      [2, 2, 1],
    ]);
    // Per second and op: second 0 has a's four latencies; second 2 has a's one and b's one.
    expect(s.timeline.latency.map((r) => [r[0], r[1]])).toEqual([
      [0, 'a'],
      [2, 'a'],
      [2, 'b'],
    ]);
  });

  it('keeps the latency of each country its requests named', async () => {
    const s = await analyze([
      req(0, { op: 'a', class: 'ok', country: 'FR' }, 10),
      req(1, { op: 'a', class: 'ok', country: 'MA' }, 200),
      req(2, { op: 'a', class: 'ok' }, 5000),
      ['rehearsal_journey', 3, 3, { outcome: 'accepted', country: 'FR', attempts: '1', arrival: '0' }],
      ['rehearsal_journey', 4, 4, { outcome: 'gave_up', country: 'MA', attempts: '1', arrival: '1' }],
      ['rehearsal_journey', 5, 5, { outcome: 'gave_up', country: 'MA', attempts: '1', arrival: '2' }],
      ['rehearsal_journey', 6, 6, { outcome: 'gave_up', attempts: '1', arrival: '3' }],
    ]);
    expect(s.byCountry).toEqual({
      FR: { candidates: 1, outcomes: { accepted: 1 }, latencyP95: 10 },
      MA: { candidates: 2, outcomes: { gave_up: 2 }, latencyP95: 200 },
    });
  });
});

describe('the accumulator reading k6’s own HTTP metrics', () => {
  it('takes a response as ok by its status (200–399) when k6 wrote no expected_response', async () => {
    const statuses = ['0', '199', '200', '302', '399', '400', '503'];
    const s = await analyze(statuses.map((status, i) => ['http_reqs', i * 100, 1, { status, name: 'x' }]));
    expect(s.throughput).toMatchObject({ requests: 7, source: 'k6' });
    // 3 ok (200, 302, 399) over the 0.6 s from the first sample to the last.
    expect(s.throughput.goodputRps).toBe(5);
    expect(s.timeline.perSecond).toEqual([[0, 7, 3, null, null]]);
    // No http_req_failed points: failures are the statuses outside 200–399.
    expect(s.http.failedRate).toBe(0.571429);
  });

  it('takes expected_response over the status when k6 wrote it', async () => {
    const s = await analyze([
      ['http_reqs', 0, 1, { status: '404', expected_response: 'true' }],
      ['http_reqs', 100, 1, { status: '200', expected_response: 'false' }],
      ['http_reqs', 200, 1, { status: '200', expected_response: 'false' }],
      ['http_reqs', 1000, 1, { status: '201', expected_response: 'true' }],
    ]);
    expect(s.timeline.perSecond).toEqual([
      [0, 3, 1, null, null],
      [1, 1, 1, null, null],
    ]);
    expect(s.throughput.goodputRps).toBe(2);
  });

  it('names durations by their name tag, else their url, else "(unnamed)", and counts http_req_failed', async () => {
    const s = await analyze([
      ['http_req_duration', 0, 10, { name: 'home', url: 'http://127.0.0.1/' }],
      ['http_req_duration', 1, 20, { url: 'http://127.0.0.1/apply' }],
      ['http_req_duration', 2, 30, {}],
      ['http_req_duration', 3, 40, { name: 'home' }],
      ['http_req_failed', 0, 1, {}],
      ['http_req_failed', 1, 0, {}],
      ['http_req_failed', 2, 0, {}],
      ['http_req_failed', 3, 0, {}],
    ]);
    expect(Object.keys(s.http.durationByName ?? {}).sort()).toEqual(['(unnamed)', 'home', 'http://127.0.0.1/apply']);
    expect(s.http.durationByName?.home).toMatchObject({ count: 2, min: 10, max: 40 });
    expect(s.http.duration).toMatchObject({ count: 4, min: 10, max: 40 });
    expect(s.http.failedRate).toBe(0.25);
  });
});

describe('the accumulator reading an invitation round’s report (rehearsal_invited, the k6 engine)', () => {
  it('takes whom the round invited from its report when the journeys cannot say', async () => {
    // Journeys carry score and eligibility but no `invited` tag; the round reports arrivals 1 and 2.
    const scores = [50, 70, 60, 40];
    const journeys = scores.map((score, c): [MetricName, number, number, Record<string, string>] => [
      'rehearsal_journey',
      1000 + c,
      500,
      { outcome: 'completed', arrival: String(c), attempts: '1', score: String(score) },
    ]);
    const lines = [
      metricLine('rehearsal_journey'),
      ...journeys.map(([m, at, v, tags]) => pointLine(m, T0 + at, v, tags)),
      // A request that is not the round's, sent before every journey finished: it says nothing of when the round ran.
      metricLine('rehearsal_req'),
      pointLine('rehearsal_req', T0 + 500, 10, { op: 'createAccount', class: 'ok', status: '201' }),
      // The k6 engine declares and writes this one itself (not a TOOLKIT_METRICS name).
      ...[
        [1, { arrival: '1' }],
        [1, { arrival: '2' }],
        [1, {}], // no arrival: counts no one
        [0, { arrival: '3' }], // value 0: the round invited nobody; its arrival is not an invitation
      ].map(
        ([v, tags]) =>
          `{"type":"Point","data":{"time":"2026-01-18T09:00:02Z","value":${v},"tags":${JSON.stringify(tags)}},"metric":"rehearsal_invited"}`,
      ),
    ];
    const f = join(mkdtempSync(join(tmpdir(), 'acc-invited-')), 'run.ndjson');
    writeFileSync(f, `${lines.join('\n')}\n`);
    const s = await analyzeRun([f], { threads: 1 });
    expect(s.fairness?.eoi).toEqual({
      invited: 2,
      eligible: 4,
      invitedIneligible: 0,
      lateForRound: 0,
      skippedHigherScores: 0,
      lowestInvitedScore: 60,
      highestUninvitedScore: 50,
      topRanked: true,
    });
  });

  it('has no draw to judge when no journey said and no round reported', async () => {
    const s = await analyze([['rehearsal_journey', 0, 1, { outcome: 'completed', arrival: '0', score: '5' }]]);
    expect(s.fairness?.eoi).toBeNull();
  });
});

describe('the accumulator reading rehearsal_req_agg points without a histogram', () => {
  it('counts their requests and keeps no latency for them, whether the hdr tag is absent or empty', async () => {
    const s = await analyzeRunOf(
      [
        pointLine('rehearsal_req_agg', T0, 3, { op: 'submitApplication', class: 'error', status: '0' }),
        pointLine('rehearsal_req_agg', T0 + 1000, 2, {
          op: 'submitApplication',
          class: 'throttled',
          status: '503',
          hdr: '',
        }),
        pointLine('rehearsal_req', T0 + 1000, 12, { op: 'createAccount', class: 'ok', status: '201' }),
      ],
      { by: 'op' },
    );
    expect(s.classes?.total).toEqual({ error: 3, ok: 1, throttled: 2 });
    expect(s.throughput.requests).toBe(6);
    expect(s.latency.all?.count).toBe(1);
    expect(Object.keys(s.latency.byOp)).toEqual(['createAccount']);
    expect(s.timeline.latency.map((r) => [r[0], r[1]])).toEqual([[1, 'createAccount']]);
    // The toolkit's counters are its own sections' business, not k6's --by breakdown.
    expect(s.by?.counters).toEqual({});
    expect(s.metrics).toBeNull();
  });
});

describe('the accumulator reading a rehearsal_req_agg histogram of another layout', () => {
  it('merges one of 2 significant digits too, and spreads its requests over the per-second series', async () => {
    // Not the engines' layout (3 digits from 1 µs): read through the library's own API, within its 1 %.
    const h = hdr.build({ numberOfSignificantValueDigits: 2 });
    for (const us of [1000, 2000, 4000]) h.recordValue(us);
    const s = await analyzeRunOf([
      metricLine('rehearsal_journey'),
      pointLine('rehearsal_req_agg', T0, 3, {
        op: 'a',
        class: 'ok',
        status: '200',
        country: 'FR',
        hdr: hdr.encodeIntoCompressedBase64(h),
      }),
      pointLine('rehearsal_journey', T0 + 10, 10, { outcome: 'accepted', country: 'FR', arrival: '0' }),
    ]);
    const near = (x: number | undefined, v: number, tol: number) =>
      expect(Math.abs((x as number) - v) / v).toBeLessThan(tol);
    expect(s.latency.all?.count).toBe(3);
    expect(s.latency.byOp.a?.count).toBe(3);
    near(s.latency.all?.min, 1, 0.01);
    near(s.latency.all?.max, 4, 0.01);
    near(s.byCountry?.FR?.latencyP95 ?? undefined, 4, 0.01);
    // Per second: the three requests at their percentiles (16.7, 50, 83.3), ~1, 2 and 4 ms; the series reads
    // quantile q at rank q·(3 − 1) (log-histogram.ts), so p50, p95 and p99 are all the 2 ms one (1 % + 1 % buckets).
    expect(s.timeline.latency).toHaveLength(1);
    const [sec, op, ...qs] = s.timeline.latency[0] as [number, string, number, number, number];
    expect([sec, op]).toEqual([0, 'a']);
    for (const q of qs) near(q, 2, 0.025);
  });
});

describe('the accumulator’s defaults for missing tags', () => {
  it('reads a histogram of another layout without a country, an http_reqs point without a status, a journey without an outcome', async () => {
    const h = hdr.build({ numberOfSignificantValueDigits: 2 });
    h.recordValue(5000);
    const s = await analyzeRunOf([
      metricLine('http_reqs'),
      metricLine('rehearsal_journey'),
      pointLine('rehearsal_req_agg', T0, 1, {
        op: 'a',
        class: 'ok',
        status: '200',
        hdr: hdr.encodeIntoCompressedBase64(h),
      }),
      pointLine('http_reqs', T0, 1, { name: 'x' }),
      pointLine('rehearsal_journey', T0 + 10, 10, { arrival: '0' }),
    ]);
    expect(s.latency.all?.count).toBe(1);
    expect(s.http.statuses).toEqual({ '': 1 }); // k6's view: the status it did not write
    expect(s.journeys?.outcomes).toEqual({ error: 1 }); // a journey that did not say how it ended
  });
});

async function analyzeRunOf(points: string[], opts: { by?: string } = {}): Promise<Summary> {
  const lines = [metricLine('rehearsal_req_agg'), metricLine('rehearsal_req'), ...points];
  const f = join(mkdtempSync(join(tmpdir(), 'acc-agg-')), 'run.ndjson');
  writeFileSync(f, `${lines.join('\n')}\n`);
  return analyzeRun([f], { threads: 1, ...opts });
}
