import { describe, expect, it } from 'vitest';
import { client, portals } from './client.js';

const start = portals();

describe('throttle strategy', () => {
  it('serves at most maxActive at once and tells the rest when to come back', async () => {
    // Three admitted requests hold their workers for 3 s; once the portal says three are
    // in, the other seven are sent: a margin no scheduler delay on a busy runner comes
    // near (ten requests sent at once raced connection set-up against a 200 ms service).
    const portal = await start({
      strategy: 'throttle',
      maxActive: 3,
      workers: 3,
      serviceMs: 3000,
      serviceDist: 'constant',
      retryAfterSec: 2.5,
    });
    const c = client(portal.url, 10);
    const post = (i: number) => c.post('/api/accounts', { email: `t${i}@example.test`, name: 'T' });
    const held = [0, 1, 2].map(post);
    for (let i = 0; i < 2000; i++) {
      const s = await portal.stats();
      if (s.inService + s.queued === 3) break;
      await new Promise((res) => setTimeout(res, 5));
    }
    const rest = await Promise.all(Array.from({ length: 7 }, (_, i) => post(3 + i)));
    const replies = [...(await Promise.all(held)), ...rest];
    const ok = replies.filter((r) => r.status === 201);
    const busy = replies.filter((r) => r.status === 503);
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
