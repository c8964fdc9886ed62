import { describe, expect, it } from 'vitest';
import { byRows, checkRows, groupRows, metricFigures, metricRows } from '../../src/analyze/k6-metric-rows.js';
import type { LatencyStats, Summary } from '../../src/analyze/summary.js';

/**
 * The k6 blocks' rows as `rehearse analyze` and the report print them, in the words of
 * k6's end-of-test summary: numbers as integers, to 3 decimals (1 from 100 up) without
 * trailing zeros, shares as per cent to 2 decimals.
 */
const lat = (p50: number, p95: number, p99: number, max: number): LatencyStats => ({
  count: 1,
  min: 0,
  mean: 0,
  p50,
  p90: 0,
  p95,
  p99,
  p999: 0,
  max,
});

describe('k6 metric rows', () => {
  it('prints each kind of metric as k6 does', () => {
    expect(metricFigures({ type: 'counter', count: 1234, rate: 41.133333 })).toBe('1234 (41.133/s)');
    expect(metricFigures({ type: 'counter', count: 12.5, rate: 0.0004 })).toBe('12.5 (0/s)');
    expect(metricFigures({ type: 'rate', rate: 0.8125, passes: 13, fails: 3 })).toBe('81.25 % (13 of 16)');
    expect(metricFigures({ type: 'rate', rate: 0.5, passes: 1, fails: 1 })).toBe('50 % (1 of 2)');
    expect(metricFigures({ type: 'rate', rate: 1, passes: 4, fails: 0 })).toBe('100 % (4 of 4)');
    expect(metricFigures({ type: 'gauge', value: 7, min: -2.25, max: 150.04 })).toBe('7 (min -2.25, max 150)');
    expect(
      metricFigures({
        type: 'trend',
        count: 4,
        avg: 123.456,
        min: 0.1,
        med: 99.9999,
        max: 1000,
        p90: 100.06,
        p95: 0.12345,
      }),
    ).toBe('avg=123.5 min=0.1 med=100 max=1000 p(90)=100.1 p(95)=0.123');
  });

  it('gives [metric, type, figures] per metric, and none without metrics', () => {
    const s = {
      metrics: {
        http_reqs: { type: 'counter', count: 3, rate: 1.5 },
        vus: { type: 'gauge', value: 2, min: 1, max: 2 },
      },
    } as unknown as Summary;
    expect(metricRows(s)).toEqual([
      ['http_reqs', 'counter', '3 (1.5/s)'],
      ['vus', 'gauge', '2 (min 1, max 2)'],
    ]);
    expect(metricRows({} as Summary)).toEqual([]);
  });

  it('names the root group "(root)" in check rows, and prints groups and --by rows', () => {
    const s = {
      checks: [
        { name: 'status 200', group: '', passes: 3, fails: 1, share: 0.75 },
        { name: 'is 201', group: '::apply', passes: 2, fails: 1, share: 0.666667 },
      ],
      groups: [{ path: '::apply', name: 'apply', requests: 5, checks: { passes: 2, fails: 1 } }],
      by: {
        tag: 'name',
        rows: [{ value: 'apply', requests: 5, failedRate: 0.2, latency: lat(12.5, 40, 99.5, 120.25) }],
        counters: {},
      },
    } as unknown as Summary;
    expect(checkRows(s)).toEqual([
      ['status 200', '(root)', '3', '1', '75 %'],
      ['is 201', '::apply', '2', '1', '66.67 %'],
    ]);
    expect(groupRows(s)).toEqual([['::apply', '5', '2', '1']]);
    expect(byRows(s)).toEqual([['apply', '5', '20 %', '12.5', '40', '99.5', '120.3']]);
    expect([checkRows({} as Summary), groupRows({} as Summary), byRows({} as Summary)]).toEqual([[], [], []]);
  });
});
