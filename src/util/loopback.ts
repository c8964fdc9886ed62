import { UsageError } from './usage-error.js';

/**
 * The loopback rule: load goes to loopback (127.0.0.0/8, ::1, localhost) unless the user
 * names the host with --allow-host. It applies to the base URL and to EVERY request an
 * engine sends: an absolute URL in a target file, a path built from a captured value, a
 * redirect hop. Pure (no Node built-ins, no WHATWG URL, which k6's runtime lacks), so the
 * k6 bundle checks each request with the same code as the node engine.
 */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

// Hoisted: k6's runtime (goja) compiles a regex literal each time it is evaluated, and
// the k6 bundle checks every request.
const AUTHORITY = /^https?:\/\/([^/?#\\]*)/i;
const PLAIN_AUTHORITY = /^[\w.\-:[\]@%~]*$/;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** Whether a request may go to `host`: loopback, or a host the user named. */
export function hostAllowed(host: string, allowHosts: readonly string[] = []): boolean {
  return isLoopback(host) || allowHosts.some((h) => h.toLowerCase() === host.toLowerCase());
}

/**
 * The host an http(s) URL sends to, lower-cased ("[::1]" for IPv6), or undefined when the
 * URL is not absolute http(s) or its authority holds anything unusual. Conservative on
 * purpose: where URL parsers disagree (a backslash, which WHATWG reads as "/"; several "@")
 * the answer is undefined, which the check refuses, so no parser can be steered elsewhere.
 */
export function hostOf(url: string): string | undefined {
  const m = AUTHORITY.exec(url);
  if (!m) return undefined;
  const authority = m[1] as string;
  const at = authority.indexOf('@');
  if (!PLAIN_AUTHORITY.test(authority) || (at >= 0 && authority.indexOf('@', at + 1) >= 0)) return undefined;
  const hostPort = authority.slice(authority.indexOf('@') + 1);
  const host = hostPort.startsWith('[')
    ? hostPort.slice(0, hostPort.indexOf(']') + 1)
    : (hostPort.split(':')[0] as string);
  return host ? host.toLowerCase() : undefined;
}

/** A request the loopback rule refused: nothing was sent. */
export class HostRefused extends UsageError {}

/**
 * Throws HostRefused, one line, unless `url` goes to an allowed host. `why` says where the
 * URL came from (e.g. "operations.submitApplication.path", "redirect from http://…").
 */
export function assertAllowedRequest(url: string, allowHosts: readonly string[], why: string): void {
  const known = allowedOrigins.get(allowHosts);
  if (known) for (const origin of known) if (url.startsWith(origin)) return;
  const host = hostOf(url);
  if (host === undefined)
    throw new HostRefused(`refused to send to ${url} (${why}): expected an http(s) URL with a plain host`);
  if (!hostAllowed(host, allowHosts)) {
    throw new HostRefused(
      `refused to send to ${url} (${why}): ${host} is not a loopback address; pass --allow-host ${host} if you own it and mean to load it`,
    );
  }
  remember(url, allowHosts, known);
}

/**
 * Origins (`scheme://authority/`) already allowed, per allowHosts list. The k6 bundle checks
 * every request in goja, where the two regexes of hostOf cost 20–40 µs a URL; a URL that
 * starts with an allowed origin *and its slash* has that origin's authority (the authority
 * ends at the first `/`), so it needs no second look. Bounded: a few origins per list.
 */
const allowedOrigins = new WeakMap<readonly string[], string[]>();
const MAX_ORIGINS = 16;

function remember(url: string, allowHosts: readonly string[], known: string[] | undefined): void {
  const m = AUTHORITY.exec(url);
  // Only an authority followed by "/" (not "?", "#", a backslash or the end) makes a safe prefix.
  if (!m || url.charAt(m[0].length) !== '/') return;
  const list = known ?? [];
  if (!known) allowedOrigins.set(allowHosts, list);
  if (list.length < MAX_ORIGINS) list.push(`${m[0]}/`);
}

/**
 * Refuses a base URL outside loopback unless its host is in `allowHosts`. Load
 * against somebody else's server must be a deliberate, named choice.
 */
export function assertAllowedTarget(baseUrl: string, allowHosts: string[] = []): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url: expected an http(s) URL, got "${baseUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--base-url: expected http or https, got "${url.protocol}"`);
  }
  const host = url.hostname;
  if (!hostAllowed(host, allowHosts)) {
    throw new UsageError(
      `--base-url: ${host} is not a loopback address; pass --allow-host ${host} if you own it and mean to load it`,
    );
  }
  return url;
}
