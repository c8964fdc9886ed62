import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handBuiltLines, writeRunDir } from '../fixtures/k6/hand-built.js';
import { rehearseCli } from '../cli/cli.js';

describe('rehearse analyze', () => {
  it('writes summary.json beside the run and prints the table', async () => {
    const dir = writeRunDir(join(mkdtempSync(join(tmpdir(), 'cli-an-')), 'run'), handBuiltLines());
    const r = await rehearseCli(['analyze', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Throughput\n/);
    expect(r.stdout).toMatch(/Quota\nsize +accepted +filled +fill time +over-sold\n3 +3 +yes +3\.00 s +no/);
    const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { quota: { accepted: number } };
    expect(s.quota.accepted).toBe(3);
  }, 60_000);

  it('prints JSON or Markdown and writes summary.json into --out', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cli-an-'));
    const dir = writeRunDir(join(d, 'run'), handBuiltLines());
    const json = await rehearseCli(['analyze', dir, '--format', 'json', '--out', join(d, 'report')]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { version: number }).version).toBe(1);
    expect(existsSync(join(d, 'report', 'summary.json'))).toBe(true);
    const md = await rehearseCli(['analyze', dir, '--format', 'md', '--quota', '2']);
    expect(md.stdout).toMatch(/### Quota\n\n\| size \| accepted \| filled \| fill time \| over-sold \|\n\| --- \|/);
    expect(md.stdout).toMatch(/\| 2 \| 3 \| yes \| 3\.00 s \| YES \|/);
  }, 60_000);

  it('exits 2 with one line for an empty file or a file that is not k6 output', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cli-an-'));
    writeFileSync(join(d, 'empty.json'), '');
    writeFileSync(join(d, 'notes.txt'), 'hello\n');
    for (const [f, msg] of [
      ['empty.json', /empty file: expected k6 output/],
      ['notes.txt', /line 1 is not k6 output/],
    ] as const) {
      const r = await rehearseCli(['analyze', join(d, f)]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
  }, 60_000);
});
