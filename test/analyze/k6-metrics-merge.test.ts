import { describe, expect, it } from 'vitest';
import type { MetricDeclaration } from '../../src/results/read-json-line.js';
import { RunAccumulator } from '../../src/analyze/accumulate.js';
import { MetricTable, ParsedTags } from '../../src/results/read-tag-sets.js';
import { type P, readPoints } from './k6-points.js';

/**
 * k6's own metrics, checks, groups and `--by` breakdown (k6-metrics.ts) when a run is read
 * in two parts, the second by a worker thread, and merged (`K6Metrics.merge` of the
 * second's `toData()`): the oracle is one accumulator that read every point, with a few
 * figures worked out by hand besides.
 */
const DECLARED: MetricDeclaration[] = [
  { name: 'outcomes', type: 'counter', contains: 'default', submetrics: [] },
  { name: 'think_time', type: 'trend', contains: 'time', submetrics: [] },
  { name: 'queue_depth', type: 'gauge', contains: 'default', submetrics: [] },
  {
    name: 'http_req_duration',
    type: 'trend',
    contains: 'time',
    submetrics: [{ name: 'http_req_duration{expected_response:true}', tags: { expected_response: 'true' } }],
  },
];

const login = { name: 'login', group: '::login', status: '200', expected_response: 'true' };
const apply = { name: 'apply', group: '::apply', status: '503', expected_response: 'false' };
const POINTS: P[] = [
  ['http_req_duration', 1000, 10, login],
  ['http_reqs', 1000, 1, login],
  ['checks', 1000, 1, { check: 'status 200', group: '::login' }],
  ['queue_depth', 1500, 3, {}],
  ['outcomes', 1500, 1, { outcome: 'accepted' }],
  ['think_time', 1600, 400, {}],
  ['http_req_duration', 2000, 30, apply],
  ['http_reqs', 2000, 1, apply],
  ['checks', 2000, 0, { check: 'status 201', group: '::apply' }],
  // --- the cut: what follows is the worker's part ---
  ['http_req_duration', 3000, 20, login],
  ['http_reqs', 3000, 1, login],
  ['checks', 3000, 1, { check: 'status 200', group: '::login' }],
  ['checks', 3000, 1, { check: 'status 201', group: '::apply' }],
  ['queue_depth', 1200, 9, {}], // an earlier time read later (files are not merged in order)
  ['queue_depth', 2500, 5, {}],
  ['outcomes', 3100, 2, { outcome: 'quota_full' }],
  ['outcomes', 3200, 1, { outcome: 'accepted' }],
  ['think_time', 3300, 100, {}],
  ['iterations', 3400, 1, {}],
  ['http_req_duration', 3500, 50, { name: 'apply', status: '201' }], // no expected_response: failed by status
];
const CUT = 9;

const read = (points: P[]) => readPoints(DECLARED, points);

function k6View(acc: RunAccumulator) {
  return {
    metrics: acc.k6.metricsSection(2500),
    checks: acc.k6.checksSection(),
    groups: acc.k6.groupsSection(),
    by: acc.k6.bySection(),
  };
}

/**
 * The first part read with `declared`, merged with the later part's data; and one pass over
 * both. `laterUndeclared`: the later part read as the worker reads one cut after the declarations.
 */
function mergedAndOnePass(declared: MetricDeclaration[], first: P[], later: P[], laterUndeclared = false) {
  const merged = readPoints(declared, first);
  merged.k6.merge(structuredClone(readPoints(laterUndeclared ? [] : declared, later, laterUndeclared).k6.toData()));
  return { merged, one: readPoints(declared, [...first, ...later]) };
}

