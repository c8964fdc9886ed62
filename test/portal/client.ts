import { afterEach } from 'vitest';
import { startPortal, type PortalOptions, type RunningPortal } from '../../src/portal/index.js';
import { Pool } from 'undici';

/** A small JSON client for tests against a loopback portal. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read any field of any reply
  body: any;
  text: string;
}

export function client(baseUrl: string, connections = 256) {
  const pool = new Pool(baseUrl, { connections });
  async function call(
    method: string,
    path: string,
    opts: { json?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
    }
    const r = await pool.request({ method: method as 'GET', path, headers, ...(body !== undefined ? { body } : {}) });
    const text = await r.body.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: r.statusCode, headers: r.headers as Reply['headers'], body: parsed, text };
  }
  return {
    call,
    get: (path: string, token?: string) => call('GET', path, token ? { token } : {}),
    post: (path: string, json: unknown, opts: { token?: string; headers?: Record<string, string> } = {}) =>
      call('POST', path, { json, ...opts }),
    /** Creates an account and returns its token and id. */
    async account(i: number, prefix = 'c'): Promise<{ token: string; accountId: string; email: string }> {
      const email = `${prefix}${i}@example.test`;
      const r = await call('POST', '/api/accounts', {
        json: { email, name: `Candidate ${i}`, country: 'FR', candidateId: `${prefix}${i}` },
      });
      if (r.status !== 201) throw new Error(`account ${i}: ${r.status} ${r.text}`);
      return { token: r.body.token, accountId: r.body.accountId, email };
    },
    close: () => pool.close(),
  };
}

/** Starts portals for a test file and closes them after each test. */
export function portals() {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });
  return async (opts: PortalOptions): Promise<RunningPortal> => {
    const p = await startPortal(opts);
    open.push(p);
    return p;
  };
}
