import { describe, expect, it } from 'vitest';
import { client, portals } from './client.js';

const start = portals();

describe('eoi strategy', () => {
  it('invites exactly the top-ranked eligible profiles, and only they can apply', async () => {
    const portal = await start({ strategy: 'eoi', workers: 8, serviceMs: 1, operatorToken: 'op-secret' });
    const c = client(portal.url);
    // 30 profiles; scores repeat so ties are broken by submission order; a third are outside Québec.
    const profiles = Array.from({ length: 30 }, (_, i) => ({ i, score: 400 + ((i * 37) % 11) * 10, inQuebec: i % 3 !== 0 }));
    const people = [];
    for (const p of profiles) {
      const a = await c.account(p.i, 'eoi');
      const r = await c.post('/api/interests', { score: p.score, attributes: { inQuebec: p.inQuebec, permit: 'work' } }, { token: a.token });
      expect(r.status).toBe(201);
      people.push({ ...p, ...a });
    }
    // A second submission is not a second entry.
    expect((await c.post('/api/interests', { score: 999 }, { token: people[0]!.token })).status).toBe(200);

    expect((await c.post('/admin/rounds', { size: 7 })).status).toBe(401);
    expect((await c.post('/admin/rounds', { size: 7 }, { token: 'wrong' })).status).toBe(401);
    const round = await c.post('/admin/rounds', { size: 7, criteria: { attributes: { inQuebec: true } } }, { token: 'op-secret' });
    expect(round.status).toBe(201);

    // Independently: eligible, sorted by score descending then by submission order.
    const expected = people
      .filter((p) => p.inQuebec)
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, 7)
      .map((p) => p.accountId);
    expect(round.body.invited).toEqual(expected);

    // A second round skips those already invited.
    const second = await c.post('/admin/rounds', { size: 3, criteria: { attributes: { inQuebec: true } } }, { token: 'op-secret' });
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
});
