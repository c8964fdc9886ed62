import { describe, expect, it } from 'vitest';
import { select } from '../../src/analyze/select.js';
import { valuesAtRanks } from '../../src/analyze/select-rank.js';

/**
 * Both selections (Hoare's FIND in select.ts for fairness and the accepted median, the
 * Numerical Recipes form in select-rank.ts for trend percentiles) against the oracle of
 * sorting, on every small input rather than a sample: every array of length 1–7 over three
 * values (ties everywhere, runs of one value, sorted and reversed among them), every
 * permutation of 1–7 distinct values, every rank. Partitioning bugs show at these sizes
 * (a scan one step too far, a side chosen wrongly when the rank meets the pivot); larger
 * seeded inputs are in fairness.test.ts and select-rank.test.ts.
 */

/** Every array of length n over the values 0..v−1. */
function* arrays(n: number, v: number): Generator<number[]> {
  const xs = new Array<number>(n).fill(0);
  for (;;) {
    yield xs.slice();
    let i = 0;
    while (i < n && xs[i] === v - 1) xs[i++] = 0;
    if (i === n) return;
    xs[i] = (xs[i] as number) + 1;
  }
}

/** Every permutation of 0..n−1 (Heap's algorithm). */
function* permutations(n: number): Generator<number[]> {
  const a = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  yield a.slice();
  for (let i = 1; i < n; ) {
    if ((c[i] as number) < i) {
      const j = i % 2 === 0 ? 0 : (c[i] as number);
      [a[j], a[i]] = [a[i] as number, a[j] as number];
      yield a.slice();
      c[i] = (c[i] as number) + 1;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

/** Every array of length 1..maxN over three values, then every permutation of length 1..maxN. */
function* smallInputs(maxN: number): Generator<number[]> {
  for (let n = 1; n <= maxN; n++) yield* arrays(n, 3);
  for (let n = 1; n <= maxN; n++) yield* permutations(n);
}

const ascending = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('selection of the k-th smallest, on every small input', () => {
  it('select gives the sorted array’s value at every rank', () => {
    let cases = 0;
    for (const xs of smallInputs(7)) {
      const sorted = ascending(xs);
      for (let k = 0; k < xs.length; k++) {
        const got = select(Float64Array.from(xs), k);
        // One expect per failure only: 60,000 expects would dominate the run.
        if (got !== sorted[k]) expect(got, `select([${xs.join(',')}], ${k})`).toBe(sorted[k]);
        cases++;
      }
    }
    // 3^1 + … + 3^7 arrays and 1! + … + 7! permutations, each at every rank.
    let want = 0;
    for (let n = 1, p3 = 3, f = 1; n <= 7; n++, p3 *= 3, f *= n) want += (p3 + f) * n;
    expect(cases).toBe(want);
  });

  it('valuesAtRanks gives the sorted array’s values at any two ranks in either order, and at every rank at once', () => {
    // Length 6 at most for the pairs (63,000 calls; length 7 would add 354,000).
    for (const xs of smallInputs(6)) {
      const n = xs.length;
      const sorted = ascending(xs);
      for (let r = 0; r < n; r++)
        for (let s = 0; s < n; s++) {
          const got = valuesAtRanks(Float64Array.from(xs), [r, s]);
          if (got[0] !== sorted[r] || got[1] !== sorted[s])
            expect(got, `valuesAtRanks([${xs.join(',')}], [${r}, ${s}])`).toEqual([sorted[r], sorted[s]]);
        }
      // Every rank at once: the odd ones descending, then the even ones descending (5: 3,1,4,2,0).
      const ranks = [...sorted.keys()].sort((a, b) => (a % 2) - (b % 2) || a - b).reverse();
      expect(valuesAtRanks(Float64Array.from(xs), ranks), `all ranks of [${xs.join(',')}]`).toEqual(
        ranks.map((k) => sorted[k]),
      );
    }
  });
});