describe('k6 metrics read in two parts and merged', () => {
  it('give what one pass over every point gives', () => {
    const whole = read(POINTS);
    const first = read(POINTS.slice(0, CUT));
    first.k6.merge(structuredClone(read(POINTS.slice(CUT)).k6.toData()));
    expect(k6View(first)).toEqual(k6View(whole));
  });

  it('give the figures worked out by hand', () => {
    const first = read(POINTS.slice(0, CUT));
    first.k6.merge(structuredClone(read(POINTS.slice(CUT)).k6.toData()));
    const v = k6View(first);
    // Counters: their sum, per second over the 2.5 s given.
    expect(v.metrics?.outcomes).toEqual({ type: 'counter', count: 4, rate: 1.6 });
    expect(v.metrics?.iterations).toEqual({ type: 'counter', count: 1, rate: 0.4 });
    expect(v.metrics?.http_reqs).toEqual({ type: 'counter', count: 3, rate: 1.2 });
    // The gauge's value is the latest sample by time (2.5 s: 5), not the last read (1.2 s: 9).
    expect(v.metrics?.queue_depth).toEqual({ type: 'gauge', value: 5, min: 3, max: 9 });
    // Rates: 3 of 4 checks passed.
    expect(v.metrics?.checks).toEqual({ type: 'rate', rate: 0.75, passes: 3, fails: 1 });
    // Trends: 10, 20, 30, 50 → med 25, p90 = 30 + 0.7·20 = 44, p95 = 30 + 0.85·20 = 47 (k6's interpolation).
    expect(v.metrics?.http_req_duration).toEqual({
      type: 'trend',
      count: 4,
      avg: 27.5,
      min: 10,
      med: 25,
      max: 50,
      p90: 44,
      p95: 47,
      time: true,
    });
    // The submetric: only the points tagged expected_response true (10 and 20).
    expect(v.metrics?.['http_req_duration{expected_response:true}']).toMatchObject({ count: 2, min: 10, max: 20 });
    expect(v.metrics?.think_time).toMatchObject({ count: 2, avg: 250, time: true });
    expect(v.checks).toEqual([
      { name: 'status 200', group: '::login', passes: 2, fails: 0, share: 1 },
      { name: 'status 201', group: '::apply', passes: 1, fails: 1, share: 0.5 },
    ]);
    expect(v.groups).toEqual([
      { path: '::login', name: 'login', requests: 2, checks: { passes: 2, fails: 0 } },
      { path: '::apply', name: 'apply', requests: 1, checks: { passes: 1, fails: 1 } },
    ]);
    expect(v.by?.rows.map((r) => [r.value, r.requests, r.failedRate])).toEqual([
      ['apply', 2, 0.5], // expected_response false; a 201 without the tag is no failure
      ['login', 2, 0],
    ]);
    // Counters by the tag: http_reqs by name (the custom counter has no `name` tag).
    expect(v.by?.counters).toEqual({ http_reqs: { login: 2, apply: 1 } });
  });
});

describe('k6 parts that each hold what the other lacks', () => {
  const declared: MetricDeclaration[] = [
    ...DECLARED,
    { name: 'signups', type: 'counter', contains: 'default', submetrics: [] },
  ];
  const FIRST: P[] = [
    ['checks', 1000, 1, { check: 'a', group: '::g1' }],
    ['http_reqs', 1000, 1, { name: 'login', group: '::g1', status: '200' }],
    ['http_req_duration', 1000, 10, { name: 'login', status: '200' }],
    ['outcomes', 1000, 1, { name: 'x' }],
  ];
  // New keys: a check, a group, a --by row, a counter and a counter's value.
  const SECOND: P[] = [
    ['checks', 2000, 0, { check: 'b', group: '::g2' }],
    ['checks', 2000, 0, { check: 'a', group: '::g1' }], // the one check both parts have: its fails add up
    ['http_reqs', 2000, 1, { name: 'apply', group: '::g2', status: '503' }],
    ['http_req_duration', 2000, 30, { name: 'apply', status: '503' }],
    ['outcomes', 2000, 2, { name: 'y' }],
    ['signups', 2000, 5, { name: 'y' }],
  ];

  it('keep both parts’ checks, groups, --by rows and counters, as one pass does', () => {
    const { merged, one } = mergedAndOnePass(declared, FIRST, SECOND);
    const v = k6View(merged);
    expect(v.checks).toStrictEqual([
      { name: 'a', group: '::g1', passes: 1, fails: 1, share: 0.5 },
      { name: 'b', group: '::g2', passes: 0, fails: 1, share: 0 },
    ]);
    expect(v.groups).toStrictEqual([
      { path: '::g1', name: 'g1', requests: 1, checks: { passes: 1, fails: 1 } },
      { path: '::g2', name: 'g2', requests: 1, checks: { passes: 0, fails: 1 } },
    ]);
    expect(v.by?.rows.map((r) => [r.value, r.requests, r.failedRate, r.latency.max])).toStrictEqual([
      ['apply', 1, 1, 30],
      ['login', 1, 0, 10],
    ]);
    expect(v.by?.counters).toStrictEqual({
      http_reqs: { apply: 1, login: 1 },
      outcomes: { y: 2, x: 1 },
      signups: { y: 5 },
    });
    expect(v).toStrictEqual(k6View(one));
  });

  it('keep a later part’s --by counts of a metric it read undeclared only if the first part declared it a counter', () => {
    // The later part (cut after the declarations) cannot tell a counter from a trend: it
    // counts both by tag; the merge keeps outcomes (a counter) and drops think_time (a trend).
    const later: P[] = [
      ['outcomes', 2000, 3, { name: 'z' }],
      ['think_time', 2000, 400, { name: 't' }],
    ];
    const { merged, one } = mergedAndOnePass(declared, FIRST, later, true);
    expect(merged.k6.bySection()?.counters).toStrictEqual({ http_reqs: { login: 1 }, outcomes: { z: 3, x: 1 } });
    expect(k6View(merged)).toStrictEqual(k6View(one));
  });

  it('give a single pass (a reader built without `laterPart`) no --by counts for a metric of unknown type', () => {
    // Only a part cut after the declarations guesses that an undeclared metric may be a counter.
    const acc = new RunAccumulator(0, 'name');
    const metrics = new MetricTable();
    acc.declare({ name: 'outcomes', type: 'counter', contains: 'default', submetrics: [] });
    acc.point(metrics.named('outcomes'), 1000, 2, new ParsedTags({ name: 'x' }));
    acc.point(metrics.named('mystery'), 1000, 7, new ParsedTags({ name: 'x' }));
    expect(acc.k6.bySection()?.counters).toStrictEqual({ outcomes: { x: 2 } });
  });
});

