import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/engine/types.js';
import { progressLine, progressPrinter } from '../../src/cli/progress.js';

const base: Progress = { elapsedMs: 4200, totalMs: 16_700, arrived: 240, population: 400, inFlight: 165, accepted: 55, finished: 75, quota: 100, requestsPerSec: 3176, rejectedPerSec: 3109, latenessP99Ms: 2.4, dropped: 0 };

describe('the progress line', () => {
  it('shows accepted against the quota when the scenario has one', () => {
    expect(progressLine(base)).toBe('4.2s/17s arrived 240/400 in flight 165 accepted 55/100 req/s 3176 rejected/s 3109 late p99 2ms');
  });

  it('shows the journeys that ended when there is no quota (nobody is "accepted" on a read-heavy day)', () => {
    const { quota: _q, ...noQuota } = base;
    expect(progressLine({ ...noQuota, accepted: 0 })).toContain(' in flight 165 done 75 req/s');
  });

  it('counts down before the opening', () => {
    expect(progressLine({ ...base, elapsedMs: -3200 })).toMatch(/^opens in 3\.2s arrived/);
  });

  it('writes a plain line at most every 5 s of run time for logs, and nothing when quiet', () => {
    const out: string[] = [];
    const plain = progressPrinter('plain', (s) => out.push(s));
    for (const t of [0, 1000, 4999, 5000, 9000, 10_000]) plain.onProgress({ ...base, elapsedMs: t });
    expect(out.map((l) => l.split(' ')[0])).toEqual(['0.0s/17s', '5.0s/17s', '10s/17s']);
    const quiet: string[] = [];
    progressPrinter('quiet', (s) => quiet.push(s)).onProgress(base);
    expect(quiet).toEqual([]);
  });
});
