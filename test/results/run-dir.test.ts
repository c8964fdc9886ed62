import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimRunDir, LOCK_FILE } from '../../src/results/run-dir.js';

/** The pid of a process that has certainly exited (what kill -9 leaves behind in a lock). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('a run owns its directory', () => {
  it('refuses a second run while the first holds the lock, naming the holder, and lets it in after release', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'rundir-')), 'run');
    const first = await claimRunDir(dir);
    const lock = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as { pid: number; runId: string };
    expect(lock).toMatchObject({ pid: process.pid, runId: first.runId });
    await expect(claimRunDir(dir)).rejects.toThrow(
      new RegExp(`run ${first.runId} \\(pid ${process.pid} .*is writing here`),
    );
    await first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const second = await claimRunDir(dir);
    expect(second.runId).not.toBe(first.runId);
    await second.release();
  });

  it('refuses a directory holding an earlier run unless asked to replace it; replacing removes only run files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rundir-'));
    for (const f of [
      'manifest.json',
      'samples-0-0.5.ndjson',
      'samples.ndjson.gz',
      'summary.json',
      'portal.sqlite-wal',
      'notes.txt',
    ])
      await writeFile(join(dir, f), 'x');
    const refused = claimRunDir(dir);
    await expect(refused).rejects.toThrow(
      /holds an earlier run \(manifest\.json, portal\.sqlite-wal, samples-0-0\.5\.ndjson, …\); pass --overwrite/,
    );
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false); // a refusal leaves no lock behind
    const said: string[] = [];
    const claim = await claimRunDir(dir, { existing: 'replace', log: (l) => said.push(l) });
    for (const f of ['manifest.json', 'samples-0-0.5.ndjson', 'samples.ndjson.gz', 'summary.json', 'portal.sqlite-wal'])
      expect(existsSync(join(dir, f))).toBe(false);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
    expect(said).toEqual([`${dir}: replaced the earlier run (5 files removed)`]);
    await claim.release();
  });

  it('takes over the stale lock of a killed run on this host, and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rundir-'));
    const pid = deadPid();
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ runId: 'killed', pid, host: hostname(), startedAt: '2026-01-01T00:00:00Z' }),
    );
    const said: string[] = [];
    const claim = await claimRunDir(dir, { log: (l) => said.push(l) });
    expect(said).toEqual([
      `${dir}: took over the lock of run killed (pid ${pid} is gone: it was killed before it finished)`,
    ]);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({
      runId: claim.runId,
      pid: process.pid,
    });
    await claim.release();
  });

  it('never judges a lock from another host stale (a shared file system): it is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rundir-'));
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({
        runId: 'elsewhere',
        pid: deadPid(),
        host: `not-${hostname()}`,
        startedAt: '2026-01-01T00:00:00Z',
      }),
    );
    await expect(claimRunDir(dir)).rejects.toThrow(/run elsewhere .* is writing here/);
  });

  it('the lock goes with the process when it exits without releasing (an error path)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rundir-'));
    const src = new URL('../../src/results/run-dir.ts', import.meta.url).pathname;
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import(${JSON.stringify(src)}).then(async (m) => { await m.claimRunDir(${JSON.stringify(dir)}); process.exit(3); })`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(3);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});

describe('unfinished runs are named', () => {
  it('a running manifest: still being written while its lock is live, else killed', async () => {
    const { unfinishedRunNotes } = await import('../../src/results/run-dir.js');
    const { writeRunDir, handBuiltLines, manifestFor } = await import('../fixtures/k6/hand-built.js');
    const dir = writeRunDir(join(await mkdtemp(join(tmpdir(), 'rundir-')), 'run'), handBuiltLines());
    expect(await unfinishedRunNotes([dir])).toEqual([]);
    await writeFile(
      join(dir, 'manifest.json'),
      JSON.stringify({ ...manifestFor(['samples.ndjson'], 3), status: 'running' }),
    );
    expect(await unfinishedRunNotes([dir])).toEqual([
      `note: ${dir}: manifest.json still says running: the run stopped before it finished (killed?); what it wrote is used`,
    ]);
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ runId: 'live', pid: process.pid, host: hostname(), startedAt: 'T' }),
    );
    expect(await unfinishedRunNotes([join(dir, 'samples.ndjson')])).toEqual([
      `note: ${join(dir, 'samples.ndjson')}: the run is still being written (pid ${process.pid}, started T): this covers it so far`,
    ]);
  });
});
