import { describe, expect, it } from 'vitest';
import { captureValues, classify } from '../../src/target/classify.js';
import { buildRequest } from '../../src/target/request.js';
import type { TargetFile, TargetResponse } from '../../src/target/types.js';

/** A portal that never says 503: "try again later" comes as a 200 page or a redirect. */
const target: TargetFile = {
  name: 'busy-shapes',
  timeoutMs: 8000,
  variables: { operatorToken: 'default-op' },
  operations: {
    createAccount: {
      method: 'POST',
      path: '/register',
      form: { email: '{{candidate.email}}', csrf: '{{vars.csrf}}' },
      capture: {
        csrf: { from: 'regex', pattern: 'name="csrf" value="([^"]+)"' },
        session: { from: 'cookie', name: 'sid' },
        next: { from: 'header', name: 'location' },
        id: { from: 'json', pointer: '/a~1b/0' },
      },
      timeoutMs: 1500,
    },
    checkEligibility: { method: 'GET', path: '/eligibility', query: { country: '{{candidate.country}}', q: 'a b&c' } },
    inviteRound: { method: 'POST', path: '/admin/rounds', headers: { authorization: 'Bearer {{vars.operatorToken}}' } },
  },
  classify: [
    { class: 'throttled', status: 200, body: '(?i)try again later' },
    { class: 'throttled', status: [302, 303], header: { name: 'location', match: '/(maintenance|busy)' } },
    { class: 'quota_full', status: 200, body: 'applications are closed' },
  ],
};

const res = (status: number, body = '', headers: TargetResponse['headers'] = {}): TargetResponse => ({
  status,
  body,
  headers,
});

describe('classification of portals that hide "busy" behind a 200 or a redirect', () => {
  it('classifies a 200 "try again later" page as throttled', () => {
    expect(classify(target, 'createAccount', res(200, '<html><p>Too many visitors. Try again later.</p></html>'))).toBe(
      'throttled',
    );
  });
  it('classifies a 302 to a maintenance page as throttled, and another redirect as ok', () => {
    expect(
      classify(target, 'createAccount', res(302, '', { location: 'https://portal.example/maintenance.html' })),
    ).toBe('throttled');
    expect(classify(target, 'createAccount', res(303, '', { location: '/welcome' }))).toBe('ok');
  });
  it('classifies closure announced in the body of a 200 as quota_full', () => {
    expect(classify(target, 'createAccount', res(200, '<h1>Sorry, applications are closed for this year</h1>'))).toBe(
      'quota_full',
    );
  });
  it('falls back to status classes', () => {
    expect([200, 201, 429, 503, 400, 404, 500, 504].map((s) => classify(target, 'createAccount', res(s)))).toEqual([
      'ok',
      'ok',
      'throttled',
      'throttled',
      'invalid',
      'invalid',
      'error',
      'error',
    ]);
  });
});

describe('captures', () => {
  it('reads a regex group, a cookie, a header and an escaped JSON pointer', () => {
    const r = res(200, '{"a/b":["x1"]}\n<input type="hidden" name="csrf" value="tok-123">', {
      'set-cookie': ['lang=fr; Path=/', 'sid=s3ss10n; HttpOnly'],
      location: '/next',
    });
    expect(captureValues(target, 'createAccount', r)).toEqual({ csrf: 'tok-123', session: 's3ss10n', next: '/next' });
    expect(captureValues(target, 'createAccount', res(200, '{"a/b":["x1"]}'))).toEqual({ id: 'x1' });
  });
});

describe('requests', () => {
  const candidate = { id: 'c1', email: 'a+b@example.test', country: 'FR' };
  it('encodes forms and queries, and uses per-operation timeouts over the file default', () => {
    const acc = buildRequest(target, 'createAccount', 'http://127.0.0.1:9/', { candidate, vars: { csrf: 't/1' } });
    expect(acc.body).toBe('email=a%2Bb%40example.test&csrf=t%2F1');
    expect(acc.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(acc.timeoutMs).toBe(1500);
    const elig = buildRequest(target, 'checkEligibility', 'http://127.0.0.1:9', { candidate, vars: {} });
    expect(elig.url).toBe('http://127.0.0.1:9/eligibility?country=FR&q=a%20b%26c');
    expect(elig.timeoutMs).toBe(8000);
  });
  it('takes variables as defaults that captured values override', () => {
    expect(buildRequest(target, 'inviteRound', 'http://h', { vars: {} }).headers.authorization).toBe(
      'Bearer default-op',
    );
    expect(
      buildRequest(target, 'inviteRound', 'http://h', { vars: { operatorToken: 'x' } }).headers.authorization,
    ).toBe('Bearer x');
  });
});
