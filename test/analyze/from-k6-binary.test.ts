import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';

/*
 * Output written by real k6 (v1.3.0), not by hand: test/fixtures/k6/from-k6-binary/
 * holds the plain script (no toolkit metric), the command that ran it (make.ts) and
 * what k6 wrote. The expected values are read from that file by a few lines of
 * JSON.parse below, independently of the analyzer's reader.
 */
const FILE = new URL('../fixtures/k6/from-k6-binary/plain-script.json', import.meta.url).pathname;

interface Point {
  metric: string;
  data: { time: string; value: number; tags: Record<string, string> };
}
const points = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((l) => l.includes('"type":"Point"'))
  .map((l) => JSON.parse(l) as Point);
const of = (metric: string) => points.filter((p) => p.metric === metric);

describe('plain k6 output written by the k6 binary', () => {
  it('is what the script promises (a check of the fixture itself)', () => {
    const statuses = of('http_reqs').map((p) => p.data.tags.status);
    const count = (x: string) => statuses.filter((s) => s === x).length;
    expect([statuses.length, count('200'), count('404'), count('503'), count('0')]).toEqual([11, 5, 2, 2, 2]);
    expect(of('dropped_iterations').length).toBeGreaterThan(0);
  });

  it('fills the HTTP sections from k6’s own metrics and marks the toolkit sections absent', async () => {
    const s = await analyzeRun([FILE]);
    expect(s.source.toolkitMetrics).toBe(false);
    const reqs = of('http_reqs');
    expect(s.throughput.requests).toBe(reqs.length);
    expect(s.throughput.source).toBe('k6');
    const statuses: Record<string, number> = {};
    for (const p of reqs) statuses[p.data.tags.status as string] = (statuses[p.data.tags.status as string] ?? 0) + 1;
    expect(s.http.statuses).toEqual(statuses);
    // http_req_failed: 1 for each response outside 200–399 (and each refused connection).
    const failed = of('http_req_failed');
    expect(s.http.failedRate).toBeCloseTo(failed.filter((p) => p.data.value === 1).length / failed.length, 6);
    const durations = of('http_req_duration').map((p) => p.data.value);
    expect(s.latency.fromIntendedSend).toBe(false);
    expect(s.latency.all?.count).toBe(durations.length);
    expect(s.latency.all?.max).toBeCloseTo(Math.max(...durations), 3);
    expect(s.latency.all?.min).toBeCloseTo(Math.min(...durations), 3);
    // k6's `name` tag (the URL unless the script names it) keys the per-operation latency.
    expect(Object.keys(s.latency.byOp).sort()).toEqual(
      [...new Set(of('http_req_duration').map((p) => p.data.tags.name as string))].sort(),
    );
    expect(s.generator.droppedIterations).toBe(of('dropped_iterations').reduce((a, p) => a + p.data.value, 0));
    for (const k of ['classes', 'quota', 'journeys', 'fairness', 'byCountry', 'timeToOutcomeCdf'] as const)
      expect(s[k]).toBeNull();
  });
});
