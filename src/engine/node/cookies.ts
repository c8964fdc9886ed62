import type { TargetResponse } from '../../target/types.js';

/**
 * A per-journey cookie jar, as a browser (and k6, per iteration) keeps one: portals
 * with sessions and CSRF tokens work without the target file spelling cookies out.
 * Path, domain and expiry are ignored: one journey talks to one portal briefly.
 */
export class CookieJar {
  private jar = new Map<string, string>();

  store(res: TargetResponse): void {
    const raw = res.headers['set-cookie'];
    const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
    for (const c of list) {
      const pair = c.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  header(): string | undefined {
    if (this.jar.size === 0) return undefined;
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
