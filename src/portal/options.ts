import { randomBytes } from 'node:crypto';
import { UsageError } from '../util/usage-error.js';
import type { ServiceDist } from './service-time.js';

/** The four admission designs the reference portal can be run with (DESIGN.md, "Reference portal"). */
export const STRATEGIES = ['open', 'throttle', 'waiting-room', 'eoi'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Routes that hold a worker for a service time; each may have its own mean. */
export const SERVED_OPS = [
  'info',
  'eligibility',
  'accounts',
  'codes',
  'sessions',
  'queue',
  'applications',
  'status',
  'interests',
] as const;
export type ServedOp = (typeof SERVED_OPS)[number];

/**
 * How to run the reference portal. Accepts a scenario's PortalSpec spread into it;
 * everything beyond `strategy`, `workers` and `serviceMs` is optional.
 */
export interface PortalOptions {
  strategy: Strategy;
  /**
   * Applications accepted before the intake closes; absent: no quota, or the one the
   * database already holds (a quota belongs to the database once set: see `changeQuota`).
   */
  quota?: number;
  /** Replace the quota an existing database holds with `quota` (otherwise a different quota is refused). Default false. */
  changeQuota?: boolean;
  /** Cap on requests admitted at once (throttle; also honoured by the other strategies when set). */
  maxActive?: number;
  /** Concurrent service slots. */
  workers: number;
  /** Mean service time per request, ms (real time). */
  serviceMs: number;
  /** Per-route mean service time, ms; routes not named use `serviceMs`. */
  serviceMsByOp?: Partial<Record<ServedOp, number>>;
  /** Shape of the service-time distribution around its mean; default `uniform` (0.5–1.5 × mean). */
  serviceDist?: ServiceDist;
  /** Retry-After sent with 503, seconds (may be fractional; the header is rounded up, `x-retry-after-ms` is exact). */
  retryAfterSec?: number;
  /** `open`: a request that waited longer than this for a worker is answered 504 unserved. Default 30 000. */
  queueTimeoutMs?: number;
  /** `waiting-room`: visitors admitted from the queue per second. Default workers ÷ serviceMs × 1000 ÷ 2. */
  admitPerSec?: number;
  /** `waiting-room`: shuffle everyone who queued before the opening (Queue-it's "pre-queue"). Default true. */
  shufflePreQueue?: boolean;
  /** Intake opens this many ms after the portal starts (applications and queue admission wait for it). Default 0. */
  opensInMs?: number;
  /**
   * Intake opens at this epoch ms instead (wins over opensInMs). A rehearsal fixes its
   * opening before it starts the portal; counted from the portal's own start, the
   * opening would come late by the portal's start-up (opening the database, preparing
   * statements: 10–70 ms on a loaded machine, 4–25 s of the real day at 360×).
   */
  opensAtEpochMs?: number;
  /** `waiting-room`: how long an admission pass stays valid, ms. Default 600 000. */
  passTtlMs?: number;
  /** How long an e-mailed one-time code stays valid, ms. Default 600 000. */
  codeTtlMs?: number;
  /** Seed for service times and the pre-queue shuffle. Default 1. */
  seed?: number;
  host?: string;
  /** 0 (default): a free port. */
  port?: number;
  /** SQLite file; default a fresh temporary file. */
  dbPath?: string;
  /** Delete an existing `dbPath` first (a new rehearsal in the same run directory); default false: resume on it. */
  fresh?: boolean;
  /** `full` fsyncs every commit (survives power loss); `normal` (default) survives a process crash (WAL). */
  durability?: 'normal' | 'full';
  /** Bearer token for operator endpoints (invitation rounds); default random, see RunningPortal.operatorToken. */
  operatorToken?: string;
  /** Epoch ms for code expiry and guess windows; default Date.now (tests move a clock instead of waiting on one). */
  clock?: () => number;
  /** Wrong sign-in codes allowed per account in this window: MAX_FAILURES per window, ms. Default 900 000 (15 min). */
  guessWindowMs?: number;
  /**
   * Serve the simulated mailbox at GET /dev/mailbox/:email. It shows anyone the code sent
   * to any address, so it is off unless asked for: only rehearsals whose journey reads
   * mail (`readMailbox`, the status tracker) need it. Default false.
   */
  devMailbox?: boolean;
  /** Largest accepted request body, bytes. Default 16 384. */
  bodyLimit?: number;
  /** Fastify logging (to stderr). Default false. */
  logger?: boolean;
}

export type ResolvedOptions = Required<
  Omit<PortalOptions, 'quota' | 'maxActive' | 'serviceMsByOp' | 'dbPath' | 'opensAtEpochMs'>
> & {
  opensAtEpochMs: number | undefined;
  quota: number | undefined;
  maxActive: number | undefined;
  serviceMsByOp: Partial<Record<ServedOp, number>>;
  dbPath: string | undefined;
};

/** Every problem of a set of portal options, by field; the message is one line naming them all. */
export class PortalOptionsError extends UsageError {
  constructor(readonly problems: Array<{ field: keyof PortalOptions | `serviceMsByOp.${string}`; expected: string }>) {
    super(`portal options: ${problems.map((p) => `${p.field}: ${p.expected}`).join('; ')}`);
  }
}

/** Fills defaults and checks ranges; throws PortalOptionsError naming every bad field. */
export function resolveOptions(opts: PortalOptions): ResolvedOptions {
  const problems: PortalOptionsError['problems'] = [];
  const problem = (field: PortalOptionsError['problems'][number]['field'], expected: string) =>
    problems.push({ field, expected });
  if (!STRATEGIES.includes(opts.strategy))
    problem('strategy', `expected one of ${STRATEGIES.join(', ')}, got "${String(opts.strategy)}"`);
  const posInt = (name: keyof PortalOptions, v: number | undefined) => {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) problem(name, `expected an integer ≥ 1, got ${v}`);
  };
  const nonNeg = (name: PortalOptionsError['problems'][number]['field'], v: number | undefined) => {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) problem(name, `expected a number ≥ 0, got ${v}`);
  };
  posInt('workers', opts.workers);
  posInt('maxActive', opts.maxActive);
  if (opts.quota !== undefined && !(Number.isInteger(opts.quota) && opts.quota >= 0))
    problem('quota', `expected an integer ≥ 0, got ${opts.quota}`);
  nonNeg('serviceMs', opts.serviceMs);
  nonNeg('retryAfterSec', opts.retryAfterSec);
  nonNeg('queueTimeoutMs', opts.queueTimeoutMs);
  nonNeg('opensInMs', opts.opensInMs);
  nonNeg('opensAtEpochMs', opts.opensAtEpochMs);
  nonNeg('guessWindowMs', opts.guessWindowMs);
  if (opts.admitPerSec !== undefined && !(opts.admitPerSec > 0))
    problem('admitPerSec', `expected a number > 0, got ${opts.admitPerSec}`);
  for (const [k, v] of Object.entries(opts.serviceMsByOp ?? {})) nonNeg(`serviceMsByOp.${k}`, v as number | undefined);
  // Node's listen() throws a RangeError with a stack for these; say it like the rest.
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port >= 0 && opts.port <= 65535))
    problem('port', `expected an integer from 0 (any free port) to 65535, got ${opts.port}`);
  if (problems.length) throw new PortalOptionsError(problems);
  const capacityPerSec = opts.serviceMs > 0 ? (opts.workers * 1000) / opts.serviceMs : opts.workers * 1000;
  return {
    strategy: opts.strategy,
    quota: opts.quota,
    changeQuota: opts.changeQuota ?? false,
    maxActive: opts.maxActive,
    workers: opts.workers,
    serviceMs: opts.serviceMs,
    serviceMsByOp: opts.serviceMsByOp ?? {},
    serviceDist: opts.serviceDist ?? 'uniform',
    retryAfterSec: opts.retryAfterSec ?? 1,
    queueTimeoutMs: opts.queueTimeoutMs ?? 30_000,
    admitPerSec: opts.admitPerSec ?? capacityPerSec / 2,
    shufflePreQueue: opts.shufflePreQueue ?? true,
    opensInMs: opts.opensInMs ?? 0,
    opensAtEpochMs: opts.opensAtEpochMs,
    passTtlMs: opts.passTtlMs ?? 600_000,
    codeTtlMs: opts.codeTtlMs ?? 600_000,
    guessWindowMs: opts.guessWindowMs ?? 900_000,
    clock: opts.clock ?? Date.now,
    seed: opts.seed ?? 1,
    host: opts.host ?? '127.0.0.1',
    port: opts.port ?? 0,
    dbPath: opts.dbPath,
    fresh: opts.fresh ?? false,
    durability: opts.durability ?? 'normal',
    operatorToken: opts.operatorToken ?? randomBytes(18).toString('base64url'),
    devMailbox: opts.devMailbox ?? false,
    bodyLimit: opts.bodyLimit ?? 16_384,
    logger: opts.logger ?? false,
  };
}
