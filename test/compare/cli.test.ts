import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/compare/types.js';
import { rehearseCli } from '../cli/cli.js';
import { writeSyntheticRun } from './fixtures/synthetic.js';

/* The real binary, as CI runs it: exit codes, files written, one-line errors. */
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compare-cli-'));
  const shape = { windows: 60, perWindow: 30, phi: 0.5, levelSd: 0.1 };
  await writeSyntheticRun(join(dir, 'base'), { seed: 1, ...shape });
  await writeSyntheticRun(join(dir, 'same'), { seed: 2, ...shape });
  await writeSyntheticRun(join(dir, 'slower'), { seed: 3, ...shape, medianMs: 52 });
  await writeFile(
    join(dir, 'budget.json'),
    JSON.stringify({
      objectives: [
        'http_req_duration{expected_response:true}: p(95) may not grow more than 10%',
        'http_req_failed: rate<0.01',
      ],
    }),
  );
  await writeFile(
    join(dir, 'bad.json'),
    JSON.stringify({ objectives: ['http_req_duration: p95 < 800', 'http_req_failed: rate<0.01'] }),
  );
});

describe('rehearse compare and check on the command line', () => {
  it('exits 1 on a regression, names it in JUnit, Markdown ($GITHUB_STEP_SUMMARY) and JSON', async () => {
    const summary = join(dir, 'step-summary.md');
    await writeFile(summary, '');
    const r = await rehearseCli(
      [
        'compare',
        join(dir, 'base'),
        join(dir, 'slower'),
        '--budget',
        join(dir, 'budget.json'),
        '--junit',
        join(dir, 'out', 'perf.xml'),
        '--json',
        join(dir, 'out', 'perf.json'),
      ],
      { env: { GITHUB_STEP_SUMMARY: summary } },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'rehearse: FAIL: 1 of 2 objectives failed: http_req_duration{expected_response:true}: p(95) may not grow more than 10%\n',
    );
    expect(r.stdout).toMatch(/http_req_duration\{expected_response:true\}: p\(95\) .* regressed/);
    const junit = await readFile(join(dir, 'out', 'perf.xml'), 'utf8');
    expect(junit).toContain('<testsuite name="rehearse compare" tests="2" failures="1" skipped="0" errors="0">');
    expect(junit).toMatch(
      /<testcase classname="rehearse.compare.relative" name="http_req_duration\{expected_response:true\}: p\(95\) may not grow more than 10%">\n {6}<failure message="http_req_duration\{expected_response:true\}: p\(95\) \+/,
    );
    const md = await readFile(summary, 'utf8');
    expect(md).toMatch(/^## ❌ Rehearsal comparison: failed/);
    expect(md).toMatch(
      /\| ❌ FAIL \| `http_req_duration\{expected_response:true\}: p\(95\) may not grow more than 10%` \|/,
    );
    expect(md).toMatch(/\| `http_req_duration\{expected_response:true\}: p\(95\)` \|.*\*\*🔺 regressed\*\*/);
    const json = JSON.parse(await readFile(join(dir, 'out', 'perf.json'), 'utf8')) as Comparison;
    expect(json.passed).toBe(false);
  });

  it('exits 0 for runs from the same distribution', async () => {
    const r = await rehearseCli([
      'compare',
      join(dir, 'base'),
      join(dir, 'same'),
      '--budget',
      join(dir, 'budget.json'),
      '--format',
      'junit',
      '--no-step-summary',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('failures="0"');
  });

  it('exits 2 with one line naming the file, the objective and what was expected', async () => {
    const r = await rehearseCli(['check', join(dir, 'base'), '--budget', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `rehearse: ${join(dir, 'bad.json')}: objectives[0] "http_req_duration: p95 < 800": expected k6 expressions like p(95)<800 or rate<0.01 (numbers in the metric's unit, ms for times; no unit suffix), got "p95 < 800"\n`,
    );
    const missing = await rehearseCli(['compare', join(dir, 'base'), join(dir, 'nothing-here')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^rehearse: candidate .*nothing-here: no such run: expected a run directory/);
  });

  it('check exits 1 when an absolute objective fails and prints the budget schema on request', async () => {
    await writeFile(
      join(dir, 'tight.json'),
      JSON.stringify({ objectives: ['http_req_duration{expected_response:true}: p(50)<10'] }),
    );
    const r = await rehearseCli([
      'check',
      join(dir, 'base'),
      '--budget',
      join(dir, 'tight.json'),
      '--format',
      'md',
      '--no-step-summary',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /\| ❌ FAIL \| `http_req_duration\{expected_response:true\}: p\(50\)<10` \| http_req_duration\{expected_response:true\}: p\(50\) = \d+(\.\d+)? ms; limit &lt; 10 ms \|/,
    );
    const s = await rehearseCli(['check', '--budget-schema']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).title).toBe('launch-rehearsal budget file');
  });
});
