import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { rehearseCli } from '../cli/cli.js';

/*
 * End to end against the reference portal: three rehearsals of the same steady
 * scenario with the same seed, the third with the portal's service time × 1.3
 * (`--service-factor`). The three run at the same time, so whatever else loads this
 * machine loads all three alike. Then the gate with its default objectives.
 */
const SCENARIO = fileURLToPath(new URL('./fixtures/steady.json', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compare-e2e-'));
  const run = (name: string, extra: string[] = []) => rehearseCli(['run', SCENARIO, '--out', join(dir, name), '--seed', '3', '--quiet', ...extra], { timeoutMs: 90_000 });
  const results = await Promise.all([run('base'), run('same'), run('slower', ['--service-factor', '1.3'])]);
  for (const r of results) expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe('rehearse compare on real rehearsals of the reference portal', () => {
  it('exits 1 when the service time is 30 % slower, naming the regression in Markdown and JUnit', async () => {
    const r = await rehearseCli(['compare', join(dir, 'base'), join(dir, 'slower'), '--markdown', join(dir, 'perf.md'), '--junit', join(dir, 'perf.xml'), '--no-step-summary']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const md = await readFile(join(dir, 'perf.md'), 'utf8');
    expect(md).toMatch(/^## ❌ Rehearsal comparison: failed/);
    // The median moves reliably; the tail may too, but on a busy 2-core machine CPU
    // stalls can make its interval too wide to call (then it is not failed).
    expect(md).toMatch(/\| ❌ FAIL \| `http_req_duration\{expected_response:true\}: p\(50\) may not grow more than 10%` \| http_req_duration\{expected_response:true\}: p\(50\) \+\d+(\.\d+)? % \(CI \+/);
    expect(md).toMatch(/\| `http_req_duration\{expected_response:true\}: p\(50\)` \|.*\*\*🔺 regressed\*\*/);
    const junit = await readFile(join(dir, 'perf.xml'), 'utf8');
    expect(junit).toMatch(/<testcase classname="rehearse.compare.relative" name="http_req_duration\{expected_response:true\}: p\(50\) may not grow more than 10%">\n {6}<failure /);
    expect(junit).toMatch(/<testsuite name="rehearse compare" tests="3" failures="[12]" skipped="0" errors="0">/);
  });

  it('exits 0 for two rehearsals with identical settings', async () => {
    const r = await rehearseCli(['compare', join(dir, 'base'), join(dir, 'same'), '--format', 'md', '--no-step-summary']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^## ✅ Rehearsal comparison: passed/);
  });
});
