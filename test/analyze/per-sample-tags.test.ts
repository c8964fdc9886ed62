import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';

/**
 * Tags that differ on every point (a candidate id each, as a script that tags its requests
 * per visitor writes): after 2,000 misses the reader stops keeping tag sets and reads each
 * point's tags in place (read-tag-sets.ts), a second path through the same sections.
 */
function file(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'analyze-per-sample-'));
  const t0 = Date.UTC(2026, 0, 1);
  const lines = [
    '{"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default","thresholds":[],"submetrics":null},"metric":"http_reqs"}',
  ];
  for (let i = 0; i < n; i++) {
    const time = new Date(t0 + i * 10).toISOString();
    const status = i % 4 === 0 ? '503' : '200';
    lines.push(
      `{"type":"Point","data":{"time":"${time}","value":1,"tags":{"candidate":"c${i}","name":"submit","status":"${status}"}},"metric":"http_reqs"}`,
    );
  }
  const path = join(dir, 'k6.json');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('a counter whose tags differ on every point', () => {
  it('is counted in full without --by (no tag is asked for), and by status', async () => {
    const s = await analyzeRun([file(3000)]);
    expect(s.throughput.requests).toBe(3000);
    expect(s.http.statuses).toEqual({ '200': 2250, '503': 750 });
    expect(s.by).toBeUndefined();
  });

  it('is counted by a tag with --by', async () => {
    const s = await analyzeRun([file(3000)], { by: 'name' });
    expect(s.throughput.requests).toBe(3000);
    expect(s.by?.counters).toEqual({ http_reqs: { submit: 3000 } });
  });
});