describe('a later part’s points of a metric it read without the declaration', () => {
  // A gauge with a submetric over two tag sets: the later part, cut after the declaration,
  // keeps its points by tag set, and the merge counts them in the submetric.
  /** A metric declared with the submetric `{zone:a}` (a threshold on it declares one). */
  const zoneA = (name: string, type: MetricDeclaration['type'], contains: string): MetricDeclaration[] => [
    { name, type, contains, submetrics: [{ name: `${name}{zone:a}`, tags: { zone: 'a' } }] },
  ];
  const declared = zoneA('queue_depth', 'gauge', 'default');
  const FIRST: P[] = [['queue_depth', 1000, 9, { zone: 'a', node: '1' }]];

  it('gives the submetric the later line’s value when two of its tag sets share the latest time', () => {
    const later: P[] = [
      ['queue_depth', 2000, 1, { zone: 'a', node: '1' }],
      ['queue_depth', 2000, 2, { zone: 'a', node: '2' }],
      ['queue_depth', 2000, 3, { zone: 'a', node: '1' }],
      ['queue_depth', 2000, 4, { zone: 'b', node: '1' }], // not in the submetric
    ];
    const { merged, one } = mergedAndOnePass(declared, FIRST, later, true);
    const m = merged.k6.metricsSection(1000);
    // The submetric's last line at the latest time (2 s) is node 1's 3; zone b's 4 is not its.
    expect(m?.['queue_depth{zone:a}']).toStrictEqual({ type: 'gauge', value: 3, min: 1, max: 9 });
    expect(m?.queue_depth).toStrictEqual({ type: 'gauge', value: 4, min: 1, max: 9 });
    expect(m).toStrictEqual(one.k6.metricsSection(1000));
  });

  it('gives it the latest time’s value, whichever tag set holds it', () => {
    const later: P[] = [
      ['queue_depth', 2000, 6, { zone: 'a', node: '1' }],
      ['queue_depth', 3000, 5, { zone: 'a', node: '2' }],
      ['queue_depth', 2500, 7, { zone: 'a', node: '3' }],
    ];
    const { merged, one } = mergedAndOnePass(declared, FIRST, later, true);
    const m = merged.k6.metricsSection(1000);
    expect(m?.['queue_depth{zone:a}']).toStrictEqual({ type: 'gauge', value: 5, min: 5, max: 9 });
    expect(m).toStrictEqual(one.k6.metricsSection(1000));
  });

  it('gives a tie of latest times to the tag set met later when its point is the later line, and keeps the first part’s value when no tag set matches', () => {
    const tie: P[] = [
      ['queue_depth', 2000, 1, { zone: 'a', node: '1' }],
      ['queue_depth', 2000, 2, { zone: 'a', node: '2' }],
    ];
    const a = mergedAndOnePass(declared, FIRST, tie, true);
    expect(a.merged.k6.metricsSection(1000)?.['queue_depth{zone:a}']).toStrictEqual({
      type: 'gauge',
      value: 2,
      min: 1,
      max: 9,
    });
    expect(a.merged.k6.metricsSection(1000)).toStrictEqual(a.one.k6.metricsSection(1000));
    const b = mergedAndOnePass(declared, FIRST, [['queue_depth', 2000, 4, { zone: 'b', node: '1' }]], true);
    expect(b.merged.k6.metricsSection(1000)?.['queue_depth{zone:a}']).toStrictEqual({
      type: 'gauge',
      value: 9,
      min: 9,
      max: 9,
    });
    expect(b.merged.k6.metricsSection(1000)).toStrictEqual(b.one.k6.metricsSection(1000));
  });

  it('takes a tag set’s latest point by time, not its last line', () => {
    // Node 1's last line (1 s) is older than its first (3 s): the tie at 3 s goes to node 2, the later line.
    const later: P[] = [
      ['queue_depth', 3000, 1, { zone: 'a', node: '1' }],
      ['queue_depth', 3000, 2, { zone: 'a', node: '2' }],
      ['queue_depth', 1000, 3, { zone: 'a', node: '1' }],
    ];
    const { merged, one } = mergedAndOnePass(declared, FIRST, later, true);
    expect(merged.k6.metricsSection(1000)?.['queue_depth{zone:a}']).toMatchObject({ value: 2 });
    expect(merged.k6.metricsSection(1000)).toStrictEqual(one.k6.metricsSection(1000));
  });

  it('counts a trend’s submetric over more tag sets than the part scans for (the rest found by a map)', () => {
    const trend = zoneA('portal_wait', 'trend', 'time');
    // 12 tag sets (nodes 0–11), each met twice: zone a on even nodes, values 10·node + round.
    const later: P[] = [0, 1].flatMap((r) =>
      Array.from(
        { length: 12 },
        (_, n): P => ['portal_wait', 2000, 10 * n + r, { zone: n % 2 ? 'b' : 'a', node: `${n}` }],
      ),
    );
    const { merged, one } = mergedAndOnePass(trend, [['portal_wait', 1000, 5, { zone: 'a', node: '0' }]], later, true);
    const sub = merged.k6.metricsSection(1000)?.['portal_wait{zone:a}'];
    // 5, then 0, 20, …, 100 and 1, 21, …, 101: 13 values, sum 5 + 300 + 306 = 611.
    expect(sub).toMatchObject({ type: 'trend', count: 13, avg: 47, min: 0, max: 101, time: true });
    expect(merged.k6.metricsSection(1000)).toStrictEqual(one.k6.metricsSection(1000));
  });

  it('counts a built-in counter’s submetric from its tag sets’ figures (a counter keeps no values)', () => {
    const reqs = zoneA('http_reqs', 'counter', 'default');
    const later: P[] = [
      ['http_reqs', 2000, 1, { zone: 'a', name: 'login' }],
      ['http_reqs', 2500, 1, { zone: 'b', name: 'login' }],
      ['http_reqs', 3000, 1, { zone: 'a', name: 'apply' }],
      ['http_reqs', 3000, 1, { zone: 'a', name: 'login' }],
    ];
    const { merged, one } = mergedAndOnePass(reqs, [['http_reqs', 1000, 1, { zone: 'a', name: 'login' }]], later, true);
    const m = merged.k6.metricsSection(2000);
    // 1 in the first part, 3 of the later part's 4 in zone a: 4 over 2 s.
    expect(m?.['http_reqs{zone:a}']).toStrictEqual({ type: 'counter', count: 4, rate: 2 });
    expect(m?.http_reqs).toStrictEqual({ type: 'counter', count: 5, rate: 2.5 });
    expect(m).toStrictEqual(one.k6.metricsSection(2000));
  });

  /** Points and declarations read in order, as a file's lines. */
  const read = (acc: RunAccumulator, steps: Array<P | MetricDeclaration>) => {
    const metrics = new MetricTable();
    for (const s of steps)
      if (Array.isArray(s)) acc.point(metrics.named(s[0]), s[1], s[2], new ParsedTags(s[3]));
      else acc.declare(s);
    return acc;
  };

  it('counts a custom counter’s submetric when the later part reads its declaration again after some points (a second k6 file)', () => {
    const signups = zoneA('signups', 'counter', 'default');
    const decl = signups[0] as MetricDeclaration;
    // The later part: the end of the first file (points undeclared), then the second file's declaration and a point.
    const firstSteps: Array<P | MetricDeclaration> = [decl, ['signups', 1000, 1, { zone: 'a' }]];
    const laterSteps: Array<P | MetricDeclaration> = [
      ['signups', 2000, 2, { zone: 'a' }],
      ['signups', 2000, 4, { zone: 'b' }],
      decl,
      ['signups', 3000, 8, { zone: 'a' }],
    ];
    const merged = read(new RunAccumulator(0, 'name'), firstSteps);
    merged.k6.merge(structuredClone(read(new RunAccumulator(0, 'name', true), laterSteps).k6.toData()));
    const one = read(new RunAccumulator(0, 'name'), [...firstSteps, ...laterSteps]);
    // Zone a: 1 + 2 + 8 over 2 s.
    expect(merged.k6.metricsSection(2000)?.['signups{zone:a}']).toStrictEqual({
      type: 'counter',
      count: 11,
      rate: 5.5,
    });
    expect(merged.k6.metricsSection(2000)).toStrictEqual(one.k6.metricsSection(2000));
  });

  it('keeps a metric’s undeclared points across another metric’s declaration read between them', () => {
    const signups = zoneA('signups', 'counter', 'default');
    const firstSteps: Array<P | MetricDeclaration> = [...signups, ['signups', 1000, 1, { zone: 'a' }]];
    // Another metric's declaration makes the accumulator look at signups again (its memo).
    const laterSteps: Array<P | MetricDeclaration> = [
      ['signups', 2000, 2, { zone: 'a' }],
      ['signups', 2000, 4, { zone: 'b' }],
      { name: 'queue_depth', type: 'gauge', contains: 'default', submetrics: [] },
      ['signups', 3000, 16, { zone: 'a' }],
    ];
    const merged = read(new RunAccumulator(0, 'name'), firstSteps);
    merged.k6.merge(structuredClone(read(new RunAccumulator(0, 'name', true), laterSteps).k6.toData()));
    const one = read(new RunAccumulator(0, 'name'), [...firstSteps, ...laterSteps]);
    // Zone a: 1 + 2 + 16 over 2 s.
    expect(merged.k6.metricsSection(2000)?.['signups{zone:a}']).toStrictEqual({
      type: 'counter',
      count: 19,
      rate: 9.5,
    });
    expect(merged.k6.metricsSection(2000)).toStrictEqual(one.k6.metricsSection(2000));
  });

  it('counts a third part’s undeclared points in the submetric that only the second part declared (three parts, two k6 files)', () => {
    const signups = zoneA('signups', 'counter', 'default');
    const decl = signups[0] as MetricDeclaration;
    // The first part knows nothing of signups; the second begins the file that declares it;
    // the third, cut after that declaration, reads signups undeclared.
    const firstSteps: Array<P | MetricDeclaration> = [['http_reqs', 1000, 1, { name: 'home' }]];
    const secondSteps: Array<P | MetricDeclaration> = [decl, ['signups', 1000, 1, { zone: 'a' }]];
    const thirdSteps: Array<P | MetricDeclaration> = [
      ['signups', 2000, 2, { zone: 'a' }],
      ['signups', 2000, 4, { zone: 'b' }],
      ['signups', 3000, 8, { zone: 'a' }],
    ];
    const merged = read(new RunAccumulator(0, 'name'), firstSteps);
    for (const steps of [secondSteps, thirdSteps]) {
      merged.k6.merge(structuredClone(read(new RunAccumulator(0, 'name', true), steps).k6.toData()));
    }
    const one = read(new RunAccumulator(0, 'name'), [...firstSteps, ...secondSteps, ...thirdSteps]);
    // Zone a: 1 + 2 + 8 over 2 s.
    expect(merged.k6.metricsSection(2000)?.['signups{zone:a}']).toStrictEqual({
      type: 'counter',
      count: 11,
      rate: 5.5,
    });
    expect(merged.k6.metricsSection(2000)).toStrictEqual(one.k6.metricsSection(2000));
  });
});
