import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
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
    const r = await rehearseCli([
      'report',
      join(dir, 'after'),
      '--vs',
      join(dir, 'before'),
      '--out',
      join(dir, 'out'),
      '--no-compare',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Outside the working directory the path is absolute, not ../../tmp/…
    expect(r.stdout).toBe(`report: ${join(dir, 'out', 'index.html')}\n`);
    const md = await readFile(join(dir, 'out', 'summary.md'), 'utf8');
    expect(md).toContain('Compared with before: the places filled 15 s sooner');
  });

  it('writes beside the run, not under the working directory, and prints where', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
    const cwd = join(dir, 'elsewhere');
    await mkdir(cwd);
    await mkdir(join(dir, 'run'));
    await writeFile(join(dir, 'run', 'summary.json'), JSON.stringify(makeSummary()));
    const r = await rehearseCli(['report', join(dir, 'run'), '--quiet'], { cwd });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'run', 'report', 'index.html'))).toBe(true);
    expect(existsSync(join(cwd, 'reports'))).toBe(false);
    // A k6 output file: FILE-report beside it; the printed path is the one written.
    await copyFile('test/fixtures/k6/plain-k6.json', join(dir, 'k6-out.json'));
    const k = await rehearseCli(['report', join(dir, 'k6-out.json')], { cwd });
    expect(k.code).toBe(0);
    expect(k.stdout).toBe(`report: ${join(dir, 'k6-out-report', 'index.html')}\n`);
    expect(existsSync(join(dir, 'k6-out-report', 'index.html'))).toBe(true);
  });

  it('still writes the report, with a note, when the comparison cannot be computed from summaries alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
    for (const d of ['a', 'b']) {
      await mkdir(join(dir, d));
      await writeFile(join(dir, d, 'summary.json'), JSON.stringify(makeSummary()));
    }
    const r = await rehearseCli(['report', join(dir, 'a'), '--vs', join(dir, 'b'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^note: no comparison table \(.+\); pass --comparison FILE from `rehearse compare --json FILE`\n$/,
    );
    expect(await readFile(join(dir, 'out', 'index.html'), 'utf8')).not.toContain('id="comparison"');
  });

  it('exits 2 with one line naming the file when the summary is of another version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
    await writeFile(join(dir, 'summary.json'), JSON.stringify({ ...makeSummary(), version: 99 }));
    const r = await rehearseCli(['report', join(dir, 'summary.json'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `rehearse: ${join(dir, 'summary.json')}: version: expected 1, got 99; re-run \`rehearse analyze\` on the run\n`,
    );
  });

  it('exits 2 when the run does not exist', async () => {
    const r = await rehearseCli(['report', '/nonexistent/run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'rehearse: /nonexistent/run: no such file or directory; expected a run directory or a summary.json\n',
    );
  });
});
