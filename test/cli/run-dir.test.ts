import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/results/manifest.js';
import { rehearseCli } from './cli.js';

const BIN = fileURLToPath(new URL('../../bin/rehearse.js', import.meta.url));

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 50));
}

describe('two runs into one --out', () => {
  it('the second is refused with one line while the first runs, and after it, unless --overwrite', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'two-runs-')), 'run');
    // Replayed in real time (hours), so it is certainly still running when the second
    // starts, however busy the machine; a Ctrl-C ends it below.
    const first = spawn(
      process.execPath,
      [BIN, 'run', 'launch-day', '--seed', '1', '--out', out, '--grace', '1s', '--time-scale', '1'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    first.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<number | null>((resolve) => first.on('close', resolve));
    await until(() => existsSync(join(out, 'manifest.json')) || first.exitCode !== null);

    const second = await rehearseCli(['run', 'launch-day', '--seed', '2', '--out', out]);
    expect(second.code).toBe(2);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `^rehearse: .*run: run [0-9a-f-]{36} \\(pid ${first.pid} on .*\\) is writing here \\(run\\.lock\\); choose another --out`,
      ),
    );

    first.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(stderr).not.toMatch(/unexpected error/);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as RunManifest;
    expect(manifest.seed).toBe(1);
    expect(existsSync(join(out, 'run.lock'))).toBe(false);

    const third = await rehearseCli(['run', 'launch-day', '--seed', '2', '--out', out]);
    expect(third.code).toBe(2);
    expect(third.stderr).toMatch(
      /holds an earlier run \(manifest\.json, portal\.sqlite, samples\.ndjson\); pass --overwrite to replace it/,
    );
    // What the first run wrote is untouched: its candidates only (at most the scenario's 400).
    const analyzed = await rehearseCli(['analyze', out, '--format', 'json']);
    expect(analyzed.code).toBe(0);
    const summary = JSON.parse(analyzed.stdout) as {
      journeys: { candidates: number } | null;
      source: { seed: number };
    };
    expect(summary.source.seed).toBe(1);
    expect(summary.journeys?.candidates ?? 0).toBeLessThanOrEqual(400); // null when the Ctrl-C came before any journey ended
  }, 120_000);
});
