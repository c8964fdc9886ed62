/**
 * The reference portal: a real server with explicit capacity and one of four
 * admission designs, so rehearsals work out of the box and portal *designs* can be
 * compared on the same population.
 *
 *   request ─► admission (strategy) ─► worker slot (FIFO) ─► work (SQLite) ─► hold for service time ─► reply
 */
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { buildApp } from './app.js';
import { PortalContext } from './context.js';
import { PortalOptionsError, resolveOptions, type PortalOptions } from './options.js';
import { portalStats } from './routes/admin.js';
import type { PortalStats } from './stats.js';
import { openDb } from './store/db.js';

export type { PortalOptions, Strategy } from './options.js';
export { STRATEGIES } from './options.js';
export type { PortalStats } from './stats.js';

export interface RunningPortal {
  url: string;
  /** Bearer token for the operator endpoints (invitation rounds). */
  operatorToken: string;
  /** The SQLite file (reuse it with `dbPath` to restart on the same data). */
  dbPath: string;
  close(): Promise<void>;
  stats(): Promise<PortalStats>;
}

export async function startPortal(options: PortalOptions): Promise<RunningPortal> {
  const opts = resolveOptions(options);
  const { db, path } = openDb(opts.dbPath, opts.durability, opts.fresh);
  let ctx: PortalContext;
  try {
    ctx = new PortalContext(opts, db);
  } catch (e) {
    db.close();
    throw e;
  }
  const app = buildApp(ctx);
  try {
    await app.listen({ host: opts.host, port: opts.port });
  } catch (e) {
    db.close();
    const code = (e as NodeJS.ErrnoException).code;
    // The user's choice of address, not a bug: say which and why, as a usage error.
    if (code === 'EADDRINUSE')
      throw new PortalOptionsError([
        { field: 'port', expected: `expected a free port; ${opts.host}:${opts.port} is in use (0 picks a free one)` },
      ]);
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL')
      throw new PortalOptionsError([
        {
          field: 'host',
          expected: `cannot listen on ${opts.host}:${opts.port} (${code}): expected an address of this machine, and a port ≥ 1024 unless privileged`,
        },
      ]);
    throw e;
  }
  const addr = app.server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  let closed = false;
  return {
    url: `http://${host}:${addr.port}`,
    operatorToken: opts.operatorToken,
    dbPath: path,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      db.close();
      // A temporary database goes with the portal; a named one stays for a restart.
      if (!opts.dbPath) rmSync(dirname(path), { recursive: true, force: true });
    },
    async stats() {
      return portalStats(ctx);
    },
  };
}
