import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/analyze/summary.js';
import { narrate } from '../../src/report/narrative.js';
import { makeSummary } from './fixture.js';

/** The example opening, as a summary: 2,800 places filled at 3 min 12 s, 61 % turned away. */
function quebecLike(): Summary {
  const s = makeSummary({ quota: 2800, candidates: 20_000 });
  s.throughput.requests = 100_000;
  s.classes!.total = { ok: 38_000, throttled: 55_000, quota_full: 6_000, error: 1_000 };
  s.quota = { ...s.quota!, size: 2800, accepted: 2800, filled: true, fillTimeMs: 192_000 };
  s.journeys!.attempts = { ...s.journeys!.attempts, p50: 3, acceptedP50: 7 };
  s.fairness = { ...s.fairness!, firstQAcceptedShare: 0.71, firstQ: 2800 };
  return s;
}

describe('the narrative that opens the report', () => {
  it("says the issue's example sentence for the same numbers", () => {
    expect(narrate(quebecLike()).headline).toBe(
      'The 2,800 places filled 3 min 12 s after opening; 61 % of requests were turned away; the median accepted candidate sent 7 requests; the first 2,800 to arrive got 71 % of the places.',
    );
  });

  it('speaks of all candidates when nobody was accepted (or the summary predates acceptedP50)', () => {
    const s = quebecLike();
    s.journeys!.attempts = { ...s.journeys!.attempts, acceptedP50: null };
    expect(narrate(s).headline).toContain('the median candidate sent 3 requests');
  });

  it('says the quota did not fill, and whose share of the first arrivals got in', () => {
    const s = makeSummary({ quota: 100, fillS: null });
    s.fairness!.firstQ = 100;
    const h = narrate(s).headline;
    expect(h).toMatch(/^50 of the 100 places were taken in the 1 min of the run, so the quota did not fill; /);
    expect(h).toContain('71 % of the first 100 to arrive got a place');
  });

  it('falls back to http_req_failed and leaves out journey clauses for plain k6 output', () => {
    const s = makeSummary({ plainK6: true });
    const n = narrate(s);
    expect(n.headline).toBe(
      `${Math.round(s.http.failedRate * 100)} % of ${s.throughput.requests.toLocaleString('en-US')} requests failed.`,
    );
    expect(n.details.at(-1)).toMatch(/no journey data \(plain k6 output\)/);
  });

  it('puts an oversold quota and generator warnings first among the warnings', () => {
    const s = makeSummary();
    s.quota = { ...s.quota!, accepted: 101, oversold: true };
    s.generator.warnings = ['the load generator fell behind: p99 lateness 1.2 s'];
    expect(narrate(s).warnings).toEqual([
      'The quota was oversold: 101 accepted for 100 places.',
      'the load generator fell behind: p99 lateness 1.2 s',
    ]);
  });

  it('compares the fill time and the turned-away share with a baseline', () => {
    const base = quebecLike();
    base.quota!.fillTimeMs = 240_000;
    base.classes!.total = { ok: 30_000, throttled: 70_000 };
    const n = narrate(quebecLike(), { summary: base, label: 'v1' });
    expect(n.details.at(-1)).toBe(
      'Compared with v1: the places filled 48 s sooner (3 min 12 s against 4 min); 61 % of requests were turned away against 70 %; p95 latency was 90 ms against 90 ms.',
    );
  });
});
