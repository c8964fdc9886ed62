import { describe, expect, it } from 'vitest';
import { client, portals } from './client.js';

const start = portals();

async function accounts(c: ReturnType<typeof client>, n: number) {
  const out = [];
  // In batches, so account creation is not itself the load under test.
  for (let i = 0; i < n; i += 100)
    out.push(...(await Promise.all(Array.from({ length: Math.min(100, n - i) }, (_, k) => c.account(i + k)))));
  return out;
}

describe('the quota is never over-sold', () => {
  it('accepts exactly 100 of 500 concurrent submissions at a quota of 100', async () => {
    const portal = await start({ strategy: 'open', quota: 100, workers: 64, serviceMs: 1 });
    const c = client(portal.url, 512);
    const people = await accounts(c, 500);
    const replies = await Promise.all(people.map((p) => c.post('/api/applications', {}, { token: p.token })));
    const byStatus = replies.reduce<Record<number, number>>((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {});
    expect(byStatus).toEqual({ 201: 100, 409: 400 });
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error === 'quota_full')).toBe(true);
    // Places are numbered 1..100 with no gap and no repeat.
    const seqs = replies
      .filter((r) => r.status === 201)
      .map((r) => r.body.seq as number)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const stats = await portal.stats();
    expect(stats.accepted).toBe(100);
    expect(stats.rejected.quota_full).toBe(400);
    expect(stats.accounts).toBe(500);
    await c.close();
  });

  it('takes a quota of 0 as zero places (closed from the start), not as no quota', async () => {
    const portal = await start({ strategy: 'open', quota: 0, workers: 4, serviceMs: 1 });
    const c = client(portal.url, 16);
    const people = await accounts(c, 5);
    const replies = await Promise.all(people.map((p) => c.post('/api/applications', {}, { token: p.token })));
    expect(replies.map((r) => [r.status, r.body.error, r.body.quota])).toEqual(
      Array.from({ length: 5 }, () => [409, 'quota_full', 0]),
    );
    const stats = await portal.stats();
    expect(stats.quota).toBe(0);
    expect(stats.accepted).toBe(0);
    expect(stats.rejected.quota_full).toBe(5);
    await c.close();
  });

  it('accepts exactly the quota under 1,000 concurrent submitters through the throttle', async () => {
    const portal = await start({ strategy: 'throttle', quota: 250, maxActive: 100, workers: 20, serviceMs: 5 });
    const c = client(portal.url, 1024);
    const people = await accounts(c, 1000);
    // Each submitter retries after a 503 until it gets a definite answer (bounded: 200 rounds).
    const answers = await Promise.all(
      people.map(async (p) => {
        for (let round = 0; round < 200; round++) {
          const r = await c.post(
            '/api/applications',
            {},
            { token: p.token, headers: { 'idempotency-key': `${p.accountId}-app` } },
          );
          if (r.status !== 503) return r.status;
          await new Promise((res) => setTimeout(res, 5 + (round % 7)));
        }
        return 503;
      }),
    );
    expect(answers.filter((s) => s === 201)).toHaveLength(250);
    expect(answers.filter((s) => s === 409)).toHaveLength(750);
    const stats = await portal.stats();
    expect(stats.accepted).toBe(250);
    expect(stats.rejected.quota_full).toBe(750);
    // How many were turned away at the cap depends on how fast 1,000 connections open on
    // this machine (zero on a quiet one is possible), so it is not asserted here; the
    // next test makes the turning away certain.
    await c.close();
  });

  it('turns away the request beyond the cap with 503 and Retry-After while the cap is held', async () => {
    // Two workers, a cap of 2, and submissions that hold their worker for 3 s: once the
    // portal says two are admitted, a third cannot be admitted until one of them
    // leaves, 3 s after it started: a margin no scheduler
    // delay on a busy runner comes near, rather than a race against connection set-up.
    const portal = await start({
      strategy: 'throttle',
      quota: 10,
      maxActive: 2,
      workers: 2,
      serviceMs: 1,
      serviceDist: 'constant',
      serviceMsByOp: { applications: 3000 },
    });
    const c = client(portal.url, 8);
    const people = await accounts(c, 3);
    const held = people.slice(0, 2).map((p) => c.post('/api/applications', {}, { token: p.token }));
    for (let i = 0; i < 2000; i++) {
      const s = await portal.stats();
      if (s.inService + s.queued === 2) break;
      await new Promise((res) => setTimeout(res, 5));
    }
    const before = await portal.stats();
    expect(before.inService + before.queued).toBe(2);
    const third = await c.post('/api/applications', {}, { token: people[2]!.token });
    expect(third.status).toBe(503);
    expect(third.body.error).toBe('busy');
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(third.headers['x-retry-after-ms'])).toBeGreaterThan(0);
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([201, 201]);
    const after = await portal.stats();
    expect(after.rejected.throttled).toBe(1);
    expect(after.accepted).toBe(2);
    await c.close();
  });
});
