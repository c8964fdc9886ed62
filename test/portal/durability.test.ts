import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { client } from './client.js';

const dir = mkdtempSync(join(tmpdir(), 'rehearse-crash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the portal in a child process on `db`; resolves with its URL. */
function child(db: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/portal/fixtures/portal-child.ts', db], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(proc);
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`portal child exited ${code}`)));
    createInterface({ input: proc.stdout! }).once('line', (l) =>
      resolve({ proc, url: (JSON.parse(l) as { url: string }).url }),
    );
  });
}

describe('durability', () => {
  it('keeps every acknowledged application after kill -9, and a retry after restart is not counted twice', async () => {
    const db = join(dir, 'portal.db');
    const first = await child(db);
    const c1 = client(first.url);
    const people = [];
    for (let i = 0; i < 200; i++) people.push(await c1.account(i, 'crash'));

    // 200 submissions in flight at 4 workers × 5 ms: about a quarter of a second of work.
    const acked = new Map<string, string>(); // accountId → applicationId
    let killed = false;
    await Promise.allSettled(
      people.map(async (p) => {
        const r = await c1.post(
          '/api/applications',
          {},
          { token: p.token, headers: { 'idempotency-key': `${p.accountId}-app` } },
        );
        if (r.status === 201) acked.set(p.accountId, r.body.applicationId);
        if (acked.size >= 40 && !killed) {
          killed = true;
          first.proc.kill('SIGKILL');
        }
      }),
    );
    expect(killed).toBe(true);
    await c1.close().catch(() => undefined);
    expect(acked.size).toBeGreaterThanOrEqual(40);
    expect(acked.size).toBeLessThan(200);

    const second = await child(db);
    const c2 = client(second.url);
    // Every acknowledged application is there, readable by its owner.
    for (const p of people) {
      const id = acked.get(p.accountId);
      if (!id) continue;
      const r = await c2.get(`/api/applications/${id}`, p.token);
      expect(r.status).toBe(200);
      expect(r.body.applicationId).toBe(id);
    }
    const afterCrash = (await c2.get('/admin/stats')).body.accepted as number;
    expect(afterCrash).toBeGreaterThanOrEqual(acked.size);

    // Everyone retries with the same key: the acknowledged get their first answer back,
    // and the quota is filled exactly, never over-sold.
    const retried = await Promise.all(
      people.map((p) =>
        c2.post('/api/applications', {}, { token: p.token, headers: { 'idempotency-key': `${p.accountId}-app` } }),
      ),
    );
    for (const [i, p] of people.entries()) {
      const id = acked.get(p.accountId);
      if (id) expect(retried[i]!.body.applicationId).toBe(id);
    }
    expect(retried.filter((r) => r.status === 201)).toHaveLength(150);
    expect(retried.filter((r) => r.status === 409 && r.body.error === 'quota_full')).toHaveLength(50);
    expect((await c2.get('/admin/stats')).body.accepted).toBe(150);
    await c2.close();
    second.proc.kill('SIGTERM');
  });

  it('resumes on a named database, or starts empty with fresh', async () => {
    const { startPortal } = await import('../../src/portal/index.js');
    const dbPath = join(dir, 'resume.db');
    const a = await startPortal({ strategy: 'open', quota: 5, workers: 2, serviceMs: 0, dbPath });
    const c = client(a.url);
    await c.post('/api/applications', {}, { token: (await c.account(1, 'resume')).token });
    await c.close();
    await a.close();
    const b = await startPortal({ strategy: 'open', quota: 5, workers: 2, serviceMs: 0, dbPath });
    expect((await b.stats()).accepted).toBe(1);
    await b.close();
    const fresh = await startPortal({ strategy: 'open', quota: 5, workers: 2, serviceMs: 0, dbPath, fresh: true });
    expect((await fresh.stats()).accepted).toBe(0);
    await fresh.close();
  });
});
