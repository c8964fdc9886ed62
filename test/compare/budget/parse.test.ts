import { describe, expect, it } from 'vitest';
import { budgetFrom } from '../../../src/compare/budget/load.js';
import { parseObjective } from '../../../src/compare/budget/parse-objective.js';
import { refKey } from '../../../src/compare/budget/ref-key.js';

const one = (text: string) => {
  const o = parseObjective(text, 'budget.json: objectives[0]');
  expect(o).toHaveLength(1);
  return o[0]!;
};

describe('budget language', () => {
  it('reads k6 thresholds with tags and percentiles', () => {
    const o = one('http_req_duration{op:submitApplication}: p(95)<800');
    expect(o).toMatchObject({
      kind: 'absolute',
      op: '<',
      limit: 800,
      ref: {
        kind: 'sample',
        metric: 'http_req_duration',
        tags: { op: 'submitApplication' },
        agg: { name: 'p', p: 95 },
      },
    });
    expect(refKey(o.ref)).toBe('http_req_duration{op:submitApplication}: p(95)');
  });

  it('splits a k6 line with several expressions into several objectives', () => {
    const o = parseObjective('http_req_duration: p(95)<800, p(99.9) <= 2000,avg<300', 'x');
    expect(o.map((x) => refKey(x.ref))).toEqual([
      'http_req_duration: p(95)',
      'http_req_duration: p(99.9)',
      'http_req_duration: avg',
    ]);
    expect(o.map((x) => (x.kind === 'absolute' ? x.op : ''))).toEqual(['<', '<=', '<']);
  });

  it('reads k6 rates and the toolkit metrics with units', () => {
    expect(one('http_req_failed: rate<0.01')).toMatchObject({
      limit: 0.01,
      ref: { metric: 'http_req_failed', agg: { name: 'rate' } },
    });
    expect(one('quota.fillTime < 15m')).toMatchObject({
      kind: 'absolute',
      op: '<',
      limit: 900_000,
      ref: { kind: 'summary', path: 'quota.fillTime' },
    });
    expect(one('fairness.kendallTau > 0.9')).toMatchObject({
      op: '>',
      limit: 0.9,
      ref: { path: 'fairness.kendallTau' },
    });
    expect(one('journeys.gaveUp rate < 0.05')).toMatchObject({
      limit: 0.05,
      ref: { path: 'journeys.gave_up', agg: 'rate' },
    });
    expect(one('journeys.gave_up rate < 5%')).toMatchObject({ limit: 0.05 });
    expect(one('journeys.quotaFull count <= 300')).toMatchObject({
      limit: 300,
      ref: { path: 'journeys.quota_full', agg: 'count' },
    });
  });

  it('reads relative budgets: percent of the base, percentage points, or an amount', () => {
    expect(one('http_req_duration{op:submitApplication}: p(95) may not grow more than 10%')).toMatchObject({
      kind: 'relative',
      direction: 'grow',
      limitKind: 'relative',
      limit: 0.1,
    });
    expect(one('http_req_duration: p95 may not grow more than 10 %')).toMatchObject({
      ref: { agg: { name: 'p', p: 95 } },
      limit: 0.1,
    });
    expect(one('http_req_failed: rate may not grow by more than 1pp')).toMatchObject({
      limitKind: 'absolute',
      limit: 0.01,
    });
    expect(one('fairness.kendallTau may not drop more than 0.05')).toMatchObject({
      direction: 'drop',
      limitKind: 'absolute',
      limit: 0.05,
    });
    expect(one('quota.fillTime may not change more than 30s')).toMatchObject({
      direction: 'change',
      limitKind: 'absolute',
      limit: 30_000,
    });
  });

  it('says what was expected, one problem per objective, all at once', () => {
    expect(() =>
      budgetFrom(
        {
          objectives: [
            'http_req_duration: p(95)<800ms',
            'http_req_failed: p(95)<3',
            'quota.fillTim < 15m',
            'fairness.kendallTau > 90%',
            'latency is fine',
            'http_req_duration: p(95)<800',
          ],
        },
        'budget.json',
      ),
    ).toThrow(
      'budget.json: ' +
        'objectives[0] "http_req_duration: p(95)<800ms": expected k6 expressions like p(95)<800 or rate<0.01 (numbers in the metric\'s unit, ms for times; no unit suffix), got "p(95)<800ms"; ' +
        'objectives[1] "http_req_failed: p(95)<3": http_req_failed is a k6 rate metric: expected rate, got p(95); ' +
        'objectives[2] "quota.fillTim < 15m": unknown toolkit metric quota.fillTim: expected one of quota, fairness, journeys, throughput, http, generator, latency, classes followed by a field, e.g. quota.fillTime, fairness.kendallTau, journeys.gaveUp rate (see docs/ci-gate.md, budget files); ' +
        'objectives[3] "fairness.kendallTau > 90%": % fits only a share (rate); this metric is a number: expected a plain number; ' +
        'objectives[4] "latency is fine": expected metric{tag:value}: p(95)<800, a toolkit metric like quota.fillTime < 15m, or a relative budget like http_req_duration: p(95) may not grow more than 10%',
    );
  });

  it('names unknown fields and missing objectives in the budget file', () => {
    expect(() => budgetFrom({ objective: [] }, 'b.json')).toThrow(
      'b.json: objectives: required, expected a list of objective strings; (top level): unknown field "objective": expected objectives, metrics, alpha, confidence, description',
    );
    expect(() => budgetFrom({ objectives: ['http_req_failed: rate<0.01'], alpha: 2 }, 'b.json')).toThrow(
      /^b\.json: alpha: /,
    );
  });
});
