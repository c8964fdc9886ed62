import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/results/manifest.js';
import { rehearseCli } from './cli.js';

const BIN = fileURLToPath(new URL('../../bin/rehearse.js', import.meta.url));

describe('a `--workers 2` run killed with SIGKILL', () => {
  it('leaves a manifest marked running that lists both sample files, and analyze reads it and says it is unfinished', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'killed-')), 'run');
    const child = spawn(process.execPath, [BIN, 'run', 'launch-day', '--workers', '2', '--out', out, '--quiet'], {
      stdio: 'ignore',
    });
    const closed = new Promise((r) => child.on('close', r));
    // Kill once both workers have written samples (whatever the machine's speed).
    const written = () =>
      existsSync(out) &&
      readdirSync(out).filter((f) => /^samples-.*\.ndjson$/.test(f) && statSync(join(out, f)).size > 0).length === 2;
    while (!written() && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await closed;

    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as RunManifest;
    expect(manifest.status).toBe('running');
    expect(manifest.engine).toMatchObject({ name: 'node', workers: 2 });
    expect(manifest.samples).toEqual(['samples-0-0.5.ndjson', 'samples-0.5-1.ndjson']);

    const r = await rehearseCli(['analyze', out, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `note: ${out}: manifest.json still says running: the run stopped before it finished (killed?); what it wrote is used`,
    );
    expect((JSON.parse(r.stdout) as { source: { files: string[] } }).source.files).toHaveLength(2);
  }, 120_000);
});
