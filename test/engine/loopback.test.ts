/**
 * The loopback rule holds for every request, not only for --base-url: an absolute URL in
 * a target file, a path built from a captured value and (see redirects.test.ts) a redirect
 * hop are refused before anything is sent, in the node engine, in the k6 bundle and in
 * the `target check` walk. 192.0.2.1 (TEST-NET-1, RFC 5737) appears here only as a string
 * that must be refused: the k6 shim and the node HTTP client each refuse it too.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { haveK6, k6Label } from './k6/have-k6.js';
import { exportK6 } from '../../src/engine/k6/export.js';
import { k6Engine } from '../../src/engine/k6/index.js';
import { HttpClient } from '../../src/engine/node/http.js';
import { nodeEngine } from '../../src/engine/node/index.js';
import { walkJourney } from '../../src/target/walk.js';
import type { TargetFile } from '../../src/target/types.js';
import { assertAllowedRequest, HostRefused, hostOf } from '../../src/util/loopback.js';
import { runBundle } from './k6/shim/run-bundle.js';
import { candidates, fixtureServer, scenario } from './node/fixtures.js';

const FAR = 'http://192.0.2.1:8080';
const k6 = haveK6();
if (!k6) console.log('loopback: the real-k6 case is skipped: no k6 on PATH and K6_BIN unset');
const tmp = () => mkdtemp(join(tmpdir(), 'loopback-'));

/** createAccount answers with where to apply: a captured value that names a far host. */
const captured: TargetFile = {
  name: 'captured-host',
  operations: {
    createAccount: {
      method: 'POST',
      path: '/accounts',
      json: {},
      capture: { next: { from: 'json', pointer: '/next' } },
    },
    submitApplication: { method: 'POST', path: '{{vars.next}}', json: {} },
  },
};
const journey = {
  steps: [{ op: 'createAccount' as const }, { op: 'submitApplication' as const }],
  success: 'accepted' as const,
  retryOnError: false,
};

async function server() {
  return fixtureServer((_b, req, res) => {
    res
      .writeHead(201, { 'content-type': 'application/json' })
      .end(JSON.stringify({ next: `${FAR}/apply`, path: req.url }));
  });
}

describe('the host of a request URL', () => {
  it('is what WHATWG URL (undici) says for ordinary URLs', () => {
    for (const u of [
      'http://127.0.0.1:8080/x',
      'https://Portal.Example.test/a?b#c',
      'http://[::1]:3000/',
      'http://user:pw@127.0.0.1/x',
      'http://localhost',
    ]) {
      expect(hostOf(u)).toBe(new URL(u).hostname.toLowerCase());
    }
  });

  it('is refused when parsers could disagree about it, or when it is not loopback', () => {
    // WHATWG reads "\" as "/": this goes to 192.0.2.1, though the text after "@" says loopback.
    expect(new URL('http://192.0.2.1\\@127.0.0.1/').hostname).toBe('192.0.2.1');
    for (const u of [
      `${FAR}/x`,
      'http://192.0.2.1\\@127.0.0.1/',
      'http://127.0.0.1@192.0.2.1/',
      'http://a@b@127.0.0.1/',
      'ftp://127.0.0.1/',
      '/relative',
    ]) {
      expect(() => assertAllowedRequest(u, [], 'test'), u).toThrow(HostRefused);
    }
    expect(() => assertAllowedRequest(`${FAR}/x`, ['192.0.2.1'], 'test')).not.toThrow();
    expect(() => assertAllowedRequest('http://127.0.0.1:1/x', [], 'test')).not.toThrow();
  });

  it('is still checked in full after an allowed origin was remembered (the fast path is the origin and its slash)', () => {
    const allow = ['portal.example.test'];
    for (const u of ['http://portal.example.test/a', 'http://127.0.0.1:1/x', 'http://127.0.0.1:1/y?z']) {
      expect(() => assertAllowedRequest(u, allow, 'test'), u).not.toThrow();
    }
    // Each starts with the text of an allowed origin, but its authority goes on elsewhere.
    for (const u of [
      'http://portal.example.test.evil.test/a',
      'http://portal.example.test@192.0.2.1/a',
      'http://portal.example.test:80@192.0.2.1/a',
      'http://127.0.0.1:1@192.0.2.1/x',
    ]) {
      expect(() => assertAllowedRequest(u, allow, 'test'), u).toThrow(HostRefused);
    }
    // Another list of allowed hosts remembers nothing of this one's.
    expect(() => assertAllowedRequest('http://portal.example.test/a', [], 'test')).toThrow(HostRefused);
  });

  it('is checked by the node HTTP client itself, before it sends', async () => {
    const http = new HttpClient();
    await expect(http.send({ method: 'GET', url: `${FAR}/x`, headers: {}, timeoutMs: 100 })).rejects.toThrow(
      /refused to send to http:\/\/192\.0\.2\.1:8080\/ .*--allow-host 192\.0\.2\.1/,
    );
    await http.close();
  });
});

