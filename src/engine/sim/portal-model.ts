import { busy, Gate } from '../../portal/admission.js';
import type { ResolvedOptions, ServedOp } from '../../portal/options.js';
import { answer } from '../../portal/routes/queue.js';
import { drawServiceMs, seededUniform } from '../../portal/service-time.js';
import { Counters, type CountedClass, type PortalStats } from '../../portal/stats.js';
import { fromRejection, R, response, type SimResponse } from './responses.js';
import type { Req, Visit } from './visit.js';
import { VirtualWaitingRoom } from './waiting-room.js';

/** How the model hands responses back to the driver, which turns them into events. */
export interface ModelOutput {
  reply(req: Req, at: number, res: SimResponse): void;
  /** A served request holds its worker until `at`, then replies. */
  finishAt(req: Req, at: number, res: SimResponse): void;
  /** The request waits in line for a worker (its client's timeout may come first). */
  waiting(req: Req): void;
  /** The id of a visit's candidate (the expression of interest and the invitation read it). */
  idOf(v: Visit): string;
}

interface Interest {
  candidate: string;
  score: number;
  seq: number;
  submittedAtMs: number;
  attributes: Record<string, unknown>;
}

/**
 * The reference portal (src/portal) as a model in virtual time. Same options
 * (`ResolvedOptions` from the portal's own `resolveOptions`), same admission `Gate`
 * and `busy` rejection, same service-time draws from the same seeded stream, same
 * waiting-room arithmetic, same guards per strategy, and the same order of events
 * inside a served request as `PortalContext.serve`:
 *
 *   admission (Gate: 503 beyond the cap) ─► worker slot (FIFO) ─► waited > queueTimeoutMs? 504, no hold
 *     ─► guard (queue pass, invitation) ─► work (the route: account, quota place…) ─► hold for the drawn service time ─► reply
 *
 * Work happens when service starts and the reply when it ends, as in the portal, so a
 * client that timed out may still have taken a place (and its retry, with the same
 * idempotency key, gets the stored answer). Request-body validation (Fastify's schema,
 * before any admission) answers 400 at once. The intake opens at run time 0.
 */
export class PortalModel {
  readonly gate: Gate;
  readonly counters = new Counters();
  readonly room: VirtualWaitingRoom | undefined;
  accepted = 0;
  accounts = 0;
  served = 0;
  busyMs = 0;
  peak = 0;
  private busyWorkers = 0;
  /** FIFO line for a worker: a ring of requests. */
  private line: Array<Req | undefined> = new Array(1024);
  private head = 0;
  private count = 0;
  private readonly u: () => number;
  private readonly meanMs: number[] = [];
  private readonly throttled: SimResponse;
  /** The class `work` counted its last response under (set with it). */
  private cls: CountedClass | undefined = undefined;
  private readonly quotaFull: SimResponse;
  private readonly pool: Interest[] = [];
  private poolSeq = 0;
  readonly invited = new Set<string>();
  rounds = 0;

  constructor(
    readonly opts: ResolvedOptions,
    private readonly out: ModelOutput,
  ) {
    // As PortalContext: `open` has no admission control; `throttle` defaults its cap to the workers.
    const cap =
      opts.strategy === 'open'
        ? undefined
        : (opts.maxActive ?? (opts.strategy === 'throttle' ? opts.workers : undefined));
    this.gate = new Gate({ ...opts, maxActive: cap });
    this.u = seededUniform(opts.seed);
    this.throttled = fromRejection(busy(opts.retryAfterSec));
    this.quotaFull = R.quotaFull(opts.quota ?? 0);
    if (opts.strategy === 'waiting-room') {
      this.room = new VirtualWaitingRoom({
        admitPerSec: opts.admitPerSec,
        opensAt: opts.opensInMs,
        shuffle: opts.shufflePreQueue,
        seed: opts.seed,
        passTtlMs: opts.passTtlMs,
      });
    }
  }

  get inService(): number {
    return this.busyWorkers;
  }

  get queued(): number {
    return this.count;
  }

