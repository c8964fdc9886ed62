/**
 * `rehearse target check`'s walker, in process (so a mutation run sees it): one candidate
 * walked through a journey against a small loopback portal written here, each step's
 * request as the portal received it, its status, class, captures and wait, and the bounds
 * and failures a user meets when a target file maps the portal wrongly. The spawned CLI
 * runs (test/target/cli.test.ts) test the command around it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { JourneyDef, Operation } from '../../src/journey/types.js';
import type { TargetFile } from '../../src/target/types.js';
import { formatWalk, type WalkResult, type WalkStep, walkJourney } from '../../src/target/walk.js';

interface Seen {
  method: string;
  url: string;
  cookie?: string;
  uuid?: string;
  attempt?: string;
  contentType?: string;
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A loopback portal answering with `handle`, recording every request it received. */
async function portal(handle: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const h = req.headers;
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        ...(h.cookie ? { cookie: h.cookie } : {}),
        ...(h['x-uuid'] ? { uuid: String(h['x-uuid']) } : {}),
        ...(h['x-attempt'] ? { attempt: String(h['x-attempt']) } : {}),
        ...(h['content-type'] ? { contentType: h['content-type'] } : {}),
        body,
      });
      handle(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const candidate = { id: 'c1', email: 'c1@example.test' };
const journey = (...ops: Operation[]): JourneyDef => ({
  steps: ops.map((op) => ({ op })),
  success: 'accepted',
  retryOnError: false,
  timeScale: 1,
});

/** A step without its measured latency (checked on its own), every other field exactly. */
function fixed(s: WalkStep): Omit<WalkStep, 'latencyMs'> {
  const { latencyMs, ...rest } = s;
  expect(latencyMs).toBeGreaterThanOrEqual(0);
  return rest;
}

const FORM = `<form method="post"><input name="csrf" value="tok123"></form>${'<!-- padding -->'.repeat(20)}`;

describe('walkJourney against a loopback portal', () => {
  it('sends each request as mapped, follows the redirect it may, carries cookies, captures, and waits as told', async () => {
    let applications = 0;
    const p = await portal((req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { location: 'home', 'set-cookie': 'sid=abc; Path=/' }).end();
      } else if (req.url === '/home') {
        setTimeout(() => res.writeHead(200).end('welcome'), 30);
      } else if (req.url === '/form') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(FORM);
      } else if (req.url === '/accounts') {
        res.writeHead(303, { location: '/accounts/A7' }).end();
      } else if (req.url === '/apply/A7') {
        applications++;
        if (applications === 1) res.writeHead(429, { 'x-retry-after-ms': '20' }).end('slow down');
        else res.writeHead(201, { 'content-type': 'application/json' }).end('{"applicationId":"X1"}');
      } else res.writeHead(500).end();
    });
    const target: TargetFile = {
      name: 'walk-test',
      timeoutMs: 5000,
      headers: { 'x-uuid': '{{uuid}}', 'x-attempt': '{{attempt}}' },
      operations: {
        browse: { method: 'GET', path: '/start', followRedirects: true },
        createAccount: {
          requests: [
            {
              method: 'GET',
              path: '/form',
              capture: { csrf: { from: 'body', regex: 'name="csrf" value="(\\w+)"' } },
            },
            {
              method: 'POST',
              path: '/accounts',
              form: { csrf: '{{vars.csrf}}', email: '{{candidate.email}}' },
              capture: { account: { from: 'header', name: 'location', regex: '/accounts/(\\w+)' } },
            },
          ],
        },
        submitApplication: {
          method: 'POST',
          path: '/apply/{{vars.account}}',
          headers: { cookie: 'pref=fr' },
          json: { id: '{{candidate.id}}' },
          capture: { applicationId: { from: 'json', pointer: '/applicationId' } },
        },
      },
    };
    const began = performance.now();
    const w = await walkJourney({
      target,
      baseUrl: p.url,
      def: journey('browse', 'createAccount', 'submitApplication'),
      candidate,
    });
    const took = performance.now() - began;
    expect(w.outcome).toBe('accepted');
    // No step can have taken longer than the whole walk.
    for (const s of w.steps) expect(s.latencyMs).toBeLessThanOrEqual(took);

    // What the portal received: the journey's attempt number in {{uuid}} and {{attempt}}
    // (a redirect hop and the requests of one operation share it), the jar's cookie from
    // the first answer on every later request except where the target file sets its own.
    const u = p.url;
    expect(p.seen).toStrictEqual([
      { method: 'GET', url: '/start', uuid: 'c1-1', attempt: '1', body: '' },
      { method: 'GET', url: '/home', cookie: 'sid=abc', uuid: 'c1-1', attempt: '1', body: '' },
      { method: 'GET', url: '/form', cookie: 'sid=abc', uuid: 'c1-2', attempt: '2', body: '' },
      {
        method: 'POST',
        url: '/accounts',
        cookie: 'sid=abc',
        uuid: 'c1-2',
        attempt: '2',
        contentType: 'application/x-www-form-urlencoded',
        body: 'csrf=tok123&email=c1%40example.test',
      },
      {
        method: 'POST',
        url: '/apply/A7',
        cookie: 'pref=fr',
        uuid: 'c1-3',
        attempt: '3',
        contentType: 'application/json',
        body: '{"id":"c1"}',
      },
      {
        method: 'POST',
        url: '/apply/A7',
        cookie: 'pref=fr',
        uuid: 'c1-4',
        attempt: '4',
        contentType: 'application/json',
        body: '{"id":"c1"}',
      },
    ]);

    // What the walk reports of each: a followed redirect has no class; the 303 that
    // answers the form is the operation's (ok) answer, not followed; the 429's hint of
    // 20 ms (x-retry-after-ms) is the wait, jittered up to +20 % by the journey machine.
    const waited = w.steps[4]?.waitMs ?? -1;
    expect(Number.isInteger(waited)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(20);
    expect(waited).toBeLessThanOrEqual(24);
    expect(w.steps.map(fixed)).toStrictEqual([
      {
        op: 'browse',
        index: 0,
        of: 1,
        hop: 0,
        method: 'GET',
        url: `${u}/start`,
        status: 302,
        captured: {},
        location: 'home',
        bodyExcerpt: '',
      },
      {
        op: 'browse',
        index: 0,
        of: 1,
        hop: 1,
        method: 'GET',
        url: `${u}/home`,
        status: 200,
        class: 'ok',
        captured: {},
        bodyExcerpt: 'welcome',
      },
      {
        op: 'createAccount',
        index: 0,
        of: 2,
        hop: 0,
        method: 'GET',
        url: `${u}/form`,
        status: 200,
        class: 'ok',
        captured: { csrf: 'tok123' },
        bodyExcerpt: FORM.slice(0, 200),
      },
      {
        op: 'createAccount',
        index: 1,
        of: 2,
        hop: 0,
        method: 'POST',
        url: `${u}/accounts`,
        requestBody: 'csrf=tok123&email=c1%40example.test',
        status: 303,
        class: 'ok',
        captured: { account: 'A7' },
        location: '/accounts/A7',
        bodyExcerpt: '',
      },
      {
        op: 'submitApplication',
        index: 0,
        of: 1,
        hop: 0,
        method: 'POST',
        url: `${u}/apply/A7`,
        requestBody: '{"id":"c1"}',
        status: 429,
        class: 'throttled',
        captured: {},
        bodyExcerpt: 'slow down',
        waitMs: waited,
      },
      {
        op: 'submitApplication',
        index: 0,
        of: 1,
        hop: 0,
        method: 'POST',
        url: `${u}/apply/A7`,
        requestBody: '{"id":"c1"}',
        status: 201,
        class: 'ok',
        captured: { applicationId: 'X1' },
        bodyExcerpt: '{"applicationId":"X1"}',
      },
    ]);
    expect(FORM.length).toBeGreaterThan(200);
    // Each step's latency is its own request's: the /home hop waited 30 ms at the portal.
    expect(w.steps[1]?.latencyMs).toBeGreaterThanOrEqual(25);
  });

  it('reports a wrong mapping: the 404 is invalid, the walk ends there, and the printout shows its body', async () => {
    const p = await portal((_req, res) =>
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found",\n  "path":"/api/acounts"}'),
    );
    const target: TargetFile = {
      name: 'wrong',
      operations: {
        createAccount: { method: 'POST', path: '/api/acounts', json: { email: '{{candidate.email}}' } },
        submitApplication: { method: 'POST', path: '/api/applications' },
      },
    };
    const w = await walkJourney({
      target,
      baseUrl: p.url,
      def: journey('createAccount', 'submitApplication'),
      candidate,
    });
    expect(w.outcome).toBe('invalid');
    expect(p.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /api/acounts']);
    expect(w.steps.map(fixed)).toStrictEqual([
      {
        op: 'createAccount',
        index: 0,
        of: 1,
        hop: 0,
        method: 'POST',
        url: `${p.url}/api/acounts`,
        requestBody: '{"email":"c1@example.test"}',
        status: 404,
        class: 'invalid',
        captured: {},
        bodyExcerpt: '{"error":"not_found",\n  "path":"/api/acounts"}',
      },
    ]);
    const text = formatWalk(w).split('\n');
    expect(text[2]).toBe('    body: {"error":"not_found", "path":"/api/acounts"}');
    expect(text.at(-1)).toBe('outcome: invalid');
  });

  it('reports a portal that refuses the connection as status 0, error, with the cause', async () => {
    const p = await portal((_req, res) => res.end());
    const closed = servers.pop() as Server;
    await new Promise((r) => closed.close(r));
    const target: TargetFile = { name: 'gone', operations: { browse: { method: 'GET', path: '/' } } };
    const w = await walkJourney({ target, baseUrl: p.url, def: journey('browse'), candidate });
    expect(w.outcome).toBe('error');
    expect(w.steps.map(fixed)).toStrictEqual([
      {
        op: 'browse',
        index: 0,
        of: 1,
        hop: 0,
        method: 'GET',
        url: `${p.url}/`,
        status: 0,
        class: 'error',
        captured: {},
        cause: 'ECONNREFUSED',
        bodyExcerpt: '',
      },
    ]);
  });

  it("gives up on a request at the target's timeout, and says so", async () => {
    const p = await portal(() => {}); // never answers
    const target: TargetFile = {
      name: 'slow',
      timeoutMs: 100,
      operations: { browse: { method: 'GET', path: '/slow' } },
    };
    const w = await walkJourney({ target, baseUrl: p.url, def: journey('browse'), candidate });
    expect(w.outcome).toBe('error');
    expect(w.steps).toHaveLength(1);
    expect(w.steps[0]).toMatchObject({ status: 0, class: 'error', cause: 'timeout' });
    expect(w.steps[0]?.latencyMs).toBeGreaterThanOrEqual(90);
  });

  it('stops after 30 requests by default, and after maxRequests when given', async () => {
    const p = await portal((_req, res) => res.writeHead(503, { 'x-retry-after-ms': '1' }).end());
    const target: TargetFile = { name: 'busy', operations: { browse: { method: 'GET', path: '/' } } };
    const w = await walkJourney({ target, baseUrl: p.url, def: journey('browse'), candidate });
    expect(w.outcome).toBe('stopped');
    expect(w.steps).toHaveLength(30);
    expect(p.seen).toHaveLength(30);
    expect(w.steps.every((s) => s.class === 'throttled' && s.status === 503)).toBe(true);
    // Every throttled step but the last waited (the walk stops before the 31st request).
    expect(w.steps.filter((s) => s.waitMs !== undefined)).toHaveLength(30);
    const three = await walkJourney({ target, baseUrl: p.url, def: journey('browse'), candidate, maxRequests: 3 });
    expect(three.outcome).toBe('stopped');
    expect(three.steps).toHaveLength(3);
    expect(p.seen).toHaveLength(33);
  });

  it('stops before a wait that would pass its waiting budget, counting every wait against it', async () => {
    const p = await portal((_req, res) => res.writeHead(429, { 'x-retry-after-ms': '40' }).end());
    const target: TargetFile = { name: 'busy', operations: { browse: { method: 'GET', path: '/' } } };
    // Waits of 40–48 ms against 100 ms: two fit (80–96 ms), the third does not.
    const w = await walkJourney({ target, baseUrl: p.url, def: journey('browse'), candidate, maxWaitMs: 100 });
    expect(w.outcome).toBe('stopped');
    expect(w.steps).toHaveLength(3);
    for (const s of w.steps) {
      expect(s.waitMs).toBeGreaterThanOrEqual(40);
      expect(s.waitMs).toBeLessThanOrEqual(48);
    }
    // The default budget is 20 s: a 25 s Retry-After stops the walk at once, without waiting.
    const long = await portal((_req, res) => res.writeHead(503, { 'retry-after': '25' }).end());
    const began = performance.now();
    const stopped = await walkJourney({ target, baseUrl: long.url, def: journey('browse'), candidate });
    expect(stopped.outcome).toBe('stopped');
    expect(stopped.steps).toHaveLength(1);
    expect(stopped.steps[0]?.waitMs).toBeGreaterThanOrEqual(25_000);
    expect(stopped.steps[0]?.waitMs).toBeLessThanOrEqual(30_000);
    expect(performance.now() - began).toBeLessThan(25_000);
  });

  it('sends to a host the user allowed, and refuses it otherwise', async () => {
    // "127.1" is 127.0.0.1 to every resolver (inet_aton's shorthand) but not to the
    // loopback rule's pattern: a host that needs --allow-host, yet load stays on loopback.
    const p = await portal((_req, res) => res.writeHead(200).end('hi'));
    const port = new URL(p.url).port;
    const target: TargetFile = { name: 'allowed', operations: { browse: { method: 'GET', path: '/' } } };
    const baseUrl = `http://127.1:${port}`;
    await expect(walkJourney({ target, baseUrl, def: journey('browse'), candidate })).rejects.toThrow(
      /refused to send to http:\/\/127\.1:\d+\/ \(operations\.browse\.path\): 127\.1 is not a loopback address/,
    );
    expect(p.seen).toHaveLength(0);
    const w = await walkJourney({ target, baseUrl, allowHosts: ['127.1'], def: journey('browse'), candidate });
    expect(w.outcome).toBe('accepted');
    expect(w.steps.map((s) => [s.url, s.status, s.class])).toEqual([[`${baseUrl}/`, 200, 'ok']]);
    expect(p.seen).toHaveLength(1);
  });

  it('refuses a portal off loopback before sending anything', async () => {
    const target: TargetFile = { name: 'far', operations: { browse: { method: 'GET', path: '/' } } };
    await expect(
      walkJourney({ target, baseUrl: 'http://192.0.2.1', def: journey('browse'), candidate }),
    ).rejects.toThrow(/refused to send to http:\/\/192\.0\.2\.1\/ \(operations\.browse\.path\)/);
  });
});

