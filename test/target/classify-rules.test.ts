import { describe, expect, it } from 'vitest';
import {
  captureValues,
  classify,
  defaultClass,
  jsonPointer,
  matches,
  retryAfterMs,
} from '../../src/target/classify.js';
import type { ClassifyRule, TargetFile, TargetResponse } from '../../src/target/types.js';

/*
 * The rules a target file's author relies on (src/target/types.ts): an operation's own
 * rules are tried before the file's, first match wins, then the status defaults; "5xx"
 * means 500–599 and nothing else; Retry-After is in seconds, x-retry-after-ms in
 * milliseconds (RFC 9110 §10.2.3 for the first; the reference portal sends both).
 */

const res = (status: number, body = '', headers: TargetResponse['headers'] = {}): TargetResponse => ({
  status,
  body,
  headers,
});

describe('rule order', () => {
  const target: TargetFile = {
    name: 'order',
    operations: {
      // The same 200 "please wait" page means "you are in a queue" on this one operation…
      enterQueue: { method: 'POST', path: '/queue', classify: [{ class: 'queued', status: 200, body: 'please wait' }] },
      createAccount: { method: 'POST', path: '/accounts' },
    },
    // …and "busy, come back" everywhere else.
    classify: [
      { class: 'throttled', status: 200, body: 'please wait' },
      { class: 'quota_full', status: 200, body: 'please wait' },
      { class: 'invalid', status: 200, body: 'bad form' },
    ],
  };

  it("tries the operation's rules before the file's", () => {
    expect(classify(target, 'enterQueue', res(200, 'please wait'))).toBe('queued');
    expect(classify(target, 'createAccount', res(200, 'please wait'))).toBe('throttled');
  });

  it('falls through to the file rules when no operation rule matches, first match wins', () => {
    expect(classify(target, 'enterQueue', res(200, 'bad form'))).toBe('invalid');
  });

  it('falls back to the status defaults when no rule matches', () => {
    expect(classify(target, 'enterQueue', res(200, 'welcome'))).toBe('ok');
    expect(classify(target, 'enterQueue', res(503, 'please wait'))).toBe('throttled');
  });
});

describe('status patterns', () => {
  const rule = (status: ClassifyRule['status']): ClassifyRule => ({ class: 'error', status });
  const statuses = [0, 100, 199, 200, 399, 400, 499, 500, 503, 599, 600, 699];

  it.each([
    ['5xx', [500, 503, 599]],
    ['5XX', [500, 503, 599]],
    ['4xx', [400, 499]],
    ['2xx', [200]],
    ['1xx', [100, 199]],
    ['503', [503]],
    [503, [503]],
  ] as Array<[string | number, number[]]>)('%s matches exactly %j of the statuses tried', (pattern, want) => {
    expect(statuses.filter((s) => matches(rule(pattern), res(s)))).toEqual(want);
  });

  it('a list matches any of its entries', () => {
    expect(statuses.filter((s) => matches(rule([429, '5xx']), res(s)))).toEqual([500, 503, 599]);
    expect([429, 430].filter((s) => matches(rule([429, '5xx']), res(s)))).toEqual([429]);
  });

  it('a rule without a status matches any status', () => {
    expect(statuses.every((s) => matches({ class: 'error', body: 'x' }, res(s, 'x')))).toBe(true);
  });
});

describe('header and body conditions', () => {
  it('needs the header present (any case in the rule), and matching when a pattern is given', () => {
    const present: ClassifyRule = { class: 'throttled', header: { name: 'X-Busy' } };
    expect(matches(present, res(200, '', { 'x-busy': '' }))).toBe(true);
    expect(matches(present, res(200, ''))).toBe(false);
    const pattern: ClassifyRule = { class: 'throttled', header: { name: 'Location', match: '/busy' } };
    expect(matches(pattern, res(302, '', { location: '/busy.html' }))).toBe(true);
    expect(matches(pattern, res(302, '', { location: '/home' }))).toBe(false);
    // A repeated header is read joined.
    expect(matches(pattern, res(302, '', { location: ['/a', '/busy'] }))).toBe(true);
  });

  it('needs every condition of a rule to hold', () => {
    const rule: ClassifyRule = { class: 'throttled', status: 200, header: { name: 'x-busy' }, body: 'wait' };
    expect(matches(rule, res(200, 'wait', { 'x-busy': '1' }))).toBe(true);
    expect(matches(rule, res(201, 'wait', { 'x-busy': '1' }))).toBe(false);
    expect(matches(rule, res(200, 'go', { 'x-busy': '1' }))).toBe(false);
    expect(matches(rule, res(200, 'wait'))).toBe(false);
  });

  it('is case-sensitive unless the pattern starts with (?i)', () => {
    expect(matches({ class: 'throttled', body: 'Try again' }, res(200, 'try again'))).toBe(false);
    expect(matches({ class: 'throttled', body: '(?i)Try again' }, res(200, 'TRY AGAIN'))).toBe(true);
  });
});

