import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import { defaultAddonPath, loadAddon, useAddon } from '../../src/results/read-native.js';
import type { PartStats } from '../../src/results/read-points.js';
import { firstDifference, readAll, type Row } from '../fixtures/k6/read-both-ways.js';
import { syntheticRun, uniforms } from '../fixtures/k6/synthetic-run.js';

/**
 * The native line scanner (native/k6-scan.cc) must change nothing but speed: every
 * point, in order, with the same metric, time, value (Object.is) and tags, and the same
 * line counts, malformed line numbers and truncation, as the JavaScript reader alone.
 * It runs when `npm install` built it (node-gyp, a C++ compiler); CI checks that it did.
 */
const built = loadAddon() !== null;
if (!built)
  console.warn(
    'read-native.test: native/k6-scan.cc is not built (npm install runs node-gyp; needs g++ and make): its tests are skipped',
  );

const tmp = () => mkdtempSync(join(tmpdir(), 'read-native-'));

afterEach(() => useAddon(defaultAddonPath()));

function expectSame(a: Row[], b: Row[]): void {
  expect(a.length).toBe(b.length);
  const i = firstDifference(a, b);
  if (i >= 0) expect(a[i], `point ${i}`).toEqual(b[i]);
}

/** The lines written to a file and read both ways: the same points and counts (at least `minRows` points). */
async function bothWays(
  lines: string[],
  minRows: number,
  end = '\n',
): Promise<{ js: { rows: Row[]; stats: PartStats } }> {
  const path = join(tmp(), 'run.ndjson');
  writeFileSync(path, lines.join('\n') + end);
  const js = await readAll(path, false);
  const nat = await readAll(path, true);
  expect(js.rows.length).toBeGreaterThan(minRows);
  expectSame(nat.rows, js.rows);
  expect(nat.stats).toEqual(js.stats);
  return { js };
}

/** A seeded mix of every shape the readers meet: both field orders, odd numbers and times, bad lines. */
function mixedLines(n: number, seed: number): string[] {
  const rnd = uniforms(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const older = (time: string, value: string, t: string, name: string) =>
    `{"type":"Point","data":{"time":"${time}","value":${value},"tags":${t}},"metric":"${name}"}`;
  const modern = (time: string, value: string, t: string, name: string) =>
    `{"metric":"${name}","type":"Point","data":{"time":"${time}","value":${value},"tags":${t}}}`;
  const lines: string[] = [
    '{"type":"Metric","data":{"name":"vus","type":"gauge","contains":"default","thresholds":[],"submetrics":null},"metric":"vus"}',
  ];
  for (let i = 0; i < n; i++) {
    const day = pick([
      '2026-01-18',
      '2026-02-28',
      '2024-02-29',
      '2026-02-30',
      '2026-04-31',
      '0000-01-01',
      '2026-13-01',
      '2026-00-10',
      '1969-12-31',
    ]);
    const clock = pick(['09:00:00', '09:00:00', '09:00:01', '23:59:59', '24:00:00', '09:60:00', '9:00:00']);
    const frac = pick(['', '.5', '.123', '.123456', '.123456', '.123456789', '.1234567891', '.']);
    const zone = pick(['Z', 'Z', 'Z', '+01:00', '-05:30', '+24:00', 'z', '+0100']);
    const value = pick([
      String(Math.floor(rnd() * 1000)),
      String(rnd() * 1000),
      String(rnd() * 1000),
      String(-rnd()),
      String(rnd() * 1e-7),
      String(rnd() * 1e25),
      '0',
      '1',
      '-0',
      '1.50',
      '1.',
      '.5',
      '007',
      '1e5',
      '1E+2',
      '2.5e-3',
      '1e400',
      '1e-400',
      '"1"',
      'NaN',
      '+1',
      '0x10',
      '9007199254740993',
      '0.30000000000000004',
    ]);
    const t = pick([
      '{"scenario":"s","op":"submitApplication","class":"ok","status":"201","country":"FR"}',
      '{"scenario":"s","op":"submitApplication","class":"throttled","status":"503","country":"MX"}',
      `{"op":"op${Math.floor(rnd() * 1500)}"}`, // more sets than a metric's table holds
      `{"candidate":"c${i}","arrival":"${i}","outcome":"accepted"}`, // per sample
      '{}',
      'null',
      '[1]',
      '{"a":',
      '{"a":"1","a":"2"}',
      '{"url":"http://x/é?q=\\"1\\""}',
      '{"n":5,"b":true}',
    ]);
    let name = pick(['rehearsal_req', 'http_reqs', 'rehearsal_journey', 'vus', 'my-metric', 'x'.repeat(40)]);
    let tags = t;
    if (rnd() < 0.3) {
      // A metric whose every tag set is new (a candidate id): its table stops storing, and the
      // scanner hands over the pairs of flat sets, or nothing for the other shapes.
      name = 'per_sample';
      tags = pick([
        `{"candidate":"c${i}","arrival":"${i}","outcome":"accepted","country":"FR"}`,
        `{"outcome":"gave_up","candidate":"c${i}","arrival":"0${i}","attempts":""}`,
        `{"candidate":"c${i}","n":${i}}`,
        `{"candidate":"c${i}","u":"\\u00e9"}`,
        `{"candidate":"c${i}","a":"1","a":"2"}`,
        `{"candidate":"c${i}","__proto__":"x"}`,
        `{"candidate":"c${i}", "b":"2"}`,
      ]);
    }
    let line =
      rnd() < 0.5
        ? older(`${day}T${clock}${frac}${zone}`, value, tags, name)
        : modern(`${day}T${clock}${frac}${zone}`, value, tags, name);
    const odd = rnd();
    if (odd < 0.01) line += '\r';
    else if (odd < 0.02) line = '';
    else if (odd < 0.025) line = 'not json';
    else if (odd < 0.03) line = ` ${line}`;
    lines.push(line);
  }
  return lines;
}

describe.skipIf(!built)('the native line scanner', () => {
  it('reads a seeded mix of 60,000 lines exactly as the JavaScript reader does', async () => {
    const lines = mixedLines(60_000, 17);
    // Cut short mid-line, as a killed run leaves it.
    const { js } = await bothWays([...lines, (lines[5] as string).slice(0, 40)], 10_000, '');
    expect(js.stats.malformedLines).toBeGreaterThan(1000);
    expect(js.stats.truncatedLastLine).toBe(true);
  });

  it('reads a long run, with per-candidate tags past its caches, as the JavaScript reader does', async () => {
    const lines = [...syntheticRun({ candidates: 20_000, quota: 2_000, seed: 3 })];
    const { js } = await bothWays(lines, 200_000);
    expect(js.stats.malformedLines).toBe(0);
  });

  it('gives a byte-identical summary, on one thread and on two', async () => {
    const dir = tmp();
    const path = join(dir, 'run.ndjson');
    writeFileSync(path, [...syntheticRun({ candidates: 5_000, quota: 600, seed: 9 })].join('\n') + '\n');
    for (const opts of [{ threads: 1 }, { threads: 2, minParallelBytes: 0 }] as const) {
      useAddon(null);
      const js = JSON.stringify(await analyzeRun([path], opts));
      useAddon(defaultAddonPath());
      const nat = JSON.stringify(await analyzeRun([path], opts));
      expect(nat).toBe(js);
    }
  });
});
