import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/compare/types.js';
import { comparisonView } from '../../src/report/comparison.js';

const comparison: Comparison = {
  version: 1,
  kind: 'compare',
  base: [{ dir: 'runs/before' }],
  candidate: [{ dir: 'runs/after' }],
  alpha: 0.05,
  confidence: 0.95,
  seed: 7,
  metrics: [
    {
      key: 'quota.fillTime',
      label: 'Quota fill time',
      unit: 'ms',
      better: 'lower',
      base: 240_000,
      candidate: 192_000,
      delta: -48_000,
      change: -0.2,
      changeCi: [-0.25, -0.15],
      deltaCi: null,
      pValue: 0.004,
      method: 'block-bootstrap',
      n: { base: 30, candidate: 30 },
      verdict: 'improved',
    },
    {
      key: 'classes.rates.throttled',
      label: 'Throttled share',
      unit: 'share',
      better: 'lower',
      base: 0.5,
      candidate: null,
      delta: null,
      change: null,
      changeCi: null,
      deltaCi: null,
      pValue: null,
      method: 'none',
      n: { base: 30, candidate: 0 },
      verdict: 'not enough data',
      note: 'no classes in the candidate',
    },
  ],
  objectives: [
    {
      text: 'quota.fillTime < 5 min',
      source: 'budget.json: objectives[0]',
      kind: 'absolute',
      key: 'quota.fillTime',
      observed: 192_000,
      status: 'pass',
      message: '3 min 12 s, limit < 5 min',
    },
    {
      text: 'p(95) < 800 ms',
      source: 'scenario launch-day: objectives[1]',
      kind: 'absolute',
      key: 'http_req_duration: p(95)',
      observed: 912,
      status: 'fail',
      message: 'p(95)=912 ms, limit < 800 ms',
    },
  ],
  passed: false,
  warnings: ['the base run was interrupted'],
};

describe('the comparison in the report', () => {
  it('shows each metric with both values, the change and its interval, and the verdict', () => {
    const v = comparisonView(comparison);
    expect(v.verdict).toBe('Gate failed: 1 of 2 objectives not met.');
    expect(v.warnings).toEqual(['the base run was interrupted']);
    expect(v.tables[0]!.columns).toEqual(['Metric', 'Baseline', 'This run', 'Change (95 % CI)', 'p', 'Verdict']);
    expect(v.tables[0]!.rows).toEqual([
      ['Quota fill time', '4 min', '3 min 12 s', '−20 % (−25 % … −15 %)', '0.004', 'improved'],
      ['Throttled share', '50 %', '—', '—', '—', 'not enough data (no classes in the candidate)'],
    ]);
    expect(v.tables[1]!.rows[1]).toEqual([
      'p(95) < 800 ms',
      'scenario launch-day: objectives[1]',
      'fail',
      'p(95)=912 ms, limit < 800 ms',
    ]);
  });

  it('says the gate passed when no objective failed', () => {
    expect(comparisonView({ ...comparison, passed: true, objectives: [comparison.objectives[0]!] }).verdict).toBe(
      'Gate passed: 1 objective met or without data.',
    );
  });

  it('still shows a comparison computed elsewhere, as rows', () => {
    const v = comparisonView([
      { metric: 'p95', base: 80, candidate: 95, verdict: 'regressed' },
      { metric: 'fill', verdict: 'improved' },
    ]);
    expect(v.tables[0]!.columns).toEqual(['metric', 'base', 'candidate', 'verdict']);
    expect(v.tables[0]!.rows).toEqual([
      ['p95', 80, 95, 'regressed'],
      ['fill', '—', '—', 'improved'],
    ]);
  });
});
