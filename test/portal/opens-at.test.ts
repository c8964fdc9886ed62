import { describe, expect, it } from 'vitest';
import { client, portals } from './client.js';

const start = portals();

describe('the opening at a fixed instant (opensAtEpochMs)', () => {
  it('opens at the given epoch ms, not counted from the portal’s own start', async () => {
    const opensAt = Date.now() + 30_000;
    const portal = await start({ strategy: 'open', workers: 2, serviceMs: 1, opensAtEpochMs: opensAt, opensInMs: 0 });
    const c = client(portal.url, 4);
    const p = await c.account(1);
    const before = await c.post('/api/applications', {}, { token: p.token });
    expect(before.status).toBe(503);
    expect(before.body.error).toBe('not_open');
    // The hint counts to the given instant (a loaded machine takes seconds at most to get here).
    const ms = Number(before.headers['x-retry-after-ms']);
    expect(ms).toBeLessThanOrEqual(30_000);
    expect(ms).toBeGreaterThan(15_000);
    await c.close();
  });

  it('is open already when the instant has passed, whatever opensInMs says', async () => {
    const portal = await start({
      strategy: 'open',
      workers: 2,
      serviceMs: 1,
      opensAtEpochMs: Date.now() - 1,
      opensInMs: 60_000,
    });
    const c = client(portal.url, 4);
    const p = await c.account(1);
    expect((await c.post('/api/applications', {}, { token: p.token })).status).toBe(201);
    await c.close();
  });
});
