import { UsageError } from './usage-error.js';

/** Loopback hosts: the only default targets (tests, benchmarks and examples use nothing else). */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
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
  if (!isLoopback(host) && !allowHosts.some((h) => h.toLowerCase() === host.toLowerCase())) {
    throw new UsageError(
      `--base-url: ${host} is not a loopback address; pass --allow-host ${host} if you own it and mean to load it`,
    );
  }
  return url;
}
