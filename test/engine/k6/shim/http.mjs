// k6's http.request is synchronous; this worker hands the request to the HTTP helper
// thread and blocks on Atomics.wait until the answer is posted back.
import { receiveMessageOnPort } from 'node:worker_threads';
import { CookieJar } from 'tough-cookie';

// k6 keeps one cookie jar per VU, emptied at the start of every iteration, and follows
// RFC 6265 (Go's net/http/cookiejar): an expired cookie is deleted, not sent.
let jar = new CookieJar();
export function resetCookies() {
  jar = new CookieJar();
}

function canonical(name) {
  // Go's textproto.CanonicalMIMEHeaderKey, as k6 shows response headers.
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, d, c) => d + c.toUpperCase());
}

function request(method, url, body, params = {}) {
  // Tests send to loopback only: a script that got past its own check stops here, unsent.
  const host = /^https?:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(url)?.[1];
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i.test(host ?? ''))
    throw new Error(`k6 shim: not sent to ${url}: the shim sends to loopback only`);
  const { port, flag } = globalThis.__k6.http;
  Atomics.store(flag, 0, 0);
  const sent = { ...params.headers };
  const fromJar = jar.getCookieStringSync(url);
  if (fromJar) sent.cookie = sent.cookie ? `${sent.cookie}; ${fromJar}` : fromJar;
  port.postMessage({
    method,
    url,
    body: body ?? undefined,
    headers: sent,
    redirects: params.redirects,
    timeoutMs: Number(params.timeout ?? 60_000),
  });
  Atomics.wait(flag, 0, 0);
  const r = receiveMessageOnPort(port).message;
  const headers = {};
  const cookies = {};
  for (const [k, v] of r.headers) {
    const key = canonical(k);
    headers[key] = headers[key] === undefined ? v : `${headers[key]}, ${v}`;
  }
  for (const c of r.setCookies) {
    jar.setCookieSync(c, url, { ignoreError: true });
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0)
      (cookies[pair.slice(0, eq).trim()] ??= []).push({
        name: pair.slice(0, eq).trim(),
        value: pair.slice(eq + 1).trim(),
      });
  }
  const d = r.durationMs;
  globalThis.__k6.requests.push({ op: params.tags?.op, status: r.status, durationMs: d, time: Date.now() });
  return {
    status: r.status,
    headers,
    cookies,
    body: r.body,
    error: r.error ?? '',
    error_code: r.errorCode ?? 0,
    timings: { blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0, waiting: d, receiving: 0, duration: d },
  };
}

export default { request };
