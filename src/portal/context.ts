import type { SqlDb } from './store/sqlite.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Gate } from './admission.js';
import { WorkerPool } from './capacity.js';
import { PortalOptionsError, type ResolvedOptions, type ServedOp } from './options.js';
import { drawServiceMs, seededUniform } from './service-time.js';
import { Counters, type CountedClass, type PortalStats } from './stats.js';
import { AccountStore } from './store/accounts.js';
import { ApplicationStore, QuotaConflict } from './store/applications.js';
import { InterestPool } from './store/interests.js';
import type { WaitingRoom } from './store/queue.js';

/** What a route handler returns; the serving wrapper sends it after the service time. */
export interface Outcome {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Counted under this class instead of the status's default (e.g. quota_full). */
  cls?: CountedClass;
}

/** Everything the routes share: options, stores, capacity and counters. */
export class PortalContext {
  readonly pool: WorkerPool;
  readonly gate: Gate;
  readonly counters = new Counters();
  readonly accounts: AccountStore;
  readonly applications: ApplicationStore;
  readonly interests: InterestPool;
  /** Present under the waiting-room strategy. */
  waitingRoom: WaitingRoom | undefined;
  /** The strategy's check before a served request's work (queue pass, invitation); undefined lets it through. */
  guard: (op: ServedOp, req: FastifyRequest) => Outcome | undefined = () => undefined;
  readonly startedAt = Date.now();
  /** Set by handlers to override the class a response is counted under. */
  readonly classOverride = new WeakMap<FastifyRequest, CountedClass>();
  /** Sections strategies add to the stats (queue, pool). */
  readonly statsExtras: Array<() => Partial<PortalStats>> = [];
  private readonly u: () => number;

  constructor(
    readonly opts: ResolvedOptions,
    readonly db: SqlDb,
  ) {
    this.pool = new WorkerPool(opts.workers);
    // `open` has no admission control by definition; `throttle` defaults its cap to the workers.
    const cap =
      opts.strategy === 'open'
        ? undefined
        : (opts.maxActive ?? (opts.strategy === 'throttle' ? opts.workers : undefined));
    this.gate = new Gate({ ...opts, maxActive: cap });
    this.u = seededUniform(opts.seed);
    this.accounts = new AccountStore(db);
    this.applications = new ApplicationStore(db);
    try {
      this.applications.configure(opts.quota, opts.changeQuota);
    } catch (e) {
      // Named as an option problem, so `rehearse portal` names the flag (--quota) and exits 2.
      if (e instanceof QuotaConflict) throw new PortalOptionsError([{ field: 'quota', expected: e.expected }]);
      throw e;
    }
    this.interests = new InterestPool(db);
  }

  serviceMs(op: ServedOp): number {
    return drawServiceMs(this.opts.serviceDist, this.opts.serviceMsByOp[op] ?? this.opts.serviceMs, this.u);
  }

  /** Epoch ms when the intake opens. */
  get opensAt(): number {
    return this.opts.opensAtEpochMs ?? this.startedAt + this.opts.opensInMs;
  }

  /**
   * Runs `work` as one served request: admission (503 beyond the cap), then a
   * worker slot (FIFO), the work itself, and a hold until the drawn service time
   * has passed. The response is sent only then, so latency includes queueing.
   */
  async serve(
    op: ServedOp,
    req: FastifyRequest,
    reply: FastifyReply,
    work: () => Outcome | Promise<Outcome>,
  ): Promise<FastifyReply> {
    const rejected = this.gate.enter();
    if (rejected) return send(reply, rejected);
    try {
      const queuedAt = performance.now();
      await this.pool.acquire();
      try {
        const startedAt = performance.now();
        if (startedAt - queuedAt > this.opts.queueTimeoutMs) {
          // Like a proxy's upstream timeout: the request waited too long and is dropped unserved.
          return send(reply, { status: 504, body: { error: 'timeout', message: 'the portal did not answer in time' } });
        }
        const out = this.guard(op, req) ?? (await work());
        if (out.cls) this.classOverride.set(req, out.cls);
        await this.pool.holdUntil(startedAt, this.serviceMs(op));
        return send(reply, out);
      } finally {
        this.pool.release();
      }
    } finally {
      this.gate.leave();
    }
  }
}

export function send(
  reply: FastifyReply,
  out: { status: number; body: unknown; headers?: Record<string, string> },
): FastifyReply {
  if (out.headers) reply.headers(out.headers);
  return reply.code(out.status).send(out.body);
}

/** The bearer token of a request, if any. */
export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

export const unauthorized: Outcome = {
  status: 401,
  body: { error: 'unauthorized', message: 'sign in first: send Authorization: Bearer <token>' },
  headers: { 'www-authenticate': 'Bearer' },
};
