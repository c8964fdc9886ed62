import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/analyze/summary.js';
import { isMissing } from '../../src/report/chart.js';
import { buildCharts } from '../../src/report/index.js';
import { narrate } from '../../src/report/narrative.js';
import { NO_PLACES } from '../../src/report/places.js';
import { keyFiguresTable } from '../../src/report/tables.js';
import { makeSummary } from './fixture.js';

/**
 * A day without places to award, as `rehearse analyze` summarises election-night or
 * eoi-draw: no quota, nobody accepted, every candidate `completed`, no acceptance ranks.
 */
function readHeavy(completed = 400): Summary {
  const s = makeSummary({ candidates: 400 });
  s.quota = {
    size: null,
    accepted: 0,
    oversold: false,
    fillTimeMs: null,
    filled: false,
    curve: [],
    fillRatePerSec: null,
  };
  s.throughput.acceptedPerSec = 0;
  s.journeys!.outcomes = { completed, ...(completed < 400 ? { invalid: 400 - completed } : {}) };
  s.fairness = { kendallTau: null, inversions: 0, firstQAcceptedShare: null, firstQ: 0, ranks: [] };
  return s;
}

/** The eoi-draw rehearsal's own figures (seed 1): 23 invited of 102 eligible, scores 59 and 57. */
function eoiDraw(topRanked = true): Summary {
  const s = readHeavy();
  s.fairness!.eoi = topRanked
    ? {
        invited: 23,
        eligible: 102,
        invitedIneligible: 0,
        skippedHigherScores: 0,
        lowestInvitedScore: 59,
        highestUninvitedScore: 57,
        topRanked: true,
      }
    : {
        invited: 23,
        eligible: 102,
        invitedIneligible: 2,
        skippedHigherScores: 1,
        lowestInvitedScore: 40,
        highestUninvitedScore: 61,
        topRanked: false,
      };
  return s;
}

const labels = (s: Summary) => keyFiguresTable([{ summary: s, label: 'run' }]).rows.map((r) => r[0]);

describe('a run without places to award (no quota, nobody accepted)', () => {
  it('opens with how many candidates got through, not "0 applications were accepted"', () => {
    expect(narrate(readHeavy()).headline).toMatch(
      /^All 400 candidates completed their journey in the 1 min of the run; /,
    );
    expect(narrate(readHeavy(330)).headline).toMatch(
      /^330 of 400 candidates completed their journey in the 1 min of the run; /,
    );
    expect(narrate(readHeavy()).headline).not.toContain('accepted');
  });

  it('leaves out the quota fill curve and the fairness chart, saying why', () => {
    const charts = buildCharts({ run: { summary: readHeavy(), label: 'run' } });
    const missing = charts.filter(isMissing).map((c) => [c.id, c.missing]);
    expect(missing).toEqual([
      ['quota-fill', NO_PLACES],
      ['fairness', NO_PLACES],
    ]);
  });

  it('leaves the quota and arrival-order rows out of the key figures', () => {
    const rows = labels(readHeavy());
    for (const gone of [
      'Accepted applications',
      'Quota fill time',
      'Accepted per second',
      "Kendall's τ (arrival vs acceptance order)",
      'Places won by the first arrivals',
    ])
      expect(rows).not.toContain(gone);
    expect(rows).toContain('Candidates');
    // A run with a quota keeps them.
    expect(labels(makeSummary())).toContain('Quota fill time');
  });

  it('says whether the invitation round of an EOI pool went to the top-ranked eligible', () => {
    expect(narrate(eoiDraw()).headline).toContain(
      'the invitation round invited 23 candidates of 102 eligible: exactly the top-ranked (lowest invited score 59, highest eligible uninvited 57)',
    );
    expect(narrate(eoiDraw(false)).headline).toContain(
      'the invitation round invited 23 candidates of 102 eligible, but not the top-ranked: 2 ineligible candidates were invited and 1 eligible candidate with a higher score than the lowest invited was passed over',
    );
    const t = keyFiguresTable([{ summary: eoiDraw(), label: 'run' }]);
    const cell = (label: string) => t.rows.find((r) => r[0] === label)?.[1];
    expect(cell('Invited in the round (of eligible)')).toBe('23 of 102');
    expect(cell('Invited exactly the top-ranked eligible')).toBe('yes');
    expect(cell('Lowest invited score / highest eligible uninvited')).toBe('59 / 57');
  });
});