describe('default classes by status', () => {
  it.each([
    [0, 'error'],
    [199, 'error'],
    [200, 'ok'],
    [302, 'ok'],
    [399, 'ok'],
    [400, 'invalid'],
    [409, 'invalid'],
    [428, 'invalid'],
    [429, 'throttled'],
    [430, 'invalid'],
    [499, 'invalid'],
    [500, 'error'],
    [502, 'error'],
    [503, 'throttled'],
    [504, 'error'],
  ])('%d → %s', (status, cls) => {
    expect(defaultClass(status)).toBe(cls);
  });
});

describe('Retry-After: seconds, x-retry-after-ms: milliseconds', () => {
  it.each([
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '1.5' }, 1500],
    [{ 'retry-after': ' 3 ' }, 3000],
    [{ 'retry-after': '0' }, 0],
    [{ 'x-retry-after-ms': '250' }, 250],
    [{ 'x-retry-after-ms': '0' }, 0],
    // Both: the finer millisecond hint wins.
    [{ 'retry-after': '2', 'x-retry-after-ms': '1250' }, 1250],
    // An unreadable millisecond header falls back to the seconds.
    [{ 'retry-after': '2', 'x-retry-after-ms': 'soon' }, 2000],
    // The HTTP-date form and junk are treated as absent.
    [{ 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' }, undefined],
    [{ 'retry-after': '-1' }, undefined],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ] as Array<[Record<string, string>, number | undefined]>)('%j → %s ms', (headers, ms) => {
    expect(retryAfterMs(res(503, '', headers))).toBe(ms);
  });
});

describe('edges a mutation run found unguarded', () => {
  it('a status class must be the whole pattern', () => {
    for (const p of ['x5xx', '5xxx', '55xx'])
      expect([500, 503].filter((s) => matches({ class: 'error', status: p }, res(s)))).toEqual([]);
  });

  it('reads Retry-After only as whole delta-seconds, with any number of digits', () => {
    expect(retryAfterMs(res(503, '', { 'retry-after': '10' }))).toBe(10_000);
    expect(retryAfterMs(res(503, '', { 'retry-after': '1.25' }))).toBe(1250);
    for (const bad of ['2abc', '1.', '.5', '1.5s'])
      expect(retryAfterMs(res(503, '', { 'retry-after': bad }))).toBeUndefined();
  });

  it('reads a repeated header joined by ", "', () => {
    expect(
      matches(
        { class: 'throttled', header: { name: 'location', match: '^/a, /busy$' } },
        res(302, '', { location: ['/a', '/busy'] }),
      ),
    ).toBe(true);
  });

  it('an operation the target does not map is classified by the file rules and captures nothing', () => {
    const t: TargetFile = { name: 't', operations: {}, classify: [{ class: 'queued', status: 202 }] };
    expect(classify(t, 'pollQueue', res(202))).toBe('queued');
    expect(captureValues(t, 'pollQueue', res(200, '{"a":1}'))).toEqual({});
  });

  it('an unmapped operation in a file with no rules of its own gets the status defaults', () => {
    const t: TargetFile = { name: 't', operations: {} };
    expect(classify(t, 'pollQueue', res(503))).toBe('throttled');
    expect(classify(t, 'pollQueue', res(200))).toBe('ok');
    expect(classify(t, 'pollQueue', res(404))).toBe('invalid');
  });
});

