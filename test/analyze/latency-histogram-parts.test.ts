import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { indexedCounts, KeyedHistograms, LatencyHistogram } from '../../src/analyze/latency-histogram.js';
import { countsQuantile } from '../../src/analyze/quantile.js';
import { uniforms } from '../fixtures/k6/synthetic-run.js';

/**
 * The parts of LatencyHistogram that latency-histogram.test.ts does not reach (a mutation
 * run found them unguarded): values past 2^32 µs and past the histogram's declared hour,
 * 2 significant digits, histograms added from hdr-histogram-js, merged from another
 * thread's part, keyed histograms and their cap. Oracles: hdr-histogram-js through its
 * public API only, fed the same values in whole µs (percentiles, mean, and min/max as its
 * own encoding round trip gives them), and the exact count, min, max and integer-µs sum
 * of the raw values.
 */
const QS = [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1];
const us = (ms: number) => (ms > 0 ? Math.round(ms * 1000) : 0);

function library(values: number[], digits: 2 | 3): hdr.Histogram {
  const h = hdr.build({ numberOfSignificantValueDigits: digits, autoResize: true });
  for (const v of values) h.recordValue(us(v));
  return h;
}

/** What LatencyHistogram must report for these raw values: exact count/min/max/mean, the library's percentiles. */
function expected(values: number[], digits: 2 | 3) {
  const h = library(values, digits);
  const raw = values.map(us);
  const max = Math.max(...raw);
  return {
    qs: QS.map((q) => Math.min(h.getValueAtPercentile(q * 100), max) / 1000),
    count: raw.length,
    min: Math.min(...raw) / 1000,
    max: max / 1000,
    mean: Math.round(raw.reduce((a, b) => a + b, 0) / raw.length) / 1000,
  };
}

function observed(l: LatencyHistogram) {
  const s = l.stats();
  return { qs: l.quantilesMs(QS), count: s?.count, min: s?.min, max: s?.max, mean: s?.mean };
}

// 2^32 µs is 71.6 minutes; the histogram is declared for an hour (3.6e9 µs) and must grow past it.
const TWO_32_MS = 2 ** 32 / 1000;
function values(seed: number, n: number): number[] {
  const rnd = uniforms(seed);
  const out: number[] = [0, -3, 5.001, TWO_32_MS, TWO_32_MS + 0.001, 4_000_000, 6_000_000.5];
  for (let i = 0; i < n; i++) out.push(i % 5 === 0 ? 3_700_000 + rnd() * 1e6 : Math.exp(rnd() * 14) / 1000);
  return out;
}

describe('LatencyHistogram beyond the fast index range', () => {
  for (const digits of [3, 2] as const) {
    it(`records values past 2^32 µs and past an hour as hdr-histogram-js does (${digits} digits)`, () => {
      const vs = values(3, 400);
      const l = new LatencyHistogram(digits);
      for (const v of vs) l.record(v);
      expect(observed(l)).toEqual(expected(vs, digits));
      // Negative latencies (clock steps) count as 0, never below it.
      expect(l.stats()?.min).toBe(0);
    });
  }

  it('answers NaN percentiles and no stats when empty', () => {
    const l = new LatencyHistogram();
    expect(l.quantilesMs([0.5, 0.99])).toEqual([Number.NaN, Number.NaN]);
    expect(l.quantileMs(0.5)).toBeNaN();
    expect(l.stats()).toBeNull();
  });

  it('reads percentiles over values recorded both by index and in the HdrHistogram, before and after more values', () => {
    const small = values(5, 300).filter((v) => v < 1000);
    const big = [TWO_32_MS + 1, 5_000_000, 7_000_000];
    const l = new LatencyHistogram();
    for (const v of small) l.record(v);
    expect(observed(l)).toEqual(expected(small, 3));
    for (const v of big) l.record(v);
    expect(observed(l)).toEqual(expected([...small, ...big], 3));
    for (const v of small) l.record(v); // counts by index again after a flush
    expect(observed(l)).toEqual(expected([...small, ...big, ...small], 3));
  });
});

