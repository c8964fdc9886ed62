import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import type { Summary } from '../../src/analyze/summary.js';
import { defaultAddonPath, useAddon } from '../../src/results/read-native.js';
import { handBuiltLines, writeRunDir } from '../fixtures/k6/hand-built.js';

/**
 * The k6 engine moves a journey's per-candidate values (candidate, arrival, attempts)
 * from tags into sample metadata (DESIGN.md: a k6 instance must not hold one metric
 * series per candidate). The same run written either way gives the same summary, with
 * the native scanner and with the JavaScript reader alone.
 */
const PER_CANDIDATE = ['candidate', 'arrival', 'attempts'];

function asMetadata(line: string): string {
  const o = JSON.parse(line) as {
    type: string;
    metric: string;
    data: { time: string; value: number; tags: Record<string, string>; metadata?: Record<string, string> };
  };
  if (o.type !== 'Point' || o.metric !== 'rehearsal_journey') return line;
  const tags = { ...o.data.tags };
  const metadata: Record<string, string> = {};
  for (const k of PER_CANDIDATE) {
    metadata[k] = tags[k] as string;
    delete tags[k];
  }
  // k6's field order: metric first, metadata after the tags.
  return JSON.stringify({
    metric: o.metric,
    type: 'Point',
    data: { time: o.data.time, value: o.data.value, tags, metadata },
  });
}

const without = (s: Summary) => ({ ...s, source: { ...s.source, files: [] } });

afterEach(() => useAddon(defaultAddonPath()));

describe('journey values read from sample metadata', () => {
  for (const native of [true, false]) {
    it(`gives the summary the same run with tags gives (${native ? 'native scanner' : 'JavaScript reader'})`, async () => {
      useAddon(native ? defaultAddonPath() : null);
      const lines = handBuiltLines();
      const meta = lines.map(asMetadata);
      expect(meta.filter((l) => l.includes('"metadata":{"candidate"'))).toHaveLength(6);
      const a = await analyzeRun([writeRunDir(join(mkdtempSync(join(tmpdir(), 'meta-')), 'run'), lines, 3)]);
      const b = await analyzeRun([writeRunDir(join(mkdtempSync(join(tmpdir(), 'meta-')), 'run'), meta, 3)]);
      expect(without(b)).toEqual(without(a));
      // Not vacuous: fairness and attempts need arrival and attempts from every journey point.
      expect(b.fairness?.kendallTau).toBe(0.333333);
      expect(b.journeys?.attempts.histogram).toEqual([
        [2, 4],
        [3, 1],
        [5, 1],
      ]);
    });
  }
});
