import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nodeEngine } from '../../../src/engine/node/index.js';
import { tokenBucket } from '../../../src/engine/node/token-bucket.js';
import { candidates, fixtureServer, scenario, target } from './fixtures.js';

/*
 * `--max-rps`: a token bucket of one second's tokens. Tested on a fake clock
 * (performance.now and setTimeout both faked), so the counts are exact whatever else
 * the machine is doing.
 */
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `n` takes at once and records, for each, the fake time at which it was let through. */
function demand(bucket: ReturnType<typeof tokenBucket>, n: number): number[] {
  const at: number[] = [];
  for (let i = 0; i < n; i++) void bucket.take().then(() => at.push(performance.now()));
  return at;
}

describe('the --max-rps token bucket', () => {
  it('lets a full second of requests through at once, then one per 1/rate', async () => {
    const t0 = performance.now();
    const bucket = tokenBucket(10);
    const at = demand(bucket, 25);
    await vi.advanceTimersByTimeAsync(0);
    expect(at).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(99);
    expect(at).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(2);
    expect(at).toHaveLength(11);
    await vi.advanceTimersByTimeAsync(1400);
    // 10 at once, then 10 per second: 15 more by 1.5 s.
    expect(at).toHaveLength(25);
    expect(at[24]! - t0).toBeGreaterThanOrEqual(1500);
    expect(at[24]! - t0).toBeLessThanOrEqual(1510);
  });

  it('never lets more than rate × window + one second of tokens through in any window', async () => {
    const bucket = tokenBucket(20);
    const at = demand(bucket, 80);
    await vi.advanceTimersByTimeAsync(2000);
    expect(at.length).toBeGreaterThanOrEqual(20 + 20 * 1.9);
    expect(at.length).toBeLessThanOrEqual(20 + 20 * 2);
    for (const w of [100, 500, 1000, 2000]) {
      for (let i = 0; i < at.length; i++) {
        const inWindow = at.filter((t) => t >= at[i]! && t < at[i]! + w).length;
        expect(inWindow).toBeLessThanOrEqual(Math.floor((20 * w) / 1000) + 20);
      }
    }
  });

  it('refills while idle, but never beyond one second of tokens', async () => {
    const bucket = tokenBucket(5);
    demand(bucket, 5);
    await vi.advanceTimersByTimeAsync(10_000); // idle: the bucket refills to 5, not 50
    const at = demand(bucket, 8);
    await vi.advanceTimersByTimeAsync(0);
    expect(at).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(601);
    expect(at).toHaveLength(8);
  });

  it('counts each request it delayed once, however long it waited', async () => {
    const bucket = tokenBucket(10);
    demand(bucket, 40);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(bucket.delayed()).toBe(30);
  });
});

describe('--max-rps in a node engine run', () => {
  it('holds 60 simultaneous arrivals to 20 requests/s: at least 2 s, and says how many it delayed', async () => {
    vi.useRealTimers();
    const seen: number[] = [];
    const srv = await fixtureServer((_body, _req, res) => {
      seen.push(performance.now());
      res.writeHead(201).end('{}');
    });
    const dir = await mkdtemp(join(tmpdir(), 'engine-maxrps-'));
    try {
      const t0 = performance.now();
      const r = await nodeEngine.run({
        scenario: scenario({ portal: { strategy: 'throttle', workers: 1, serviceMs: 1, quota: 100 } }),
        population: candidates(60, 0),
        populationSize: 60,
        target,
        baseUrl: srv.url,
        outDir: dir,
        seed: 1,
        maxRps: 20,
      });
      // 20 tokens at the start and 20 a second: the 60th request cannot leave before 2 s,
      // however busy the machine (load only delays). Without the cap: a few ms.
      expect(seen).toHaveLength(60);
      expect(seen[59]! - t0).toBeGreaterThanOrEqual(1999);
      const note = r.manifest.notes?.find((n) => n.startsWith('--max-rps delayed'));
      expect(note).toMatch(/^--max-rps delayed \d+ requests$/);
      // At most 60 − 20 were held back; at least those beyond what 20/s could refill while arriving.
      const delayed = Number(/\d+/.exec(note!)![0]);
      expect(delayed).toBeLessThanOrEqual(40);
      expect(delayed).toBeGreaterThan(0);
    } finally {
      await srv.close();
    }
  });
});