describe('a request to a host nobody allowed', () => {
  it('node engine: an absolute URL in the target file is refused before the run starts', async () => {
    const target: TargetFile = {
      name: 'absolute',
      operations: { submitApplication: { method: 'POST', path: `${FAR}/x`, json: {} } },
    };
    const srv = await server();
    const dir = await tmp();
    try {
      const err = await nodeEngine
        .run({
          scenario: scenario(),
          population: candidates(3, 5),
          populationSize: 3,
          target,
          baseUrl: srv.url,
          outDir: dir,
          seed: 1,
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HostRefused);
      expect((err as Error).message).toBe(
        'refused to send to http://192.0.2.1:8080/x (operations.submitApplication.path): 192.0.2.1 is not a loopback address; pass --allow-host 192.0.2.1 if you own it and mean to load it',
      );
      expect(srv.requests).toBe(0);
    } finally {
      await srv.close();
    }
  });

  it('node engine: a path built from a captured value stops the run, exit 2, manifest failed', async () => {
    const srv = await server();
    const dir = await tmp();
    try {
      const err = await nodeEngine
        .run({
          scenario: scenario({ journey }),
          population: candidates(3, 5),
          populationSize: 3,
          target: captured,
          baseUrl: srv.url,
          outDir: dir,
          seed: 1,
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HostRefused);
      expect((err as HostRefused).exitCode).toBe(2);
      expect((err as Error).message).toMatch(
        /^refused to send to http:\/\/192\.0\.2\.1:8080\/apply \(operations\.submitApplication\.path\): /,
      );
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
        status: string;
        notes: string[];
      };
      expect(manifest.status).toBe('failed');
      expect(manifest.notes.some((n) => n.startsWith('refused to send to http://192.0.2.1'))).toBe(true);
      // Only the account requests reached the (loopback) portal.
      expect(srv.requests).toBeGreaterThan(0);
      expect(srv.requests).toBeLessThanOrEqual(3);
    } finally {
      await srv.close();
    }
  });

  it('node engine with two workers: the same one-line refusal', async () => {
    const srv = await server();
    const dir = await tmp();
    try {
      // Workers generate the population from the scenario, so it needs a persona.
      const sc = scenario({
        journey,
        population: 4,
        personas: [{ name: 'p', share: 1, patienceMin: [0.05, 0.05], retry: 'fixed', retryBaseSec: 0.02, thinkSec: 0 }],
      });
      const err = await nodeEngine
        .run({
          scenario: sc,
          population: candidates(4, 5),
          populationSize: 4,
          target: captured,
          baseUrl: srv.url,
          outDir: dir,
          seed: 1,
          workers: 2,
        })
        .catch((e: unknown) => e);
      expect((err as HostRefused).exitCode).toBe(2);
      expect((err as Error).message).toMatch(/^refused to send to http:\/\/192\.0\.2\.1:8080\/apply/);
    } finally {
      await srv.close();
    }
  });

  it('k6 bundle: the driver aborts the test instead of sending', async () => {
    const srv = await server();
    const dir = await tmp();
    try {
      const sc = scenario({ journey, population: 2 });
      await exportK6({
        outDir: dir,
        scenario: sc,
        target: captured,
        baseUrl: srv.url,
        seed: 1,
        population: candidates(2, 5),
      });
      const run = await runBundle(join(dir, 'script.js'));
      expect(run.errors.length).toBeGreaterThan(0);
      // The driver's own refusal, not the shim's last-ditch one.
      for (const e of run.errors)
        expect(e).toMatch(
          /^Error: test aborted: refused to send to http:\/\/192\.0\.2\.1:8080\/apply \(operations\.submitApplication\.path\)/,
        );
    } finally {
      await srv.close();
    }
  });

  it.skipIf(!k6)(
    `k6 engine with real ${k6Label(k6)}: the abort becomes the same one-line refusal, exit 2, manifest failed`,
    async () => {
      const srv = await server();
      const dir = await tmp();
      try {
        const sc = scenario({ journey, population: 2 });
        const err = await k6Engine
          .run({
            scenario: sc,
            population: candidates(2, 5),
            populationSize: 2,
            target: captured,
            baseUrl: srv.url,
            outDir: dir,
            seed: 1,
          })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(HostRefused);
        expect((err as Error).message).toBe(
          'refused to send to http://192.0.2.1:8080/apply (operations.submitApplication.path): 192.0.2.1 is not a loopback address; pass --allow-host 192.0.2.1 if you own it and mean to load it',
        );
        expect(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ status: 'failed' });
      } finally {
        await srv.close();
      }
    },
  );

  it('target check walk: refused with the same line', async () => {
    const srv = await server();
    try {
      const err = await walkJourney({
        target: captured,
        baseUrl: srv.url,
        def: { ...journey, timeScale: 1 },
        candidate: { id: 'w1' },
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HostRefused);
      expect((err as Error).message).toMatch(/^refused to send to http:\/\/192\.0\.2\.1:8080\/apply/);
      expect(srv.requests).toBe(1);
    } finally {
      await srv.close();
    }
  });
});

describe('a redirect hop to a host nobody allowed, when redirects are followed', () => {
  // The portal answers the application with a redirect to a far host.
  const hop: TargetFile = {
    name: 'far-redirect',
    followRedirects: true,
    operations: { submitApplication: { method: 'POST', path: '/apply', json: {} } },
  };
  const farRedirect = () =>
    fixtureServer((_b, _req, res) => {
      res.writeHead(302, { location: `${FAR}/landing` }).end();
    });
  const refusal =
    /^refused to send to http:\/\/192\.0\.2\.1:8080\/landing \(redirect from http:\/\/127\.0\.0\.1:\d+\/apply\): 192\.0\.2\.1 is not a loopback address/;

  it('node engine: refused, exit 2', async () => {
    const srv = await farRedirect();
    const dir = await tmp();
    try {
      const err = await nodeEngine
        .run({
          scenario: scenario(),
          population: candidates(2, 5),
          populationSize: 2,
          target: hop,
          baseUrl: srv.url,
          outDir: dir,
          seed: 1,
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HostRefused);
      expect((err as Error).message).toMatch(refusal);
    } finally {
      await srv.close();
    }
  });

  it('k6 bundle: refused by the driver (k6 itself is told not to follow: redirects 0)', async () => {
    const srv = await farRedirect();
    const dir = await tmp();
    try {
      await exportK6({
        outDir: dir,
        scenario: scenario({ population: 2 }),
        target: hop,
        baseUrl: srv.url,
        seed: 1,
        population: candidates(2, 5),
      });
      expect(await readFile(join(dir, 'script.js'), 'utf8')).toMatch(/redirects: 0/);
      const run = await runBundle(join(dir, 'script.js'));
      expect(run.errors.length).toBeGreaterThan(0);
      for (const e of run.errors) expect(e.replace(/^Error: test aborted: /, '')).toMatch(refusal);
    } finally {
      await srv.close();
    }
  });

  it('target check walk: refused', async () => {
    const srv = await farRedirect();
    try {
      const def = {
        steps: [{ op: 'submitApplication' as const }],
        success: 'accepted' as const,
        retryOnError: false,
        timeScale: 1,
      };
      const err = await walkJourney({ target: hop, baseUrl: srv.url, def, candidate: { id: 'w2' } }).catch(
        (e: unknown) => e,
      );
      expect((err as Error).message).toMatch(refusal);
    } finally {
      await srv.close();
    }
  });
});
