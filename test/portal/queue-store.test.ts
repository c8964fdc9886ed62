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
