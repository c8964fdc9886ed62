import { describe, expect, it } from 'vitest';
import { JourneyColumns } from '../../src/analyze/journey-columns.js';
import { fairnessSection } from '../../src/analyze/fairness.js';

/** The share of the first q arrivals accepted, by the definition: a stable sort by arrival, the first q. */
function bySorting(arrival: number[], outcome: string[], q: number): number {
  const idx = arrival.map((_, i) => i).filter((i) => Number.isFinite(arrival[i]));
  idx.sort((a, b) => (arrival[a] as number) - (arrival[b] as number));
  const first = idx.slice(0, q);
  return Math.round((first.filter((i) => outcome[i] === 'accepted').length / first.length) * 1e6) / 1e6;
}

describe('the share of the first Q arrivals who were accepted', () => {
  it('breaks ties in arrival at the boundary by file order, as a stable sort does', () => {
    // Arrival tags repeat (segments of a distributed run each count from 0) and some are missing.
    const arrival = [3, 1, 2, 2, 2, 0, Number.NaN, 2, 5, 1];
    const outcome = ['accepted', 'quota_full', 'accepted', 'gave_up', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted'];
    for (let q = 1; q <= 10; q++) {
      const j = new JourneyColumns();
      arrival.forEach((a, i) => j.push(1000 + i, a, outcome[i] as string, 1, 10, Number.NaN, undefined, undefined));
      expect(fairnessSection(j, q)?.firstQAcceptedShare, `q = ${q}`).toBe(bySorting(arrival, outcome, q));
    }
  });
});
