import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type RunningPortal } from '../../src/portal/index.js';
import { openSqlite } from '../../src/portal/store/sqlite.js';
import { client } from './client.js';

let portal: RunningPortal;
let c: ReturnType<typeof client>;
// Codes expire on a clock the tests move, so a busy machine cannot expire one early.
let now = Date.UTC(2026, 10, 30, 9, 0, 0);
beforeAll(async () => {
  portal = await startPortal({
    strategy: 'open',
    workers: 4,
    serviceMs: 0,
    codeTtlMs: 200,
    bodyLimit: 4096,
    devMailbox: true,
    clock: () => now,
  });
  c = client(portal.url);
});
afterAll(async () => {
  await c.close();
  await portal.close();
});

describe('a candidate reads only their own application', () => {
  it('answers 404 for anyone else’s application and 401 without a token', async () => {
    const a = await c.account(1, 'own');
    const b = await c.account(2, 'own');
    const app = await c.post('/api/applications', {}, { token: a.token });
    expect(app.status).toBe(201);
    const id = app.body.applicationId as string;
    expect((await c.get(`/api/applications/${id}`, a.token)).status).toBe(200);
    expect((await c.get(`/api/applications/${id}`, b.token)).status).toBe(404);
    expect((await c.get(`/api/applications/${id}`)).status).toBe(401);
    expect((await c.get(`/api/applications/${id}`, 'forged-token')).status).toBe(401);
    expect((await c.get('/api/applications/mine', b.token)).status).toBe(404);
    expect((await c.get('/api/applications/mine', a.token)).body.applicationId).toBe(id);
    // Claiming another account in the body is refused.
    expect((await c.post('/api/applications', { accountId: a.accountId }, { token: b.token })).status).toBe(403);
  });
});

describe('one-time codes', () => {
  it('are single-use, reach only addresses on file, and are refused after five wrong guesses', async () => {
    const a = await c.account(3, 'code');
    expect((await c.post('/api/codes', { email: a.email })).status).toBe(202);
    // The same answer for an unknown address, and no mail is sent to it.
    expect((await c.post('/api/codes', { email: 'nobody@example.test' })).status).toBe(202);
    expect((await c.get('/dev/mailbox/nobody@example.test')).status).toBe(404);
    const code = (await c.get(`/dev/mailbox/${a.email}`)).body.messages[0].code as string;
    expect(code).toMatch(/^\d{6}$/);
    const signedIn = await c.post('/api/sessions', { email: a.email, code });
    expect(signedIn.status).toBe(200);
    expect((await c.get('/api/applications/mine', signedIn.body.token)).status).toBe(404); // authenticated, nothing filed
    expect((await c.post('/api/sessions', { email: a.email, code })).status).toBe(401); // used

    await c.post('/api/codes', { email: a.email });
    const fresh = (await c.get(`/dev/mailbox/${a.email}`)).body.messages[0].code as string;
    const wrong = fresh === '000000' ? '000001' : '000000';
    // The reuse of the spent code above was the first wrong guess of this account's window.
    const tries: number[] = [];
    for (let i = 0; i < 5; i++) tries.push((await c.post('/api/sessions', { email: a.email, code: wrong })).status);
    expect(tries).toEqual([401, 401, 401, 401, 429]);
    expect((await c.post('/api/sessions', { email: a.email, code: fresh })).status).toBe(429); // locked for the window
  });

  it('expire', async () => {
    const a = await c.account(4, 'code');
    await c.post('/api/codes', { email: a.email });
    const code = (await c.get(`/dev/mailbox/${a.email}`)).body.messages[0].code as string;
    now += 201; // codeTtlMs is 200
    expect((await c.post('/api/sessions', { email: a.email, code })).status).toBe(401);
  });
});

describe('bad input is a 4xx with a message, never a 500', () => {
  const cases: Array<[string, Parameters<typeof c.call>, number]> = [
    [
      'malformed JSON',
      ['POST', '/api/accounts', { raw: '{"email": ', headers: { 'content-type': 'application/json' } }],
      400,
    ],
    ['missing field', ['POST', '/api/accounts', { json: { email: 'a@example.test' } }], 400],
    ['not an e-mail', ['POST', '/api/accounts', { json: { email: 'nope', name: 'A' } }], 400],
    ['unknown field', ['POST', '/api/accounts', { json: { email: 'u@example.test', name: 'A', admin: true } }], 400],
    ['wrong type', ['POST', '/api/interests', { json: { score: 'high' } }], 400],
    ['body too large', ['POST', '/api/accounts', { json: { email: 'big@example.test', name: 'x'.repeat(5000) } }], 413],
    [
      'unsupported media type',
      ['POST', '/api/accounts', { raw: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
      415,
    ],
    ['bad query', ['GET', '/api/eligibility?age=old'], 400],
    ['unknown route', ['GET', '/api/nothing'], 404],
    ['bad round', ['POST', '/admin/rounds', { json: { size: -1 } }], 400],
  ];
  it.each(cases)('%s', async (_name, args, status) => {
    const r = await c.call(...args);
    expect(r.status).toBe(status);
    expect(typeof r.body.message).toBe('string');
  });

  it('stores hostile strings literally (parameterized SQL)', async () => {
    const name = "Robert'); DROP TABLE accounts;--";
    const email = "bobby'--@example.test";
    const before = (await portal.stats()).accounts;
    const r = await c.post('/api/accounts', { email, name });
    expect(r.status).toBe(201);
    // Read back from the portal's own SQLite file: the row holds the strings as sent, and
    // the table is still there with exactly one more account.
    const db = openSqlite(portal.dbPath);
    try {
      expect(db.prepare('SELECT email, name FROM accounts WHERE id = ?').get(r.body.accountId)).toEqual({
        email,
        name,
      });
    } finally {
      db.close();
    }
    expect((await portal.stats()).accounts).toBe(before + 1);
  });
});

describe('idempotency', () => {
  it('replays a retried submission with the same key and counts it once', async () => {
    const a = await c.account(5, 'idem');
    const before = (await portal.stats()).accepted;
    const key = { 'idempotency-key': 'k-1' };
    const first = await c.post('/api/applications', {}, { token: a.token, headers: key });
    const again = await Promise.all(
      [1, 2, 3].map(() => c.post('/api/applications', {}, { token: a.token, headers: key })),
    );
    expect(first.status).toBe(201);
    expect(again.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(again.map((r) => r.body)).toEqual([first.body, first.body, first.body]);
    expect((await portal.stats()).accepted).toBe(before + 1);
    // A different key for the same account is a second application: refused, not counted.
    const other = await c.post('/api/applications', {}, { token: a.token, headers: { 'idempotency-key': 'k-2' } });
    expect(other.status).toBe(409);
    expect(other.body.error).toBe('already_applied');
    expect((await portal.stats()).accepted).toBe(before + 1);
  });
});
