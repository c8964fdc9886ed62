import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeEngine } from '../../../src/engine/node/index.js';
import type { RunManifest } from '../../../src/results/manifest.js';
import { candidates, fixtureServer, readLines, scenario, target } from './fixtures.js';

const tmp = () => mkdtemp(join(tmpdir(), 'engine-'));

async function samples(dir: string, file = 'samples.ndjson') {
  return readLines(await readFile(join(dir, file), 'utf8'));
}

function outcomes(lines: ReturnType<typeof readLines>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lines)
    if (l.type === 'Point' && l.metric === 'rehearsal_journey') {
      const o = l.data.tags.outcome as string;
      out[o] = (out[o] ?? 0) + 1;
    }
  return out;
}

describe('node engine', () => {
  it('writes one journey point per candidate, in k6 format, with outcomes the portal decided', async () => {
    // Even arrival numbers are accepted, odd ones find the quota full.
    const srv = await fixtureServer((body, _req, res) => {
      res.writeHead(Number(body.seq) % 2 === 0 ? 201 : 409).end('{}');
    });
    const dir = await tmp();
    try {
      const pop = candidates(20, 5);
      const r = await nodeEngine.run({
        scenario: scenario(),
        population: pop,
        populationSize: 20,
        target,
        baseUrl: srv.url,
        outDir: dir,
        seed: 1,
      });
      expect(r.manifest.status).toBe('completed');
      const lines = await samples(dir);
      expect(outcomes(lines)).toEqual({ accepted: 10, quota_full: 10 });
      const reqs = lines.filter((l) => l.type === 'Point' && l.metric === 'rehearsal_req');
      expect(reqs).toHaveLength(20);
      expect(new Set(reqs.map((l) => l.data.tags.class))).toEqual(new Set(['ok', 'quota_full']));
      // k6's metric declarations precede their points.
      const firstDecl = lines.findIndex((l) => l.type === 'Metric' && l.metric === 'http_reqs');
      const firstPoint = lines.findIndex((l) => l.type === 'Point' && l.metric === 'http_reqs');
      expect(firstDecl).toBeGreaterThanOrEqual(0);
      expect(firstDecl).toBeLessThan(firstPoint);
    } finally {
      await srv.close();
    }
  });

  it('counts arrivals beyond the concurrency cap as dropped_iterations instead of delaying them', async () => {
    // Every request takes 300 ms; 20 arrivals 10 ms apart with a cap of 5 journeys.
    const srv = await fixtureServer((_b, _req, res) => {
      setTimeout(() => res.writeHead(201).end('{}'), 300);
    });
    const dir = await tmp();
    try {
      await nodeEngine.run({
        scenario: scenario(),
        population: candidates(20, 10),
        populationSize: 20,
        target,
        baseUrl: srv.url,
        outDir: dir,
        seed: 1,
        maxConcurrent: 5,
      });
      const lines = await samples(dir);
      const dropped = lines.filter((l) => l.type === 'Point' && l.metric === 'dropped_iterations').length;
      const started = lines.filter((l) => l.type === 'Point' && l.metric === 'rehearsal_lateness').length;
      expect(dropped).toBe(15);
      expect(started).toBe(5);
      expect(started + dropped).toBe(20);
      expect(outcomes(lines)).toEqual({ accepted: 5 });
    } finally {
      await srv.close();
    }
  });

  it('measures latency from the intended send time, so a slow generator cannot hide a slow portal', async () => {
    // The portal answers in 50 ms. Block the generator's event loop for 150 ms over the
    // scheduled arrivals: the stall must show in rehearsal_req (from intended send time)
    // and in start lateness, but not in http_req_duration (from actual send).
    const srv = await fixtureServer((_b, _req, res) => setTimeout(() => res.writeHead(201).end('{}'), 50));
    const dir = await tmp();
    try {
      const pop = candidates(5, 0);
      const run = nodeEngine.run({
        scenario: scenario(),
        population: pop,
        populationSize: 5,
        target,
        baseUrl: srv.url,
        outDir: dir,
        seed: 1,
        startAt: Date.now() + 20,
      });
      const until = Date.now() + 150;
      while (Date.now() < until) {
        /* stall the generator on purpose */
      }
      await run;
      const lines = await samples(dir);
      const honest = lines.filter((l) => l.type === 'Point' && l.metric === 'rehearsal_req').map((l) => l.data.value);
      const naive = lines
        .filter((l) => l.type === 'Point' && l.metric === 'http_req_duration')
        .map((l) => l.data.value);
      expect(Math.min(...honest)).toBeGreaterThanOrEqual(Math.min(...naive) + 100);
      const lateness = lines
        .filter((l) => l.type === 'Point' && l.metric === 'rehearsal_lateness')
        .map((l) => l.data.value);
      expect(Math.min(...lateness)).toBeGreaterThan(100);
    } finally {
      await srv.close();
    }
  });

  it('runs four execution segments that together equal the unsegmented run', async () => {
    const srv = await fixtureServer((body, _req, res) => {
      const seq = Number(body.seq);
      res.writeHead(seq % 3 === 0 ? 201 : seq % 3 === 1 ? 409 : 400).end('{}');
    });
    try {
      const pop = candidates(64, 2);
      const whole = await tmp();
      await nodeEngine.run({
        scenario: scenario(),
        population: pop,
        populationSize: 64,
        target,
        baseUrl: srv.url,
        outDir: whole,
        seed: 1,
      });
      const segs = ['0:1/4', '1/4:2/4', '2/4:3/4', '3/4:1'];
      const dirs = await Promise.all(segs.map(() => tmp()));
      const startAt = Date.now() + 300;
      const runs = await Promise.all(
        segs.map((segment, i) =>
          nodeEngine.run({
            scenario: scenario(),
            population: pop,
            populationSize: 64,
            target,
            baseUrl: srv.url,
            outDir: dirs[i] as string,
            seed: 1,
            segment,
            startAt,
          }),
        ),
      );
      const merged = (await Promise.all(runs.map((r) => readFile(r.samples[0] as string, 'utf8')))).join('');
      const mergedLines = readLines(merged);
      expect(outcomes(mergedLines)).toEqual(outcomes(await samples(whole)));
      const ids = mergedLines
        .filter((l) => l.type === 'Point' && l.metric === 'rehearsal_journey')
        .map((l) => l.data.tags.candidate);
      expect(new Set(ids).size).toBe(64);
      expect(ids).toHaveLength(64);
      // Quarters are exact with the van der Corput striping: 16 candidates each.
      for (const r of runs) {
        const own = readLines(await readFile(r.samples[0] as string, 'utf8'));
        expect(own.filter((l) => l.type === 'Point' && l.metric === 'rehearsal_journey')).toHaveLength(16);
      }
    } finally {
      await srv.close();
    }
  });

  it('stops arrivals on the first signal, finishes in-flight journeys, and leaves valid NDJSON and an interrupted manifest', async () => {
    // The signal comes when the portal has seen ten requests (not after a guessed 300 ms,
    // which a busy runner can spend before the first arrival).
    const stop = new AbortController();
    let seen = 0;
    const srv = await fixtureServer((_b, _req, res) => {
      if (++seen === 10) stop.abort();
      setTimeout(() => res.writeHead(201).end('{}'), 30);
    });
    const dir = await tmp();
    try {
      const r = await nodeEngine.run({
        scenario: scenario(),
        population: candidates(200, 50),
        populationSize: 200,
        target,
        baseUrl: srv.url,
        outDir: dir,
        seed: 1,
        signal: stop.signal,
        graceMs: 30_000,
      });
      expect(r.manifest.status).toBe('interrupted');
      const text = await readFile(join(dir, 'samples.ndjson'), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const lines = readLines(text); // throws on any partial line
      const started = lines.filter((l) => l.type === 'Point' && l.metric === 'rehearsal_lateness').length;
      const finished = lines.filter((l) => l.type === 'Point' && l.metric === 'rehearsal_journey').length;
      expect(started).toBeGreaterThanOrEqual(10);
      expect(started).toBeLessThan(200);
      expect(finished).toBe(started);
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as RunManifest;
      expect(manifest.status).toBe('interrupted');
    } finally {
      await srv.close();
    }
  });

  it('counts --max-duration from the first arrival, so a lead-in before the opening does not eat it', async () => {
    const srv = await fixtureServer((_b, _req, res) => res.writeHead(201).end('{}'));
    const dir = await tmp();
    try {
      // Arrivals every 50 ms from 300 ms before the opening; the opening is 1.5 s away, so
      // the first arrival is 1.2 s after the run starts. A 1 s cap measured from process
      // start would stop the run before anyone arrived; from the first arrival it admits
      // the arrivals at -300 … +700 ms (21 of them).
      const pop = candidates(40, 50).map((c) => ({ ...c, arrivalMs: c.arrivalMs - 300 }));
      const r = await nodeEngine.run({
        scenario: scenario(),
        population: pop,
        populationSize: 40,
        target,
        baseUrl: srv.url,
        outDir: dir,
        seed: 1,
        startAt: Date.now() + 1500,
        maxDurationMs: 1000,
        graceMs: 1000,
      });
      expect(r.manifest.status).toBe('interrupted');
      expect(r.manifest.notes).toContain('stopped by --max-duration 1000 ms');
      const started = (await samples(dir)).filter(
        (l) => l.type === 'Point' && l.metric === 'rehearsal_lateness',
      ).length;
      expect(started).toBeGreaterThan(0);
      expect(started).toBeLessThanOrEqual(21);
    } finally {
      await srv.close();
    }
  });

  it('a second signal stops at once and the file is still whole NDJSON', async () => {
    // Both signals come from the portal's fifth request (not from guessed timers, which a
    // busy runner can reach before the first arrival or after the first answer); the
    // portal answers nobody before the hard stop.
    const soft = new AbortController();
    const hard = new AbortController();
    let seen = 0;
    const srv = await fixtureServer((_b, _req, res) => {
      if (++seen === 5) {
        soft.abort();
        setImmediate(() => hard.abort());
      }
      setTimeout(() => res.writeHead(201).end('{}'), 5000);
    });
    const dir = await tmp();
    try {
      const r = await nodeEngine.run({
        scenario: scenario(),
        population: candidates(100, 5),
        populationSize: 100,
        target,
        baseUrl: srv.url,
        outDir: dir,
        seed: 1,
        signal: soft.signal,
        hardSignal: hard.signal,
        graceMs: 60_000,
      });
      expect(r.manifest.status).toBe('interrupted');
      const text = await readFile(join(dir, 'samples.ndjson'), 'utf8');
      expect(() => readLines(text)).not.toThrow();
      expect(readLines(text).some((l) => l.type === 'Point' && l.metric === 'rehearsal_journey')).toBe(false);
    } finally {
      await srv.close();
    }
  });

  it('classifies requests to a portal that died mid-run as errors with their cause, and finishes', async () => {
    const srv = await fixtureServer((_b, _req, res) => res.writeHead(201).end('{}'));
    const dir = await tmp();
    setTimeout(() => void srv.close(), 150);
    const r = await nodeEngine.run({
      scenario: scenario(),
      population: candidates(40, 10),
      populationSize: 40,
      target,
      baseUrl: srv.url,
      outDir: dir,
      seed: 1,
    });
    expect(r.manifest.status).toBe('completed');
    const lines = await samples(dir);
    const errors = lines.filter(
      (l) => l.type === 'Point' && l.metric === 'rehearsal_req' && l.data.tags.class === 'error',
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.every(
        (l) => l.data.tags.status === '0' && /ECONNREFUSED|ECONNRESET|UND_ERR/.test(l.data.tags.cause ?? ''),
      ),
    ).toBe(true);
    const o = outcomes(lines);
    expect((o.accepted ?? 0) + (o.error ?? 0)).toBe(40);
    expect(o.error).toBeGreaterThan(0);
  });

  it('refuses a non-loopback target unless the host is explicitly allowed', async () => {
    const dir = await tmp();
    const opts = {
      scenario: scenario(),
      population: candidates(1, 0),
      populationSize: 1,
      target,
      baseUrl: 'http://portal.example.org',
      outDir: dir,
      seed: 1,
    };
    await expect(nodeEngine.run(opts)).rejects.toThrow(/not a loopback address; pass --allow-host portal.example.org/);
  });
});

describe('--http-samples summary', () => {
  it('writes per-second HDR aggregates whose counts equal the requests sent, and no per-request points', async () => {
    const hdr = await import('hdr-histogram-js');
    const srv = await fixtureServer((body, _req, res) => res.writeHead(Number(body.seq) % 2 ? 409 : 201).end('{}'));
    const dir = await tmp();
    try {
      await nodeEngine.run({
        scenario: scenario(),
        population: candidates(60, 20),
        populationSize: 60,
        target,
        baseUrl: srv.url,
        outDir: dir,
        seed: 1,
        httpSamples: 'summary',
      });
      const lines = await samples(dir);
      expect(
        lines.some((l) => l.type === 'Point' && (l.metric === 'rehearsal_req' || l.metric === 'http_req_duration')),
      ).toBe(false);
      const agg = lines.filter((l) => l.type === 'Point' && l.metric === 'rehearsal_req_agg');
      const byClass: Record<string, number> = {};
      for (const l of agg) {
        const h = hdr.decodeFromCompressedBase64(l.data.tags.hdr as string);
        expect(h.totalCount).toBe(l.data.value);
        byClass[l.data.tags.class as string] = (byClass[l.data.tags.class as string] ?? 0) + l.data.value;
      }
      expect(byClass).toEqual({ ok: 30, quota_full: 30 });
      expect(srv.requests).toBe(60);
      expect(outcomes(lines)).toEqual({ accepted: 30, quota_full: 30 });
    } finally {
      await srv.close();
    }
  });
});

describe('--workers', () => {
  it('splits the generated population between threads with nobody run twice, into one run', async () => {
    const { loadScenario } = await import('../../../src/scenario/load.js');
    const sc = await loadScenario('launch-day', { scale: 60 / 11_200, timeScale: 7200 });
    const srv = await fixtureServer((body, _req, res) =>
      res.writeHead(201).end(JSON.stringify({ token: 't', accountId: String(body.candidateId ?? '') })),
    );
    const dir = await tmp();
    try {
      const t = {
        name: 'fixture',
        operations: {
          createAccount: { method: 'POST' as const, path: '/a', json: { candidateId: '{{candidate.id}}' } },
          submitApplication: { method: 'POST' as const, path: '/b' },
        },
      };
      const { generatePopulation } = await import('../../../src/population/generate.js');
      const r = await nodeEngine.run({
        scenario: sc,
        population: generatePopulation(sc, 3),
        populationSize: sc.population,
        target: t,
        baseUrl: srv.url,
        outDir: dir,
        seed: 3,
        workers: 2,
      });
      expect(r.manifest.engine.workers).toBe(2);
      expect(r.manifest.samples).toHaveLength(2);
      const all = (await Promise.all(r.samples.map((f) => readFile(f, 'utf8')))).join('');
      const ids = readLines(all)
        .filter((l) => l.type === 'Point' && l.metric === 'rehearsal_journey')
        .map((l) => l.data.tags.candidate);
      expect(ids).toHaveLength(sc.population);
      expect(new Set(ids).size).toBe(sc.population);
      expect(srv.requests).toBe(2 * sc.population);
    } finally {
      await srv.close();
    }
  });
});

describe('timeouts', () => {
  it('classifies a response slower than the operation timeout as an error caused by timeout', async () => {
    const srv = await fixtureServer((_b, _req, res) => setTimeout(() => res.writeHead(201).end('{}'), 1500));
    const dir = await tmp();
    try {
      const slow = {
        ...target,
        operations: { submitApplication: { ...target.operations.submitApplication!, timeoutMs: 200 } },
      };
      await nodeEngine.run({
        scenario: scenario(),
        population: candidates(3, 0),
        populationSize: 3,
        target: slow,
        baseUrl: srv.url,
        outDir: dir,
        seed: 1,
      });
      const reqs = (await samples(dir)).filter((l) => l.type === 'Point' && l.metric === 'rehearsal_req');
      expect(reqs).toHaveLength(3);
      expect(
        reqs.every(
          (l) => l.data.tags.class === 'error' && l.data.tags.cause === 'timeout' && l.data.tags.status === '0',
        ),
      ).toBe(true);
    } finally {
      await srv.close();
    }
  });
});
