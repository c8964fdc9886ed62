import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/engine/types.js';
import { progressLine, progressPrinter, readProgressLine, readProgressPrinter } from '../../src/cli/progress.js';

const base: Progress = {
  elapsedMs: 4200,
  totalMs: 16_700,
  arrived: 240,
  population: 400,
  inFlight: 165,
  accepted: 55,
  finished: 75,
  quota: 100,
  requestsPerSec: 3176,
  rejectedPerSec: 3109,
  latenessP99Ms: 2.4,
  dropped: 0,
};

describe('the progress line', () => {
  it('shows accepted against the quota when the scenario has one', () => {
    expect(progressLine(base)).toBe(
      '4.2s/17s arrived 240/400 in flight 165 accepted 55/100 req/s 3176 rejected/s 3109 late p99 2ms',
    );
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

describe('the progress of a long analysis', () => {
  it('says how much of the run is read, on a terminal once it takes half a second, in a log every 5 s', () => {
    expect(readProgressLine(1.2e9, 3.4e9, 12_300)).toBe('analyze: 1.2 of 3.4 GB read (35 %), 12s');
    expect(readProgressLine(40e6, 423e6, 900)).toBe('analyze: 40 of 423 MB read (9 %), 0.9s');
    let t = 0;
    const clock = () => t;
    const tty: string[] = [];
    const p = readProgressPrinter('tty', (s) => tty.push(s), clock);
    p.onProgress({ bytes: 1, totalBytes: 10 }); // too early: a short analysis prints nothing
    t = 600;
    p.onProgress({ bytes: 5, totalBytes: 10 });
    t = 650;
    p.onProgress({ bytes: 6, totalBytes: 10 }); // within 200 ms of the last line
    p.done();
    expect(tty).toEqual(['\r\x1b[2Kanalyze: 0.0 of 0.0 MB read (50 %), 0.6s', '\r\x1b[2K']);
    const log: string[] = [];
    t = 0;
    const q = readProgressPrinter('plain', (s) => log.push(s), clock);
    for (t = 0; t <= 12_000; t += 1000) q.onProgress({ bytes: t, totalBytes: 12_000 });
    q.done();
    expect(log).toHaveLength(2); // at 5 s and 10 s
    const quiet: string[] = [];
    const r = readProgressPrinter('quiet', (s) => quiet.push(s), clock);
    t = 10_000;
    r.onProgress({ bytes: 1, totalBytes: 2 });
    r.done();
    expect(quiet).toEqual([]);
  });
});
