/**
 * `rehearse analyze --format table|md|json` as text, in process (the CLI tests spawn a
 * process a mutation run cannot see). The run is test/fixtures/k6/hand-built.ts, whose
 * figures hand-built.test.ts derives by hand (16 requests over 4.2 s, 7 in the busiest
 * second, 3 of 3 places filled at 3 s, 6 candidates…); here they must come out under the
 * documented display rules: durations in ms below 1 s, s with two decimals below 10 s and
 * one from 10 s, min from 60 s; shares as "x.y %"; "–" for what was not measured.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { analyzeRun, formatSummary, type Summary } from '../../src/analyze/index.js';
import { handBuiltLines, writeRunDir } from '../fixtures/k6/hand-built.js';
import { HERE } from '../fixtures/k6/plain-script/make.js';

let s: Summary;
// Before each test, not once before all, so mutation testing sees which tests cover the
// analyzer's code (hand-built.test.ts says why).
beforeEach(async () => {
  s = await analyzeRun([writeRunDir(join(mkdtempSync(join(tmpdir(), 'analyze-fmt-')), 'run'), handBuiltLines(), 3)]);
});

/** The block of `text` whose title line starts with `title`, up to the blank line. */
function block(text: string, title: string): string {
  const b = text.split('\n\n').find((p) => p.startsWith(title));
  if (!b) throw new Error(`no block "${title}" in:\n${text}`);
  return b.replace(/\n$/, '');
}

