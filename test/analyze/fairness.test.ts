import { describe, expect, it } from 'vitest';
import { JourneyColumns } from '../../src/analyze/journey-columns.js';
import { fairnessSection } from '../../src/analyze/fairness.js';
import { select } from '../../src/analyze/select.js';
import { uniforms } from '../fixtures/k6/synthetic-run.js';

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
    const outcome = [
      'accepted',
      'quota_full',
      'accepted',
      'gave_up',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ];
    for (let q = 1; q <= 10; q++) {
      const j = new JourneyColumns();
      arrival.forEach((a, i) => j.push(1000 + i, a, outcome[i] as string, 1, 10, Number.NaN, undefined, undefined));
      expect(fairnessSection(j, q)?.firstQAcceptedShare, `q = ${q}`).toBe(bySorting(arrival, outcome, q));
    }
  });
});

describe('selection of the k-th smallest', () => {
  it('gives what sorting gives, with ties and every k', () => {
    const rnd = uniforms(5);
    for (const n of [1, 2, 3, 7, 100, 1001]) {
      const xs = Array.from({ length: n }, () => Math.floor(rnd() * (n / 3 + 1)));
      const sorted = [...xs].sort((a, b) => a - b);
      for (let k = 0; k < n; k += Math.max(1, Math.floor(n / 17)))
        expect(select(Float64Array.from(xs), k), `n ${n} k ${k}`).toBe(sorted[k]);
    }
  });
});

describe('acceptance ranks by arrival', () => {
  it('are [arrival, rank by finish then arrival], sorted by arrival, ties by rank', () => {
    const rnd = uniforms(8);
    for (const n of [1, 2, 5, 50, 800]) {
      const j = new JourneyColumns();
      const arr: number[] = [];
      const fin: number[] = [];
      for (let i = 0; i < n; i++) {
        const a = Math.floor(rnd() * n * 0.5); // ties in arrival
        const f = 1000 + Math.floor(rnd() * n * 0.5); // and in finish time
        arr.push(a);
        fin.push(f);
        j.push(f, a, 'accepted', 1, 10, Number.NaN, undefined, undefined);
      }
      // The definition, by two stable sorts.
      const order = arr
        .map((_, i) => i)
        .sort((a, b) => (fin[a] as number) - (fin[b] as number) || (arr[a] as number) - (arr[b] as number));
      const expected = order.map((i, rank): [number, number] => [arr[i] as number, rank]).sort((a, b) => a[0] - b[0]);
      expect(fairnessSection(j, n)?.ranks, `n ${n}`).toEqual(expected);
    }
  });
});

/** Kendall's tau-b and discordant pairs by the definition, over every pair (O(n²)). */
function tauByPairs(x: number[], y: number[]): { tau: number | null; discordant: number } {
  let c = 0;
  let d = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < x.length; i++)
    for (let k = i + 1; k < x.length; k++) {
      const s = Math.sign((x[i] as number) - (x[k] as number)) * Math.sign((y[i] as number) - (y[k] as number));
      if (s > 0) c++;
      else if (s < 0) d++;
      else if (x[i] === x[k] && y[i] !== y[k]) tx++;
      else if (y[i] === y[k] && x[i] !== x[k]) ty++;
    }
  const den = Math.sqrt((c + d + tx) * (c + d + ty));
  return { tau: den > 0 ? (c - d) / den : null, discordant: d };
}

describe('fairness over a run with every kind of journey', () => {
  it('counts only accepted journeys with a known arrival; Q is the quota, else the accepted count', () => {
    const rnd = uniforms(13);
    const outcomes = ['accepted', 'quota_full', 'gave_up', 'accepted', 'error'];
    const j = new JourneyColumns();
    const acc: Array<[number, number]> = [];
    const arrival: number[] = [];
    const outcome: string[] = [];
    for (let i = 0; i < 300; i++) {
      const a = i % 23 === 0 ? Number.NaN : Math.floor(rnd() * 200);
      const o = outcomes[Math.floor(rnd() * outcomes.length)] as string;
      const f = 1000 + Math.floor(rnd() * 500);
      j.push(f, a, o, 1, 10, Number.NaN, undefined, undefined);
      arrival.push(a);
      outcome.push(o);
      if (o === 'accepted' && Number.isFinite(a)) acc.push([a, f]);
    }
    const want = tauByPairs(
      acc.map((p) => p[0]),
      acc.map((p) => p[1]),
    );
    for (const quota of [null, 0, 40]) {
      const f = fairnessSection(j, quota);
      expect(f?.kendallTau).toBe(Math.round((want.tau as number) * 1e6) / 1e6);
      expect(f?.inversions).toBe(want.discordant);
      expect(f?.firstQ).toBe(quota ?? acc.length);
      // A quota of 0 has no first Q arrivals: no share, not a share of nothing.
      expect(f?.firstQAcceptedShare).toBe(quota === 0 ? null : bySorting(arrival, outcome, quota ?? acc.length));
    }
  });

  it('has no section without journeys, and no tau or share when nothing can be ranked', () => {
    expect(fairnessSection(new JourneyColumns(), 10)).toBeNull();
    const j = new JourneyColumns();
    // One accepted journey (tau needs two), and arrivals unknown for all: no first Q to take.
    j.push(1000, Number.NaN, 'accepted', 1, 10, Number.NaN, undefined, undefined);
    j.push(1001, Number.NaN, 'gave_up', 1, 10, Number.NaN, undefined, undefined);
    const f = fairnessSection(j, 1);
    expect(f?.kendallTau).toBeNull();
    expect(f?.inversions).toBe(0);
    expect(f?.firstQAcceptedShare).toBeNull();
  });
});
