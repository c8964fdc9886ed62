import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SampleWriter } from '../../src/results/ndjson-writer.js';
import type { RunManifest } from '../../src/results/manifest.js';
import { truncateToWholeLines } from '../../src/util/disk-full.js';
import { rehearseCli } from '../cli/cli.js';

describe('a full disk, injected at the writer (/dev/full answers every write with ENOSPC)', () => {
  it('the sample writer reports ENOSPC once, drops later samples, and closes without hanging', async () => {
    const errors: string[] = [];
    const w = new SampleWriter('/dev/full', { chunkBytes: 10, onError: (e) => errors.push(String(e.code)) });
    for (let i = 0; i < 50; i++) await w.point('http_reqs', Date.UTC(2026, 0, 1) + i, 1, { i: String(i) });
    await w.close();
    expect(errors).toEqual(['ENOSPC']);
    expect(w.error?.code).toBe('ENOSPC');
    expect(w.point('http_reqs', 0, 1, {})).toBeUndefined();
  });

  it('a half-written last line is cut off, whole lines stay', async () => {
    const f = join(mkdtempSync(join(tmpdir(), 'whole-')), 's.ndjson');
    writeFileSync(f, '{"a":1}\n{"b":2}\n{"c":');
    expect(await truncateToWholeLines(f)).toBe(16);
    expect(readFileSync(f, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    writeFileSync(f, 'no newline at all');
    expect(await truncateToWholeLines(f)).toBe(0);
  });
});

/** A real small file system: a tmpfs, when this process may mount one (root on Linux); otherwise these tests skip. */
function mountTmpfs(dir: string, size: string): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0;
}

const mnt = join(mkdtempSync(join(tmpdir(), 'enospc-')), 'fs');
const mounted = mountTmpfs(mnt, '2m');

describe.skipIf(!mounted)('a full disk, on a 2 MB tmpfs', () => {
  afterAll(() => {
    spawnSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  });

  it('`run` stops with one line and exit 2, the samples are whole lines, the manifest says failed, analyze reads it', async () => {
    const out = join(mnt, 'run');
    const r = await rehearseCli(['run', 'launch-day', '--out', out, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `rehearse: ${out}/samples.ndjson: disk full (ENOSPC): the run stopped; what was written is whole and analyzable (manifest.json says failed); free some space or choose another --out\n`,
    );
    expect(readFileSync(join(out, 'samples.ndjson'), 'utf8').endsWith('\n')).toBe(true);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as RunManifest;
    expect(m.status).toBe('failed');
    expect(m.notes).toContain(
      'disk full (ENOSPC) writing samples.ndjson: the run stopped there; the samples written before are whole lines and analyzable',
    );
    expect(existsSync(join(out, 'run.lock'))).toBe(false);
    const a = await rehearseCli(['analyze', out, '--out', mkdtempSync(join(tmpdir(), 'enospc-an-')), '--quiet']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    rmSync(out, { recursive: true, force: true });
  }, 180_000);

  it('`population` stops with one line and exit 2, and leaves whole records (a closed JSON array)', async () => {
    for (const format of ['ndjson', 'json'] as const) {
      const file = join(mnt, `pop.${format}`);
      const r = await rehearseCli(['population', 'launch-day', '--scale', '1', '--out', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `rehearse: ${file}: disk full (ENOSPC): stopped; the candidates written before are whole ${format} records; free some space or write elsewhere\n`,
      );
      const text = readFileSync(file, 'utf8');
      const n =
        format === 'json'
          ? (JSON.parse(text) as unknown[]).length
          : text
              .trimEnd()
              .split('\n')
              .map((l) => JSON.parse(l) as unknown).length;
      expect(n).toBeGreaterThan(100);
      rmSync(file);
    }
  }, 180_000);
});
