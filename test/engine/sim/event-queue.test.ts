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
    matchesStableSort((u, now) => now + Math.floor(u() * 50) / 4);
  });

  it('matches a stable sort when events are due from the same instant to hours ahead, before and after time 0', () => {
    // Every path of the queue: the fine ring's quarter-ms slots, the ring of buckets (64 ms wide,
    // about 35 minutes of them), the far heap beyond it, the clock jumping over empty
    // buckets, and times before the opening (negative). Ties on a quarter-ms grid.
    const spans = [0, 1, 64, 200, 60_000, 30 * 60_000, 40 * 60_000, 6 * 3_600_000];
    matchesStableSort(
      (u, now) => now + Math.floor(u() * (spans[Math.floor(u() * spans.length)] as number) * 4) / 4,
      -3_600_000,
    );
  });

  it('matches a stable sort when an instant gets events both from far ahead and from its own half hour', () => {
    // Quarter-hour instants, scheduled from up to 3 hours before: those pushed more than
    // about 35 minutes ahead wait in the far heap, the later ones in the ring, and both
    // join the fine ring together, in push order only by their keys.
    const grid = 15 * 60_000;
    matchesStableSort((u, now) => Math.ceil((now + u() * 3 * 3_600_000) / grid) * grid);
  });

  it('matches a stable sort when most events are due within the fine ring, a quarter-ms slot or two apart', () => {
    // Half the events from the same instant to 200 ms ahead (a worker's service: pushed
    // straight into the fine ring, or into a bucket that moves there), the rest up to an
    // hour ahead: ties across the two on a quarter-ms grid, and slots of several events.
    matchesStableSort((u, now) => now + Math.floor(u() * (u() < 0.5 ? 200 : 3_600_000) * 4) / 4);
  });

  it('peeks at the earliest, and pops an event pushed for a time already past before the rest', () => {
    const q = new EventQueue<string>();
    q.push(3, 's3', 1);
    q.push(1, 's1', 1);
    expect(q.peekTime()).toBe(1);
    q.push(2, 'b2', 2);
    q.push(1, 'b1', 2);
    expect(q.peekTime()).toBe(1);
    const got: string[] = [];
    for (let x = q.pop(); x !== undefined; x = q.pop()) {
      got.push(`${x}@${q.time}/${q.kind}`);
      // At time 2, an event for time 0.5 (the past) and one for 2 (now).
      if (x === 'b2') {
        q.push(2, 'now', 3);
        q.push(0.5, 'past', 3);
      }
    }
    // At time 1 the one pushed first; the past event before the rest, then the one due now.
    expect(got).toEqual(['s1@1/1', 'b1@1/2', 'b2@2/2', 'past@0.5/3', 'now@2/3', 's3@3/1']);
    expect(q.size).toBe(0);
  });

  it('refuses a time that is not a finite number', () => {
    const q = new EventQueue<string>();
    expect(() => q.push(Number.POSITIVE_INFINITY, 'x')).toThrow(/finite number, got Infinity/);
    expect(() => q.push(Number.NaN, 'x')).toThrow(/finite number, got NaN/);
    expect(q.size).toBe(0);
  });
});

/** Interleaves pushes (times from `next`) and pops, checking each pop against the least (time, push number) pending. */
function matchesStableSort(next: (u: () => number, now: number) => number, start = 0): void {
  const u = seededUniform(7);
  const q = new EventQueue<number>();
  // The reference: every pending event with its push number; the earliest (time, push number) pops.
  const pending: Array<{ t: number; id: number; kind: number }> = [];
  let id = 0;
  let now = start;
  let popped = 0;
  for (let step = 0; step < 40_000; step++) {
    // Grow to about 5,000 pending, then drain; times on a coarse grid so ties are common.
    const pushing = step < 24_000 ? u() < 0.6 : u() < 0.3;
    if (pushing || pending.length === 0) {
      const t = next(u, now);
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
}