describe('captures', () => {
  const t: TargetFile = {
    name: 'captures',
    operations: {
      signIn: {
        method: 'POST',
        path: '/s',
        capture: {
          n: { from: 'json', pointer: '/n' },
          nothing: { from: 'json', pointer: '/nothing' },
          obj: { from: 'json', pointer: '/obj' },
          sid: { from: 'cookie', name: 'sid' },
          word: { from: 'regex', pattern: 'word=(\\w+)' },
        },
      },
      createAccount: { method: 'POST', path: '/a' },
    },
  };

  // toStrictEqual: a value not captured must be absent, not undefined, or it would hide
  // the file's default for that variable (buildSpecRequest spreads captures over defaults).
  it('keeps a number as text and an object as JSON, and leaves a null out', () => {
    expect(captureValues(t, 'signIn', res(200, '{"n":42,"nothing":null,"obj":{"a":[1]}}'))).toStrictEqual({
      n: '42',
      obj: '{"a":[1]}',
    });
  });

  it('reads a regex from a body that is not JSON, and nothing from JSON pointers then', () => {
    expect(captureValues(t, 'signIn', res(200, 'not json; word=hello'))).toStrictEqual({ word: 'hello' });
  });

  it('takes a cookie by exact name from one or several Set-Cookie headers, ignoring malformed ones', () => {
    expect(captureValues(t, 'signIn', res(200, '', { 'set-cookie': 'sid=abc; Path=/' }))).toEqual({ sid: 'abc' });
    expect(
      captureValues(t, 'signIn', res(200, '', { 'set-cookie': ['=x', 'sidx=1', 'nocookie', ' sid = v2 ; HttpOnly'] })),
    ).toEqual({ sid: 'v2' });
    expect(captureValues(t, 'signIn', res(200, ''))).toEqual({});
    // A Set-Cookie with no "=" has no name: "sidx" is not a cookie "sid" with the value "sidx".
    expect(captureValues(t, 'signIn', res(200, '', { 'set-cookie': ['sidx'] }))).toStrictEqual({});
  });

  it('a refining regex over a header, cookie or pointer the response lacks captures nothing, and does not throw', () => {
    const refined: TargetFile = {
      name: 'refined',
      operations: {
        signIn: {
          method: 'POST',
          path: '/s',
          capture: {
            h: { from: 'header', name: 'x-token', regex: 'tok-(\\w+)' },
            c: { from: 'cookie', name: 'sid', regex: '.+' },
            j: { from: 'json', pointer: '/id', regex: '(.*)' },
          },
        },
      },
    };
    expect(captureValues(refined, 'signIn', res(200, '{}'))).toStrictEqual({});
    expect(
      captureValues(refined, 'signIn', res(200, '{"id":"a1"}', { 'x-token': 'tok-9', 'set-cookie': 'sid=s2; Path=/' })),
    ).toStrictEqual({ h: '9', c: 's2', j: 'a1' });
  });

  it('captures nothing for an operation without capture rules', () => {
    expect(captureValues(t, 'createAccount', res(200, '{"n":1}'))).toEqual({});
  });
});

describe('JSON Pointer (RFC 6901)', () => {
  const doc = { '': 'empty key', 'a/b': 1, 'm~n': 2, '~1': 3, list: ['x', { y: 'z' }], n: null };

  it('reads the examples of RFC 6901 §5 and their escapes, ~1 before ~0', () => {
    expect(jsonPointer(doc, '')).toBe(doc);
    expect(jsonPointer(doc, '/')).toBe('empty key');
    expect(jsonPointer(doc, '/a~1b')).toBe(1);
    expect(jsonPointer(doc, '/m~0n')).toBe(2);
    // "~01" is "~1" (the key), not "/": unescaping ~1 first, then ~0, as §4 says.
    expect(jsonPointer(doc, '/~01')).toBe(3);
    expect(jsonPointer(doc, '/list/1/y')).toBe('z');
    expect(jsonPointer(doc, '/list/0/y')).toBeUndefined();
    expect(jsonPointer(doc, '/n/x')).toBeUndefined();
    expect(jsonPointer(doc, '/missing/x')).toBeUndefined();
  });

  it('captures the whole document with an empty pointer, as JSON text', () => {
    const t: TargetFile = {
      name: 't',
      operations: { browse: { method: 'GET', path: '/', capture: { all: { from: 'json', pointer: '' } } } },
    };
    expect(captureValues(t, 'browse', res(200, '{"a": [1, 2]}'))).toEqual({ all: '{"a":[1,2]}' });
    expect(captureValues(t, 'browse', res(200, '"text"'))).toEqual({ all: 'text' });
  });
});
