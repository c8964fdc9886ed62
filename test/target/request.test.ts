/**
 * The request builder (src/target/request.ts), pure: the URL a path and query make, the
 * headers and body a request carries, the timeout it gets, which values templates see,
 * and the errors a caller gets for an operation the target does not map.
 */
import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  buildSpecRequest,
  DEFAULT_TIMEOUT_MS,
  operationSpec,
  requestsOf,
  requestWhere,
} from '../../src/target/request.js';
import type { RequestSpec, TargetFile } from '../../src/target/types.js';

const BASE = 'http://127.0.0.1:8080';
const ctx = { candidate: { id: 'c1', email: 'a+b@x.test', age: 31 }, vars: { token: 't0' } };
const target = (o: Partial<TargetFile> = {}): TargetFile => ({ name: 't', operations: {}, ...o });
const build = (spec: Partial<RequestSpec>, t: TargetFile = target(), base = BASE, c: Record<string, unknown> = ctx) =>
  buildSpecRequest(t, { method: 'GET', path: '/', ...spec }, base, c);

describe('buildSpecRequest', () => {
  it('joins the base URL and the path with exactly one slash, and keeps an absolute path as it is', () => {
    const url = (path: string, base = BASE) => build({ path }, target(), base).url;
    expect(url('/a')).toBe(`${BASE}/a`);
    expect(url('a')).toBe(`${BASE}/a`);
    expect(url('/a', `${BASE}/`)).toBe(`${BASE}/a`);
    expect(url('a', `${BASE}/`)).toBe(`${BASE}/a`);
    expect(url('/a', `${BASE}/v1/`)).toBe(`${BASE}/v1/a`);
    expect(url('/u/{{candidate.id}}')).toBe(`${BASE}/u/c1`);
    expect(url('http://localhost:9/x')).toBe('http://localhost:9/x');
    expect(url('HTTPS://localhost/x')).toBe('HTTPS://localhost/x');
    // Only http(s) counts as absolute: anything else is a path under the base.
    expect(url('ftp://localhost/x')).toBe(`${BASE}/ftp://localhost/x`);
    expect(url('xhttp://localhost/x')).toBe(`${BASE}/xhttp://localhost/x`);
  });

  it('encodes the query, templated, after the path (with & when the path has one)', () => {
    expect(build({ path: '/s', query: { 'e mail': '{{candidate.email}}', n: '{{candidate.age}}' } }).url).toBe(
      `${BASE}/s?e%20mail=a%2Bb%40x.test&n=31`,
    );
    expect(build({ path: '/s?x=1', query: { y: '2' } }).url).toBe(`${BASE}/s?x=1&y=2`);
    expect(build({ path: '/s', query: {} }).url).toBe(`${BASE}/s`);
  });

  it("lower-cases header names, the request's own winning over the file's, each templated", () => {
    const t = target({ headers: { 'X-Token': '{{vars.token}}', Accept: 'text/html' } });
    expect(build({ headers: { accept: 'application/json', 'X-Id': '{{candidate.id}}' } }, t).headers).toStrictEqual({
      'x-token': 't0',
      accept: 'application/json',
      'x-id': 'c1',
    });
    expect(build({}).headers).toStrictEqual({});
  });

  it('sends JSON (a lone placeholder keeps its type) or a form, each with its content type unless one is set', () => {
    expect(build({ method: 'POST', json: { e: '{{candidate.email}}', n: '{{candidate.age}}' } })).toStrictEqual({
      method: 'POST',
      url: `${BASE}/`,
      headers: { 'content-type': 'application/json' },
      body: '{"e":"a+b@x.test","n":31}',
      timeoutMs: DEFAULT_TIMEOUT_MS,
    });
    expect(build({ json: 0 }).body).toBe('0');
    expect(build({ json: [], headers: { 'Content-Type': 'application/vnd.x+json' } }).headers).toStrictEqual({
      'content-type': 'application/vnd.x+json',
    });
    expect(build({ form: { 'e mail': '{{candidate.email}}', n: '{{candidate.age}}' } })).toMatchObject({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'e%20mail=a%2Bb%40x.test&n=31',
    });
    expect(build({ form: {}, headers: { 'content-type': 'text/plain' } })).toMatchObject({
      headers: { 'content-type': 'text/plain' },
      body: '',
    });
    expect('body' in build({})).toBe(false);
  });

  it("takes the request's timeout, else the file's, else 10 s", () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(10_000);
    expect(build({ timeoutMs: 5 }, target({ timeoutMs: 7 })).timeoutMs).toBe(5);
    expect(build({}, target({ timeoutMs: 7 })).timeoutMs).toBe(7);
    expect(build({}).timeoutMs).toBe(10_000);
  });

  it("uses the file's variables as defaults that captured values override", () => {
    const t = target({ variables: { token: 'default', other: 'o' } });
    expect(build({ path: '/{{vars.token}}/{{vars.other}}' }, t).url).toBe(`${BASE}/t0/o`);
    expect(build({ path: '/{{vars.token}}' }, t, BASE, { candidate: {} }).url).toBe(`${BASE}/default`);
  });
});

describe('operations of a target', () => {
  const single: RequestSpec = { method: 'GET', path: '/one' };
  const t = target({
    operations: {
      browse: single,
      createAccount: {
        requests: [
          { method: 'GET', path: '/form' },
          { method: 'POST', path: '/post' },
        ],
      },
    },
  });

  it('lists the requests of either form, and says where each sits in the file', () => {
    expect(requestsOf(single)).toStrictEqual([single]);
    expect(requestsOf(operationSpec(t, 'createAccount')).map((r) => r.path)).toEqual(['/form', '/post']);
    expect(requestWhere(single, 'browse', 0)).toBe('operations.browse');
    expect(requestWhere(operationSpec(t, 'createAccount'), 'createAccount', 1)).toBe(
      'operations.createAccount.requests[1]',
    );
  });

  it('builds the first request by default and any other by index, and names what is missing', () => {
    expect(buildRequest(t, 'createAccount', BASE, ctx).url).toBe(`${BASE}/form`);
    expect(buildRequest(t, 'createAccount', BASE, ctx, 1)).toMatchObject({ method: 'POST', url: `${BASE}/post` });
    expect(() => buildRequest(t, 'createAccount', BASE, ctx, 2)).toThrow(
      new Error('target t: operation createAccount has no request 3'),
    );
    expect(() => buildRequest(t, 'signIn', BASE, ctx)).toThrow(new Error('target t: no mapping for operation signIn'));
  });
});
