import { describe, expect, it } from 'vitest';
import { schedule } from '../../../src/engine/node/schedule.js';
import { candidates } from './fixtures.js';

/*
 * The scheduler tells the run whether --max-duration cut the population short: the run
 * is 'interrupted' from that answer, not from whichever of the cap's timer and the last
 * journey happens to finish first (that race once reported a cut run as 'completed').
 * Every arrival here is already due (run time zero a minute ago), so no timer is involved.
 */
describe('schedule', () => {
  const due = () => ({ zero: performance.now() - 60_000, signal: new AbortController().signal });

  it('answers true when it stopped at untilMs with candidates still to come', async () => {
    const pop = candidates(10, 100); // arrivals 0, 100, … 900 ms
    const started: number[] = [];
    const cut = await schedule(pop, { ...due(), untilMs: 450, onArrival: (c) => started.push(c.arrivalMs) });
    expect(cut).toBe(true);
    expect(started).toEqual([0, 100, 200, 300, 400]);
  });

  it('answers false when the population ran out before untilMs, or untilMs is the last arrival', async () => {
    const started: number[] = [];
    expect(
      await schedule(candidates(10, 100), { ...due(), untilMs: 900, onArrival: (c) => started.push(c.arrivalMs) }),
    ).toBe(false);
    expect(started).toHaveLength(10);
    expect(await schedule(candidates(3, 100), { ...due(), onArrival: () => {} })).toBe(false);
  });

  it('answers false when the signal stopped it', async () => {
    const stop = new AbortController();
    let n = 0;
    const cut = await schedule(candidates(10, 100), {
      zero: performance.now() - 60_000,
      signal: stop.signal,
      untilMs: 450,
      onArrival: () => {
        if (++n === 2) stop.abort();
      },
    });
    expect(cut).toBe(false);
    expect(n).toBe(2);
  });
});
