/**
 * The operation generator (src/target/operation.ts) driven with scripted answers: which
 * requests an operation sends, in what order, with which captured values, how redirects
 * are followed or answered, and which class the operation gets. No network.
 */
import { describe, expect, it } from 'vitest';
import { runOperation, type Answer, type OperationResult } from '../../src/target/operation.js';
import { resolveLocation } from '../../src/target/redirect.js';
import type { BuiltRequest, OperationSpec, TargetFile, TargetResponse } from '../../src/target/types.js';
import { HostRefused } from '../../src/util/loopback.js';

const BASE = 'http://127.0.0.1:8080';
const res = (status: number, headers: TargetResponse['headers'] = {}, body = ''): TargetResponse => ({
  status,
  headers,
  body,
});

/** Drives the generator: `answer` is called for each request it yields. */
function drive(
  target: TargetFile,
  answer: (req: BuiltRequest, i: number) => Answer,
  vars: Record<string, string> = {},
  readOnly = false,
): { sent: BuiltRequest[]; out: OperationResult } {
  const gen = runOperation({
    target,
    op: 'createAccount',
    baseUrl: BASE,
    ctx: { candidate: { email: 'a@b.test' }, vars },
    allowHosts: [],
    readOnly,
  });
  const sent: BuiltRequest[] = [];
  let step = gen.next();
  while (!step.done) {
    sent.push(step.value);
    step = gen.next(answer(step.value, sent.length - 1));
  }
  return { sent, out: step.value };
}

const target = (op: OperationSpec, extra: Partial<TargetFile> = {}): TargetFile => ({
  name: 't',
  operations: { createAccount: op },
  ...extra,
});

const formFlow: OperationSpec = {
  requests: [
    { method: 'GET', path: '/register', capture: { csrf: { from: 'body', regex: 'value="(\\w+)"' } } },
    {
      method: 'POST',
      path: '/register',
      form: { csrf_token: '{{vars.csrf}}', email: '{{candidate.email}}' },
      capture: { id: { from: 'header', name: 'location', regex: '^/dossier/(\\w+)$' } },
    },
  ],
  classify: [{ class: 'throttled', status: 302, header: { name: 'location', match: '^/maintenance' } }],
};

