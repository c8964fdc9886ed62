import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import type { Summary } from '../../src/analyze/summary.js';
import { Recorder, type HttpEvent, type RequestEvent } from '../../src/engine/node/recorder.js';
import type { Operation, ResultClass } from '../../src/journey/types.js';
import { SampleWriter } from '../../src/results/ndjson-writer.js';
import { T0 } from '../fixtures/k6/hand-built.js';

/**
 * `--http-samples summary` writes one rehearsal_req_agg point per second × op × class ×
 * status carrying an HdrHistogram of the latencies; the per-request mode writes one
 * rehearsal_req point per request. The same hand-made requests, recorded both ways by
 * the node engine's own Recorder, must analyze to the same class counts, throughput and
 * latency percentiles per operation (both are HdrHistograms of whole microseconds with 3
 * significant digits: the same buckets, so the same percentiles).
 */
const OPS: Operation[] = ['createAccount', 'submitApplication'];
const CLASSES: Array<[ResultClass, number]> = [
  ['ok', 201],
  ['throttled', 503],
  ['quota_full', 409],
  ['error', 0],
];

/** 600 requests over 12 s with latencies from 1 ms to ~2 s, spread by a fixed rule (no randomness needed). */
function requests(): Array<RequestEvent & HttpEvent> {
  const out: Array<RequestEvent & HttpEvent> = [];
  for (let i = 0; i < 600; i++) {
    const [cls, status] = CLASSES[(i * 7) % CLASSES.length] as [ResultClass, number];
    const latencyMs = 1 + ((i * 37) % 997) * (1 + (i % 3)) * 0.7319;
    out.push({
      op: OPS[i % 2] as Operation,
      method: 'POST',
      status,
      cls,
      endEpochMs: T0 + i * 20 + 0.5,
      durationMs: latencyMs * 0.9,
      latencyMs,
      country: 'FR',
    });
  }
  return out;
}

async function record(path: string, mode: 'all' | 'summary'): Promise<void> {
  const w = new SampleWriter(path);
  const r = new Recorder(w, 'agg-test', mode);
  for (const e of requests()) {
    await r.http(e);
    await r.request(e);
  }
  r.flushAggregates(Date.now(), true);
  await w.close();
}

describe('a run recorded with --http-samples summary against the same run per request', () => {
  let perRequest: Summary;
  let summary: Summary;
  let d: string;
  beforeAll(async () => {
    d = mkdtempSync(join(tmpdir(), 'analyze-agg-'));
    await record(join(d, 'all.ndjson'), 'all');
    await record(join(d, 'summary.ndjson'), 'summary');
  });
  // Analyzed before each test, so mutation testing sees which tests cover the analyzer
  // (hand-built.test.ts says why); the recording is the engine's, done once.
  beforeEach(async () => {
    perRequest = await analyzeRun([join(d, 'all.ndjson')]);
    summary = await analyzeRun([join(d, 'summary.ndjson')]);
  });

  it('counts the same requests in the same classes, per operation and over time', () => {
    expect(summary.source.toolkitMetrics).toBe(true);
    expect(summary.classes?.total).toEqual({ error: 150, ok: 150, quota_full: 150, throttled: 150 });
    expect(summary.classes?.total).toEqual(perRequest.classes?.total);
    expect(summary.classes?.byOp).toEqual(perRequest.classes?.byOp);
    expect(summary.classes?.overTime).toEqual(perRequest.classes?.overTime);
    expect(summary.http.statuses).toEqual(perRequest.http.statuses);
  });

  it('gives the same throughput: requests and the busiest second', () => {
    // (Rates per second differ by the duration: an aggregate point is stamped at the end of its second.)
    expect(summary.throughput.requests).toBe(600);
    expect(summary.throughput.peakRps1s).toBe(50);
    expect(summary.throughput.peakRps1s).toBe(perRequest.throughput.peakRps1s);
  });

  it('gives the same latency percentiles per operation, from intended send', () => {
    expect(summary.latency.fromIntendedSend).toBe(true);
    for (const op of OPS) {
      const a = perRequest.latency.byOp[op];
      const b = summary.latency.byOp[op];
      expect(b?.count).toBe(300);
      // The same buckets: identical below the top; the top percentiles are capped by the max, which
      // summary mode knows only to its bucket — so every statistic is within the 0.1 % precision.
      expect(b?.p50).toBe(a?.p50);
      expect(b?.p90).toBe(a?.p90);
      for (const k of ['p95', 'p99', 'p999', 'min', 'max', 'mean'] as const)
        expect(Math.abs((b?.[k] as number) - (a?.[k] as number)), `${op} ${k}`).toBeLessThanOrEqual(
          (a?.[k] as number) * 0.001,
        );
    }
    expect(summary.latency.all?.p50).toBe(perRequest.latency.all?.p50);
  });
});
