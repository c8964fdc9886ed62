import { describe, expect, it } from 'vitest';
import { RunAccumulator, summarize } from '../../../src/analyze/index.js';
import { AnalyzerOut } from '../../../src/engine/sim/analyzer-out.js';
import { BATCH, type HttpKind, RecordLog, type ReqKind } from '../../../src/engine/sim/record-log.js';
import { Recorder } from '../../../src/engine/node/recorder.js';
import type { Outcome } from '../../../src/journey/types.js';
import type { RunManifest } from '../../../src/results/manifest.js';
import { newReadStats } from '../../../src/results/reader.js';

const ZERO = Date.UTC(2026, 0, 16, 12);

function manifest(): RunManifest {
  return {
    version: 1,
    tool: { name: 'launch-rehearsal', version: 'test', node: 'test' },
    engine: { name: 'sim' },
    scenario: { name: 't', title: 't', scale: 1, timeScale: 1, population: 3000, quota: 100 },
    target: { name: 'reference', baseUrl: 'sim:test' },
    seed: 1,
    openingEpochMs: ZERO,
    startedAt: new Date(ZERO).toISOString(),
    finishedAt: new Date(ZERO + 3_000_000).toISOString(),
    status: 'completed',
    samples: [],
  };
}

const HTTP: HttpKind[] = [
  { op: 'createAccount', method: 'POST', status: 201 },
  { op: 'createAccount', method: 'POST', status: 503 },
  { op: 'submitApplication', method: 'POST', status: 201 },
];
const REQ: ReqKind[] = [
  { op: 'createAccount', status: 201, cls: 'ok', country: 'FR' },
  { op: 'createAccount', status: 503, cls: 'throttled', country: 'MA' },
  { op: 'submitApplication', status: 0, cls: 'error', country: 'FR', cause: 'timeout' },
];
const OUTCOMES: Outcome[] = ['accepted', 'gave_up', 'error'];

/**
 * A seeded night of calls, made on `sink` in the order the simulator's loop makes them:
 * enough requests for several batches, per-second flushes, dropped visits, and an id
 * with a newline (sent apart from the batch's id string).
 */
function drive(sink: {
  http(i: number): number;
  req(i: number): number;
  start(ms: number): void;
  drop(ms: number): void;
  recordHttp(t: number, end: number, d: number): void;
  recordRequest(t: number, end: number, l: number): void;
  journey(id: string, seq: number, country: string, outcome: Outcome, attempts: number, end: number, tto: number): void;
  flush(ms: number): void;
}): void {
  let a = 12345;
  const u = () => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a / 2 ** 32;
  };
  const httpIds: number[] = [];
  const reqIds: number[] = [];
  let secondEnds = 0;
  let seq = 0;
  for (let now = 0; now < 3_000_000; now += 1 + u() * 30) {
    if (now >= secondEnds) {
      const s = Math.floor((ZERO + now) / 1000);
      sink.flush(s * 1000);
      secondEnds = (s + 1) * 1000 - ZERO;
    }
    const k = Math.floor(u() * 3);
    if (u() < 0.2) {
      if (u() < 0.05) sink.drop(ZERO + now);
      else sink.start(ZERO + now);
    }
    httpIds[k] ??= sink.http(k);
    reqIds[k] ??= sink.req(k);
    sink.recordHttp(httpIds[k] as number, ZERO + now, u() * 900);
    sink.recordRequest(reqIds[k] as number, ZERO + now, u() * 2000);
    if (u() < 0.15) {
      const id = seq === 7 ? 'c\nodd' : `c${String(seq).padStart(6, '0')}`;
      const country = u() < 0.5 ? 'FR' : 'MA';
      sink.journey(
        id,
        seq++,
        country,
        OUTCOMES[Math.floor(u() * 3)] as Outcome,
        1 + Math.floor(u() * 9),
        ZERO + now,
        u() * 60_000,
      );
    }
  }
}

describe('RecordLog (the recording thread)', () => {
  it('builds the summary the same calls give recorded in process, byte for byte, over many batches', async () => {
    // In process: the Recorder straight into the accumulator, as the simulator did before the thread.
    const acc = new RunAccumulator(ZERO);
    const out = new AnalyzerOut(acc);
    const rec = new Recorder(out, 't', 'summary');
    const httpTags = HTTP.map((h) => rec.httpTags(h));
    const reqTags = REQ.map((r) => rec.requestTags(r));
    let calls = 0;
    drive({
      http: (i) => i,
      req: (i) => i,
      start: (ms) => rec.start(ms, 0),
      drop: (ms) => rec.dropIteration(ms),
      recordHttp: (t, end, d) => void rec.recordHttp(httpTags[t]!, end, d),
      recordRequest: (t, end, l) => {
        calls++;
        void rec.recordRequest(reqTags[t]!, end, l);
      },
      journey: (candidate, arrival, country, outcome, attempts, endEpochMs, timeToOutcomeMs) =>
        void rec.journey({ candidate, arrival, country, outcome, attempts, endEpochMs, timeToOutcomeMs }),
      flush: (ms) => rec.flushAggregates(ms),
    });
    rec.flushAggregates(0, true);
    acc.finish();
    const stats = newReadStats();
    stats.samples = out.samples;
    const want = JSON.stringify(summarize(acc, stats, manifest()), null, 2);

    // Through the thread.
    const log = RecordLog.start({
      scenario: 't',
      zeroEpochMs: ZERO,
      mode: 'summary',
      samplesPath: undefined,
      gzip: false,
      holdJourneys: false,
      success: 'accepted',
    });
    const pending: Promise<void>[] = [];
    const keep = (p: Promise<void> | undefined) => void (p && pending.push(p));
    drive({
      http: (i) => log.httpTags(HTTP[i]!),
      req: (i) => log.requestTags(REQ[i]!),
      start: (ms) => keep(log.start(ms)),
      drop: (ms) => keep(log.dropIteration(ms)),
      recordHttp: (t, end, d) => keep(log.recordHttp(t, end, d)),
      recordRequest: (t, end, l) => keep(log.recordRequest(t, end, l)),
      journey: (...a) => keep(log.journey(...a, undefined)),
      flush: (ms) => keep(log.flushAggregates(ms)),
    });
    await Promise.all(pending);
    const got = await log.finish(manifest(), undefined);
    expect(calls * 8).toBeGreaterThan(2 * BATCH); // 8 numbers a request: at least three batches
    expect(log.requests).toBe(calls);
    expect(JSON.stringify(got.summary, null, 2)).toBe(want);
    expect(got.summary.journeys?.candidates).toBeGreaterThan(3000);
  });
});
