import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { accumulatorData } from '../../src/analyze/accumulate-data.js';
import { type AccumulateOptions, accumulateRun } from '../../src/analyze/accumulate-run.js';
import { analyzeRun } from '../../src/analyze/index.js';

/**
 * Plain `k6 run --out json` declares each metric once, before its first point. Read by
 * two threads, the worker's part (cut after the declarations) never sees them: what
 * hangs on a declaration (submetrics, the type, so `--by` over counters) must still
 * come out as a single pass has it. The oracle for the counts is the file itself,
 * read here with JSON.parse; for everything else, the one-thread read.
 */
const REPEATS = 100;
const SUB = 'http_req_duration{expected_response:true}';
/** A custom time trend with a submetric (a threshold on `portal_wait{outcome:ok}` declares one) and a custom counter. */
const CUSTOM_DECLS = [
  '{"type":"Metric","data":{"name":"portal_wait","type":"trend","contains":"time","thresholds":["p(95)<500"],"submetrics":[{"name":"portal_wait{outcome:ok}","suffix":"outcome:ok","tags":{"outcome":"ok"}}]},"metric":"portal_wait"}',
  '{"type":"Metric","data":{"name":"portal_signups","type":"counter","contains":"default","thresholds":[],"submetrics":null},"metric":"portal_signups"}',
];

/** Repeat r's custom points: fractional values (the order of additions shows in the sums), outcomes alternating. */
function customPoints(r: number): string[] {
  const point = (metric: string, ms: number, value: number, outcome: string) =>
    `{"metric":"${metric}","type":"Point","data":{"time":"2026-01-18T10:00:0${ms}.25+01:00","value":${value},"tags":{"outcome":"${outcome}"}}}`;
  const outcome = r % 3 === 0 ? 'late' : 'ok';
  return [
    point('portal_wait', r % 10, ((r * 37) % 101) + 0.1 + r / 7, outcome),
    point('portal_wait', (r + 3) % 10, 3.3 * (r % 17), 'ok'),
    point('portal_signups', r % 10, 1 + (r % 4), outcome),
  ];
}

let file: string;
let lines: string[];
/** Byte offset just past the last declaration: the worker's part must start beyond it. */
let declsEnd: number;

beforeAll(() => {
  const fixture = readFileSync(new URL('../fixtures/k6/plain-k6.json', import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const isDecl = (l: string) => l.includes('"type":"Metric"');
  // A threshold on `http_reqs{status:200}` declares a counter's submetric (its part is merged from tag sets' figures).
  const httpReqs200 =
    '"submetrics":[{"name":"http_reqs{status:200}","suffix":"status:200","tags":{"status":"200"}}]},"metric":"http_reqs"}';
  const decls = [
    ...fixture.filter(isDecl).map((l) => l.replace('"submetrics":null},"metric":"http_reqs"}', httpReqs200)),
    ...CUSTOM_DECLS,
  ];
  const points = fixture.filter((l) => !isDecl(l));
  lines = [...decls, ...Array.from({ length: REPEATS }, (_, r) => [...points, ...customPoints(r)]).flat()];
  file = join(mkdtempSync(join(tmpdir(), 'split-declarations-')), 'k6.json');
  writeFileSync(file, `${lines.join('\n')}\n`);
  declsEnd = Buffer.byteLength(`${decls.join('\n')}\n`);
});

/** The points of `metric` in the file whose tags carry `tags`, by JSON.parse. */
function pointsOf(
  metric: string,
  tags: Record<string, string> = {},
): Array<{ value: number; tags: Record<string, string> }> {
  return lines
    .map(
      (l) => JSON.parse(l) as { type: string; metric: string; data: { value: number; tags: Record<string, string> } },
    )
    .filter((o) => o.type === 'Point' && o.metric === metric)
    .map((o) => o.data)
    .filter((d) => Object.entries(tags).every(([k, v]) => d.tags[k] === v));
}

const static2 = { threads: 2, minParallelBytes: 0, balance: 'static' } as const;
const adaptive2 = { threads: 2, minParallelBytes: 0, _awaitWorker: true } as const;

describe('a plain k6 file cut after its declarations, read by two threads', () => {
  it('is cut after the declarations, so the worker reads points of metrics it never saw declared', async () => {
    for (const opts of [static2, adaptive2]) {
      const { worker } = await accumulateRun([file], 0, opts);
      expect(worker?.[0]?.range?.start).toBeGreaterThan(declsEnd);
    }
  });

  it('counts every submetric sample, with the accumulator and summary of one thread', async () => {
    const one = await accumulateRun([file], 0, { threads: 1 });
    const oneData = accumulatorData(one.acc);
    for (const opts of [static2, adaptive2] satisfies AccumulateOptions[]) {
      const two = await accumulateRun([file], 0, opts);
      const twoData = accumulatorData(two.acc);
      if (!isDeepStrictEqual(twoData, oneData)) expect(twoData).toEqual(oneData);
      expect(isDeepStrictEqual(twoData, oneData)).toBe(true);
    }
    const summaries = await Promise.all(
      [{ threads: 1 } as const, static2, adaptive2].map((o) => analyzeRun([file], o)),
    );
    const [s1, ...others] = summaries.map((s) => JSON.stringify(s, null, 1));
    for (const s of others) expect(s).toBe(s1);

    const metrics = summaries[1]?.metrics ?? {};
    const expected = pointsOf('http_req_duration', { expected_response: 'true' });
    expect(expected.length).toBe(3 * REPEATS); // the fixture's 3 expected responses (of 6) per repeat
    expect(metrics[SUB]).toMatchObject({ type: 'trend', count: expected.length, time: true });
    expect(metrics[SUB]).toMatchObject({
      min: Math.min(...expected.map((p) => p.value)),
      max: Math.max(...expected.map((p) => p.value)),
    });
    const waitOk = pointsOf('portal_wait', { outcome: 'ok' });
    expect(metrics['portal_wait{outcome:ok}']).toMatchObject({ type: 'trend', count: waitOk.length, time: true });
    expect(metrics['portal_wait{outcome:ok}']).toMatchObject({ max: Math.max(...waitOk.map((p) => p.value)) });
    expect(metrics.portal_wait).toMatchObject({ count: 2 * REPEATS });
    const ok200 = pointsOf('http_reqs', { status: '200' });
    expect(ok200.length).toBe(3 * REPEATS);
    expect(metrics['http_reqs{status:200}']).toMatchObject({ type: 'counter', count: ok200.length });
  });

  it('breaks a custom counter down by tag (`--by`) as one thread does', async () => {
    const signups = pointsOf('portal_signups');
    const sum = (outcome: string) => signups.filter((p) => p.tags.outcome === outcome).reduce((a, p) => a + p.value, 0);
    const [one, two, adapt] = await Promise.all(
      [{ threads: 1 } as const, static2, adaptive2].map((o) => analyzeRun([file], { ...o, by: 'outcome' })),
    );
    expect(one?.by?.counters?.portal_signups).toEqual({ ok: sum('ok'), late: sum('late') });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(JSON.stringify(adapt)).toBe(JSON.stringify(one));
  });
});
