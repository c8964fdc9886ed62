import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import type { Summary } from '../../src/analyze/summary.js';
import { handBuiltLines, manifestFor, T0, writeRunDir } from '../fixtures/k6/hand-built.js';
import { syntheticRun } from '../fixtures/k6/synthetic-run.js';
import { toCsv } from '../fixtures/k6/to-csv.js';

const FIXTURES = new URL('../fixtures/k6/', import.meta.url).pathname;
const tmp = () => mkdtempSync(join(tmpdir(), 'analyze-in-'));
const withoutSource = (s: Summary) => ({ ...s, source: { ...s.source, files: [], formats: [], lines: 0 } });

describe('plain k6 output of a script that uses no toolkit metric', () => {
  // test/fixtures/k6/plain-k6.json is hand-written in k6 1.x's `--out json` format, so its
  // answers are exact; output written by the k6 binary itself is tested in
  // from-k6-binary.test.ts.
  it('fills the HTTP sections and marks the toolkit sections absent', async () => {
    const s = await analyzeRun([join(FIXTURES, 'plain-k6.json')]);
    expect(s.source.toolkitMetrics).toBe(false);
    expect(s.openingEpochMs).toBe(T0);
    expect(s.durationMs).toBe(5000);
    expect(s.throughput).toEqual({
      requests: 6,
      rps: 1.2,
      peakRps1s: 3,
      peakRps10s: 0.6,
      goodputRps: 0.6,
      acceptedPerSec: null,
      source: 'k6',
    });
    expect(s.http.statuses).toEqual({ '0': 1, '200': 3, '404': 1, '503': 1 });
    expect(s.http.failedRate).toBe(0.5);
    expect(s.latency.fromIntendedSend).toBe(false);
    expect(s.latency.all?.count).toBe(6);
    expect(s.latency.all?.max).toBe(2000);
    expect(s.latency.all?.min).toBe(3.5);
    expect(Object.keys(s.latency.byOp)).toEqual([
      'http://127.0.0.1:3000/',
      'http://127.0.0.1:3000/api/items',
      'http://127.0.0.1:3000/api/login',
    ]);
    expect(s.latency.byOp['http://127.0.0.1:3000/api/items']?.count).toBe(3);
    for (const k of ['classes', 'quota', 'journeys', 'fairness', 'byCountry', 'timeToOutcomeCdf'] as const)
      expect(s[k]).toBeNull();
    expect(s.generator.droppedIterations).toBe(1);
    expect(s.generator.lateness).toBeNull();
    expect(s.generator.warnings).toHaveLength(1);
    expect(s.timeline.perSecond).toEqual([
      [0, 3, 3, null, null],
      [1, 2, 0, null, null],
      [2, 0, 0, null, null],
      [3, 0, 0, null, null],
      [4, 1, 0, null, null],
    ]);
  });

  it('reads a k6 CSV file (unix seconds) the same way', async () => {
    const s = await analyzeRun([join(FIXTURES, 'plain-k6.csv')]);
    expect(s.source.formats).toEqual(['csv']);
    expect(s.throughput.requests).toBe(2);
    expect(s.http.statuses).toEqual({ '200': 1, '404': 1 });
    expect(s.http.failedRate).toBe(0.5);
    expect(s.durationMs).toBe(2000);
    expect(s.classes).toBeNull();
  });
});

describe('the same run in different containers', () => {
  it('a run split over 4 files (2 gzip) gives the same summary as one file', async () => {
    const lines = [...syntheticRun({ candidates: 3000, quota: 500, seed: 11 })];
    const d = tmp();
    const single = join(d, 'all.ndjson');
    writeFileSync(single, lines.join('\n') + '\n');
    const decl = lines.filter((l) => l.startsWith('{"type":"Metric"'));
    const points = lines.filter((l) => !l.startsWith('{"type":"Metric"'));
    const parts: string[][] = [[], [], [], []];
    // Round-robin by candidate-sized blocks and by line: no file is in time order with another.
    points.forEach((l, i) => (parts[(i * 7 + Math.floor(i / 13)) % 4] as string[]).push(l));
    const files = parts.map((p, i) => {
      const text = [...decl, ...p].join('\n') + '\n';
      const f = join(d, `seg${i}.ndjson${i % 2 ? '.gz' : ''}`);
      writeFileSync(f, i % 2 ? gzipSync(text) : text);
      return f;
    });
    const one = await analyzeRun([single], { quota: 500 });
    const four = await analyzeRun(files, { quota: 500 });
    expect(four.source.samples).toBe(one.source.samples);
    expect(withoutSource(four)).toEqual(withoutSource(one));
    // And the answers are the run's: the synthetic portal accepts exactly the quota.
    expect(one.quota?.accepted).toBe(500);
    expect(one.journeys?.candidates).toBe(3000);
  });

  it('run directories of the segments, with their manifests, merge the same way', async () => {
    const lines = handBuiltLines();
    const d = tmp();
    const decl = lines.slice(0, 6);
    const points = lines.slice(6);
    const dirs = [0, 1].map((k) => {
      const dir = join(d, `pod${k}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'samples.ndjson'), [...decl, ...points.filter((_, i) => i % 2 === k)].join('\n') + '\n');
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestFor(['samples.ndjson'], 3)));
      return dir;
    });
    const whole = await analyzeRun([writeRunDir(join(d, 'whole'), lines, 3)]);
    expect(withoutSource(await analyzeRun(dirs))).toEqual(withoutSource(whole));
  });

  it('k6 CSV of a toolkit run (unix_milli timestamps, toolkit tags in extra_tags) gives the NDJSON summary', async () => {
    const lines = handBuiltLines();
    const d = tmp();
    const csv = join(d, 'run.csv');
    writeFileSync(csv, toCsv(lines, 'unix_milli').join('\n') + '\n');
    const json = join(d, 'run.ndjson');
    writeFileSync(json, lines.join('\n') + '\n');
    const a = await analyzeRun([csv], { quota: 3 });
    const b = await analyzeRun([json], { quota: 3 });
    expect(a.source.toolkitMetrics).toBe(true);
    expect(withoutSource(a)).toEqual(withoutSource(b));
  });
});
