import type { BuiltRequest } from './types.js';

/** Redirect statuses an engine may follow (RFC 9110 §15.4). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Hops before giving up, as k6's default `maxRedirects` (10). */
export const MAX_REDIRECTS = 10;

export function isRedirect(status: number): boolean {
  return REDIRECTS.has(status);
}

/**
 * Resolves a Location against the URL it answered (RFC 3986 §5.2, the common forms:
 * absolute, scheme-relative, absolute path, relative path, query). Pure string work:
 * k6's runtime has no WHATWG URL.
 */
export function resolveLocation(base: string, location: string): string {
  const loc = location.trim();
  if (/^[a-z][a-z\d+.-]*:/i.test(loc)) return loc;
  const m = /^([a-z][a-z\d+.-]*:)\/\/([^/?#]*)([^?#]*)([^#]*)/i.exec(base);
  if (!m) return loc;
  const [, scheme, authority, path = ''] = m as unknown as [string, string, string, string, string];
  if (loc.startsWith('//')) return scheme + loc;
  if (loc.startsWith('/')) return `${scheme}//${authority}${removeDots(loc)}`;
  if (loc.startsWith('?')) return `${scheme}//${authority}${path || '/'}${loc}`;
  if (loc === '' || loc.startsWith('#')) return base.replace(/#.*$/, '');
  const dir = path.slice(0, path.lastIndexOf('/') + 1) || '/';
  return `${scheme}//${authority}${removeDots(dir + loc)}`;
}

/** RFC 3986 §5.2.4 "remove dot segments" on a path (and what follows it). */
function removeDots(pathAndQuery: string): string {
  const q = pathAndQuery.search(/[?#]/);
  const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  const rest = q < 0 ? '' : pathAndQuery.slice(q);
  const out: string[] = [];
  const segs = path.split('/');
  for (const [i, s] of segs.entries()) {
    if (s === '..') {
      if (out.length > 1) out.pop();
      if (i === segs.length - 1) out.push('');
    } else if (s === '.') {
      if (i === segs.length - 1) out.push('');
    } else out.push(s);
  }
  return out.join('/') + rest;
}

function originOf(url: string): string {
  return (/^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i.exec(url)?.[0] ?? '').toLowerCase();
}

/**
 * The next hop of a redirect, as browsers and fetch do it (WHATWG Fetch, "HTTP-redirect
 * fetch"): 303, and 301/302 after a POST, become a GET without a body; 307/308 repeat
 * the method and body. Credentials the target file set (authorization, cookie) are not
 * carried to another origin; the engines' cookie jars add what belongs there. `prev` must
 * be the request as built, before an engine added its jar's cookies.
 */
export function redirectRequest(prev: BuiltRequest, status: number, location: string): BuiltRequest {
  const url = resolveLocation(prev.url, location);
  const toGet = status === 303 ? prev.method !== 'HEAD' : (status === 301 || status === 302) && prev.method === 'POST';
  const headers = { ...prev.headers };
  if (toGet) {
    delete headers['content-type'];
    delete headers['content-length'];
  }
  if (originOf(url) !== originOf(prev.url)) {
    delete headers.authorization;
    delete headers.cookie;
  }
  return {
    method: toGet ? 'GET' : prev.method,
    url,
    headers,
    ...(!toGet && prev.body !== undefined ? { body: prev.body } : {}),
    timeoutMs: prev.timeoutMs,
  };
}