describe('LatencyHistogram fed whole histograms', () => {
  /** hdr-histogram-js's own min and max after its encoding round trip: bucket edges, as a file gives them. */
  function decoded(h: hdr.Histogram) {
    const d = hdr.decodeFromCompressedBase64(hdr.encodeIntoCompressedBase64(h));
    return { min: d.minNonZeroValue / 1000, max: d.maxValue / 1000 };
  }
  // 3,001 and 5,001 µs are inside buckets 2 and 4 µs wide: the bucket edges differ from the values.
  // 4,297,000 ms is just past 2^32 µs (71.6 min): the first index after the fast range.
  const vs = [0, 0, 3.001, 5.001, 5.001, 17.3, 250.25, 9000.5, 3_800_000, 4_297_000];

  it('addHistogram: the library’s percentiles and mean, the exact count, min and max', () => {
    const h = library(vs, 3);
    const l = new LatencyHistogram();
    l.addHistogram(h);
    l.addHistogram(library([], 3)); // an empty one adds nothing
    const s = l.stats();
    expect(s?.count).toBe(vs.length);
    expect(s?.min).toBe(h.minNonZeroValue / 1000);
    expect(s?.max).toBe(h.maxValue / 1000);
    expect(s?.mean).toBe(Math.round(Math.round(h.mean * vs.length) / vs.length) / 1000);
    expect(l.quantilesMs(QS)).toEqual(QS.map((q) => Math.min(h.getValueAtPercentile(q * 100), h.maxValue) / 1000));
  });

  // Also every value below 2^32 µs: a 2-digit histogram then answers from its own counts alone,
  // where a count kept by 3-digit index would give a 3-digit bucket's top.
  const CASES = [
    ['with a value past 2^32 µs', vs],
    ['all below 2^32 µs', vs.filter((v) => us(v) < 2 ** 32)],
  ] as const;
  for (const digits of [3, 2] as const) {
    it.each(CASES)(
      `addIndexed: the same as the library decoding the histogram's encoding (${digits} digits, %s)`,
      (_name, vs) => {
        const h = library([...vs], 3);
        const d = indexedCounts(h);
        if (!d) throw new Error('a 3-digit histogram from 1 µs has the fast layout');
        expect(d.total).toBe(vs.length);
        const l = new LatencyHistogram(digits);
        const empty = indexedCounts(library([], 3));
        if (!empty) throw new Error('layout');
        expect(empty).toEqual({
          indexes: [],
          counts: [],
          values: [],
          highest: [],
          total: 0,
          sumUs: 0,
          minUs: 0,
          maxUs: 0,
        });
        l.addIndexed(empty);
        l.addIndexed(d);
        l.addIndexed(empty);
        const s = l.stats();
        expect(s?.count).toBe(vs.length);
        expect({ min: s?.min, max: s?.max }).toEqual(decoded(h));
        expect(s?.mean).toBe(Math.round(Math.round(h.mean * vs.length) / vs.length) / 1000);
        // Percentiles as the library gives them at this histogram's precision, fed the bucket values.
        const ref = hdr.build({ numberOfSignificantValueDigits: digits, autoResize: true });
        Array.from(d.values).forEach((v, j) => ref.recordValueWithCount(v, d.counts[j] as number));
        expect(l.quantilesMs(QS)).toEqual(QS.map((q) => Math.min(ref.getValueAtPercentile(q * 100), d.maxUs) / 1000));
      },
    );
  }

  it('indexedCounts refuses a histogram of another layout (2 digits, or a unit above 1 µs)', () => {
    expect(indexedCounts(library(vs, 2))).toBeUndefined();
    const coarse = hdr.build({
      lowestDiscernibleValue: 1000,
      highestTrackableValue: 3_600_000_000,
      numberOfSignificantValueDigits: 3,
    });
    coarse.recordValue(5000);
    expect(indexedCounts(coarse)).toBeUndefined();
  });
});

