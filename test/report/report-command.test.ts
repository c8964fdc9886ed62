import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rehearseCli } from '../cli/cli.js';
import { makeSummary } from './fixture.js';

describe('rehearse report', () => {
  it('reports a summary.json and a baseline directory into --out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
    await mkdir(join(dir, 'before'));
    await writeFile(join(dir, 'before', 'summary.json'), JSON.stringify(makeSummary({ fillS: 45 })));
    await mkdir(join(dir, 'after'));
    await writeFile(join(dir, 'after', 'summary.json'), JSON.stringify(makeSummary()));
    const r = await rehearseCli(['report', join(dir, 'after'), '--vs', join(dir, 'before'), '--out', join(dir, 'out'), '--no-compare']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Outside the working directory the path is absolute, not ../../tmp/…
    expect(r.stdout).toBe(`report: ${join(dir, 'out', 'index.html')}\n`);
    const md = await readFile(join(dir, 'out', 'summary.md'), 'utf8');
    expect(md).toContain('Compared with before: the places filled 15 s sooner');
  });

  it('still writes the report, with a note, when the comparison cannot be computed from summaries alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
    for (const d of ['a', 'b']) {
      await mkdir(join(dir, d));
      await writeFile(join(dir, d, 'summary.json'), JSON.stringify(makeSummary()));
    }
    const r = await rehearseCli(['report', join(dir, 'a'), '--vs', join(dir, 'b'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^note: no comparison table \(.+\); pass --comparison FILE from `rehearse compare --json FILE`\n$/);
    expect(await readFile(join(dir, 'out', 'index.html'), 'utf8')).not.toContain('id="comparison"');
  });

  it('exits 2 with one line naming the file when the summary is of another version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
    await writeFile(join(dir, 'summary.json'), JSON.stringify({ ...makeSummary(), version: 99 }));
    const r = await rehearseCli(['report', join(dir, 'summary.json'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`rehearse: ${join(dir, 'summary.json')}: version: expected 1, got 99; re-run \`rehearse analyze\` on the run\n`);
  });

  it('exits 2 when the run does not exist', async () => {
    const r = await rehearseCli(['report', '/nonexistent/run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rehearse: /nonexistent/run: no such file or directory; expected a run directory or a summary.json\n');
  });
});
