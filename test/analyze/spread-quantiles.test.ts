import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { spreadQuantiles } from '../../src/analyze/accumulate.js';
import { type IndexedCounts, indexedCounts } from '../../src/analyze/latency-histogram.js';
import { LogHistogram } from '../../src/analyze/log-histogram.js';
import { newHistogram } from '../../src/engine/node/aggregate.js';

/** A small LCG: the same histograms on every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('spreadQuantiles (a rehearsal_req_agg point into the per-second series)', () => {
  it('records exactly the values getValueAtPercentile gives at 100·(k + ½)/n, in one walk', () => {
    const rnd = lcg(7);
    for (let trial = 0; trial < 120; trial++) {
      const h = newHistogram();
      // From one value to a few thousand, latencies from 1 µs to minutes (log-uniform), ties included.
      const n = 1 + Math.floor(rnd() * (trial < 100 ? 40 : 1500));
      for (let j = 0; j < n; j++) h.recordValue(Math.max(1, Math.round(Math.exp(rnd() * 18))));
      const d = hdr.decodeFromCompressedBase64(hdr.encodeIntoCompressedBase64(h));
      const oracle = new LogHistogram();
      for (let k = 0; k < n; k++) oracle.record(d.getValueAtPercentile((100 * (k + 0.5)) / n) / 1000);
      const walked = new LogHistogram();
      spreadQuantiles(indexedCounts(d) as IndexedCounts, walked);
      expect(walked.count).toBe(n);
      expect(Array.from(walked.counts)).toEqual(Array.from(oracle.counts));
    }
  });
});
