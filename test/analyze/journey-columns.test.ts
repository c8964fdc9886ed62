import { describe, expect, it } from 'vitest';
import { JourneyColumns } from '../../src/analyze/journey-columns.js';

/**
 * JourneyColumns: what the accumulator keeps per finished journey, and the merge of a
 * worker thread's part after this thread's (accumulate-data.ts). The oracle for the
 * merge is one JourneyColumns fed every journey in order, as a single pass would be.
 */
type Row = [
  finishMs: number,
  arrival: number,
  outcome: string,
  attempts: number,
  ttoMs: number,
  score: number,
  eligible: string | undefined,
  invited: string | undefined,
];

const ROWS: Row[] = [
  [1000, 0, 'accepted', 2, 900, 70, undefined, 'true'],
  [1500, 1, 'quota_full', 3, 1400, Number.NaN, 'false', undefined],
  [2000, 2, 'gave_up', Number.NaN, 1800, 65, 'true', 'false'],
  // The part after the cut meets its outcomes in another order, and one new outcome.
  [2500, 3, 'quota_full', 1, 2000, 10, undefined, undefined],
  [2600, 4, 'error', 4, 2100, Number.NaN, undefined, undefined],
  [2700, 5, 'accepted', 2, 2200, 80, undefined, 'true'],
];

function columns(rows: Row[]): JourneyColumns {
  const j = new JourneyColumns();
  for (const r of rows) j.push(...r);
  return j;
}

/** Every journey's values as the sections read them. */
function read(j: JourneyColumns): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 0; i < j.length; i++)
    out.push([
      j.finishMs.get(i),
      j.arrival.get(i),
      j.outcome(i),
      j.attempts.get(i),
      j.timeToOutcomeMs.get(i),
      j.score.get(i),
      j.eligible.get(i),
      j.invited.get(i),
    ]);
  return out;
}

describe('JourneyColumns', () => {
  it('keeps each journey’s values; eligible unless tagged "false", invited only when tagged "true"', () => {
    expect(read(columns(ROWS))).toEqual([
      [1000, 0, 'accepted', 2, 900, 70, 1, 1],
      [1500, 1, 'quota_full', 3, 1400, Number.NaN, 0, 0],
      [2000, 2, 'gave_up', Number.NaN, 1800, 65, 1, 0],
      [2500, 3, 'quota_full', 1, 2000, 10, 1, 0],
      [2600, 4, 'error', 4, 2100, Number.NaN, 1, 0],
      [2700, 5, 'accepted', 2, 2200, 80, 1, 1],
    ]);
  });

  it('numbers outcomes in order of first use, and answers -1 for one no journey had', () => {
    const j = columns(ROWS);
    expect(j.outcomes).toEqual(['accepted', 'quota_full', 'gave_up', 'error']);
    expect(['accepted', 'quota_full', 'gave_up', 'error', 'completed'].map((o) => j.outcomeNumber(o))).toEqual([
      0, 1, 2, 3, -1,
    ]);
  });

  it('is an EOI run only once a journey carries an invited tag or a round reports', () => {
    const none = columns(ROWS.slice(3, 5));
    expect(none.eoi).toBe(false);
    expect(none.invitedArrivals).toEqual([]);
    expect(columns(ROWS.slice(1, 2)).eoi).toBe(false);
    expect(columns(ROWS.slice(2, 3)).eoi).toBe(true); // invited: "false" is still an EOI journey
    const reported = columns(ROWS.slice(3, 5));
    reported.roundInvited(Number.NaN); // a round that invited nobody
    expect([reported.eoi, reported.invitedArrivals]).toEqual([true, []]);
    reported.roundInvited(4);
    expect(reported.invitedArrivals).toEqual([4]);
    expect([reported.invitedAt(0, new Set(reported.invitedArrivals)), reported.invitedAt(1, new Set([4]))]).toEqual([
      false,
      true,
    ]);
  });

  it('keeps the first invitation round’s send time, whatever order the rounds are read in', () => {
    const j = new JourneyColumns();
    expect(j.roundAtMs).toBe(Number.POSITIVE_INFINITY);
    for (const t of [5000, 3000, 4000]) j.roundSent(t); // the earliest is not the last read
    expect(j.roundAtMs).toBe(3000);
  });

  it('appends a part read by another thread as a single pass would have read it', () => {
    const whole = columns(ROWS);
    whole.roundSent(1800);
    whole.roundInvited(9);
    whole.roundInvited(7);
    const first = columns(ROWS.slice(0, 3));
    first.roundSent(2200);
    first.roundInvited(9);
    const second = columns(ROWS.slice(3));
    second.roundSent(1800);
    second.roundInvited(7);
    expect(second.outcomes).toEqual(['quota_full', 'error', 'accepted']);
    first.append(structuredClone(second.toData()));
    expect(read(first)).toEqual(read(whole));
    expect(first.outcomes).toEqual(whole.outcomes);
    expect(first.length).toBe(6);
    expect(first.invitedArrivals).toEqual([9, 7]);
    expect(first.roundAtMs).toBe(1800);
    expect(first.eoi).toBe(true);
  });

  it('appends an EOI part after a part without one, and a part without rounds keeps the first’s', () => {
    const plain = columns(ROWS.slice(3, 5));
    const eoi = columns(ROWS.slice(0, 1));
    eoi.roundSent(500);
    plain.append(eoi.toData());
    expect([plain.eoi, plain.roundAtMs, plain.outcomes]).toEqual([true, 500, ['quota_full', 'error', 'accepted']]);
    eoi.append(columns(ROWS.slice(3, 5)).toData());
    expect([eoi.eoi, eoi.roundAtMs, eoi.length]).toEqual([true, 500, 3]);
  });
});