describe('the table format', () => {
  it('aligns each block: first column left, the others right, two spaces apart', () => {
    const t = formatSummary(s, 'table');
    expect(block(t, 'Throughput')).toBe(
      [
        'Throughput',
        'requests  duration  req/s  peak 1 s  peak 10 s  goodput/s  accepted/s',
        '16          4.20 s    3.8         7        1.6        2.1        0.71',
      ].join('\n'),
    );
    expect(block(t, 'Responses by class')).toBe(
      [
        'Responses by class (timeouts: 1)',
        'operation              error          ok  quota_full   throttled',
        'createAccount              0           6           0           0',
        'submitApplication          1           3           2           4',
        'all                1 (6.3 %)  9 (56.3 %)  2 (12.5 %)  4 (25.0 %)',
      ].join('\n'),
    );
    expect(block(t, 'HTTP')).toBe(
      [
        'HTTP (failed 43.8 %)',
        'status  count',
        '0           1',
        '201         9',
        '409         2',
        '503         4',
      ].join('\n'),
    );
    expect(block(t, 'Quota')).toBe(
      ['Quota', 'size  accepted  filled  fill time  over-sold', '3            3     yes     3.00 s         no'].join(
        '\n',
      ),
    );
    expect(block(t, 'Journeys')).toBe(
      [
        'Journeys (6 candidates; attempts mean 2.67, p90 5, max 5; amplification 2.67; abandonment 16.7 %)',
        'outcome     count   share  time p50  time p95  time max',
        'accepted        3  50.0 %    1.80 s    2.90 s    2.90 s',
        'gave_up         1  16.7 %    3.60 s    3.60 s    3.60 s',
        'quota_full      2  33.3 %    3.20 s    3.70 s    3.70 s',
      ].join('\n'),
    );
    expect(block(t, 'Fairness')).toBe(
      [
        'Fairness',
        'measure                                     value',
        "Kendall's tau-b (arrival vs acceptance)    0.3333",
        'inversions (pairs accepted out of order)        1',
        'share of the first 3 arrivals accepted    100.0 %',
      ].join('\n'),
    );
    expect(block(t, 'By country')).toBe(
      [
        'By country',
        'country  candidates  accepted  latency p95',
        'FR                3         2       1.00 s',
        'MA                2         1      30.0 ms',
        'US                1         0      22.0 ms',
      ].join('\n'),
    );
    expect(block(t, 'Generator health')).toBe(
      [
        'Generator health',
        'dropped iterations  start lateness p50     p99     max  warnings',
        '0                               2.0 ms  5.0 ms  5.0 ms      none',
      ].join('\n'),
    );
    expect(block(t, 'Latency')).toContain(
      'Latency from intended send time\noperation          count      p50      p90      p95      p99    p99.9      max\ncreateAccount          6  12.0 ms  15.0 ms  15.0 ms  15.0 ms  15.0 ms  15.0 ms',
    );
    expect(t.startsWith('Throughput\nrequests  ')).toBe(true);
    expect(t.endsWith('none\n')).toBe(true);
    expect(t).not.toContain('Input');
  });

  it('durations: ms below 1 s, two decimals below 10 s, one from 10 s, minutes from 60 s; "–" when unmeasured', () => {
    const duration = (ms: number) =>
      block(formatSummary({ ...s, durationMs: ms }, 'table'), 'Throughput')
        .split('\n')[2]!
        .split(/\s+/)
        .slice(1, 3)
        .join(' ');
    expect(duration(999.94)).toBe('999.9 ms');
    expect(duration(1000)).toBe('1.00 s');
    expect(duration(9994)).toBe('9.99 s');
    expect(duration(10_000)).toBe('10.0 s');
    expect(duration(59_940)).toBe('59.9 s');
    expect(duration(60_000)).toBe('1.0 min');
    const g = block(
      formatSummary({ ...s, generator: { ...s.generator, lateness: null, warnings: ['a', 'b'] } } as Summary, 'table'),
      'Generator health',
    );
    expect(g.split('\n')[2]).toBe('0                                    –    –    –      a; b');
    const nan = block(
      formatSummary(
        { ...s, throughput: { ...s.throughput, rps: Number.NaN, goodputRps: null } } as unknown as Summary,
        'table',
      ),
      'Throughput',
    );
    expect(nan.split('\n')[2]!.split(/\s+/)).toEqual(['16', '4.20', 's', '–', '7', '1.6', '–', '0.71']);
  });

  it('quota: "(from the first acceptance)" when filling began before the opening, YES when over-sold, no block without places', () => {
    const q = block(
      formatSummary(
        { ...s, quota: { ...s.quota!, fillStartMs: -5, oversold: true, size: null, filled: false } },
        'table',
      ),
      'Quota',
    );
    expect(q.split('\n')[2]).toBe('–            3      no  3.00 s (from the first acceptance)        YES');
    // Places nobody got: the block stays (a quota of 3, 0 accepted), with no fill time.
    const nobody = formatSummary(
      { ...s, quota: { ...s.quota!, accepted: 0, fillTimeMs: null, filled: false, curve: [], fillRatePerSec: null } },
      'table',
    );
    expect(block(nobody, 'Quota').split('\n')[2]?.split(/ +/)).toEqual(['3', '0', 'no', '–', 'no']);
    const none = formatSummary({ ...s, quota: { ...s.quota!, size: null, accepted: 0 } }, 'table');
    expect(none).not.toContain('\nQuota\n');
    // Without places the country table counts completed journeys, and fairness has no arrival-order rows.
    expect(block(none, 'By country').split('\n')[1]).toBe('country  candidates  completed  latency p95');
    expect(none).not.toContain('Fairness');
    const noQuota = formatSummary({ ...s, quota: null }, 'table');
    expect(noQuota).not.toContain('\nQuota\n');
  });

  it('"–" for a share, a time or a mean that was not measured, in the journeys and classes blocks', () => {
    const j = s.journeys!;
    const { quota_full: _dropped, ...times } = j.timeToOutcome;
    const t = formatSummary(
      {
        ...s,
        journeys: {
          ...j,
          attempts: { ...j.attempts, mean: undefined },
          abandonment: null,
          shares: { ...j.shares, quota_full: null },
          timeToOutcome: times,
        },
        classes: { ...s.classes!, rates: { ...s.classes!.rates, throttled: undefined } },
      } as unknown as Summary,
      'table',
    );
    const journeys = block(t, 'Journeys').split('\n');
    expect(journeys[0]).toBe(
      'Journeys (6 candidates; attempts mean –, p90 5, max 5; amplification 2.67; abandonment –)',
    );
    expect(journeys.find((l) => l.startsWith('quota_full'))?.split(/ +/)).toEqual([
      'quota_full',
      '2',
      '–',
      '–',
      '–',
      '–',
    ]);
    expect(block(t, 'Responses by class').split('\n')[4]?.split(/ {2,}/).at(-1)).toBe('4 (–)');
  });

  it('fairness of an EOI draw: one row, naming registrations after the round only when there were some', () => {
    const eoi = {
      invited: 3,
      eligible: 5,
      invitedIneligible: 0,
      lateForRound: 0,
      skippedHigherScores: 0,
      lowestInvitedScore: 60,
      highestUninvitedScore: 50,
      topRanked: true,
    };
    // With places: the arrival-order rows, then the EOI row; a summary without firstQ (older ones) says Q.
    const { firstQ: _q, ...noQ } = s.fairness!;
    const withPlaces = block(formatSummary({ ...s, fairness: { ...noQ, eoi } }, 'table'), 'Fairness').split('\n');
    expect(withPlaces.slice(2).map((r) => r.split(/ {2,}/))).toEqual([
      ["Kendall's tau-b (arrival vs acceptance)", '0.3333'],
      ['inversions (pairs accepted out of order)', '1'],
      ['share of the first Q arrivals accepted', '100.0 %'],
      ['EOI: invited = top-ranked eligible', 'yes (3 invited, 0 skipped, 0 ineligible)'],
    ]);
    // A day without places (the EOI pool has no quota): the EOI row alone.
    const unfair = { ...eoi, invitedIneligible: 1, skippedHigherScores: 2, lateForRound: 4, topRanked: false };
    const pool = formatSummary({ ...s, quota: null, fairness: { ...s.fairness!, eoi: unfair } }, 'table');
    expect(block(pool, 'Fairness')).toBe(
      [
        'Fairness',
        `measure${' '.repeat(34 - 7)}  ${' '.repeat(69 - 5)}value`,
        'EOI: invited = top-ranked eligible  NO (3 invited, 2 skipped, 1 ineligible, 4 registered after the round)',
      ].join('\n'),
    );
  });

  it('an input block when lines were malformed or the last one cut short, naming the first five', () => {
    const malformed = Array.from({ length: 6 }, (_, i) => ({ file: 'r.ndjson', line: i + 2 }));
    const t = formatSummary(
      { ...s, source: { ...s.source, lines: 90, malformedLines: 6, truncatedLastLine: true, malformed } } as Summary,
      'table',
    );
    expect(block(t, 'Input')).toBe(
      [
        'Input',
        // The last column is as wide as five names of 10 characters joined by ', ' (58).
        `lines  malformed  truncated last line  ${' '.repeat(58 - 15)}first malformed`,
        '90             6        yes (skipped)  r.ndjson:2, r.ndjson:3, r.ndjson:4, r.ndjson:5, r.ndjson:6',
      ].join('\n'),
    );
    const cut = formatSummary({ ...s, source: { ...s.source, truncatedLastLine: true } }, 'table');
    expect(block(cut, 'Input').split('\n')[2]).toMatch(/^82 +0 +yes \(skipped\)$/);
    const bad = formatSummary(
      { ...s, source: { ...s.source, malformedLines: 1, malformed: undefined } } as unknown as Summary,
      'table',
    );
    expect(block(bad, 'Input').split('\n')[2]).toMatch(/^82 +1 +no$/);
  });
});

