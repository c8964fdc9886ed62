/**
 * The k6 script copies a response's Set-Cookie values only for a target whose rules read
 * them (k6 parses `res.cookies` anew on each access, and keeps the session in its own jar).
 * A rule that reads them anywhere — a capture from a cookie or from the Set-Cookie header,
 * a classify rule on that header, at the request, the sequence or the file level — must
 * turn the copy on, or a capture would silently find nothing.
 */
import type { Response } from 'k6/http';
import { describe, expect, it } from 'vitest';
import { readsSetCookie, toTargetResponse } from '../../../src/engine/k6/response.js';
import { loadTarget } from '../../../src/target/load.js';
import type { TargetFile } from '../../../src/target/types.js';

const base: TargetFile = { name: 't', operations: { browse: { method: 'GET', path: '/' } } };

describe('readsSetCookie', () => {
  it('is false for the reference portal and a target without such rules', async () => {
    expect(readsSetCookie(await loadTarget('targets/reference.json'))).toBe(false);
    expect(
      readsSetCookie({
        ...base,
        classify: [{ class: 'throttled', header: { name: 'retry-after' } }],
        operations: { browse: { method: 'GET', path: '/', capture: { id: { from: 'header', name: 'location' } } } },
      }),
    ).toBe(false);
  });

  it('is true for every kind of rule that reads Set-Cookie, wherever it sits', () => {
    const targets: TargetFile[] = [
      {
        ...base,
        operations: { browse: { method: 'GET', path: '/', capture: { s: { from: 'cookie', name: 'sid' } } } },
      },
      {
        ...base,
        operations: { browse: { method: 'GET', path: '/', capture: { s: { from: 'header', name: 'Set-Cookie' } } } },
      },
      {
        ...base,
        operations: {
          browse: { method: 'GET', path: '/', classify: [{ class: 'queued', header: { name: 'set-cookie' } }] },
        },
      },
      { ...base, classify: [{ class: 'queued', header: { name: 'SET-COOKIE', match: 'queue=' } }] },
      {
        ...base,
        operations: {
          browse: {
            requests: [
              { method: 'GET', path: '/form' },
              { method: 'POST', path: '/form', capture: { s: { from: 'cookie', name: 'sid' } } },
            ],
          },
        },
      },
      {
        ...base,
        operations: {
          browse: {
            requests: [{ method: 'GET', path: '/' }],
            classify: [{ class: 'queued', header: { name: 'set-cookie' } }],
          },
        },
      },
    ];
    for (const t of targets) expect(readsSetCookie(t), JSON.stringify(t)).toBe(true);
  });
});

describe('toTargetResponse', () => {
  const res = {
    status: 200,
    headers: { 'Content-Type': 'text/plain', Location: '/next' },
    cookies: {
      sid: [{ name: 'sid', value: 'abc' }],
      pref: [{ name: 'pref', value: '1' }],
    },
    body: 'ok',
  } as unknown as Response;

  it('lower-cases header names and copies Set-Cookie as name=value pairs only when asked', () => {
    expect(toTargetResponse(res, true)).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain', location: '/next', 'set-cookie': ['sid=abc', 'pref=1'] },
      body: 'ok',
    });
    expect(toTargetResponse(res, false)).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain', location: '/next' },
      body: 'ok',
    });
  });

  it('gives an empty body when k6 kept none', () => {
    expect(toTargetResponse({ ...res, body: null } as unknown as Response, false).body).toBe('');
  });
});
