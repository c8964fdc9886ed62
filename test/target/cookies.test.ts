/**
 * The cookie jar every node-side client uses (engine and walk): RFC 6265 through
 * tough-cookie, so a cookie the portal expires is no longer sent. The k6 side keeps its
 * own per-VU jar (Go's net/http/cookiejar, RFC 6265); test/target/form-portal.test.ts
 * runs both against a portal that refuses an expired cookie sent back.
 */
import { describe, expect, it } from 'vitest';
import { CookieJar } from '../../src/target/cookies.js';

const at = (headers: Record<string, string | string[]>) => ({ status: 200, headers, body: '' });
const URL_ = 'http://127.0.0.1:8080/register';

describe('the cookie jar', () => {
  it('sends what the portal set, and stops sending a cookie expired with Max-Age=0', () => {
    const jar = new CookieJar();
    jar.store(URL_, at({ 'set-cookie': ['sid=abc; Path=/; HttpOnly', 'draft=1; Path=/'] }));
    expect(jar.header('http://127.0.0.1:8080/apply')).toBe('sid=abc; draft=1');
    jar.store(URL_, at({ 'set-cookie': 'draft=; Path=/; Max-Age=0' }));
    expect(jar.header('http://127.0.0.1:8080/apply')).toBe('sid=abc');
  });

  it('stops sending a cookie whose Expires is in the past', () => {
    const jar = new CookieJar();
    jar.store(URL_, at({ 'set-cookie': ['sid=abc; Path=/', 'old=1; Path=/'] }));
    jar.store(URL_, at({ 'set-cookie': 'old=1; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT' }));
    expect(jar.header(URL_)).toBe('sid=abc');
  });

  it('keeps a cookie to its path and its host', () => {
    const jar = new CookieJar();
    jar.store(URL_, at({ 'set-cookie': 'admin=1; Path=/admin' }));
    expect(jar.header('http://127.0.0.1:8080/apply')).toBeUndefined();
    expect(jar.header('http://127.0.0.1:8080/admin/rounds')).toBe('admin=1');
    expect(jar.header('http://localhost:8080/admin/rounds')).toBeUndefined();
  });

  it('ignores a cookie the portal may not set (another domain) without losing the others', () => {
    const jar = new CookieJar();
    jar.store(URL_, at({ 'set-cookie': ['evil=1; Domain=example.com; Path=/', 'sid=abc; Path=/'] }));
    expect(jar.header(URL_)).toBe('sid=abc');
  });

  it('keeps a nameless cookie (no "="), as browsers do (RFC 6265bis §5.6), and sends it back as it came', () => {
    const jar = new CookieJar();
    jar.store(URL_, at({ 'set-cookie': 'opaque-token; Path=/' }));
    expect(jar.header(URL_)).toBe('opaque-token');
  });

  it('sends nothing before any cookie, and nothing for a response without Set-Cookie', () => {
    const jar = new CookieJar();
    expect(jar.header(URL_)).toBeUndefined();
    jar.store(URL_, at({}));
    expect(jar.header(URL_)).toBeUndefined();
  });
});
