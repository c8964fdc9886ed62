import { describe, expect, it } from 'vitest';
import { client, portals } from './client.js';

const start = portals();

describe('throttle strategy', () => {
  it('serves at most maxActive at once and tells the rest when to come back', async () => {
    const portal = await start({
      strategy: 'throttle',
      maxActive: 3,
      workers: 3,
      serviceMs: 200,
      serviceDist: 'constant',
      retryAfterSec: 2.5,
    });
    const c = client(portal.url);
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => c.post('/api/accounts', { email: `t${i}@example.test`, name: 'T' })),
    );
    const ok = replies.filter((r) => r.status === 201);
    const busy = replies.filter((r) => r.status === 503);
    // All ten arrive within the first service time, so exactly three are admitted.
    expect(ok).toHaveLength(3);
    expect(busy).toHaveLength(7);
    for (const r of busy) {
      expect(r.headers['retry-after']).toBe('3'); // whole seconds, rounded up (RFC 9110 §10.2.3)
      expect(r.headers['x-retry-after-ms']).toBe('2500');
      expect(r.body.error).toBe('busy');
    }
    const stats = await portal.stats();
    expect(stats.rejected.throttled).toBe(7);
    expect(stats.accounts).toBe(3);
    expect(stats.requests).toBe(10);
    await c.close();
  });
});
