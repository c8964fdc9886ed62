import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPortal } from '../../src/portal/index.js';
import { rehearseCli } from '../cli/cli.js';
import { client } from './client.js';

const base = { strategy: 'open' as const, workers: 2, serviceMs: 0 };

async function apply(url: string, from: number, n: number, prefix: string): Promise<number[]> {
  const c = client(url);
  const statuses: number[] = [];
  for (let i = from; i < from + n; i++)
    statuses.push((await c.post('/api/applications', {}, { token: (await c.account(i, prefix)).token })).status);
  await c.close();
  return statuses;
}

describe('the quota belongs to the database once set', () => {
  it('a restart without a quota keeps it: the full intake stays full', async () => {
    const dbPath = join(await mkdtemp(join(tmpdir(), 'quota-')), 'p.sqlite');
    const a = await startPortal({ ...base, quota: 3, dbPath });
    expect(await apply(a.url, 0, 3, 'q')).toEqual([201, 201, 201]);
    await a.close();
    const b = await startPortal({ ...base, dbPath });
    expect(await b.stats()).toMatchObject({ quota: 3, accepted: 3 });
    expect(await apply(b.url, 3, 1, 'q')).toEqual([409]);
    expect(await b.stats()).toMatchObject({ quota: 3, accepted: 3 });
    await b.close();
    // The same quota again is no change.
    const c = await startPortal({ ...base, quota: 3, dbPath });
    expect((await c.stats()).quota).toBe(3);
    await c.close();
  });

  it('a different quota on an existing database is refused, unless changed explicitly', async () => {
    const dbPath = join(await mkdtemp(join(tmpdir(), 'quota-')), 'p.sqlite');
    const a = await startPortal({ ...base, quota: 2, dbPath });
    await apply(a.url, 0, 2, 'r');
    await a.close();
    await expect(startPortal({ ...base, quota: 5, dbPath })).rejects.toThrow(
      'portal options: quota: expected 2, the quota this database already holds (2 accepted), got 5; leave the quota out to keep it, or change it explicitly (changeQuota, --change-quota)',
    );
    const b = await startPortal({ ...base, quota: 4, changeQuota: true, dbPath });
    expect(await apply(b.url, 2, 3, 'r')).toEqual([201, 201, 409]);
    expect(await b.stats()).toMatchObject({ quota: 4, accepted: 4 });
    await b.close();
    // A database that never had a quota takes one without ceremony.
    const none = join(await mkdtemp(join(tmpdir(), 'quota-')), 'p.sqlite');
    await (await startPortal({ ...base, dbPath: none })).close();
    const d = await startPortal({ ...base, quota: 1, dbPath: none });
    expect((await d.stats()).quota).toBe(1);
    await d.close();
  });

  it('`rehearse portal --db` with a different --quota exits 2 with one line naming the flag', async () => {
    const dbPath = join(await mkdtemp(join(tmpdir(), 'quota-')), 'p.sqlite');
    await (await startPortal({ ...base, quota: 7, dbPath })).close();
    const r = await rehearseCli(['portal', '--db', dbPath, '--quota', '9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'rehearse: --quota: expected 7, the quota this database already holds (0 accepted), got 9; leave the quota out to keep it, or change it explicitly (changeQuota, --change-quota)\n',
    );
  }, 60_000);
});
