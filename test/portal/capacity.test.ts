import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/portal/capacity.js';
import { drawServiceMs, SERVICE_DISTS, seededUniform } from '../../src/portal/service-time.js';
import { client, portals } from './client.js';

const start = portals();

describe('explicit capacity', () => {
  it.each(SERVICE_DISTS)('draws %s service times with the configured mean', (dist) => {
    const u = seededUniform(42);
    const n = 200_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += drawServiceMs(dist, 20, u);
    // Standard error of the mean is cv·20/√n ≤ 0.045 ms for cv ≤ 1: 1 % (0.2 ms) is > 4 standard errors.
    expect(Math.abs(sum / n - 20)).toBeLessThan(0.2);
  });

  it('serves in arrival order and never more than `workers` at once', async () => {
    const pool = new WorkerPool(2);
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        await pool.acquire();
        order.push(i);
        expect(pool.inService).toBeLessThanOrEqual(2);
        await new Promise((r) => setTimeout(r, 1));
        pool.release();
      }),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(pool.peak).toBe(2);
    expect(pool.inService).toBe(0);
  });

  it('holds a worker per request under load: the portal never serves more than its workers', async () => {
    const portal = await start({ strategy: 'open', workers: 3, serviceMs: 10 });
    const c = client(portal.url);
    const replies = await Promise.all(
      Array.from({ length: 60 }, () => c.get('/api/eligibility?age=30&french=advanced')),
    );
    expect(replies.every((r) => r.status === 200 && r.body.eligible === true)).toBe(true);
    const s = await portal.stats();
    expect(s.served).toBe(60);
    expect(s.peakInService).toBe(3);
    expect(s.inService).toBe(0);
    await c.close();
  });
});
