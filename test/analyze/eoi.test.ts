import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import { metricLine, pointLine } from '../../src/results/k6-format.js';
import { T0 } from '../fixtures/k6/hand-built.js';

/** Six expressions of interest; candidate 4 is not eligible. Top 3 eligible by score: c1 (70), c5 (65), c2 (60). */
const SCORES = [50, 70, 60, 40, 80, 65];
const ELIGIBLE = [true, true, true, true, false, true];

/**
 * `roundSentAt`: when the invitation round's request was sent (ms after T0), if one was recorded;
 * `scores`: the candidates' scores (SCORES unless given).
 */
async function check(invited: number[], roundSentAt?: number, scores = SCORES) {
  const lines = [metricLine('rehearsal_journey')];
  if (roundSentAt !== undefined)
    lines.push(
      metricLine('rehearsal_req'),
      pointLine('rehearsal_req', T0 + roundSentAt + 7, 7, { op: 'inviteRound', class: 'ok', status: '200' }),
    );
  scores.forEach((score, c) => {
    lines.push(
      pointLine('rehearsal_journey', T0 + 1000 + c, 1000, {
        outcome: 'completed',
        candidate: `c${c}`,
        arrival: String(c),
        attempts: '2',
        country: 'FR',
        score: String(score),
        eligible: String(ELIGIBLE[c]),
        invited: String(invited.includes(c)),
      }),
    );
  });
  const f = join(mkdtempSync(join(tmpdir(), 'eoi-')), 'eoi.ndjson');
  writeFileSync(f, lines.join('\n') + '\n');
  return (await analyzeRun([f])).fairness?.eoi;
}

describe('expression-of-interest draw', () => {
  it('holds when the invited set is exactly the top-ranked eligible candidates', async () => {
    expect(await check([1, 5, 2])).toEqual({
      invited: 3,
      eligible: 5,
      invitedIneligible: 0,
      lateForRound: 0,
      skippedHigherScores: 0,
      lowestInvitedScore: 60,
      highestUninvitedScore: 50,
      topRanked: true,
    });
  });

  it('fails when a higher-scored eligible candidate was passed over', async () => {
    const r = await check([1, 5, 3]);
    expect(r?.topRanked).toBe(false);
    expect(r?.skippedHigherScores).toBe(2); // c2 (60) and c0 (50) scored above c3 (40)
  });

  it('fails when an ineligible candidate was invited', async () => {
    const r = await check([4, 1, 5]);
    expect(r?.topRanked).toBe(false);
    expect(r?.invitedIneligible).toBe(1);
  });

  it('judges the draw on the interests in its pool: one registered after the round was sent is late, not passed over', async () => {
    // Journeys finish at T0 + 1000 + c; the round is sent at T0 + 1003.5, so c4 and c5 registered after it.
    // In the pool: c0 (50), c1 (70), c2 (60), c3 (40); the top two eligible are c1 and c2.
    const r = await check([1, 2], 1003.5);
    expect(r).toMatchObject({ invited: 2, eligible: 4, lateForRound: 1, skippedHigherScores: 0, topRanked: true });
    // The same draw judged without knowing when the round ran: c5 (65, eligible) looks passed over.
    const blind = await check([1, 2]);
    expect(blind).toMatchObject({ eligible: 5, lateForRound: 0, skippedHigherScores: 1, topRanked: false });
    // A late interest does not hide those passed over in the pool: c2 (60) and c0 (50) rank above c3 (40).
    expect(await check([1, 3], 1003.5)).toMatchObject({ skippedHigherScores: 2, lateForRound: 1, topRanked: false });
  });

  it('counts an interest registered at the very millisecond the round was sent as in its pool: late means after', async () => {
    // The round is sent at T0 + 1003 (its request point at 1010 took 7 ms); c3 finished at 1003, c5 at 1005.
    // In the pool: c0 (50), c1 (70), c2 (60), c3 (40); c4 is ineligible; only c5 (eligible) is late.
    expect(await check([1, 2], 1003)).toEqual({
      invited: 2,
      eligible: 4,
      invitedIneligible: 0,
      lateForRound: 1,
      skippedHigherScores: 0,
      lowestInvitedScore: 60,
      highestUninvitedScore: 50,
      topRanked: true,
    });
  });

  it('does not count an uninvited candidate whose score equals the lowest invited one as passed over (a tie)', async () => {
    // c0 now scores 60, as c2: inviting c1 (70), c5 (65) and either of the two is a top-ranked draw.
    const tied = [60, 70, 60, 40, 80, 65];
    for (const last of [2, 0])
      expect(await check([1, 5, last], undefined, tied)).toMatchObject({
        skippedHigherScores: 0,
        lowestInvitedScore: 60,
        highestUninvitedScore: 60,
        topRanked: true,
      });
    // One step below the tie is a skip: inviting c3 (40) passes over c0 and c2 (60 each).
    expect(await check([1, 5, 3], undefined, tied)).toMatchObject({ skippedHigherScores: 2, topRanked: false });
  });
});