describe('an operation of several requests', () => {
  it('sends them in order, each using what the ones before it captured, and returns every capture', () => {
    const { sent, out } = drive(target(formFlow), (_r, i) =>
      i === 0
        ? { res: res(200, {}, '<input name="csrf_token" value="t0k3n">') }
        : { res: res(302, { location: '/dossier/D42' }) },
    );
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE}/register`, `POST ${BASE}/register`]);
    expect(sent[1]?.body).toBe('csrf_token=t0k3n&email=a%40b.test');
    expect(out).toMatchObject({ class: 'ok', status: 302, captures: { csrf: 't0k3n', id: 'D42' } });
    expect(out.requests.map((r) => [r.index, r.hop, r.class])).toEqual([
      [0, 0, 'ok'],
      [1, 0, 'ok'],
    ]);
  });

  it('stops at the first request that is not ok and takes its class (the sequence rules apply to each)', () => {
    const { sent, out } = drive(target(formFlow), () => ({
      res: res(302, { location: '/maintenance', 'retry-after': '2' }),
    }));
    expect(sent).toHaveLength(1);
    expect(out).toMatchObject({ class: 'throttled', status: 302, retryAfterMs: 2000, captures: {} });
  });

  it('takes the class of the last request when all before it are ok', () => {
    const { out } = drive(target(formFlow), (_r, i) =>
      i === 0 ? { res: res(200, {}, 'value="x"') } : { res: res(403) },
    );
    expect(out.class).toBe('invalid');
    expect(out.captures).toEqual({ csrf: 'x' });
  });

  it('reports no answer as error with its cause', () => {
    const { out } = drive(target(formFlow), () => ({ res: res(0), cause: 'ECONNREFUSED' }));
    expect(out).toMatchObject({ class: 'error', status: 0, cause: 'ECONNREFUSED' });
  });
});

describe('redirects', () => {
  const post: OperationSpec = {
    method: 'POST',
    path: '/apply',
    json: { a: 1 },
    headers: { authorization: 'Bearer s' },
  };

  it('are answers by default: the 302 is classified and captured, nothing more is sent', () => {
    const { sent, out } = drive(target(post), () => ({ res: res(302, { location: '/done' }) }));
    expect(sent).toHaveLength(1);
    expect(out).toMatchObject({ class: 'ok', status: 302 });
  });

  it('are followed when the file says so: 303 and 302 after a POST become a GET without a body', () => {
    for (const status of [302, 303]) {
      const { sent, out } = drive(target(post, { followRedirects: true }), (_r, i) =>
        i === 0 ? { res: res(status, { location: '/done?x=1' }) } : { res: res(200, {}, 'ok') },
      );
      expect(sent.map((r) => `${r.method} ${r.url} ${r.body ?? '-'}`)).toEqual([
        `POST ${BASE}/apply {"a":1}`,
        `GET ${BASE}/done?x=1 -`,
      ]);
      expect(sent[1]?.headers['content-type']).toBeUndefined();
      expect(sent[1]?.headers.authorization).toBe('Bearer s');
      expect(out).toMatchObject({ class: 'ok', status: 200 });
      expect(out.requests.map((r) => [r.hop, r.class ?? 'followed'])).toEqual([
        [0, 'followed'],
        [1, 'ok'],
      ]);
    }
  });

  it('307 and 308 repeat the method and body; another origin loses the credentials the file set', () => {
    const { sent } = drive(target({ ...post, followRedirects: true }), (_r, i) =>
      i === 0 ? { res: res(307, { location: 'http://localhost:9/again' }) } : { res: res(201) },
    );
    expect(sent[1]).toMatchObject({ method: 'POST', url: 'http://localhost:9/again', body: '{"a":1}' });
    expect(sent[1]?.headers.authorization).toBeUndefined();
  });

  it('the operation setting overrides the file, and the request setting overrides both', () => {
    const seq = (follow?: boolean): OperationSpec => ({
      requests: [{ ...post, ...(follow === undefined ? {} : { followRedirects: follow }) }],
      followRedirects: true,
    });
    const hops = (spec: OperationSpec, file?: boolean) =>
      drive(target(spec, file === undefined ? {} : { followRedirects: file }), (_r, i) => ({
        res: i === 0 ? res(302, { location: '/x' }) : res(200),
      })).sent.length;
    expect(hops(seq(), false)).toBe(2);
    expect(hops(seq(false), true)).toBe(1);
  });

  it('are built from the request as built, not as the engine changed it; readOnly (k6) yields the same requests uncopied', () => {
    const flow = target({ ...post, followRedirects: true });
    const answer = (r: BuiltRequest, i: number): Answer => {
      r.headers.cookie = 'sid=1'; // what the node engine does with its cookie jar
      return i === 0 ? { res: res(307, { location: '/again' }) } : { res: res(200) };
    };
    const copied = drive(flow, answer);
    expect(copied.sent[1]?.url).toBe(`${BASE}/again`);
    expect(copied.out.requests.map((r) => r.req.headers.cookie)).toEqual([undefined, undefined]);
    // An engine that changes nothing gets the same requests either way, and readOnly hands it the very objects recorded.
    const asIs = (_r: BuiltRequest, i: number): Answer =>
      i === 0 ? { res: res(307, { location: '/again' }) } : { res: res(200) };
    const a = drive(flow, asIs);
    const b = drive(flow, asIs, {}, true);
    expect(b.sent).toEqual(a.sent);
    expect(b.out).toEqual(a.out);
    expect(b.sent[0]).toBe(b.out.requests[0]?.req);
    expect(a.sent[0]).not.toBe(a.out.requests[0]?.req);
  });

  it('stop after ten hops with an error', () => {
    const { sent, out } = drive(target(post, { followRedirects: true }), () => ({
      res: res(302, { location: '/loop' }),
    }));
    expect(sent).toHaveLength(11);
    expect(out).toMatchObject({ class: 'error', cause: 'too_many_redirects' });
  });

  it('to a host nobody allowed are refused before the hop is yielded', () => {
    const gen = runOperation({
      target: target(post, { followRedirects: true }),
      op: 'createAccount',
      baseUrl: BASE,
      ctx: {},
      allowHosts: [],
    });
    expect(gen.next().done).toBe(false);
    expect(() => gen.next({ res: res(302, { location: 'http://192.0.2.1/x' }) })).toThrow(
      new HostRefused(
        `refused to send to http://192.0.2.1/x (redirect from ${BASE}/apply): 192.0.2.1 is not a loopback address; pass --allow-host 192.0.2.1 if you own it and mean to load it`,
      ),
    );
  });

  it('resolve Location as WHATWG URL does for the usual forms', () => {
    const base = 'http://127.0.0.1:8080/a/b/c?q=1';
    for (const loc of ['/x', 'x', '../x', './x/', '?y=2', '//localhost/z', 'http://[::1]:9/w', '/a/./b/../x', '']) {
      expect(resolveLocation(base, loc), loc).toBe(new URL(loc, base).href.replace(/#.*$/, ''));
    }
  });
});

