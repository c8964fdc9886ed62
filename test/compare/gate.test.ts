import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { budgetFrom } from '../../src/compare/budget/load.js';
import { budgetJsonSchema } from '../../src/compare/budget/schema.js';
import { checkRun } from '../../src/compare/check.js';
import { compareRuns } from '../../src/compare/compare.js';
import { renderJson } from '../../src/compare/render/index.js';
import { expandRuns } from '../../src/compare/runs.js';
import { writeSyntheticRun } from './fixtures/synthetic.js';

/*
 * check and compare on synthetic run directories (manifest.json + k6 NDJSON): the
 * same code path as real rehearsals, with distributions we control.
 */
let dir: string;
const key = 'http_req_duration{expected_response:true}: p(95)';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compare-'));
  const shape = { windows: 60, perWindow: 30, phi: 0.5, levelSd: 0.1 };
  await writeSyntheticRun(join(dir, 'base'), { seed: 1, ...shape });
  await writeSyntheticRun(join(dir, 'same'), { seed: 2, ...shape });
  await writeSyntheticRun(join(dir, 'slower'), { seed: 3, ...shape, medianMs: 52 });
  await writeSyntheticRun(join(dir, 'failing'), { seed: 4, ...shape, failRate: 0.03 });
  for (let i = 0; i < 5; i++) {
    await writeSyntheticRun(join(dir, `main-${i}`), { seed: 100 + i, windows: 20, perWindow: 30 });
    await writeSyntheticRun(join(dir, `pr-${i}`), { seed: 200 + i, windows: 20, perWindow: 30, medianMs: 48 });
  }
});

describe('rehearse compare, one run a side', () => {
  it('passes two runs from the same distribution, with a CI of the change that covers 0', async () => {
    const c = await compareRuns({ base: [join(dir, 'base')], candidate: [join(dir, 'same')] });
    expect(c.passed).toBe(true);
    const m = c.metrics.find((x) => x.key === key)!;
    expect(m.method).toBe('block-bootstrap');
    expect(m.verdict).toBe('no significant change');
    expect(m.changeCi![0]).toBeLessThan(0);
    expect(m.changeCi![1]).toBeGreaterThan(0);
    expect(c.objectives.map((o) => [o.source, o.status])).toEqual([
      ['default', 'pass'],
      ['default', 'pass'],
      ['default', 'pass'],
    ]);
  });

  it('fails a 30 % slower candidate, naming the regressed p95 and its objective', async () => {
    const c = await compareRuns({ base: [join(dir, 'base')], candidate: [join(dir, 'slower')] });
    expect(c.passed).toBe(false);
    const m = c.metrics.find((x) => x.key === key)!;
    expect(m.verdict).toBe('regressed');
    expect(m.change!).toBeGreaterThan(0.15);
    expect(m.changeCi![0]).toBeGreaterThan(0.1);
    const failed = c.objectives.filter((o) => o.status === 'fail');
    expect(failed.map((o) => o.text)).toEqual([
      'http_req_duration{expected_response:true}: p(50) may not grow more than 10%',
      'http_req_duration{expected_response:true}: p(95) may not grow more than 10%',
    ]);
    expect(failed[1]!.message).toMatch(/significant, beyond the grow limit of 10 %/);
  });

  it('gives byte-identical JSON for the same inputs and seed', async () => {
    const a = await compareRuns({ base: [join(dir, 'base')], candidate: [join(dir, 'slower')], seed: 7 });
    const b = await compareRuns({ base: [join(dir, 'base')], candidate: [join(dir, 'slower')], seed: 7 });
    expect(renderJson(a)).toBe(renderJson(b));
  });

  it('flags a failure-rate increase beyond a percentage-point budget', async () => {
    const budget = budgetFrom({ objectives: ['http_req_failed: rate may not grow more than 1pp'] }, 'budget.json');
    const c = await compareRuns({
      base: [join(dir, 'base')],
      candidate: [join(dir, 'failing')],
      budget,
      defaults: false,
    });
    expect(c.metrics.map((m) => [m.key, m.verdict])).toEqual([['http_req_failed: rate', 'regressed']]);
    expect(c.objectives[0]!.status).toBe('fail');
  });
});

describe('rehearse compare, sets of runs', () => {
  it('expands globs and applies Mann-Whitney over per-run values', async () => {
    const base = await expandRuns(join(dir, 'main-*'), 'base');
    const cand = await expandRuns(join(dir, 'pr-*'), 'candidate');
    expect(base).toHaveLength(5);
    const c = await compareRuns({ base, candidate: cand });
    const m = c.metrics.find((x) => x.key === key)!;
    expect(m.method).toBe('mann-whitney');
    expect(m.n).toEqual({ base: 5, candidate: 5 });
    expect(m.verdict).toBe('regressed');
    // Complete separation; per-run p95s come from 1 %-wide histogram buckets, so ties
    // can happen and the tie-corrected normal approximation applies.
    expect(m.pValue).toBeLessThan(0.05);
    expect(c.passed).toBe(false);
  });

  it('says "not enough data" for 3 runs a side instead of passing silently', async () => {
    const c = await compareRuns({
      base: (await expandRuns(join(dir, 'main-*'), 'base')).slice(0, 3),
      candidate: (await expandRuns(join(dir, 'pr-*'), 'c')).slice(0, 3),
    });
    const m = c.metrics.find((x) => x.key === key)!;
    expect(m.verdict).toBe('not enough data');
    expect(m.note).toMatch(/^3 vs 3 runs cannot reach α = 0\.05 \(smallest p 0\.\d{3}\); use at least 4 runs a side$/);
    // Latency objectives cannot be decided; the failure rate is 0 in every run, which is
    // no change at any sample size.
    expect(c.objectives.map((o) => o.status)).toEqual(['no data', 'no data', 'pass']);
  });

  it('refuses a glob that matches nothing with a one-line input error', async () => {
    await expect(expandRuns(join(dir, 'nope-*'), 'base')).rejects.toThrow(
      /^base .*nope-\*: no such run matches: expected a run directory/,
    );
  });
});

describe('rehearse check', () => {
  it('checks absolute objectives; toolkit metrics absent from plain k6 data are NO DATA, not failures', async () => {
    const budget = budgetFrom(
      {
        objectives: [
          'http_req_duration{expected_response:true}: p(95)<200, p(50)<10',
          'http_req_failed: rate<0.01',
          'quota.fillTime < 15m',
        ],
      },
      'budget.json',
    );
    const c = await checkRun({ run: join(dir, 'failing'), budget });
    expect(c.objectives.map((o) => [o.key, o.status])).toEqual([
      [key, 'pass'],
      ['http_req_duration{expected_response:true}: p(50)', 'fail'],
      ['http_req_failed: rate', 'fail'],
      ['quota.fillTime', 'no data'],
    ]);
    expect(c.passed).toBe(false);
  });

  it('skips relative objectives, which need a base', async () => {
    const budget = budgetFrom({ objectives: ['http_req_duration: p(95) may not grow more than 10%'] }, 'b.json');
    const c = await checkRun({ run: join(dir, 'base'), budget });
    expect(c.objectives[0]!.status).toBe('skipped');
    expect(c.passed).toBe(true);
  });
});

describe('budget schema', () => {
  it('src/compare/budget.schema.json is the one generated from the zod schema', async () => {
    const file = JSON.parse(await readFile(new URL('../../src/compare/budget.schema.json', import.meta.url), 'utf8'));
    expect(file).toEqual(budgetJsonSchema());
  });
});