describe('LatencyHistogram parts merged (a worker thread’s part of a run)', () => {
  it('merges to exactly the histogram of all the values, whichever part holds what', () => {
    const all = values(9, 600);
    const cases: Array<[number[], number[]]> = [
      [all.slice(0, 300), all.slice(300)],
      [all.filter((v) => v < 1000), all.filter((v) => v >= 1000)], // the second part only from 1 s up
      [all, [4_400_000, 5_000_000]], // the second part only past 2^32 µs (71.6 min): no counts by index at all
      [all.filter((v) => v >= 1000), all.filter((v) => v < 1000)],
      [[], all],
      [all, []],
      [[500], all.slice(1)], // the second part has a smaller minimum and larger maximum
    ];
    for (const [i, [a, b]] of cases.entries()) {
      const one = new LatencyHistogram();
      const two = new LatencyHistogram();
      for (const v of a) one.record(v);
      for (const v of b) two.record(v);
      one.mergeData(two.toData());
      expect(observed(one), `case ${i}`).toEqual(expected([...a, ...b], 3));
    }
  });

  it('keys histograms by first use, up to the cap, the rest in "(other)"; merges key by key', () => {
    const rnd = uniforms(2);
    const keys = ['b', 'a', 'c', 'd', 'a', 'c', 'b', 'e'];
    const byKey = new Map<string, number[]>();
    const one = new KeyedHistograms(2);
    const first = new KeyedHistograms(2);
    const second = new KeyedHistograms(2);
    for (let i = 0; i < 400; i++) {
      const k = keys[i % keys.length] as string;
      const v = rnd() * 200;
      const capped = k === 'a' || k === 'b' ? k : '(other)';
      byKey.set(capped, [...(byKey.get(capped) ?? []), v]);
      one.get(k).record(v);
      (i < 200 ? first : second).get(k).record(v);
    }
    first.mergeData(second.toData());
    const stats = one.stats();
    expect(Object.keys(stats)).toEqual(['(other)', 'a', 'b']);
    for (const [k, vs] of byKey) {
      expect({ count: stats[k]?.count, min: stats[k]?.min, max: stats[k]?.max }).toEqual({
        count: vs.length,
        min: Math.min(...vs.map(us)) / 1000,
        max: Math.max(...vs.map(us)) / 1000,
      });
    }
    expect(first.stats()).toEqual(stats);
    // A key never recorded to has no row.
    const keyed = new KeyedHistograms();
    keyed.get('empty');
    expect(keyed.stats()).toEqual({});
  });
});

describe('countsQuantile (attempts per candidate)', () => {
  it('is the inverse of the empirical CDF (Hyndman & Fan type 1), as sorting every value gives', () => {
    const rnd = uniforms(11);
    for (const n of [1, 2, 5, 37, 200]) {
      const raw = Array.from({ length: n }, () => 1 + Math.floor(rnd() * rnd() * 9));
      const counts = new Map<number, number>();
      for (const v of raw) counts.set(v, (counts.get(v) ?? 0) + 1);
      const sorted = [...counts].sort((x, y) => x[0] - y[0]);
      const flat = [...raw].sort((x, y) => x - y);
      for (const q of [0, 0.1, 0.5, 0.9, 0.95, 0.99, 1]) {
        const rank = Math.max(1, Math.ceil(q * n)); // the ceil(q·n)-th smallest
        expect(countsQuantile(sorted, n, q), `n ${n}, q ${q}`).toBe(flat[rank - 1]);
      }
    }
    expect(countsQuantile([], 0, 0.5)).toBeNaN();
    // A total larger than the counts (not every candidate counted): the largest value.
    expect(
      countsQuantile(
        [
          [1, 2],
          [4, 1],
        ],
        10,
        0.99,
      ),
    ).toBe(4);
  });
});
