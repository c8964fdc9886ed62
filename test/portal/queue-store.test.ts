import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/portal/store/db.js';
import { WaitingRoom } from '../../src/portal/store/queue.js';

/** The waiting room is a function of the times it is given, so its rules are tested without a clock. */
function room(shuffle: boolean, seed = 7) {
  const { db } = openDb(':memory:', 'normal');
  return new WaitingRoom(db, { admitPerSec: 10, opensAt: 1000, shuffle, seed, passTtlMs: 5000 });
}

function preQueueRanks(shuffle: boolean, seed = 7): number[] {
  const r = room(shuffle, seed);
  const tokens = Array.from({ length: 20 }, (_, i) => r.join(i).token);
  return tokens.map((t) => r.view(t, 1000)!.rank!);
}

describe('waiting room rules', () => {
  it('shuffles everyone who queued before the opening, reproducibly by seed', () => {
    const a = preQueueRanks(true, 7);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(preQueueRanks(true, 7)).toEqual(a);
    expect(preQueueRanks(true, 8)).not.toEqual(a);
  });

  it('keeps arrival order without the shuffle', () => {
    expect(preQueueRanks(false)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('admits at the configured rate and banks no credit while the line is empty', () => {
    const r = room(false);
    const a = r.join(2000).token; // opened 1 s ago with nobody waiting
    expect(r.view(a, 2000)).toEqual({ rank: 0, position: 1, admitted: false, estimatedWaitMs: 100 });
    const b = r.join(2000).token;
    expect(r.view(b, 2000)!.position).toBe(2);
    expect(r.view(a, 2100)!.admitted).toBe(true);
    expect(r.view(b, 2100)).toEqual({ rank: 1, position: 1, admitted: false, estimatedWaitMs: 100 });
    expect(r.view(b, 2200)!.admitted).toBe(true);
  });

  it('moves the line from the opening, even when nobody looks until later', () => {
    const r = room(false);
    const t = Array.from({ length: 20 }, (_, i) => r.join(i).token); // all before the opening at 1000
    // The first look comes 500 ms after the opening: at 10/s the first 5 are already through.
    // (Only a restarted room starts its line from the first look: see "a restarted waiting room".)
    expect(r.view(t[5]!, 1500)).toEqual({ rank: 5, position: 1, admitted: false, estimatedWaitMs: 100 });
    expect(r.view(t[4]!, 1500)!.admitted).toBe(true);
    expect(r.admitted).toBe(5);
  });

  it('honours a pass for passTtlMs after it was first seen admitted', () => {
    const r = room(false);
    const a = r.join(1000).token;
    expect(r.passValid(a, 1050)).toBe(false);
    expect(r.passValid(a, 1100)).toBe(true);
    expect(r.passValid(a, 6100)).toBe(true);
    expect(r.passValid(a, 6101)).toBe(false);
    expect(r.passValid('forged', 1100)).toBe(false);
  });
});

describe('waiting room edges (mutation testing found them unguarded)', () => {
  it('before the opening: no rank, no place, the time to the opening as the wait; unknown tokens are nobody', () => {
    const r = room(false);
    const a = r.join(400).token;
    expect(r.view(a, 400)).toEqual({ rank: null, position: null, admitted: false, estimatedWaitMs: 600 });
    expect(r.view(a, 1000)).toEqual({ rank: 0, position: 1, admitted: false, estimatedWaitMs: 100 });
    expect(r.view('unknown', 1000)).toBeUndefined();
    expect(r.passValid(undefined, 1000)).toBe(false);
    expect(r.passValid('', 1000)).toBe(false);
  });

  it('counts tokens issued and admitted, never more admitted than issued, and a restart keeps the admitted count', () => {
    const { db } = openDb(':memory:', 'normal');
    const cfg = { admitPerSec: 10, opensAt: 1000, shuffle: false, seed: 7, passTtlMs: 5000 };
    const r = new WaitingRoom(db, cfg);
    const tokens = Array.from({ length: 5 }, () => r.join(1000).token);
    expect([r.issued, r.admitted]).toEqual([5, 0]);
    r.view(tokens[0]!, 1250); // 0.25 s at 10/s: frontier 2.5
    expect([r.issued, r.admitted]).toEqual([5, 2]);
    r.view(tokens[0]!, 9000);
    expect([r.issued, r.admitted]).toEqual([5, 5]);
    const restarted = new WaitingRoom(db, cfg);
    expect([restarted.issued, restarted.admitted]).toEqual([5, 5]);
  });

  it('the pre-queue shuffle can give anyone any rank (a Fisher–Yates shuffle, not a cyclic one)', () => {
    // Over 300 seeds each of 5 early arrivals should take each of the 5 ranks about 60 times;
    // a shuffle that never lets an element stay put (Sattolo's) never gives the last arrival the last rank.
    const seen = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
    for (let seed = 1; seed <= 300; seed++) {
      const r = room(true, seed);
      const tokens = Array.from({ length: 5 }, (_, i) => r.join(i).token);
      tokens.forEach((t, who) => seen[who]![r.view(t, 1000)!.rank!]!++);
    }
    // Binomial(300, 1/5): mean 60, SD 6.9; ±5 SD is 25–95.
    for (const row of seen) for (const n of row) expect(n).toBeGreaterThanOrEqual(25);
    for (const row of seen) for (const n of row) expect(n).toBeLessThanOrEqual(95);
  });
});

describe('a restarted waiting room', () => {
  it('keeps its frontier and admits at the configured rate from the restart, not again from the opening', () => {
    const { db } = openDb(':memory:', 'normal');
    const cfg = { admitPerSec: 1, opensAt: 0, shuffle: false, seed: 1, passTtlMs: 5000 };
    const r = new WaitingRoom(db, cfg);
    const t = Array.from({ length: 1000 }, () => r.join(0).token);
    r.view(t[0]!, 600_000); // ten minutes at 1/s: 600 admitted
    expect(r.admitted).toBe(600);
    const restarted = new WaitingRoom(db, cfg);
    expect(restarted.view(t[600]!, 600_001)).toEqual({
      rank: 600,
      position: 1,
      admitted: false,
      estimatedWaitMs: 1000,
    });
    expect(restarted.admitted).toBe(600);
    expect(restarted.view(t[601]!, 602_001)).toMatchObject({ rank: 601, admitted: true });
    expect(restarted.admitted).toBe(602);
  });
});
