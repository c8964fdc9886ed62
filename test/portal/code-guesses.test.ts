import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type RunningPortal } from '../../src/portal/index.js';
import { client } from './client.js';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/rehearse.js', import.meta.url));

describe('wrong sign-in codes are limited per account and window, not per code', () => {
  // The default 15-minute window, on a clock the test moves (no race with the wall clock).
  let now = Date.UTC(2026, 10, 30, 9, 0, 0);
  let portal: RunningPortal;
  let short: RunningPortal;
  let c: ReturnType<typeof client>;
  beforeAll(async () => {
    portal = await startPortal({ strategy: 'open', workers: 4, serviceMs: 0, devMailbox: true });
    short = await startPortal({ strategy: 'open', workers: 4, serviceMs: 0, devMailbox: true, clock: () => now });
  });
  afterAll(async () => {
    await portal.close();
    await short.close();
  });

  const newCode = async (email: string): Promise<string> => {
    expect((await c.post('/api/codes', { email })).status).toBe(202);
    return (await c.get(`/dev/mailbox/${email}`)).body.messages[0].code as string;
  };
  const wrongFor = (code: string) => (code === '000000' ? '000001' : '000000');

  it('asking for new codes buys no new guesses: after 5 wrong ones over 3 codes a fresh code is refused (429, Retry-After)', async () => {
    c = client(portal.url);
    const a = await c.account(1, 'guess');
    let code = await newCode(a.email);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      if (i === 2 || i === 4) code = await newCode(a.email); // the probe's reset: a new code between guesses
      statuses.push((await c.post('/api/sessions', { email: a.email, code: wrongFor(code) })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const fresh = await newCode(a.email);
    const refused = await c.post('/api/sessions', { email: a.email, code: fresh });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('too_many_guesses');
    // Until the first wrong guess leaves the 15-minute window.
    expect(Number(refused.headers['x-retry-after-ms'])).toBeLessThanOrEqual(900_000);
    expect(Number(refused.headers['x-retry-after-ms'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBe(Math.ceil(Number(refused.headers['x-retry-after-ms']) / 1000));
    // Another account is not affected.
    const b = await c.account(2, 'guess');
    expect((await c.post('/api/sessions', { email: b.email, code: await newCode(b.email) })).status).toBe(200);
  });

  it('sign-in works again once the wrong guesses have left the window, and a success forgives typos', async () => {
    c = client(short.url);
    const a = await c.account(3, 'guess');
    const code = await newCode(a.email);
    for (let i = 0; i < 5; i++) await c.post('/api/sessions', { email: a.email, code: wrongFor(code) });
    expect((await c.post('/api/sessions', { email: a.email, code })).status).toBe(429);
    now += 14 * 60_000;
    const locked = await c.post('/api/sessions', { email: a.email, code });
    expect([locked.status, locked.headers['retry-after']]).toEqual([429, '60']); // a minute of the 15 left
    now += 60_000 + 1; // the guesses have left the window (and the 10-minute code has expired: ask again)
    expect((await c.post('/api/sessions', { email: a.email, code: await newCode(a.email) })).status).toBe(200);
    // Four typos, a success, four more typos: never locked (the success cleared the count).
    const again = await newCode(a.email);
    for (let i = 0; i < 4; i++)
      expect((await c.post('/api/sessions', { email: a.email, code: wrongFor(again) })).status).toBe(401);
    expect((await c.post('/api/sessions', { email: a.email, code: again })).status).toBe(200);
    const third = await newCode(a.email);
    for (let i = 0; i < 4; i++)
      expect((await c.post('/api/sessions', { email: a.email, code: wrongFor(third) })).status).toBe(401);
    expect((await c.post('/api/sessions', { email: a.email, code: third })).status).toBe(200);
  });
});

describe('the development mailbox is opt-in', () => {
  it('is not served by default, even for an address with mail', async () => {
    const portal = await startPortal({ strategy: 'open', workers: 2, serviceMs: 0 });
    try {
      const c = client(portal.url);
      const a = await c.account(1, 'mail');
      expect((await c.post('/api/codes', { email: a.email })).status).toBe(202);
      const r = await c.get(`/dev/mailbox/${a.email}`);
      expect(r.status).toBe(404);
      expect(r.text).not.toMatch(/\d{6}/);
    } finally {
      await portal.close();
    }
  });

  it('`rehearse portal` turns it on only with --dev-mailbox or a scenario that reads mail, and says so at start-up', async () => {
    const start = async (args: string[]) => {
      const child = spawn(process.execPath, [BIN, 'portal', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      const closed = new Promise((r) => child.on('close', r));
      const lines: string[] = [];
      const rl = createInterface({ input: child.stdout! });
      await new Promise<void>((resolve) => rl.on('line', (l) => (lines.push(l), /Ctrl-C/.test(l) && resolve())));
      child.kill('SIGINT');
      await closed;
      return lines.find((l) => l.includes('dev mailbox')) ?? '';
    };
    expect(await start(['--strategy', 'open'])).toMatch(/dev mailbox: +off \(--dev-mailbox serves it/);
    expect(await start(['--scenario', 'status-tracker'])).toMatch(
      /dev mailbox: +http:\/\/127\.0\.0\.1:\d+\/dev\/mailbox\/<email> +\(on: anyone can read/,
    );
  }, 120_000);
});