describe('captures compose a source and a regex', () => {
  const r = res(
    201,
    { location: '/dossier/D7', 'set-cookie': ['sid=abc.123; Path=/', 'x=1'], 'x-pos': '12 of 40' },
    '{"a":{"b":"id-99"}}',
  );
  const cap = (capture: NonNullable<import('../../src/target/types.js').RequestSpec['capture']>) =>
    drive(target({ method: 'GET', path: '/', capture }), () => ({ res: r })).out.captures;

  it('header, cookie, json, status and body, each with or without a regex', () => {
    expect(
      cap({
        loc: { from: 'header', name: 'Location' },
        id: { from: 'header', name: 'location', regex: '/dossier/(\\w+)' },
        sid: { from: 'cookie', name: 'sid', regex: '^(\\w+)\\.' },
        num: { from: 'json', pointer: '/a/b', regex: '\\d+' },
        st: { from: 'status' },
        pos: { from: 'header', name: 'x-pos', regex: '(\\d+) of (\\d+)', group: 2 },
        whole: { from: 'body' },
        legacy: { from: 'regex', pattern: '"b":"([^"]+)"' },
      }),
    ).toEqual({
      loc: '/dossier/D7',
      id: 'D7',
      sid: 'abc',
      num: '99',
      st: '201',
      pos: '40',
      whole: '{"a":{"b":"id-99"}}',
      legacy: 'id-99',
    });
  });

  it('captures nothing when the regex does not match', () => {
    expect(
      cap({
        id: { from: 'header', name: 'location', regex: '^/file/(\\w+)' },
        none: { from: 'header', name: 'absent' },
      }),
    ).toEqual({});
  });
});

describe('edges of an operation', () => {
  it('a queued answer keeps its captures and its Retry-After and ends the sequence; a throttled one captures nothing', () => {
    const queue: OperationSpec = {
      requests: [
        {
          method: 'POST',
          path: '/queue',
          capture: { token: { from: 'json', pointer: '/token' } },
          classify: [{ class: 'queued', status: 202 }],
        },
        { method: 'POST', path: '/apply' },
      ],
    };
    const queued = drive(target(queue), () => ({ res: res(202, { 'retry-after': '3' }, '{"token":"q1"}') }));
    expect(queued.sent).toHaveLength(1);
    expect(queued.out).toMatchObject({ class: 'queued', status: 202, retryAfterMs: 3000, captures: { token: 'q1' } });
    expect(queued.out.requests[0]?.captured).toEqual({ token: 'q1' });
    const throttled = drive(target(queue), () => ({ res: res(429, {}, '{"token":"no"}') }));
    expect(throttled.out).toMatchObject({ class: 'throttled', status: 429, captures: {} });
    expect(throttled.out.requests[0]?.captured).toEqual({});
    expect('retryAfterMs' in throttled.out).toBe(false);
  });

  it('no answer is an error whatever the rules say of an empty body', () => {
    const empty: OperationSpec = { method: 'POST', path: '/x', classify: [{ class: 'ok', body: '^$' }] };
    expect(drive(target(empty), () => ({ res: res(204) })).out.class).toBe('ok');
    const { out } = drive(target(empty), () => ({ res: res(0), cause: 'timeout' }));
    expect(out).toMatchObject({ class: 'error', status: 0, cause: 'timeout' });
    expect(out.requests).toHaveLength(1);
    expect(out.requests[0]).toMatchObject({ class: 'error', cause: 'timeout' });
  });

  it('a redirect without a Location is the answer even where redirects are followed', () => {
    const { sent, out } = drive(target({ method: 'GET', path: '/x', followRedirects: true }), () => ({
      res: res(302),
    }));
    expect(sent).toHaveLength(1);
    expect(out).toMatchObject({ class: 'ok', status: 302 });
    expect(out.requests.map((r) => [r.hop, r.class])).toEqual([[0, 'ok']]);
  });

  it('numbers the hops of a followed chain and classifies only where it ends', () => {
    const { sent, out } = drive(target({ method: 'GET', path: '/a', followRedirects: true }), (_r, i) =>
      i < 2 ? { res: res(301, { location: `/hop${i + 1}` }) } : { res: res(503, { 'retry-after': '1' }) },
    );
    expect(sent.map((r) => r.url)).toEqual([`${BASE}/a`, `${BASE}/hop1`, `${BASE}/hop2`]);
    expect(out.requests.map((r) => [r.index, r.hop, r.class ?? 'followed', r.res.status])).toEqual([
      [0, 0, 'followed', 301],
      [0, 1, 'followed', 301],
      [0, 2, 'throttled', 503],
    ]);
    expect(out).toMatchObject({ class: 'throttled', status: 503, retryAfterMs: 1000 });
  });
});
