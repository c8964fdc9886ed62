import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rehearseCli } from '../cli/cli.js';

/**
 * The CLI's side of issue 19 items 8, 9 and 12, spawned as a user would run it: exit 2
 * and one line (never 70 with a stack trace, never a native abort), and a dense run that
 * still stops on SIGTERM. The in-process checks of every case are in inputs.test.ts.
 */
const BIN = fileURLToPath(new URL('../../bin/rehearse.js', import.meta.url));
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `h19-cli-${p}-`));

describe('rehearse refuses with exit 2 and one line', () => {
  it('for /dev/zero, a non-SQLite --db, --scale 1e308, --service-factor -1 and compare --json DIR', async () => {
    const dir = tmp('one-line');
    const notDb = join(dir, 'not.db');
    writeFileSync(notDb, 'plain text, not SQLite '.repeat(100));
    const cases: Array<[string[], RegExp]> = [
      [['analyze', '/dev/zero'], /^rehearse: \/dev\/zero: line 1: 64 MiB or more with no newline: expected k6 output/],
      [['portal', '--db', notDb], /^rehearse: --db .*not\.db: not a SQLite database \(SQLITE_NOTADB\)/],
      [
        ['run', 'launch-day', '--scale', '1e308', '--out', join(dir, 'r1')],
        /^rehearse: --scale: expected at most 8,928.57 for launch-day/,
      ],
      [
        ['run', 'launch-day', '--service-factor', '-1', '--out', join(dir, 'r2')],
        /^rehearse: --service-factor: expected a number > 0 and ≤ 1,000/,
      ],
      [['compare', 'a', 'b', '--json', dir], /^rehearse: /],
    ];
    // Concurrently: each spawn costs a TypeScript start-up.
    const results = await Promise.all(cases.map(([args]) => rehearseCli(args, { timeoutMs: 150_000 })));
    results.forEach((r, i) => {
      const [args, re] = cases[i] as [string[], RegExp];
      expect([args.join(' '), r.code], r.stderr).toEqual([args.join(' '), 2]);
      expect(r.stderr).toMatch(re);
      expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
    });
  }, 180_000);
});

describe('a long run stays interruptible', () => {
  it('stops on SIGTERM while candidates are due back to back (--scale 8000: 89.6 million), exit 130, manifest interrupted', async () => {
    const out = join(tmp('dense'), 'run');
    const child = spawn(
      process.execPath,
      [BIN, 'run', 'launch-day', '--scale', '8000', '--time-scale', '1e9', '--json', '--grace', '1s', '--out', out],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // The first progress line (JSON on stderr): arrivals are under way; now ask it to stop.
        if (!signalled && stderr.includes('"type":"progress"')) {
          signalled = true;
          child.kill('SIGTERM');
        }
      });
      // A bound for a hang only (the run would take days): not a timing assertion.
      const guard = setTimeout(() => child.kill('SIGKILL'), 150_000);
      child.on('close', (c) => {
        clearTimeout(guard);
        resolve(c);
      });
    });
    expect(signalled, stderr).toBe(true);
    expect(code, stderr).toBe(130);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      status: string;
      scenario: { population: number };
    };
    expect(manifest.status).toBe('interrupted');
    expect(stdout).toContain('"status":"interrupted"');
    expect(manifest.scenario.population).toBe(89_600_000);
  }, 180_000);
});
