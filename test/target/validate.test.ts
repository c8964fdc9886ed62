/**
 * What target validation (src/target/validate.ts) says beyond the shape: every place a
 * template, a pattern or a body can sit, each problem on one line naming the file and
 * the field, and nothing said about what is fine.
 */
import { describe, expect, it } from 'vitest';
import { templates, validateTarget } from '../../src/target/validate.js';

const ok = (data: unknown) => {
  const r = validateTarget(data, 'f.json');
  expect(r.problems).toEqual([]);
  expect(r.target).toEqual(data);
};

describe('validateTarget', () => {
  it('accepts every root a template may name, open candidate fields, defaults and captures, and an empty pointer', () => {
    ok({
      name: 'fine',
      headers: { 'x-id': '{{uuid}}-{{attempt}}', 'x-t': '{{vars.token}}' },
      variables: { token: '' },
      operations: {
        inviteRound: {
          method: 'POST',
          path: '/rounds/{{operator.size}}',
          json: { c: ['{{candidate.attributes.age}}', { p: '{{candidate.persona.name}}' }], all: '{{candidate}}' },
          capture: { whole: { from: 'json', pointer: '' }, s: { from: 'status', regex: '2..' } },
        },
        checkStatus: { method: 'GET', path: '/s/{{vars.whole}}', query: { v: '{{vars}}' } },
      },
    });
  });

  it('finds unknown values in every templated place, file headers included', () => {
    const r = validateTarget(
      {
        name: 'x',
        headers: { 'x-a': '{{secret}}' },
        operations: {
          browse: { method: 'GET', path: '/', query: { q: '{{candidate.mail}}' }, headers: { h: '{{vars.none}}' } },
          createAccount: {
            requests: [
              { method: 'POST', path: '/a', form: { f: '{{vars.nope}}' } },
              { method: 'POST', path: '/b', json: { list: ['ok', { deep: '{{env.HOME}}' }] } },
            ],
          },
        },
      },
      'f.json',
    );
    expect(r.target).toBeUndefined();
    expect(r.problems).toEqual([
      'f.json: headers.x-a: {{secret}}: expected a value under candidate, vars, uuid, attempt or operator',
      'f.json: operations.browse.query.q: {{candidate.mail}}: the candidate has no field "mail"; expected one of id, seq, seed, arrivalMs, firstName, lastName, email, country, locale, persona, attributes',
      'f.json: operations.browse.headers.h: {{vars.none}}: no operation captures "none"; add a capture rule or a default under variables',
      'f.json: operations.createAccount.requests[0].form.f: {{vars.nope}}: no operation captures "nope"; add a capture rule or a default under variables',
      'f.json: operations.createAccount.requests[1].json.list[1].deep: {{env.HOME}}: expected a value under candidate, vars, uuid, attempt or operator',
    ]);
  });

  it('checks patterns and bodies wherever they sit: file, sequence and request rules, header matches, capture regexes', () => {
    const bad = '(';
    const r = validateTarget(
      {
        name: 'x',
        operations: {
          browse: { method: 'GET', path: '/', json: {} },
          createAccount: {
            requests: [
              {
                method: 'POST',
                path: '/a',
                classify: [{ class: 'ok', header: { name: 'location', match: bad } }],
                capture: { c: { from: 'header', name: 'x', regex: bad } },
              },
            ],
            classify: [{ class: 'throttled', body: bad }],
          },
          signIn: { method: 'GET', path: '/s', form: { a: 'b' } },
        },
        classify: [{ class: 'ok', header: { name: 'x' } }],
      },
      'f.json',
    );
    const re = (where: string) =>
      `f.json: ${where}: expected a regular expression in RE2 syntax (linear time), got "(" (missing closing ): \`(\`)`;
    expect(r.problems).toEqual([
      'f.json: operations.browse: a GET request carries no body; use query',
      re('operations.createAccount.classify[0].body'),
      re('operations.createAccount.requests[0].classify[0].header.match'),
      re('operations.createAccount.requests[0].capture.c.regex'),
      'f.json: operations.signIn: a GET request carries no body; use query',
    ]);
  });

  it('asks for at least one operation', () => {
    expect(validateTarget({ name: 'x', operations: {} }, 'f.json').problems).toEqual([
      'f.json: operations: expected at least one of browse, checkEligibility, createAccount, requestCode, readMailbox, signIn, enterQueue, pollQueue, submitApplication, checkStatus, submitInterest, inviteRound',
    ]);
  });

  it('names an unknown field of an operation, and the closer form of a malformed one', () => {
    expect(
      validateTarget({ name: 'x', operations: { browse: { method: 'GET', path: '/', pth: '/' } } }, 'f.json').problems,
    ).toEqual(['f.json: operations.browse: unknown field "pth": remove it or check its spelling']);
    // Several unknown keys of one object: one line naming each, quoted and comma-separated.
    expect(
      validateTarget({ name: 'x', operations: { browse: { method: 'GET', path: '/', pth: '/', hdrs: {} } } }, 'f.json')
        .problems,
    ).toEqual(['f.json: operations.browse: unknown field "pth", "hdrs": remove it or check its spelling']);
    expect(
      validateTarget(
        { name: 'x', operations: { browse: { method: 'GET', path: '/' }, signUp: {}, logIn: {} } },
        'f.json',
      ).problems,
    ).toEqual([
      'f.json: operations: unknown operation "signUp", "logIn": expected one of browse, checkEligibility, createAccount, requestCode, readMailbox, signIn, enterQueue, pollQueue, submitApplication, checkStatus, submitInterest, inviteRound',
    ]);
    expect(
      validateTarget({ name: 'x', operations: { browse: { requests: [{ method: 'GET' }] } } }, 'f.json').problems,
    ).toEqual(['f.json: operations.browse.requests[0].path: required, expected a string']);
  });
});

describe('templates', () => {
  it('lists every templated string of a request with where it sits, in order', () => {
    expect(
      templates(
        {
          method: 'POST',
          path: '/p',
          query: { q: 'Q' },
          headers: { h: 'H' },
          form: { f: 'F' },
          json: ['a', { b: 'B', n: 1, z: null }],
        },
        'at',
      ),
    ).toEqual([
      ['at.path', '/p'],
      ['at.query.q', 'Q'],
      ['at.headers.h', 'H'],
      ['at.form.f', 'F'],
      ['at.json[0]', 'a'],
      ['at.json[1].b', 'B'],
    ]);
    expect(templates({ method: 'GET', path: '/' }, 'g')).toEqual([['g.path', '/']]);
  });
});
