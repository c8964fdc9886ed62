import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/engine/sim/event-queue.js';
import { seededUniform } from '../../../src/portal/service-time.js';

describe('EventQueue', () => {
  it('pops by time, and events at the same time in the order they were pushed, with their kinds', () => {
    const q = new EventQueue<string>();
    q.push(5, 'a', 1);
    q.push(1, 'b', 2);
    q.push(5, 'c', 3);
    q.push(1, 'd', 4);
    q.push(0.5, 'e', 5);
    const got: string[] = [];
    for (let x = q.pop(); x !== undefined; x = q.pop()) got.push(`${x}@${q.time}/${q.kind}`);
    expect(got).toEqual(['e@0.5/5', 'b@1/2', 'd@1/4', 'a@5/1', 'c@5/3']);
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('matches a stable sort over 40,000 interleaved pushes and pops with many ties (growing past its first arrays)', () => {
    const u = seededUniform(7);
    const q = new EventQueue<number>();
    // The reference: every pending event with its push number; the earliest (time, push number) pops.
    const pending: Array<{ t: number; id: number; kind: number }> = [];
    let id = 0;
    let now = 0;
    let popped = 0;
    for (let step = 0; step < 40_000; step++) {
      // Grow to about 5,000 pending, then drain; times on a coarse grid so ties are common.
      const pushing = step < 24_000 ? u() < 0.6 : u() < 0.3;
      if (pushing || pending.length === 0) {
        const t = now + Math.floor(u() * 50) / 4;
        const kind = Math.floor(u() * 7);
        q.push(t, id, kind);
        pending.push({ t, id, kind });
        id++;
      } else {
        let best = 0;
        for (let i = 1; i < pending.length; i++) {
          const a = pending[i]!;
          const b = pending[best]!;
          if (a.t < b.t || (a.t === b.t && a.id < b.id)) best = i;
        }
        const want = pending.splice(best, 1)[0]!;
        const got = q.pop();
        if (got !== want.id || q.time !== want.t || q.kind !== want.kind)
          expect({ got, time: q.time, kind: q.kind }).toEqual({ got: want.id, time: want.t, kind: want.kind });
        now = q.time;
        popped++;
      }
      if (q.size !== pending.length) expect(q.size).toBe(pending.length);
    }
    expect(popped).toBeGreaterThan(15_000);
    expect(id).toBeGreaterThan(19_000);
  });
});
