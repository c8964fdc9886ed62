import type { ResolvedOptions } from './options.js';

/** A request turned away before service, with the headers that tell the client when to come back. */
export interface Rejection {
  status: number;
  headers: Record<string, string>;
  body: { error: string; message: string; retryAfterMs?: number };
}

/**
 * Admission control in front of the workers. `throttle` caps the requests admitted
 * at once (in service or waiting for a worker) at `maxActive` and answers the rest
 * 503 with Retry-After — "try again later" (Québec 2016, Le Soleil, Jan 2016).
 * Without `maxActive` (the `open` design) everything is admitted and waits in line.
 */
export class Gate {
  private active = 0;

  constructor(private readonly opts: ResolvedOptions) {}

  get admitted(): number {
    return this.active;
  }

  /** Admits (then call `leave`) or returns the rejection to send. */
  enter(): Rejection | undefined {
    const cap = this.opts.maxActive;
    if (cap !== undefined && this.active >= cap) return busy(this.opts.retryAfterSec);
    this.active++;
    return undefined;
  }

  leave(): void {
    this.active--;
  }
}

/** 503 with Retry-After in whole seconds (RFC 9110 §10.2.3) and the exact hint in x-retry-after-ms. */
export function busy(
  retryAfterSec: number,
  error = 'busy',
  message = 'too many people right now: try again later',
): Rejection {
  const ms = Math.round(retryAfterSec * 1000);
  return {
    status: 503,
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSec))), 'x-retry-after-ms': String(ms) },
    body: { error, message, retryAfterMs: ms },
  };
}