describe('the other formats', () => {
  it('md: a level-3 heading and a GitHub table per block, first column left', () => {
    const md = formatSummary(s, 'md');
    expect(
      md.startsWith(
        '### Throughput\n\n| requests | duration | req/s | peak 1 s | peak 10 s | goodput/s | accepted/s |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n| 16 | 4.20 s | 3.8 | 7 | 1.6 | 2.1 | 0.71 |\n\n### Responses by class (timeouts: 1)\n',
      ),
    ).toBe(true);
    expect(md.endsWith('| 0 | 2.0 ms | 5.0 ms | 5.0 ms | none |\n')).toBe(true);
  });

  it('json: summary.json itself, two-space indented, one final newline', () => {
    const j = formatSummary(s, 'json');
    expect(JSON.parse(j)).toEqual(JSON.parse(JSON.stringify(s)));
    expect(j.startsWith('{\n  "version": 1,\n')).toBe(true);
    expect(j.endsWith('}\n')).toBe(true);
  });
});

describe('the sections of plain k6 output (test/fixtures/k6/plain-script, made by real k6)', () => {
  /** A table block's rows as cells (two or more spaces apart), without its title and head. */
  const rows = (b: string) =>
    b
      .split('\n')
      .slice(2)
      .map((l) => l.split(/ {2,}/));

  it('checks, groups, the by-tag breakdown, counters by tag and the k6 metrics block, with their figures', async () => {
    const byName = await analyzeRun([join(HERE, 'run.ndjson')], { by: 'name' });
    const t = formatSummary(byName, 'table');
    // Groups: the numbers k6-summary.test.ts checks against k6's --summary-export.
    expect(block(t, 'Groups').split('\n')[1]?.split(/ {2,}/)).toEqual([
      'group',
      'requests',
      'checks passed',
      'checks failed',
    ]);
    expect(rows(block(t, 'Groups'))).toEqual([
      ['::login', '24', '24', '0'],
      ['::apply', '24', '39', '9'],
    ]);
    const checks = rows(block(t, 'Checks'));
    expect(checks.length).toBe(byName.checks?.length);
    expect(checks.reduce((a, r) => a + Number(r[2]) + Number(r[3]), 0)).toBe(24 + 39 + 9);
    expect(rows(block(t, 'By name (http_req_duration, ms)')).map((r) => r.slice(0, 3))).toEqual([
      ['apply', '24', '37.5 %'],
      ['login', '24', '0 %'],
    ]);
    const metrics = block(t, "Metrics (as k6's end-of-test summary)").split('\n');
    expect(metrics[1]?.split(/ {2,}/)).toEqual(['metric', 'type', 'figures']);
    expect(metrics.slice(2).map((l) => l.split(' ')[0])).toEqual(Object.keys(byName.metrics ?? {}));
    const byOutcome = formatSummary(await analyzeRun([join(HERE, 'run.ndjson')], { by: 'outcome' }), 'table');
    expect(block(byOutcome, 'journey_outcomes by outcome').split('\n')[1]?.split(/ {2,}/)).toEqual([
      'outcome',
      'count',
    ]);
    expect(rows(block(byOutcome, 'journey_outcomes by outcome'))).toEqual([
      ['accepted', '15'],
      ['quota_full', '9'],
    ]);
  });

  it('titles and heads its blocks as documented, with an "all" latency row over every request', async () => {
    const t = formatSummary(await analyzeRun([join(HERE, 'run.ndjson')], { by: 'name' }), 'table');
    const lat = block(t, 'Latency').split('\n');
    expect(lat[0]).toBe('Latency (k6 http_req_duration)');
    expect(lat[1]?.split(/ +/)).toEqual(['operation', 'count', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max']);
    const latRows = rows(block(t, 'Latency'));
    expect(latRows.at(-1)?.[0]).toBe('all');
    expect(Number(latRows.at(-1)?.[1])).toBe(latRows.slice(0, -1).reduce((a, r) => a + Number(r[1]), 0));
    expect(block(t, 'Checks').split('\n')[1]?.split(/ {2,}/)).toEqual(['check', 'group', 'passes', 'fails', 'passed']);
    expect(block(t, 'By name (http_req_duration, ms)').split('\n')[1]?.split(/ {2,}/)).toEqual([
      'name',
      'requests',
      'failed',
      'p50',
      'p95',
      'p99',
      'max',
    ]);
  });

  it('has no checks or groups blocks for the toolkit’s hand-built run, which has neither', () => {
    const t = formatSummary(s, 'table');
    for (const title of ['Checks', 'Groups']) expect(t.split('\n\n').some((b) => b.startsWith(title))).toBe(false);
  });

  it('has no metrics block for a summary without k6 metrics, and no "all" latency row without any latency', () => {
    const t = formatSummary({ ...s, metrics: null, latency: { ...s.latency, all: null, byOp: {} } }, 'table');
    expect(t.split('\n\n').some((b) => b.startsWith('Metrics'))).toBe(false);
    expect(block(t, 'Latency').split('\n')).toEqual([
      'Latency from intended send time',
      'operation  count  p50  p90  p95  p99  p99.9  max',
    ]);
  });

  it('names a status k6 did not record "(none)"', () => {
    const t = formatSummary({ ...s, http: { ...s.http, statuses: { '': 2, '201': 9 } } }, 'table');
    // Integer-like keys come first in a JavaScript object, so the empty status follows the numbers.
    expect(rows(block(t, 'HTTP'))).toEqual([
      ['201', '9'],
      ['(none)', '2'],
    ]);
  });
});