describe('formatWalk', () => {
  const step = (s: Partial<WalkStep>): WalkStep => ({
    op: 'browse',
    index: 0,
    of: 1,
    hop: 0,
    method: 'GET',
    url: 'http://127.0.0.1:8080/',
    status: 200,
    latencyMs: 0,
    captured: {},
    bodyExcerpt: '',
    ...s,
  });

  it('prints each step on two lines (three with the body of a failure), then the outcome', () => {
    const w: WalkResult = {
      outcome: 'gave_up',
      steps: [
        step({ status: 302, latencyMs: 3.4, location: '/home', bodyExcerpt: 'moved' }),
        step({
          op: 'createAccount',
          index: 1,
          of: 2,
          hop: 1,
          method: 'POST',
          url: 'http://127.0.0.1:8080/accounts',
          class: 'ok',
          latencyMs: 12.5,
          captured: { csrf: 'x'.repeat(61), name: 'a"b' },
          waitMs: 20,
          bodyExcerpt: 'fine',
        }),
        step({ status: 0, class: 'error', cause: 'ECONNREFUSED', latencyMs: 0.4 }),
        step({ status: 404, class: 'invalid', latencyMs: 7, bodyExcerpt: 'not\n\t found' }),
        step({ status: 202, class: 'queued', bodyExcerpt: 'in line' }),
        step({ status: 503, class: 'throttled', bodyExcerpt: 'busy', captured: { t: 'x'.repeat(60) } }),
      ],
    };
    const x57 = 'x'.repeat(57);
    expect(formatWalk(w)).toBe(
      [
        ' 1. browse                 GET    http://127.0.0.1:8080/',
        '    → 302 redirect followed in 3 ms, location /home',
        ' 2. createAccount [2/2] (redirect 1) POST   http://127.0.0.1:8080/accounts',
        `    → 200 ok in 13 ms; captured csrf="${x57}...", name="a\\"b"; waits 20 ms`,
        ' 3. browse                 GET    http://127.0.0.1:8080/',
        '    → --- error (ECONNREFUSED) in 0 ms',
        ' 4. browse                 GET    http://127.0.0.1:8080/',
        '    → 404 invalid in 7 ms',
        '    body: not found',
        ' 5. browse                 GET    http://127.0.0.1:8080/',
        '    → 202 queued in 0 ms',
        ' 6. browse                 GET    http://127.0.0.1:8080/',
        `    → 503 throttled in 0 ms; captured t="${'x'.repeat(60)}"`,
        '    body: busy',
        'outcome: gave_up',
      ].join('\n'),
    );
  });

  it('numbers steps past nine in the same column', () => {
    const w: WalkResult = { outcome: 'stopped', steps: Array.from({ length: 10 }, () => step({ class: 'ok' })) };
    const lines = formatWalk(w).split('\n');
    expect(lines[0]?.slice(0, 4)).toBe(' 1. ');
    expect(lines[18]?.slice(0, 4)).toBe('10. ');
    expect(lines).toHaveLength(21);
  });
});
