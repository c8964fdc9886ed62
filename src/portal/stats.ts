import type { Strategy } from './options.js';

/** The portal's own counts, as GET /admin/stats returns them. */
export interface PortalStats {
  strategy: Strategy;
  quota: number | null;
  /** Applications accepted (from the database: survives restarts). */
  accepted: number;
  accounts: number;
  /** Responses turned away, by reason (since this process started). */
  rejected: { throttled: number; quota_full: number; invalid: number; timeout: number };
  /** API requests received since this process started (admin, docs and mailbox excluded). */
  requests: number;
  /** API responses by status code. */
  byStatus: Record<string, number>;
  /** Requests holding a worker, and waiting for one, right now. */
  inService: number;
  queued: number;
  workers: number;
  /** The most requests ever in service at once (never above workers). */
  peakInService: number;
  /** Requests that completed service, and the mean time they held a worker (ms). */
  served: number;
  meanServiceMs: number;
  /** Waiting room: tokens issued and visitors admitted so far. */
  queue?: { issued: number; admitted: number; admitPerSec: number; open: boolean };
  /** Expression-of-interest pool. */
  pool?: { interests: number; invited: number; rounds: number };
  startedAt: string;
}

export type CountedClass = 'ok' | 'queued' | 'throttled' | 'quota_full' | 'invalid' | 'timeout' | 'error';

/** In-memory request counters (the durable counts come from the database). */
export class Counters {
  requests = 0;
  /**
   * Counts by HTTP status (100–999 by index; any other in `otherStatus`). An object keyed by
   * a handful of statuses as far apart as 200 and 503 is turned into a dictionary by V8
   * (its elements would be mostly holes), and each count was then a slow keyed store.
   */
  private readonly statusCounts = new Float64Array(1000);
  private readonly otherStatus: Record<string, number> = {};

  /** The counts by status, in ascending order, as an object (GET /admin/stats' `byStatus`). */
  get byStatus(): Record<string, number> {
    const out: Record<string, number> = { ...this.otherStatus };
    this.statusCounts.forEach((n, status) => {
      if (n > 0) out[status] = n;
    });
    return out;
  }
  readonly byClass: Record<CountedClass, number> = {
    ok: 0,
    queued: 0,
    throttled: 0,
    quota_full: 0,
    invalid: 0,
    timeout: 0,
    error: 0,
  };

  record(status: number, cls: CountedClass | undefined): void {
    if (status >= 0 && status < 1000 && Number.isInteger(status))
      this.statusCounts[status] = (this.statusCounts[status] as number) + 1;
    else this.otherStatus[status] = (this.otherStatus[status] ?? 0) + 1;
    // A property named in the code, not `byClass[cls]`: a load keyed by seven different
    // strings is a megamorphic lookup, once per request (the simulator's tens of millions).
    const c = this.byClass;
    switch (cls ?? classOf(status)) {
      case 'ok':
        c.ok++;
        break;
      case 'queued':
        c.queued++;
        break;
      case 'throttled':
        c.throttled++;
        break;
      case 'quota_full':
        c.quota_full++;
        break;
      case 'invalid':
        c.invalid++;
        break;
      case 'timeout':
        c.timeout++;
        break;
      case 'error':
        c.error++;
        break;
    }
  }
}

/** The class a status counts under unless a handler said otherwise (quota_full, queued). */
export function classOf(status: number): CountedClass {
  if (status >= 200 && status < 400) return 'ok';
  if (status === 429 || status === 503) return 'throttled';
  if (status === 504) return 'timeout';
  if (status >= 400 && status < 500) return 'invalid';
  return 'error';
}