  /** A request reaches the portal at `now`. */
  receive(req: Req, now: number): void {
    const v = req.visit;
    // The portal counts API requests, not /dev (the mailbox) or /admin (src/portal/app.ts).
    if (req.route.kind !== 'mailbox' && req.route.kind !== 'inviteRound') this.counters.requests++;
    switch (req.route.kind) {
      // Answered outside the workers and the admission cap (src/portal/routes/queue.ts, codes.ts).
      case 'enterQueue': {
        if (!this.room) return this.answer(req, now, R.noQueue);
        const { ticket, view } = this.room.join(now);
        v.ticket = ticket;
        return this.answer(req, now, this.queueAnswer(view), view.admitted ? undefined : 'queued');
      }
      case 'pollQueue': {
        if (!this.room) return this.answer(req, now, R.noQueue);
        if (!v.ticket || !v.hasQueueToken) return this.answer(req, now, R.unknownToken);
        const view = this.room.view(v.ticket, now);
        return this.answer(req, now, this.queueAnswer(view), view.admitted ? undefined : 'queued');
      }
      case 'mailbox':
        // Off unless asked for (src/portal/options.ts devMailbox): then the route does not exist.
        if (!this.opts.devMailbox) return this.out.reply(req, now, R.noRoute);
        return this.out.reply(req, now, v.mailed ? R.mail : R.noMail);
      case 'inviteRound':
        // Journeys have no operator token; the operator's rounds are scheduled by the driver.
        return this.out.reply(req, now, R.unauthorized);
      case 'createAccount':
        // Fastify validates the body before the handler: no e-mail, no admission.
        if (!v.hasEmail) return this.answer(req, now, R.invalidBody);
        break;
      default:
    }
    const rejected = this.gate.enter();
    if (rejected) return this.answer(req, now, this.throttled);
    req.queuedAt = now;
    if (this.busyWorkers < this.opts.workers) this.start(req, now);
    else {
      this.enqueue(req);
      this.out.waiting(req);
    }
  }

  /** A served request's worker is free at `now`: the next in line gets it. */
  release(now: number): void {
    this.gate.leave();
    this.busyWorkers--;
    while (this.count > 0 && this.busyWorkers < this.opts.workers) {
      const next = this.dequeue() as Req;
      this.start(next, now);
    }
  }

  private start(req: Req, now: number): void {
    this.busyWorkers++;
    if (this.busyWorkers > this.peak) this.peak = this.busyWorkers;
    if (now - req.queuedAt > this.opts.queueTimeoutMs) {
      // Like a proxy's upstream timeout: dropped unserved, the slot passes on at once.
      this.counters.record(504, undefined);
      this.out.finishAt(req, now, R.gatewayTimeout);
      return;
    }
    const op = req.route.served as ServedOp;
    this.cls = undefined;
    const res = this.guard(op, req, now) ?? this.work(req, now);
    const cls = this.cls;
    const ms = drawServiceMs(this.opts.serviceDist, this.meanMsOf(req.route.id, op), this.u);
    this.served++;
    this.busyMs += ms;
    this.counters.record(res.status, cls);
    this.out.finishAt(req, now + ms, res);
  }

  /**
   * The mean service time of a route's requests (the portal's `serviceMsByOp`, else
   * `serviceMs`), kept by route id: read by operation name it was a lookup keyed by a
   * dozen strings at every served request.
   */
  private meanMsOf(routeId: number, op: ServedOp): number {
    const known = this.meanMs[routeId];
    if (known !== undefined) return known;
    const ms = this.opts.serviceMsByOp[op] ?? this.opts.serviceMs;
    this.meanMs[routeId] = ms;
    return ms;
  }

  private answer(req: Req, now: number, res: SimResponse, cls?: CountedClass): void {
    this.counters.record(res.status, cls ?? (res.status === 503 ? 'throttled' : undefined));
    this.out.reply(req, now, res);
  }

  private queueAnswer(view: Parameters<typeof answer>[1]): SimResponse {
    const a = answer('sim-queue-token', view);
    return a.status === 200 ? response(200, a.body) : response(a.status, a.body, a.headers, false);
  }

  /** The strategy's check before the work (src/portal/strategies.ts). */
  private guard(op: ServedOp, req: Req, now: number): SimResponse | undefined {
    const v = req.visit;
    if (this.room && (op === 'accounts' || op === 'applications')) {
      if (!this.room.passValid(v.hasQueueToken ? v.ticket : undefined, now)) return R.queueRequired;
    }
    if (
      this.opts.strategy === 'eoi' &&
      op === 'applications' &&
      v.hasToken &&
      v.account &&
      !this.invited.has(this.out.idOf(v))
    )
      return R.notInvited;
    return undefined;
  }

