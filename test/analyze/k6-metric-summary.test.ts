import { describe, expect, it } from 'vitest';
import { RunAccumulator } from '../../src/analyze/accumulate.js';
import type { MetricDeclaration } from '../../src/results/read-json-line.js';
import { MetricTable, ParsedTags } from '../../src/results/read-tag-sets.js';
import { type P, readPoints } from './k6-points.js';

/**
 * One k6 metric's figures in summary.json where the rule has an edge: the gauge's value
 * on a tie of times, a counter's rate over no time, a metric met before its declaration,
 * submetrics typed by their metric's declaration, checks without their tags. Each answer
 * worked out by hand from the points.
 */
const decl = (
  name: string,
  type: MetricDeclaration['type'],
  contains = 'default',
  submetrics: MetricDeclaration['submetrics'] = [],
) => ({ name, type, contains, submetrics }) as MetricDeclaration;

describe('k6 metric figures at their edges', () => {
  it('gives a gauge the later line’s value when two samples share the latest time, in one pass and merged', () => {
    const gauge = [decl('queue_depth', 'gauge')];
    const points: P[] = [
      ['queue_depth', 1000, 4, {}],
      ['queue_depth', 2000, 5, {}],
      ['queue_depth', 2000, 7, {}],
    ];
    expect(readPoints(gauge, points).k6.metricsSection(1000)?.queue_depth).toStrictEqual({
      type: 'gauge',
      value: 7,
      min: 4,
      max: 7,
    });
    // The tie across a cut: the later part's sample is the later line.
    const first = readPoints(gauge, points.slice(0, 2));
    first.k6.merge(structuredClone(readPoints(gauge, points.slice(2)).k6.toData()));
    expect(first.k6.metricsSection(1000)?.queue_depth).toStrictEqual({ type: 'gauge', value: 7, min: 4, max: 7 });
    // A later part whose samples are all older than the first part's latest: the first part's value stays.
    const newer = readPoints(gauge, points);
    newer.k6.merge(structuredClone(readPoints(gauge, [['queue_depth', 1500, 8, {}]]).k6.toData()));
    expect(newer.k6.metricsSection(1000)?.queue_depth).toStrictEqual({ type: 'gauge', value: 7, min: 4, max: 8 });
  });

  it('gives a counter a rate of 0 over a run of no time (one sample time), not a division by zero', () => {
    const acc = readPoints([], [['http_reqs', 1000, 3, {}]]);
    expect(acc.k6.metricsSection(0)?.http_reqs).toStrictEqual({ type: 'counter', count: 3, rate: 0 });
    expect(acc.k6.metricsSection(1500)?.http_reqs).toStrictEqual({ type: 'counter', count: 3, rate: 2 });
  });

  it('types a metric met before its declaration (a toolkit file before a plain k6 file) by the declaration', () => {
    const acc = new RunAccumulator(0, 'name');
    const metrics = new MetricTable();
    const point = (m: string, v: number) => acc.point(metrics.named(m), 1000, v, new ParsedTags({}));
    point('signups', 2);
    point('portal_wait', 30);
    acc.declare(decl('signups', 'counter'));
    acc.declare(decl('portal_wait', 'trend', 'time'));
    point('signups', 3);
    point('portal_wait', 50);
    const m = acc.k6.metricsSection(1000);
    expect(m?.signups).toStrictEqual({ type: 'counter', count: 5, rate: 5 });
    expect(m?.portal_wait).toStrictEqual({
      type: 'trend',
      count: 2,
      avg: 40,
      min: 30,
      med: 40,
      max: 50,
      p90: 48,
      p95: 49,
      time: true,
    });
  });

  it('types a submetric as its metric is declared, a custom time trend and a counter alike', () => {
    const declared = [
      decl('portal_wait', 'trend', 'time', [{ name: 'portal_wait{outcome:ok}', tags: { outcome: 'ok' } }]),
      decl('signups', 'counter', 'default', [{ name: 'signups{outcome:ok}', tags: { outcome: 'ok' } }]),
    ];
    const m = readPoints(declared, [
      ['portal_wait', 0, 10, { outcome: 'ok' }],
      ['portal_wait', 1000, 20, { outcome: 'late' }],
      ['portal_wait', 2000, 40, { outcome: 'ok' }],
      ['signups', 0, 2, { outcome: 'ok' }],
      ['signups', 1000, 1, { outcome: 'late' }],
    ]).k6.metricsSection(2000);
    // 10 and 40: med 25, p90 = 10 + 0.9·30 = 37, p95 = 10 + 0.95·30 = 38.5.
    expect(m?.['portal_wait{outcome:ok}']).toStrictEqual({
      type: 'trend',
      count: 2,
      avg: 25,
      min: 10,
      med: 25,
      max: 40,
      p90: 37,
      p95: 38.5,
      time: true,
    });
    expect(m?.['signups{outcome:ok}']).toStrictEqual({ type: 'counter', count: 2, rate: 1 });
  });

  it('counts a check without its check or group tag under empty names, in the root group (not a listed group)', () => {
    const acc = readPoints(
      [],
      [
        ['checks', 0, 1, {}],
        ['checks', 0, 0, {}],
      ],
    );
    expect(acc.k6.checksSection()).toStrictEqual([{ name: '', group: '', passes: 1, fails: 1, share: 0.5 }]);
    expect(acc.k6.groupsSection()).toBeNull();
  });

  it('marks as time only a trend declared with contains time, whether met before or after its declaration', () => {
    const acc = new RunAccumulator(0, 'name');
    const metrics = new MetricTable();
    const point = (m: string, v: number) => acc.point(metrics.named(m), 1000, v, new ParsedTags({}));
    point('early_size', 4);
    acc.declare(decl('early_size', 'trend'));
    acc.declare(decl('late_size', 'trend'));
    point('late_size', 6);
    const m = acc.k6.metricsSection(1000);
    // One value each: avg, min, med, max and both percentiles are that value; no `time` key.
    const one = (v: number) => ({ type: 'trend', count: 1, avg: v, min: v, med: v, max: v, p90: v, p95: v });
    expect(m?.early_size).toStrictEqual(one(4));
    expect(m?.late_size).toStrictEqual(one(6));
  });

  it('counts for --by only counters: not a declared trend, not an undeclared metric of unknown type in a whole file', () => {
    const acc = readPoints(
      [decl('page_size', 'trend'), decl('outcomes', 'counter')],
      [
        ['page_size', 1000, 5, { name: 'home' }],
        ['form_fields', 1000, 3, { name: 'home' }],
        ['http_reqs', 1000, 1, { name: 'home' }],
        // A tie of sums met in value order: the tie is broken by value, not by the order met.
        ['outcomes', 1000, 2, { name: 'a' }],
        ['outcomes', 1000, 2, { name: 'b' }],
      ],
    );
    const counters = acc.k6.bySection()?.counters ?? {};
    expect(Object.keys(counters)).toStrictEqual(['http_reqs', 'outcomes']);
    expect(counters.http_reqs).toStrictEqual({ home: 1 });
    expect(Object.entries(counters.outcomes ?? {})).toStrictEqual([
      ['a', 2],
      ['b', 2],
    ]);
  });
});
