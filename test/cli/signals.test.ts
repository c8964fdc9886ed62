import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/results/manifest.js';

const BIN = fileURLToPath(new URL('../../bin/rehearse.js', import.meta.url));

describe('Ctrl-C during `rehearse run`', () => {
  it('stops arrivals, drains, exits 130, and leaves whole NDJSON and an interrupted manifest', async () => {
    const out = await mkdtemp(join(tmpdir(), 'sigint-'));
    const child = spawn(process.execPath, [BIN, 'run', 'launch-day', '--out', out, '--grace', '2s'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    // Interrupt once candidates have arrived: the first progress line can come before the
    // first arrival on a loaded machine ("arrived 0/400"), and then nothing would have started.
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (/arrived [1-9]/.test(stderr)) {
          clearInterval(check);
          resolve();
        }
      }, 50);
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toMatch(/SIGINT: stopping arrivals/);
    expect(code).toBe(130);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as RunManifest;
    expect(manifest.status).toBe('interrupted');
    const text = await readFile(join(out, 'samples.ndjson'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; metric: string });
    const started = lines.filter((l) => l.type === 'Point' && l.metric === 'rehearsal_lateness').length;
    const finished = lines.filter((l) => l.type === 'Point' && l.metric === 'rehearsal_journey').length;
    expect(started).toBeGreaterThan(0);
    expect(started).toBeLessThan(400);
    // Journeys in flight were let finish within the grace period (or cut by it: never half-written).
    expect(finished).toBeLessThanOrEqual(started);
  }, 60_000);
});
