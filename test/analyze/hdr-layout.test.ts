import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { hdrIndex, hdrValue } from '../../src/analyze/latency-histogram.js';

/**
 * latency-histogram.ts copies hdr-histogram-js's bucket layout (it counts by index itself,
 * then moves the counts into the library's histogram). That holds for the version it was
 * checked against only: package.json pins it exactly, and this test compares the copy with
 * the library's own index of each value, so an upgrade that changes the layout fails here.
 */
const require = createRequire(import.meta.url);

describe('the copied HdrHistogram layout', () => {
  it('is pinned to the exact version installed', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const installed = (require('hdr-histogram-js/package.json') as { version: string }).version;
    expect(pkg.dependencies['hdr-histogram-js']).toBe(installed);
  });

  it("gives every value the library's index and bucket floor", () => {
    const h = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 3_600_000_000,
      numberOfSignificantValueDigits: 3,
      bitBucketSize: 32,
      autoResize: true,
    }) as unknown as {
      countsArrayIndex(v: number): number;
      lowestEquivalentValue(v: number): number;
    };
    const values = [0, 1, 2047, 2048, 2049, 4095, 4096, 4097, 1_000_000, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1];
    for (let v = 1; v < 2 ** 32; v = Math.floor(v * 1.37) + 1) values.push(v, v - 1);
    for (const v of values) {
      expect(hdrIndex(v), `index of ${v}`).toBe(h.countsArrayIndex(v));
      expect(hdrValue(hdrIndex(v)), `floor of ${v}`).toBe(h.lowestEquivalentValue(v));
    }
  });
});
