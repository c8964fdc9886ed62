/**
 * Redirect handling (src/target/redirect.ts), pure: which statuses are redirects, how a
 * Location resolves against the URL it answered (checked against Node's WHATWG URL as an
 * independent oracle), and the next hop's method, body and headers (WHATWG Fetch,
 * "HTTP-redirect fetch").
 */
import { describe, expect, it } from 'vitest';
import { isRedirect, MAX_REDIRECTS, redirectRequest, resolveLocation } from '../../src/target/redirect.js';
import type { BuiltRequest } from '../../src/target/types.js';

describe('isRedirect', () => {
  it('is true for the five redirect statuses of RFC 9110 §15.4 that carry a Location to follow', () => {
    const yes = Array.from({ length: 600 }, (_, s) => s).filter(isRedirect);
    expect(yes).toEqual([301, 302, 303, 307, 308]);
    expect(MAX_REDIRECTS).toBe(10);
  });
});

describe('resolveLocation', () => {
  const bases = [
    'http://127.0.0.1:8080/a/b/c?q=1',
    'http://127.0.0.1:8080',
    'https://localhost/a/b/',
    'http://[::1]:9/x?q=/y/z#f',
  ];
  const locations = [
    '/x',
    'x',
    '../x',
    '../../../../x',
    './x/',
    '.',
    '..',
    'a/..',
    'a/.',
    'x/../../y?z=../w',
    '/a/./b/../x',
    '/a/b/..',
    '?y=2',
    '//localhost/z',
    'http://[::1]:9/w',
    'https://127.0.0.1/s',
    'x?y=/a/../b',
    '1x:y',
    ' /padded ',
  ];
  it('resolves as WHATWG URL does, for every common form against several bases', () => {
    for (const base of bases)
      for (const loc of locations)
        expect(resolveLocation(base, loc), `${base} + ${loc}`).toBe(new URL(loc.trim(), base).href);
  });

  it('keeps any absolute URL as sent (another scheme too), and drops the fragment where the base is reused', () => {
    expect(resolveLocation('http://127.0.0.1/a', 'HTTP://Localhost/Z')).toBe('HTTP://Localhost/Z');
    expect(resolveLocation('http://127.0.0.1/a', 'web+app.v-2:thing')).toBe('web+app.v-2:thing');
    expect(resolveLocation('http://127.0.0.1/a?q#f', '')).toBe('http://127.0.0.1/a?q');
    expect(resolveLocation('http://127.0.0.1/a?q#f', '#g')).toBe('http://127.0.0.1/a?q');
    expect(resolveLocation('http://127.0.0.1', '?p')).toBe('http://127.0.0.1/?p');
    expect(resolveLocation('http://127.0.0.1', 'x')).toBe('http://127.0.0.1/x');
    // A base that is not an absolute URL leaves the Location as it is.
    expect(resolveLocation('/relative/base', 'x')).toBe('x');
    expect(resolveLocation('/relative/base', '/x')).toBe('/x');
  });
});

describe('redirectRequest', () => {
  const post: BuiltRequest = {
    method: 'POST',
    url: 'http://127.0.0.1:8080/apply/form',
    headers: {
      'content-type': 'application/json',
      'content-length': '7',
      authorization: 'Bearer s',
      cookie: 'sid=1',
      'x-trace': 't',
    },
    body: '{"a":1}',
    timeoutMs: 1234,
  };
  const same = { authorization: 'Bearer s', cookie: 'sid=1', 'x-trace': 't' };

  it('303 turns anything but HEAD into a body-less GET; 301 and 302 only a POST', () => {
    const get = (status: number, method: string) => redirectRequest({ ...post, method }, status, '/done');
    for (const [status, method] of [
      [303, 'POST'],
      [303, 'PUT'],
      [303, 'GET'],
      [302, 'POST'],
      [301, 'POST'],
    ] as const) {
      expect(get(status, method), `${status} after ${method}`).toStrictEqual({
        method: 'GET',
        url: 'http://127.0.0.1:8080/done',
        headers: same,
        timeoutMs: 1234,
      });
    }
    // A 303 after HEAD, and a 301/302 after anything but POST, repeat the method and body.
    for (const [status, method] of [
      [303, 'HEAD'],
      [302, 'PUT'],
      [301, 'DELETE'],
      [307, 'POST'],
      [308, 'PATCH'],
    ] as const) {
      expect(get(status, method), `${status} after ${method}`).toStrictEqual({
        ...post,
        method,
        url: 'http://127.0.0.1:8080/done',
      });
    }
  });

  it('a request without a body gets none on the next hop', () => {
    const { body, ...noBody } = post;
    expect(body).toBeDefined();
    expect(redirectRequest({ ...noBody, method: 'GET' }, 307, 'next')).toStrictEqual({
      ...noBody,
      method: 'GET',
      url: 'http://127.0.0.1:8080/apply/next',
    });
  });

  it('leaves out the credentials the file set when the origin changes (scheme, host or port), not otherwise', () => {
    const { authorization, cookie, ...rest } = post.headers;
    expect([authorization, cookie]).toEqual(['Bearer s', 'sid=1']);
    for (const loc of ['http://localhost:8080/x', 'http://127.0.0.1:8081/x', 'https://127.0.0.1:8080/x'])
      expect(redirectRequest(post, 307, loc).headers, loc).toStrictEqual(rest);
    // Origins compare without case: the same origin keeps them.
    expect(redirectRequest(post, 307, 'HTTP://127.0.0.1:8080/x').headers).toStrictEqual(post.headers);
  });

  it('never changes the request it was given', () => {
    const before = structuredClone(post);
    redirectRequest(post, 303, 'http://localhost/x');
    expect(post).toStrictEqual(before);
  });
});
