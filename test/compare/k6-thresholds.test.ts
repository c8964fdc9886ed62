import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgetFrom } from '../../src/compare/budget/load.js';
import { checkRun } from '../../src/compare/check.js';
import { HERE } from '../fixtures/k6/plain-script/make.js';

/**
 * `rehearse check` budgets naming a plain k6 script's custom metrics in k6 threshold
 * syntax, judged on the numbers k6 gives (test/fixtures/k6/plain-script: its
 * summary-export.json has server_ms p(95) = 6, form_ok 15 of 24, queue_depth max 14).
 */
describe('k6 thresholds on custom metrics', () => {
  it('judges counters, rates, trends and gauges of a plain k6 script as k6 does', async () => {
    const budget = budgetFrom(
      {
        objectives: [
          'journey_outcomes{outcome:accepted}: count>=15',
          'journey_outcomes: count==24',
          'form_ok: rate>0.6',
          'server_ms: p(95)<=6, avg<3',
          'queue_depth: max<20, value==0',
          'checks{check:apply is 201}: rate>0.9',
          'http_req_duration{expected_response:true}: count==39',
        ],
      },
      'budget.json',
    );
    const r = await checkRun({ run: join(HERE, 'run.ndjson'), budget });
    expect(r.objectives.map((o) => [o.text.split(':')[0], o.status, o.observed])).toEqual([
      ['journey_outcomes{outcome', 'pass', 15],
      ['journey_outcomes', 'pass', 24],
      ['form_ok', 'pass', 0.625],
      // Exactly k6's p(95) (6), which a histogram would put at 6.03 and fail.
      ['server_ms', 'pass', 6],
      ['server_ms', 'pass', 2.875],
      ['queue_depth', 'pass', 14],
      ['queue_depth', 'pass', 0],
      ['checks{check', 'fail', 0.625],
      ['http_req_duration{expected_response', 'pass', 39],
    ]);
    // A gauge is a number, not a time.
    expect(r.objectives[5]?.message).toBe('queue_depth: max = 14; limit < 20');
    expect(r.passed).toBe(false);
  });
});
