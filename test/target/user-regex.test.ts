import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureValues, classify } from '../../src/target/classify.js';
import type { TargetFile } from '../../src/target/types.js';
import { validateTarget } from '../../src/target/validate.js';
import { UnsupportedPattern, userRegex } from '../../src/target/user-regex.js';
import { rehearseCli } from '../cli/cli.js';

/** `(a+)+$` against "aaa…a!" takes 2^n steps in a backtracking engine (ReDoS); RE2 takes n. */
const EVIL = '(a+)+$';
const BODY = 'a'.repeat(40) + '!';

describe('user patterns run in linear time (RE2)', () => {
  it('a catastrophic pattern answers at once: no match, and a match when the body ends in a', () => {
    expect(userRegex(EVIL).test(BODY)).toBe(false);
    expect(userRegex(EVIL).test('a'.repeat(100_000))).toBe(true);
  });

  it('keeps the syntax targets use: (?i), classes, anchors, groups for captures', () => {
    expect(userRegex('(?i)try again later').test('Please TRY AGAIN LATER')).toBe(true);
    expect(userRegex('^/(maintenance|busy)$').test('/busy')).toBe(true);
    expect(userRegex('^/(maintenance|busy)$').test('/busy/x')).toBe(false);
    expect(userRegex('name="csrf" value="([^"]+)"').group('<input name="csrf" value="t0k3n">', 1)).toBe('t0k3n');
    expect(userRegex('id=(\\d+)').group('no id here', 1)).toBeUndefined();
    expect(userRegex('id=(\\d+)').group('id=7', 2)).toBeUndefined();
  });

  it('target validation names the file and field of a pattern RE2 cannot run (backreference, lookahead)', () => {
    const r = validateTarget(
      {
        name: 'x',
        operations: { browse: { method: 'GET', path: '/', capture: { v: { from: 'regex', pattern: '(?=a)b' } } } },
        classify: [{ class: 'throttled', body: '(a)\\1' }],
      },
      'my.json',
    );
    expect(r.problems).toEqual([
      'my.json: classify[0].body: expected a regular expression in RE2 syntax (linear time), got "(a)\\1" (invalid escape sequence: `\\1`: backreferences and lookaround are not supported, they can take exponential time)',
      'my.json: operations.browse.capture.v.pattern: expected a regular expression in RE2 syntax (linear time), got "(?=a)b" (invalid or unsupported Perl syntax: `(?=`: backreferences and lookaround are not supported, they can take exponential time)',
    ]);
  });

  it('classify and captures go through it', () => {
    const t: TargetFile = {
      name: 't',
      operations: {
        browse: { method: 'GET', path: '/', capture: { tail: { from: 'regex', pattern: '(a+)+(!)$', group: 2 } } },
      },
      classify: [{ class: 'throttled', body: EVIL }],
    };
    const res = { status: 200, headers: {}, body: BODY };
    expect(classify(t, 'browse', res)).toBe('ok');
    expect(classify(t, 'browse', { ...res, body: 'aaaa' })).toBe('throttled');
    expect(captureValues(t, 'browse', res)).toEqual({ tail: '!' });
  });

  it('`target check` walks a portal whose body would hang a backtracking engine, and finishes', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(BODY));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const file = join(await mkdtemp(join(tmpdir(), 'redos-')), 'evil.json');
    await writeFile(
      file,
      JSON.stringify({
        name: 'evil',
        operations: { browse: { method: 'GET', path: '/' } },
        classify: [{ class: 'throttled', body: EVIL }],
      }),
    );
    try {
      // Before RE2 this walk ran for hours (2^40 steps); the kill after 120 s would show as code null.
      const r = await rehearseCli(['target', 'check', file, '--base-url', url, '--journey', 'browse']);
      // stderr holds only the walk's notice that it sends real requests.
      expect(r.stderr).not.toMatch(/error|timed out|exceeded/i);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/→ 200 ok/);
    } finally {
      server.close();
    }
  }, 150_000);
});

describe('userRegex edges', () => {
  const why = (pattern: string) => {
    try {
      userRegex(pattern);
    } catch (e) {
      expect(e).toBeInstanceOf(UnsupportedPattern);
      return (e as Error).message;
    }
    throw new Error(`${pattern} compiled`);
  };

  it('explains every kind of backreference and lookaround, and only those', () => {
    const hint = ': backreferences and lookaround are not supported, they can take exponential time';
    for (const p of ['(a)(b)\\2', '(?!a)b', '(?<=a)b', '(?<!a)b']) expect(why(p), p).toMatch(new RegExp(`${hint}$`));
    // RE2 says what is wrong, without the "error parsing regexp: " prefix; no hint for other mistakes.
    expect(why('([a-z')).toBe('missing closing ]: `[a-z`');
    expect(why('a{2,1}')).toBe('invalid repeat count: `{2,1}`');
  });

  it('gives the whole match as group 0, and nothing for a group that did not take part', () => {
    expect(userRegex('id=(\\d+)').group('x id=42 y', 0)).toBe('id=42');
    expect(userRegex('id=(\\d+)').group('x id=42 y', 1)).toBe('42');
    expect(userRegex('(a)?b').group('b', 1)).toBeUndefined();
    expect(userRegex('(a)?b').group('b', 0)).toBe('b');
  });
});