  /**
   * The route's own work (src/portal/routes/*.ts), at the start of service: the response,
   * and the class the portal counts it under in `this.cls` (a field, not a returned pair:
   * tens of millions of served requests would each allocate one).
   */
  private work(req: Req, now: number): SimResponse {
    const v = req.visit;
    switch (req.route.kind) {
      case 'page':
        return R.page;
      case 'eligibility':
        return R.eligibility;
      case 'createAccount':
        if (v.account) return R.accountExists;
        v.account = true;
        this.accounts++;
        return R.accountCreated;
      case 'requestCode':
        if (v.account) {
          v.codeUntil = now + this.opts.codeTtlMs;
          v.mailed = true;
        }
        return R.codeSent;
      case 'signIn':
        if (!v.account || Number.isNaN(v.codeUntil) || now > v.codeUntil) return R.invalidCode;
        v.codeUntil = Number.NaN;
        return R.signedIn;
      case 'submitApplication': {
        if (!v.hasToken || !v.account) return R.unauthorized;
        if (now < this.opts.opensInMs) {
          const untilOpen = this.opts.opensInMs - now;
          return fromRejection(
            busy(
              Math.min(untilOpen, 60_000) / 1000,
              'not_open',
              'the intake is not open yet: come back at the opening',
            ),
            false,
          );
        }
        if (v.applied) return req.route.stableIdempotencyKey ? R.applied : R.alreadyApplied;
        if (this.opts.quota !== undefined && this.accepted >= this.opts.quota) {
          this.cls = 'quota_full';
          return this.quotaFull;
        }
        this.accepted++;
        v.applied = true;
        return R.applied;
      }
      case 'applicationStatus':
        if (!v.hasToken || !v.account) return R.unauthorized;
        return v.applied ? R.applied : R.notFound;
      case 'submitInterest': {
        if (!v.hasToken || !v.account) return R.unauthorized;
        if (v.interest) return R.interestSame;
        v.interest = true;
        const a = v.c?.attributes ?? {};
        const at = typeof a.eoiSubmittedAt === 'string' ? Date.parse(a.eoiSubmittedAt) : Number.NaN;
        this.pool.push({
          candidate: this.out.idOf(v),
          score: Number(a.eoiScore ?? 0),
          seq: ++this.poolSeq,
          submittedAtMs: at,
          attributes: a,
        });
        return R.interestCreated;
      }
      case 'interestStatus':
        if (!v.hasToken || !v.account) return R.unauthorized;
        return v.interest ? R.interestSame : R.noInterest;
      default:
        return R.unauthorized;
    }
  }

  /**
   * An operator's invitation round (src/portal/store/interests.ts `round`): the top
   * `size` uninvited interests by score, ties by submission order, that meet the
   * criteria. Returns the invited candidate ids in rank order.
   */
  inviteRound(
    size: number,
    criteria: { submittedBefore?: string; minScore?: number; attributes?: Record<string, unknown> } = {},
  ): string[] {
    this.rounds++;
    const before = criteria.submittedBefore ? Date.parse(criteria.submittedBefore) : Infinity;
    const wanted = Object.entries(criteria.attributes ?? {});
    const ranked = this.pool
      .filter((p) => !this.invited.has(p.candidate))
      .sort((a, b) => b.score - a.score || a.seq - b.seq);
    const out: string[] = [];
    for (const p of ranked) {
      if (out.length >= size) break;
      // The portal stores the given submittedAt, else the time of the request; a missing date counts as "now", after any cut-off in the past.
      if (!(p.submittedAtMs < before)) continue;
      if (criteria.minScore !== undefined && p.score < criteria.minScore) continue;
      if (!wanted.every(([k, val]) => p.attributes[k] === val)) continue;
      out.push(p.candidate);
    }
    for (const c of out) this.invited.add(c);
    return out;
  }

  private enqueue(req: Req): void {
    if (this.count === this.line.length) {
      const bigger: Array<Req | undefined> = new Array(this.line.length * 2);
      for (let i = 0; i < this.count; i++) bigger[i] = this.line[(this.head + i) % this.line.length];
      this.line = bigger;
      this.head = 0;
    }
    this.line[(this.head + this.count) % this.line.length] = req;
    this.count++;
    // A place in line refers to the request (the driver reuses a request none refers to).
    req.refs++;
  }

  private dequeue(): Req | undefined {
    if (this.count === 0) return undefined;
    const r = this.line[this.head] as Req;
    r.refs--;
    this.line[this.head] = undefined;
    this.head = (this.head + 1) % this.line.length;
    this.count--;
    return r;
  }

  /** The portal's own counts, in the shape GET /admin/stats gives (src/portal/routes/admin.ts). */
  stats(startedAt: string): PortalStats {
    const c = this.counters.byClass;
    return {
      strategy: this.opts.strategy,
      quota: this.opts.quota ?? null,
      accepted: this.accepted,
      accounts: this.accounts,
      rejected: { throttled: c.throttled, quota_full: c.quota_full, invalid: c.invalid, timeout: c.timeout },
      requests: this.counters.requests,
      byStatus: { ...this.counters.byStatus },
      inService: this.busyWorkers,
      queued: this.count,
      workers: this.opts.workers,
      peakInService: this.peak,
      served: this.served,
      meanServiceMs: this.served ? this.busyMs / this.served : 0,
      ...(this.room
        ? {
            queue: {
              issued: this.room.issued,
              admitted: this.room.admitted,
              admitPerSec: this.opts.admitPerSec,
              open: true,
            },
          }
        : {}),
      pool: { interests: this.pool.length, invited: this.invited.size, rounds: this.rounds },
      startedAt,
    };
  }
}
