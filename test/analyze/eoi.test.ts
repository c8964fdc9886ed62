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

async function check(invited: number[]) {
  const lines = [metricLine('rehearsal_journey')];
  SCORES.forEach((score, c) => {
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
});
