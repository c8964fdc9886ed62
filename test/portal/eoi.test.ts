import { describe, expect, it } from 'vitest';
import { client, portals } from './client.js';

const start = portals();

describe('eoi strategy', () => {
  it('invites exactly the top-ranked eligible profiles, and only they can apply', async () => {
    const portal = await start({ strategy: 'eoi', workers: 8, serviceMs: 1, operatorToken: 'op-secret' });
    const c = client(portal.url);
    // 30 profiles; scores repeat so ties are broken by submission order; a third are outside Québec.
    const profiles = Array.from({ length: 30 }, (_, i) => ({
      i,
      score: 400 + ((i * 37) % 11) * 10,
      inQuebec: i % 3 !== 0,
    }));
    const people = [];
    for (const p of profiles) {
      const a = await c.account(p.i, 'eoi');
      const r = await c.post(
        '/api/interests',
        { score: p.score, attributes: { inQuebec: p.inQuebec, permit: 'work' } },
        { token: a.token },
      );
      expect(r.status).toBe(201);
      people.push({ ...p, ...a });
    }
    // A second submission is not a second entry.
    expect((await c.post('/api/interests', { score: 999 }, { token: people[0]!.token })).status).toBe(200);

    expect((await c.post('/admin/rounds', { size: 7 })).status).toBe(401);
    expect((await c.post('/admin/rounds', { size: 7 }, { token: 'wrong' })).status).toBe(401);
    const round = await c.post(
      '/admin/rounds',
      { size: 7, criteria: { attributes: { inQuebec: true } } },
      { token: 'op-secret' },
    );
    expect(round.status).toBe(201);

    // Independently: eligible, sorted by score descending then by submission order.
    const expected = people
      .filter((p) => p.inQuebec)
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, 7)
      .map((p) => p.accountId);
    expect(round.body.invited).toEqual(expected);

    // A second round skips those already invited.
    const second = await c.post(
      '/admin/rounds',
      { size: 3, criteria: { attributes: { inQuebec: true } } },
      { token: 'op-secret' },
    );
    const next3 = people
      .filter((p) => p.inQuebec)
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(7, 10)
      .map((p) => p.accountId);
    expect(second.body.invited).toEqual(next3);

    const invited = people.find((p) => p.accountId === expected[0])!;
    const outsider = people.find((p) => !p.inQuebec)!;
    expect((await c.post('/api/applications', {}, { token: invited.token })).status).toBe(201);
    const refused = await c.post('/api/applications', {}, { token: outsider.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('not_invited');
    const mine = await c.get('/api/interests/mine', invited.token);
    expect(mine.body.invitedRound).toBe(1);
    const stats = await portal.stats();
    expect(stats.pool).toEqual({ interests: 30, invited: 10, rounds: 2 });
    expect(stats.accepted).toBe(1);
    await c.close();
  });

  it("applies a round's submission cut-off to the submission dates the profiles carry", async () => {
    // The 16 Jan 2020 Arrima round took interests submitted before 17 Dec 2019 (CIC News, 20 Feb 2020).
    const portal = await start({ strategy: 'eoi', workers: 4, serviceMs: 0, operatorToken: 'op' });
    const c = client(portal.url);
    const dates = ['2019-11-02', '2020-01-05', '2019-12-16', '2019-12-17', '2019-06-30'];
    const scores = [40, 70, 55, 60, 30];
    const ids = [];
    for (const [i, d] of dates.entries()) {
      const a = await c.account(i, 'cut');
      await c.post('/api/interests', { score: scores[i], submittedAt: `${d}T12:00:00Z` }, { token: a.token });
      ids.push(a.accountId);
    }
    const round = await c.post(
      '/admin/rounds',
      { size: 23, criteria: { submittedBefore: '2019-12-17T00:00:00Z' } },
      { token: 'op' },
    );
    // Eligible: 2019-11-02 (40), 2019-12-16 (55), 2019-06-30 (30), by score.
    expect(round.body.invited).toEqual([ids[2], ids[0], ids[4]]);
    await c.close();
  });
});
