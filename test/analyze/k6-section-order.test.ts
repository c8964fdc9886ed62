import { describe, expect, it } from 'vitest';
import type { MetricDeclaration } from '../../src/results/read-json-line.js';
import { type P, readPoints } from './k6-points.js';

/**
 * The order of k6's sections in summary.json, which users diff between runs: metrics by
 * name whatever order they were met in; `--by` rows by requests, most first, ties by value;
 * `--by` counters by metric name, each one's values by count, most first, ties by value.
 * Objects compared with toEqual ignore key order, so the keys are compared as lists.
 */
const DECLARED: MetricDeclaration[] = [
  { name: 'zeta_outcomes', type: 'counter', contains: 'default', submetrics: [] },
  { name: 'alpha_outcomes', type: 'counter', contains: 'default', submetrics: [] },
  { name: 'never_seen', type: 'counter', contains: 'default', submetrics: [] },
  // A submetric no point matches (no point here carries expected_response): kept, with no points.
  {
    name: 'http_req_duration',
    type: 'trend',
    contains: 'time',
    submetrics: [{ name: 'http_req_duration{expected_response:true}', tags: { expected_response: 'true' } }],
  },
];

const read = (points: P[]) => readPoints(DECLARED, points);

const req = (t: number, name: string, status: string): P[] => [
  ['http_reqs', t, 1, { name, status }],
  ['http_req_duration', t, 10, { name, status }],
];

const POINTS: P[] = [
  ['zeta_outcomes', 0, 1, { name: 'b' }],
  ['zeta_outcomes', 0, 1, { name: 'c' }],
  ['zeta_outcomes', 0, 1, { name: 'c' }],
  ['zeta_outcomes', 0, 1, { name: 'a' }],
  ['alpha_outcomes', 0, 2, { name: 'y' }],
  ['alpha_outcomes', 0, 2, { name: 'x' }],
  ['vus', 0, 3, {}],
  ...req(100, 'submit', '201'),
  ...req(200, 'login', '200'),
  ...req(300, 'submit', '503'),
  ...req(400, 'status', '200'),
  ...req(500, 'login', '200'),
  ['data_sent', 600, 10, {}],
];

describe('k6 sections in a stable order', () => {
  // Read in each test, not once in the describe: Stryker credits no test with code run outside one.
  const acc = () => read(POINTS);

  it('lists metrics by name, not in the order met, and leaves out declared metrics and submetrics without points', () => {
    const m = acc().k6.metricsSection(1000);
    expect(Object.keys(m ?? {})).toStrictEqual([
      'alpha_outcomes',
      'data_sent',
      'http_req_duration',
      'http_reqs',
      'vus',
      'zeta_outcomes',
    ]);
  });

  it('orders --by rows by requests, most first, ties by value; failed by status without expected_response', () => {
    const by = acc().k6.bySection();
    expect(by?.rows.map((r) => [r.value, r.requests, r.failedRate])).toStrictEqual([
      ['login', 2, 0],
      ['submit', 2, 0.5],
      ['status', 1, 0],
    ]);
  });

  it('orders --by counters by metric name, and each one’s values by count, most first, ties by value', () => {
    const counters = acc().k6.bySection()?.counters ?? {};
    // http_reqs is a counter too.
    expect(Object.keys(counters)).toStrictEqual(['alpha_outcomes', 'http_reqs', 'zeta_outcomes']);
    expect(Object.entries(counters.http_reqs ?? {})).toStrictEqual([
      ['login', 2],
      ['submit', 2],
      ['status', 1],
    ]);
    expect(Object.entries(counters.zeta_outcomes ?? {})).toStrictEqual([
      ['c', 2],
      ['a', 1],
      ['b', 1],
    ]);
    expect(Object.entries(counters.alpha_outcomes ?? {})).toStrictEqual([
      ['x', 2],
      ['y', 2],
    ]);
  });
});

describe('k6 groups', () => {
  it('names a nested group by its last part, leaves out the root group, and counts its requests and checks', () => {
    const acc = read([
      ['http_reqs', 0, 1, { name: 'home', group: '', status: '200' }],
      ['http_reqs', 0, 1, { name: 'form', group: '::apply::form', status: '200' }],
      ['http_reqs', 0, 1, { name: 'form', group: '::apply::form', status: '503' }],
      ['http_reqs', 0, 1, { name: 'login', group: '::login', status: '200' }],
      ['checks', 0, 1, { check: 'ok', group: '::apply::form' }],
      ['checks', 0, 0, { check: 'ok', group: '::apply::form' }],
      ['checks', 0, 0, { check: 'home', group: '' }],
    ]);
    expect(acc.k6.groupsSection()).toStrictEqual([
      { path: '::apply::form', name: 'form', requests: 2, checks: { passes: 1, fails: 1 } },
      { path: '::login', name: 'login', requests: 1, checks: { passes: 0, fails: 0 } },
    ]);
    expect(acc.k6.checksSection()).toStrictEqual([
      { name: 'ok', group: '::apply::form', passes: 1, fails: 1, share: 0.5 },
      { name: 'home', group: '', passes: 0, fails: 1, share: 0 },
    ]);
  });
});
