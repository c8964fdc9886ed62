import { CookieJar as ToughJar } from 'tough-cookie';
import type { TargetResponse } from './types.js';

/**
 * A per-journey cookie jar, as a browser (and k6, per VU iteration) keeps one: portals
 * with sessions and CSRF tokens work without the target file spelling cookies out.
 * RFC 6265 through tough-cookie (a maintained implementation): domain, path, Secure and
 * expiry hold, so a cookie the portal expires (`Max-Age=0`, an `Expires` in the past)
 * is deleted and no longer sent, as k6's Go cookie jar does.
 */
export class CookieJar {
  private jar = new ToughJar(undefined, { looseMode: true });
  private empty = true;

  /** Stores the Set-Cookie headers of a response to `url`; malformed ones are ignored, as browsers do. */
  store(url: string, res: TargetResponse): void {
    const raw = res.headers['set-cookie'];
    const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
    for (const c of list) {
      this.jar.setCookieSync(c, url, { ignoreError: true });
      this.empty = false;
    }
  }

  /** The Cookie header for a request to `url`, if any cookie applies. */
  header(url: string): string | undefined {
    if (this.empty) return undefined;
    return this.jar.getCookieStringSync(url) || undefined;
  }
}

// tough-cookie initialises lazily on first use (about 0.2 s here): pay it when this module
// loads, not when the first candidate of a run sends its first request (it would make that
// candidate, and every arrival behind it on the event loop, late).
const warm = new CookieJar();
warm.store('http://127.0.0.1/', { status: 200, headers: { 'set-cookie': 'warm=1' }, body: '' });
warm.header('http://127.0.0.1/');
