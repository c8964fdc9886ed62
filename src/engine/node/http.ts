import { Pool } from 'undici';
import type { BuiltRequest, TargetResponse } from '../../target/types.js';
import { assertAllowedRequest, hostAllowed } from '../../util/loopback.js';

/**
 * HTTP for the node engine: one undici keep-alive pool per origin. The pool is sized
 * large so that the generator never queues requests behind its own connection limit
 * (a hidden closed loop); latency is anyway measured from the intended send time.
 */
export class HttpClient {
  private pools = new Map<string, Pool>();
  constructor(
    /** Non-loopback hosts the user allowed: a second check, by WHATWG URL as undici parses it. */
    private readonly allowHosts: readonly string[] = [],
    private readonly connections = 1024,
  ) {}

  private pool(origin: string): Pool {
    let p = this.pools.get(origin);
    if (!p) {
      p = new Pool(origin, { connections: this.connections, pipelining: 1, keepAliveTimeout: 30_000 });
      this.pools.set(origin, p);
    }
    return p;
  }

  /**
   * Sends one request; never throws (except HostRefused, before sending, for a host the
   * loopback rule refuses): connection errors and timeouts come back as status 0
   * with a cause. The timeout is undici's own (no response headers, or a body that stalls,
   * within timeoutMs): a per-request AbortSignal.timeout and AbortSignal.any cost a timer,
   * listeners and garbage per request, measurably at thousands of requests a second.
   */
  async send(
    req: BuiltRequest,
    signal?: AbortSignal,
  ): Promise<{ res: TargetResponse; cause?: string; sentAt: number }> {
    const url = new URL(req.url);
    if (!hostAllowed(url.hostname, this.allowHosts))
      assertAllowedRequest(`${url.protocol}//${url.host}/`, this.allowHosts, req.url);
    const sentAt = performance.now();
    try {
      const r = await this.pool(url.origin).request({
        method: req.method as 'GET',
        path: url.pathname + url.search,
        headers: req.headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
        ...(signal ? { signal } : {}),
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      const body = await r.body.text();
      const headers: TargetResponse['headers'] = {};
      for (const [k, v] of Object.entries(r.headers)) headers[k] = v;
      return { res: { status: r.statusCode, headers, body }, sentAt };
    } catch (e) {
      const cause = errorCause(e);
      return { res: { status: 0, headers: {}, body: '' }, cause, sentAt };
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.destroy()));
    this.pools.clear();
  }
}

/** undici's header and body timeouts are reported as `timeout`; other errors by their code. */
function errorCause(e: unknown): string {
  if (e && typeof e === 'object') {
    const code = (e as { code?: string }).code;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
    const err = e as { code?: string; name?: string; cause?: { code?: string } };
    return err.code ?? err.cause?.code ?? err.name ?? 'error';
  }
  return 'error';
}
