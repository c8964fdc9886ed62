import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { IndexCounts } from '../../src/analyze/index-counts.js';
import { type IndexedCounts, indexedCounts } from '../../src/analyze/latency-histogram.js';
import { newHistogram } from '../../src/engine/node/aggregate.js';
import { uniforms } from '../fixtures/k6/synthetic-run.js';

/** A reading with its lists as plain arrays (IndexCounts gives typed views), to compare with indexedCounts'. */
function plain(d: IndexedCounts | undefined) {
  if (!d) throw new Error('a 3-digit histogram from 1 µs has the fast layout');
  return {
    ...d,
    indexes: Array.from(d.indexes),
    counts: Array.from(d.counts),
    values: Array.from(d.values),
    highest: Array.from(d.highest),
  };
}

/**
 * IndexCounts, the simulator's per-second request histograms, against the oracle it
 * replaces: hdr-histogram-js's histogram of the same layout fed the same µs values, read
 * by `indexedCounts` (what the accumulator merged before) and encoded (what a sample file's
 * `hdr` tag holds). Values span every bucket from 1 µs to just under 2^32 µs, with repeats.
 */
function values(seed: number, n: number): number[] {
  const u = uniforms(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    // Log-uniform over 1 µs … 2^32 µs, a few in the first linear buckets, and repeats of earlier values.
    const r = u();
    if (r < 0.1 && out.length > 0) out.push(out[Math.floor(u() * out.length)] as number);
    else if (r < 0.2) out.push(1 + Math.floor(u() * 3000));
    else out.push(Math.min(2 ** 32 - 1, Math.floor(2 ** (u() * 32))));
  }
  return out;
}

function oracle(vs: number[]): hdr.Histogram {
  const h = newHistogram(32);
  for (const v of vs) h.recordValue(v);
  return h;
}

describe('IndexCounts', () => {
  for (const [seed, n] of [
    [1, 1],
    [2, 7],
    [3, 500],
    [4, 20_000],
  ] as const) {
    it(`reads as indexedCounts reads hdr-histogram-js fed the same ${n} values (seed ${seed})`, () => {
      const vs = values(seed, n);
      const c = new IndexCounts();
      for (const v of vs) c.recordValue(v);
      expect(c.totalCount).toBe(n);
      expect(plain(c.read())).toEqual(plain(indexedCounts(oracle(vs))));
      // Its histogram encodes as the one recorded value by value (the sample file's hdr tag).
      expect(hdr.encodeIntoCompressedBase64(c.toHistogram(newHistogram(32)))).toBe(
        hdr.encodeIntoCompressedBase64(oracle(vs)),
      );
    });
  }

  it('is empty after reset, and reused gives what a fresh one gives', () => {
    const c = new IndexCounts();
    for (const v of values(5, 3000)) c.recordValue(v);
    c.read();
    c.reset();
    expect(c.totalCount).toBe(0);
    expect(plain(c.read())).toEqual(plain(indexedCounts(oracle([]))));
    const vs = values(6, 2000);
    for (const v of vs) c.recordValue(v);
    expect(plain(c.read())).toEqual(plain(indexedCounts(oracle(vs))));
  });

  it('a value of 0 counts but is no minimum, as in the library', () => {
    const c = new IndexCounts();
    for (const v of [0, 0, 5000, 17]) c.recordValue(v);
    expect(plain(c.read())).toEqual(plain(indexedCounts(oracle([0, 0, 5000, 17]))));
  });

  it('reused after a reset, encodes as a fresh histogram of the new values only', () => {
    const c = new IndexCounts();
    for (const v of [5, 17, 5000]) c.recordValue(v);
    c.reset();
    // 17 comes back first, so the slot after the one in use still names an index from before the reset.
    c.recordValue(17);
    expect(hdr.encodeIntoCompressedBase64(c.toHistogram(newHistogram(32)))).toBe(
      hdr.encodeIntoCompressedBase64(oracle([17])),
    );
  });

  it("a histogram of zeros only has no minimum: the library's untouched minNonZeroValue", () => {
    const c = new IndexCounts();
    for (const v of [0, 0, 0]) c.recordValue(v);
    const d = plain(c.read());
    expect(d).toEqual(plain(indexedCounts(oracle([0, 0, 0]))));
    // hdr-histogram-js starts minNonZeroValue at Number.MAX_SAFE_INTEGER and a 0 never lowers it.
    expect([d.total, d.minUs, d.maxUs]).toEqual([3, Number.MAX_SAFE_INTEGER, 0]);
  });

  it('values from 2^32 µs (and NaN) count as in the library, which grows past its hour; a negative value throws', () => {
    const vs = [5, 2 ** 32, 2 ** 40, Number.NaN, 17, 2 ** 32 - 1];
    const c = new IndexCounts();
    for (const v of vs) c.recordValue(v);
    expect(c.totalCount).toBe(6);
    expect(plain(c.read())).toEqual(plain(indexedCounts(oracle(vs))));
    c.reset();
    c.recordValue(9);
    expect(plain(c.read())).toEqual(plain(indexedCounts(oracle([9]))));
    expect(() => oracle([-1])).toThrow('Histogram recorded value cannot be negative.');
    expect(() => c.recordValue(-1)).toThrow('Histogram recorded value cannot be negative.');
    expect(c.totalCount).toBe(1);
  });
});
