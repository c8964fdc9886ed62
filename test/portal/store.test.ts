import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountStore, sha256 } from '../../src/portal/store/accounts.js';
import { ApplicationStore, QuotaConflict } from '../../src/portal/store/applications.js';
import { CodeStore, MAX_FAILURES } from '../../src/portal/store/codes.js';
import { openDb } from '../../src/portal/store/db.js';
import { InterestPool } from '../../src/portal/store/interests.js';
import { UsageError } from '../../src/util/usage-error.js';

/**
 * The portal's store, called directly on an in-memory database (no HTTP, no clock but
 * the one given): the rules its comments promise, with exact values. The HTTP tests
 * (quota, security, code-guesses) check the same rules through the routes; these name
 * the store's own edges, and run fast enough for mutation testing (test/mutate).
 */
function stores() {
  const { db } = openDb(':memory:', 'normal');
  return { db, accounts: new AccountStore(db), applications: new ApplicationStore(db), pool: new InterestPool(db) };
}

describe('accounts and sessions', () => {
  it('keys accounts by lower-cased e-mail, refuses a taken one, and defaults country and candidate to null', () => {
    const { accounts } = stores();
    const a = accounts.create({ email: 'Ana@Example.TEST', name: 'Ana' })!;
    expect(a.account).toMatchObject({ email: 'ana@example.test', name: 'Ana', country: null, candidateId: null });
    expect(a.account.id).toMatch(/^acc_[0-9a-f-]{36}$/);
    expect(accounts.create({ email: 'ana@example.test', name: 'Other' })).toBeUndefined();
    expect(accounts.findByEmail('ANA@example.test')).toEqual(a.account);
    const b = accounts.create({ email: 'b@example.test', name: 'Bo', country: 'MA', candidateId: 'c-7' })!;
    expect(accounts.findByEmail('b@example.test')).toEqual({
      id: b.account.id,
      email: 'b@example.test',
      name: 'Bo',
      country: 'MA',
      candidateId: 'c-7',
    });
    expect(accounts.count()).toBe(2);
  });

  it('authenticates a bearer token, stored only as its SHA-256; no token or a wrong one is nobody', () => {
    const { db, accounts } = stores();
    const { account, token } = accounts.create({ email: 'a@example.test', name: 'A' })!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 random bytes, base64url
    expect(accounts.authenticate(token)).toEqual(account);
    const second = accounts.session(account.id);
    expect(second).not.toBe(token);
    expect(accounts.authenticate(second)).toEqual(account);
    expect(accounts.authenticate(undefined)).toBeUndefined();
    expect(accounts.authenticate('')).toBeUndefined();
    expect(accounts.authenticate(`${token}x`)).toBeUndefined();
    const stored = db.prepare('SELECT token_hash AS h FROM sessions ORDER BY created_at').all() as { h: string }[];
    expect(stored.map((r) => r.h).sort()).toEqual([sha256(token), sha256(second)].sort());
    // sha256 itself: the published test vector of "abc" (FIPS 180-2, appendix B.1).
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('applications under a quota', () => {
  function withAccounts(n: number) {
    const s = stores();
    const ids = Array.from(
      { length: n },
      (_, i) => s.accounts.create({ email: `c${i}@x.test`, name: `C${i}` })!.account.id,
    );
    return { ...s, ids };
  }

  it('accepts exactly the quota, in order (seq 1, 2, 3), then answers quota_full naming it', () => {
    const { applications, ids } = withAccounts(5);
    expect(applications.configure(3)).toBe(3);
    const r = ids.map((id) => applications.submit(id, undefined));
    expect(r.map((x) => x.kind)).toEqual(['accepted', 'accepted', 'accepted', 'quota_full', 'quota_full']);
    expect(r.slice(0, 3).map((x) => (x.body as { seq: number }).seq)).toEqual([1, 2, 3]);
    expect(r[3]).toEqual({
      kind: 'quota_full',
      status: 409,
      body: { error: 'quota_full', message: 'the intake is closed: the quota is reached', quota: 3 },
    });
    expect(applications.counts()).toEqual({ quota: 3, accepted: 3 });
  });

  it('takes a quota of 0 as no places at all, and no quota as no limit', () => {
    const zero = withAccounts(1);
    expect(zero.applications.configure(0)).toBe(0);
    expect(zero.applications.submit(zero.ids[0]!, undefined)).toMatchObject({ kind: 'quota_full', body: { quota: 0 } });
    expect(zero.applications.counts()).toEqual({ quota: 0, accepted: 0 });
    const open = withAccounts(4);
    expect(open.applications.configure(undefined)).toBeNull();
    expect(open.ids.map((id) => open.applications.submit(id, undefined).kind)).toEqual(Array(4).fill('accepted'));
    expect(open.applications.counts()).toEqual({ quota: null, accepted: 4 });
  });

  it('returns the application it stored, by id and by account, with an ISO creation time', () => {
    const { applications, ids } = withAccounts(2);
    const before = Date.now();
    const r = applications.submit(ids[0]!, undefined);
    if (r.kind !== 'accepted') throw new Error(`expected accepted, got ${r.kind}`);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ accountId: ids[0], seq: 1, status: 'received' });
    expect(r.body.applicationId).toMatch(/^app_[0-9a-f-]{36}$/);
    expect(Date.parse(r.body.createdAt)).toBeGreaterThanOrEqual(before);
    expect(new Date(Date.parse(r.body.createdAt)).toISOString()).toBe(r.body.createdAt);
    expect(applications.get(r.body.applicationId)).toEqual(r.body);
    expect(applications.ofAccount(ids[0]!)).toEqual(r.body);
    expect(applications.get('app_none')).toBeUndefined();
    expect(applications.ofAccount(ids[1]!)).toBeUndefined();
  });

  it('answers a second application of an account already_applied, taking no place', () => {
    const { applications, ids } = withAccounts(1);
    applications.configure(5);
    const first = applications.submit(ids[0]!, undefined);
    expect(applications.submit(ids[0]!, undefined)).toEqual({
      kind: 'already_applied',
      status: 409,
      body: {
        error: 'already_applied',
        message: 'this account has already applied',
        applicationId: (first.body as { applicationId: string }).applicationId,
      },
    });
    expect(applications.counts().accepted).toBe(1);
  });

  it('replays the stored response for the same idempotency key, per account, without a second place', () => {
    const { applications, ids } = withAccounts(2);
    applications.configure(5);
    const first = applications.submit(ids[0]!, 'key-1');
    expect(applications.submit(ids[0]!, 'key-1')).toEqual({ kind: 'replayed', status: 201, body: first.body });
    // Another key of the same account is a second application; the same key of another account is its own.
    expect(applications.submit(ids[0]!, 'key-2').kind).toBe('already_applied');
    expect(applications.submit(ids[1]!, 'key-1')).toMatchObject({ kind: 'accepted', body: { seq: 2 } });
    expect(applications.counts()).toEqual({ quota: 5, accepted: 2 });
  });

  it('keeps the quota the database holds: the same is a no-op, another is refused unless changed on purpose', () => {
    const { applications } = stores();
    expect(applications.configure(10)).toBe(10);
    expect(applications.configure(undefined)).toBe(10);
    expect(applications.configure(10)).toBe(10);
    expect(() => applications.configure(12)).toThrow(QuotaConflict);
    expect(() => applications.configure(12)).toThrow(
      'portal options: quota: expected 10, the quota this database already holds (0 accepted), got 12; leave the quota out to keep it, or change it explicitly (changeQuota, --change-quota)',
    );
    expect(applications.counts().quota).toBe(10);
    expect(applications.configure(12, true)).toBe(12);
    expect(applications.counts().quota).toBe(12);
  });
});

describe('one-time codes (given clock)', () => {
  const TTL = 60_000;
  const WINDOW = 15 * 60_000;
  function codes() {
    const { db } = openDb(':memory:', 'normal');
    let now = 1_000_000;
    const store = new CodeStore(db, TTL, WINDOW, () => now);
    return { store, at: (t: number) => (now = t), code: (email: string) => store.messages(email)[0]!.code };
  }
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('e-mails a six-digit code that signs in once, up to and including its expiry', () => {
    const c = codes();
    c.store.issue('a@x.test');
    expect(c.store.messages('a@x.test')).toEqual([
      {
        id: 1,
        subject: 'Your one-time sign-in code',
        code: expect.stringMatching(/^\d{6}$/),
        sentAt: new Date(1_000_000).toISOString(),
      },
    ]);
    c.at(1_000_000 + TTL);
    expect(c.store.consume('a@x.test', c.code('a@x.test'))).toEqual({ ok: true });
    expect(c.store.consume('a@x.test', c.code('a@x.test'))).toEqual({ ok: false });
    expect(c.store.consume('nobody@x.test', '000000')).toEqual({ ok: false });
  });

  it('refuses a code one millisecond past its expiry, and a code of another address', () => {
    const c = codes();
    c.store.issue('a@x.test');
    c.store.issue('b@x.test');
    expect(c.store.consume('b@x.test', c.code('a@x.test'))).toEqual({ ok: c.code('a@x.test') === c.code('b@x.test') });
    c.at(1_000_000 + TTL + 1);
    expect(c.store.consume('a@x.test', c.code('a@x.test'))).toEqual({ ok: false });
  });

  it(`locks after ${MAX_FAILURES} wrong guesses in the window, the right code too, until the oldest leaves it`, () => {
    const c = codes();
    c.store.issue('a@x.test');
    const right = c.code('a@x.test');
    for (let i = 0; i < MAX_FAILURES; i++) {
      c.at(1_000_000 + i * 1000);
      expect(c.store.consume('a@x.test', wrong(right))).toEqual({ ok: false });
    }
    c.at(1_010_000);
    // The oldest wrong guess was at 1,000,000: it leaves the window at 1,000,000 + WINDOW.
    expect(c.store.consume('a@x.test', right)).toEqual({ ok: false, retryAfterMs: 1_000_000 + WINDOW - 1_010_000 });
    // A new code buys no new guesses.
    c.store.issue('a@x.test');
    expect(c.store.consume('a@x.test', c.code('a@x.test'))).toMatchObject({
      ok: false,
      retryAfterMs: expect.any(Number),
    });
    // The oldest guess leaves the window when it is WINDOW old (guesses counted strictly after now − WINDOW).
    c.at(1_000_000 + WINDOW - 1);
    expect(c.store.consume('a@x.test', c.code('a@x.test'))).toEqual({ ok: false, retryAfterMs: 1 });
    c.at(1_000_000 + WINDOW);
    c.store.issue('a@x.test');
    expect(c.store.consume('a@x.test', c.code('a@x.test'))).toEqual({ ok: true });
  });

  it('lets a success forgive earlier typos, and counts guesses per address', () => {
    const c = codes();
    c.store.issue('a@x.test');
    c.store.issue('b@x.test');
    const a = c.code('a@x.test');
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect(c.store.consume('a@x.test', wrong(a)).ok).toBe(false);
    for (let i = 0; i < MAX_FAILURES; i++) c.store.consume('b@x.test', wrong(c.code('b@x.test')));
    expect(c.store.consume('a@x.test', a)).toEqual({ ok: true });
    c.store.issue('a@x.test');
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      expect(c.store.consume('a@x.test', wrong(c.code('a@x.test'))).ok).toBe(false);
    expect(c.store.consume('a@x.test', c.code('a@x.test'))).toEqual({ ok: true });
    expect(c.store.consume('b@x.test', c.code('b@x.test')).ok).toBe(false);
  });

  it('pads every code to six digits (one in ten draws is below 100,000)', () => {
    const c = codes();
    for (let i = 0; i < 100; i++) c.store.issue(`u${i}@x.test`);
    for (let i = 0; i < 100; i++) expect(c.code(`u${i}@x.test`)).toMatch(/^\d{6}$/);
  });

  it('shows the ten newest messages, newest first', () => {
    const c = codes();
    for (let i = 0; i < 12; i++) {
      c.at(2_000_000 + i);
      c.store.issue('a@x.test');
    }
    const m = c.store.messages('a@x.test');
    expect(m.map((x) => x.id)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(m[0]!.sentAt).toBe(new Date(2_000_011).toISOString());
    expect(c.store.messages('b@x.test')).toEqual([]);
  });
});

describe('the expression-of-interest pool', () => {
  function pool() {
    const s = stores();
    const acc = (i: number, candidateId?: string) =>
      s.accounts.create({ email: `p${i}@x.test`, name: `P${i}`, ...(candidateId ? { candidateId } : {}) })!.account.id;
    return { ...s, acc };
  }

  it('accepts a profile once: a second submission returns the first unchanged', () => {
    const { pool: p, acc } = pool();
    const a = acc(1);
    const first = p.submit(a, 610, { permit: 'work' }, Date.UTC(2026, 0, 1));
    expect(first).toEqual({
      created: true,
      interest: {
        accountId: a,
        score: 610,
        attributes: { permit: 'work' },
        submittedAt: '2026-01-01T00:00:00.000Z',
        invitedRound: null,
      },
    });
    expect(p.submit(a, 700, { permit: 'study' }, Date.UTC(2026, 0, 2))).toEqual({
      created: false,
      interest: first.interest,
    });
    expect(p.get(a)).toEqual(first.interest);
    expect(p.get('acc_none')).toBeUndefined();
  });

  it('invites the top uninvited scores meeting the criteria, ties in submission order, each profile once', () => {
    const { pool: p, acc } = pool();
    const t = (d: number) => Date.UTC(2026, 0, d);
    // account, score, attributes, day submitted
    const rows: [string, number, Record<string, string | boolean>, number][] = [
      [acc(1, 'c1'), 500, { inQuebec: true }, 1],
      [acc(2, 'c2'), 700, { inQuebec: false }, 2],
      [acc(3), 600, { inQuebec: true }, 3],
      [acc(4, 'c4'), 600, { inQuebec: true }, 4],
      [acc(5, 'c5'), 650, { inQuebec: true }, 10],
    ];
    for (const [a, score, attrs, day] of rows) p.submit(a, score, attrs, t(day));
    const [a1, a2, a3, a4, a5] = rows.map((r) => r[0]) as [string, string, string, string, string];

    // Submitted strictly before day 10, at least 600 (inclusive), in Québec: a3 and a4 tie at 600, a3 first.
    const r1 = p.round(5, {
      submittedBefore: new Date(t(10)).toISOString(),
      minScore: 600,
      attributes: { inQuebec: true },
    });
    expect(r1).toMatchObject({ round: 1, size: 5, invited: [a3, a4], candidates: ['c4'] });
    expect(p.get(a3)!.invitedRound).toBe(1);
    // No criteria, size 2: the best two not yet invited.
    expect(p.round(2, {})).toMatchObject({ round: 2, invited: [a2, a5], candidates: ['c2', 'c5'] });
    expect(p.round(10, {})).toMatchObject({ round: 3, invited: [a1] });
    expect(p.round(10, {})).toMatchObject({ round: 4, invited: [], candidates: [] });
    expect(p.stats()).toEqual({ interests: 5, invited: 5, rounds: 4 });
    expect(p.rounds().map((r) => [r.round, r.size, r.invited])).toEqual([
      [1, 5, [a3, a4]],
      [2, 2, [a2, a5]],
      [3, 10, [a1]],
      [4, 10, []],
    ]);
    expect(p.rounds()[0]!.criteria).toEqual({
      submittedBefore: new Date(t(10)).toISOString(),
      minScore: 600,
      attributes: { inQuebec: true },
    });
  });

  it('a round asking for several attributes invites only profiles with all of them', () => {
    const { pool: p, acc } = pool();
    const both = acc(1);
    const one = acc(2);
    p.submit(one, 900, { inQuebec: true, permit: 'study' }, 0);
    p.submit(both, 500, { inQuebec: true, permit: 'work' }, 1);
    expect(p.round(5, { attributes: { inQuebec: true, permit: 'work' } }).invited).toEqual([both]);
  });

  it('a round of size 0 invites nobody; a score just under the minimum is left out', () => {
    const { pool: p, acc } = pool();
    const a = acc(1);
    p.submit(a, 599.5, {}, 0);
    expect(p.round(0, {}).invited).toEqual([]);
    expect(p.round(5, { minScore: 600 }).invited).toEqual([]);
    expect(p.round(5, { minScore: 599.5 }).invited).toEqual([a]);
  });
});

describe('the database file', () => {
  it('without a path, is a new portal.db in a fresh temporary folder', () => {
    const a = openDb(undefined, 'normal');
    const b = openDb(undefined, 'normal');
    expect(a.path).toMatch(/[/\\]rehearse-portal-[^/\\]+[/\\]portal\.db$/);
    expect(b.path).not.toBe(a.path);
    a.db.close();
    b.db.close();
  });

  it('names a folder given as the database: it cannot be opened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-dir-'));
    expect(() => openDb(dir, 'normal')).toThrow(
      `--db ${dir}: cannot be opened (SQLITE_CANTOPEN): expected a database written by \`rehearse portal\`, or a new file's path`,
    );
  });

  it('refuses a file that is not SQLite in one line naming it (a usage error), and starts afresh on request', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'store-db-')), 'portal.db');
    writeFileSync(file, 'not a database, but long enough to hold a SQLite header of 100 bytes. '.repeat(3));
    expect(() => openDb(file, 'normal')).toThrow(UsageError);
    expect(() => openDb(file, 'normal')).toThrow(
      `--db ${file}: not a SQLite database (SQLITE_NOTADB): expected a database written by \`rehearse portal\`, or a new file's path`,
    );
    const { db } = openDb(file, 'full', true);
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 }); // FULL
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    expect(new ApplicationStore(db).counts()).toEqual({ quota: null, accepted: 0 });
    db.close();
    const again = openDb(file, 'normal');
    expect(again.db.prepare('PRAGMA busy_timeout').get()).toEqual({ timeout: 5000 });
    expect(again.db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 1 }); // NORMAL
    again.db.close();
  });
});
