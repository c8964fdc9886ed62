import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Summary } from '../../analyze/index.js';
import { nextOwned, resumeOwned, startOwned } from '../../journey/machine.js';
import type { Action, JourneyCandidate, Operation, OpResult, ResultClass } from '../../journey/types.js';
import { isLean } from '../../population/candidate-core.js';
import { resolveOptions, type PortalOptions } from '../../portal/options.js';
import { meetsCriteria } from '../../scenario/eligibility.js';
import { classifyWith, retryAfterMs } from '../../target/classify.js';
import { UsageError } from '../../util/usage-error.js';
import { startManifest, writeManifest } from '../manifest.js';
import type { RunOptions, RunResult } from '../types.js';
import { EventQueue } from './event-queue.js';
import { raiseInliningBudget } from './inlining.js';
import { type Arrivals, CandidateArrivals, ThreadArrivals } from './population-feed.js';
import { PortalModel } from './portal-model.js';
import { RecordLog } from './record-log.js';
import { CLIENT_TIMEOUT, R, type SimResponse } from './responses.js';
import { resolveRoutes, type Route } from './routes.js';
import { fillVisit, newReq, type Req, type Visit } from './visit.js';

/** Kinds of events in the future-event list (the payload: a visit, a request, a round's index; none for an arrival). */
const enum K {
  Arrival,
  Send,
  Wake,
  Reply,
  Done,
  Timeout,
  Round,
}

type Payload = Visit | Req | number;

/** Result classes as small numbers, for the tag-set cache's index (a switch: a load keyed by six strings is megamorphic). */
function classId(cls: ResultClass): number {
  switch (cls) {
    case 'ok':
      return 0;
    case 'throttled':
      return 1;
    case 'queued':
      return 2;
    case 'quota_full':
      return 3;
    case 'invalid':
      return 4;
    case 'error':
      return 5;
  }
}

export interface SimResult extends RunResult {
  summary: Summary;
  /** Events processed and the wall time they took (the benchmark's figures). */
  events: number;
  /** Events by kind, indexed by `K` (Arrival, Send, Wake, Reply, Done, Timeout, Round): which ones a change could fold. */
  eventsByKind: number[];
  wallMs: number;
  /**
   * Where the wall time went: the event loop (the population's stream, the journeys, the
   * model and recording every point into the accumulator) and the summary built from it
   * (the analyzer's sections); the rest is setup and writing the files.
   */
  phases: { loopMs: number; summaryMs: number };
}

/** The model's options: the scenario's portal, overridden by the caller's; the intake opens at run time 0. */
export function modelOptions(opts: RunOptions): PortalOptions {
  // The simulated mailbox is served when the journey reads it, as `rehearse run` starts the portal.
  const readsMail = opts.scenario.journey.steps.some((s) => s.op === 'readMailbox');
  return { devMailbox: readsMail, ...opts.scenario.portal, ...opts.portalModel, opensInMs: 0 } as PortalOptions;
}

/**
 * The sim engine's run: a discrete-event simulation, in virtual time, of the same
 * journeys (src/journey/machine.ts, unchanged) against the reference portal's model.
 *
 *   population (streamed) ─► Arrival ─► journey.start ─► request ─► PortalModel.receive
 *        ▲                                   ▲                          │ Reply / Done / Timeout
 *        └── next candidate            Wake ◄┴── journey.next ◄─────────┘ (classified by the target file)
 *
 * Every response is classified by the target file exactly as a real one; every request
 * and journey becomes the sample points a node run writes (through the node engine's
 * own Recorder), fed to the analyzer's accumulator in memory, and summary.json is
 * built by the analyzer's own sections. Deterministic: no clock is read for anything
 * that reaches the output — the run is dated on the scenario's own day.
 */
export async function runSim(opts: RunOptions): Promise<SimResult> {
  if (opts.segment)
    throw new UsageError('--segment: the sim engine runs the whole population in one process (it needs no segments)');
  const wall0 = performance.now();
  raiseInliningBudget();
  const scenario = opts.scenario;
  const def = scenario.journey;
  const popts = resolveModel(modelOptions(opts));
  const ops = new Set<Operation>([...def.steps.map((s) => s.op), ...scenario.operator.map((a) => a.op)]);
  const routes = resolveRoutes(opts.target, ops);
  const outDir = resolve(opts.outDir);
  await mkdir(outDir, { recursive: true });

  // Dated on the real day: the scenario's start plus the lead-in before the opening.
  const zeroEpochMs = Date.parse(scenario.startsAt) + scenario.openingMs * scenario.knobs.timeScale;
  const samples = opts.writeSamples ? ['samples.ndjson' + (opts.gzip ? '.gz' : '')] : [];
  const manifest = startManifest(
    opts,
    { name: 'sim' },
    { baseUrl: `sim:reference-portal/${popts.strategy}`, openingEpochMs: zeroEpochMs, samples },
  );
  manifest.startedAt = new Date(
    zeroEpochMs + Math.min(0, scenario.curve[0]?.atMs ?? 0) - scenario.openingMs,
  ).toISOString();
  if (popts.quota !== undefined) manifest.scenario.quota = popts.quota;
  else delete manifest.scenario.quota;
  manifest.notes = [
    `simulated: a model of the reference portal (${describeModel(popts)}${opts.rttMs ? `, round trip ${opts.rttMs} ms` : ''}), virtual time; no request was sent`,
  ];

  // Requests are recorded as per-second aggregates (rehearsal_req_agg, as a node run's
  // `--http-samples summary`) unless every sample is asked for: four points a request were
  // most of a full-scale night's time. The file, when asked for, gets the very points the
  // accumulator gets (`tee`), so `analyze` over it gives this summary.
  const mode = opts.writeSamples === 'all' ? 'all' : 'summary';
  // EOI rounds: journeys carry the candidate's score and eligibility, and whether invited once rounds ran.
  const round = scenario.operator.find((a) => a.op === 'inviteRound');
  // The recording (Recorder → accumulator → summary, and the sample file) runs on the second core.
  const recorder = RecordLog.start({
    scenario: scenario.name,
    zeroEpochMs,
    mode,
    samplesPath: opts.writeSamples ? join(outDir, samples[0] as string) : undefined,
    gzip: opts.gzip ?? false,
    holdJourneys: round !== undefined,
    success: def.success,
  });
  // The population: generated on a thread of its own when the run says how (and its
  // candidates need no attributes), else the candidates handed over (population-feed.ts).
  const spec = opts.populationSpec;
  const arrivals: Arrivals =
    spec && isLean(scenario, spec) ? new ThreadArrivals(scenario, spec.seed) : new CandidateArrivals(opts.population);
  try {
    return await simulate();
  } catch (e) {
    await Promise.all([recorder.abort(), arrivals.close()]);
    throw e;
  }

  async function simulate(): Promise<SimResult> {
    // A waking visitor is read at its wake; the queue reads it ahead, with the rest of its bucket
    // (the sum is written so that the read is not optimized away).
    let _warmed = 0;
    const queue = new EventQueue<Payload>((item, kind) => {
      if (kind === K.Wake) {
        // Its step (read at the wake) and its count of requests (written at the send), a
        // line apart: two independent reads, in flight together.
        const v = item as Visit;
        _warmed += v.step + v.reqs;
      }
    });
    /** A request's event: counted on the request, which is reused once none refers to it. */
    const pushReq = (at: number, req: Req, kind: K): void => {
      req.refs++;
      queue.push(at, req, kind);
    };
    // One way of the round trip: a request reaches the portal, and a reply the visitor, this much later.
    const half = (opts.rttMs ?? 0) / 2;
    if (!(half >= 0 && Number.isFinite(half)))
      throw new UsageError(`--rtt-ms: expected a number of ms ≥ 0, got ${opts.rttMs}`);
    const model = new PortalModel(popts, {
      reply: (req, at, res) => {
        req.res = res;
        pushReq(at + half, req, K.Reply);
      },
      finishAt: (req, at, res) => {
        req.res = res;
        pushReq(at, req, K.Done);
        // A reply later than the client's timeout: the client gives up first.
        if (!req.timeoutSet && at + half > req.sentAt + req.route.timeoutMs) setTimeoutFor(req);
      },
      waiting: (req) => {
        if (!req.timeoutSet) setTimeoutFor(req);
      },
      idOf: (v) => arrivals.idOf(v.seq, v.c),
    });
    const setTimeoutFor = (req: Req) => {
      req.timeoutSet = true;
      pushReq(req.sentAt + req.route.timeoutMs, req, K.Timeout);
    };

    // Every record goes to the recording thread; a record returns a promise when the thread
    // is behind (RecordLog's batches in flight), awaited below, so the loop cannot outrun it.
    let pending: Promise<void> | undefined;
    // Tag sets are serialized by the Recorder once per kind of request (route, status) and
    // of operation outcome (operation, status, class, cause, country), and kept here under
    // a numeric key. An operation of one request records both at its answer; an operation
    // of several records an HTTP request per request and the outcome at the deciding one.
    const httpTagSets: number[][] = [];
    const httpTag = (route: Route, op: Operation, status: number): number => {
      // By route and status: two array indexes (statuses are HTTP's three digits, or 0 for none).
      const row = (httpTagSets[route.id] ??= []);
      let t = row[status];
      if (t === undefined) {
        t = recorder.httpTags({ op, method: route.method, status });
        if (status >= 0 && status < 1000) row[status] = t;
      }
      return t;
    };
    // By operation and status, then class and timeout, then country: array reads (a map keyed
    // by one number was a hash lookup at every answer).
    const opTagSets: Int32Array[][] = [];
    const opTag = (
      route: Route,
      op: Operation,
      status: number,
      cls: ResultClass,
      timedOut: boolean,
      countryId: number,
      visit: Visit | undefined,
      res: SimResponse | undefined,
    ): number => {
      // Cached while statuses are HTTP's three digits (or 0) and countries under 1,024; else a new set each time.
      const cacheable = status >= 0 && status < 1000 && countryId < 1024;
      let row: Int32Array | undefined;
      if (cacheable) {
        // Sized up front: an index far past an array's end would turn it into a dictionary.
        const byStatus = (opTagSets[route.opId] ??= new Array<Int32Array>(12_000));
        row = byStatus[status * 12 + classId(cls) * 2 + (timedOut ? 1 : 0)] ??= new Int32Array(1024).fill(-1);
      }
      let t = row ? (row[countryId] as number) : -1;
      if (t < 0) {
        // The country's name is read only here, for a new tag set.
        const country = visit ? (countries[visit.countryId] as string) : '';
        t = recorder.requestTags({
          op,
          status,
          cls,
          country,
          ...(timedOut ? { cause: 'timeout' } : {}),
          // The mapping warning quotes a failing answer's body, as the node engine's journey does.
          ...(cls !== 'ok' && res ? { body: res.body.slice(0, 200) } : {}),
        });
        if (row) row[countryId] = t;
      }
      return t;
    };
    const invitedAll = new Set<string>();
    const joining: JourneyCandidate = { id: '', seed: 0, persona: arrivals.persona, patienceMs: 0 };
    scenario.operator.forEach((a, i) => queue.push(a.atMs, i, K.Round));

    /** Classes of responses that never change, per route (the target's rules are pure). */
    const classCache: ResultClass[][] = [];
    const classOf = (route: Route, res: SimResponse): ResultClass => {
      if (res.status === 0) return 'error';
      if (res.fixed < 0) return classifyWith(route.rules, res);
      const row = (classCache[route.id] ??= []);
      return (row[res.fixed] ??= classifyWith(route.rules, res));
    };
    /** Retry-After of responses that never change (NaN: none). */
    const retryCache: number[] = [];
    const retryOf = (res: SimResponse): number | undefined => {
      if (res.fixed < 0) return retryAfterMs(res);
      const ms = (retryCache[res.fixed] ??= retryAfterMs(res) ?? Number.NaN);
      return Number.isNaN(ms) ? undefined : ms;
    };
    const countryIds = new Map<string, number>();
    const countries: string[] = [];
    const countryId = (country: string): number => {
      let id = countryIds.get(country);
      if (id === undefined) countryIds.set(country, (id = countries.push(country) - 1));
      return id;
    };
    // The thread's countries by index: the name is hashed once per country, not per arrival.
    const byCountryIndex: number[] = [];
    const arrivingCountry = (): number =>
      arrivals.countryIndex < 0
        ? countryId(arrivals.country)
        : (byCountryIndex[arrivals.countryIndex] ??= countryId(arrivals.country));

    let inFlight = 0;
    let events = 0;
    const byKind = new Float64Array(7);
    const untilMs = opts.maxDurationMs;
    /**
     * Requests are reused: one is free again once its client has its answer and no event
     * or place in the worker line refers to it (`refs`), which is soon after it was sent,
     * so a few hundred objects serve the night's tens of millions of requests instead of
     * one allocation each (a large share of the loop's garbage collection).
     */
    const spare: Req[] = [];
    /** Finished visits none of whose requests is left: the next arrivals' (see visit.ts `fillVisit`). */
    const spareVisits: Visit[] = [];
    const release = (req: Req): void => {
      if (req.refs === 0 && req.answered) {
        const v = req.visit;
        if (--v.reqs === 0 && v.outcome !== undefined) spareVisits.push(v);
        req.visit = undefined as unknown as Visit;
        req.res = undefined;
        spare.push(req);
      }
    };
    /** One request of an operation leaves the visitor at `now` (the operation began at `opSentAt`). */
    const send = (v: Visit, op: Operation, route: Route, now: number, opSentAt: number): void => {
      const req = spare.pop() ?? newReq();
      v.reqs++;
      req.visit = v;
      req.op = op;
      req.route = route;
      req.opSentAt = opSentAt;
      req.sentAt = now;
      req.queuedAt = now;
      req.answered = false;
      req.timeoutSet = false;
      req.res = undefined;
      req.refs = 0;
      if (half > 0) pushReq(now + half, req, K.Send);
      else model.receive(req, now);
    };
    // A request action is the current step's operation: its route by step index (a lookup by
    // operation name was a hash lookup at every request); by name if it were ever another.
    const stepOps = def.steps.map((s) => s.op);
    const stepRoutes = def.steps.map((s) => routes.get(s.op)?.[0]);
    const routeOf = (v: Visit, op: Operation): Route =>
      stepOps[v.step] === op ? (stepRoutes[v.step] as Route) : ((routes.get(op) as Route[])[0] as Route);
    const act = (v: Visit, a: Action, now: number): void => {
      if (a.type === 'request') {
        send(v, a.op, routeOf(v, a.op), now, now);
      } else if (a.type === 'wait') {
        queue.push(now + a.ms, v, K.Wake);
      } else {
        inFlight--;
        pending =
          recorder.journey(
            recorder.sendsIds ? arrivals.idOf(v.seq, v.c) : '',
            v.seq,
            countries[v.countryId] as string,
            a.outcome,
            v.attempts,
            zeroEpochMs + now,
            // Its journey started at its arrival's event, at the arrival's time (the sim is never late).
            now - v.startedAt,
            // The candidate object is read only for the draw's tags: the line of the visit
            // that holds it is out of cache at most journeys' ends (perf annotate).
            round
              ? {
                  score: String(v.c?.attributes?.eoiScore ?? ''),
                  eligible: String(meetsCriteria(v.c?.attributes, round.criteria)),
                }
              : undefined,
          ) ?? pending;
        if (v.reqs === 0) spareVisits.push(v);
      }
    };

    // The journey's view of a response: one object, refilled for every answer (the machine keeps none of it).
    const result: OpResult = {
      op: 'browse',
      class: 'ok',
      status: 0,
      latencyMs: 0,
      retryAfterMs: undefined,
      cause: undefined,
    };
    // An answer to one request of an operation (src/target/operation.ts, in virtual time):
    // an `ok` that is not the last sends the next request at once; otherwise this answer
    // decides the operation's class, and its latency runs from the first request's send.
    const deliver = (req: Req, res: SimResponse, now: number, timedOut: boolean): void => {
      req.answered = true;
      const v = req.visit;
      const route = req.route;
      const cls = classOf(route, res);
      const endEpochMs = zeroEpochMs + now;
      const http = httpTag(route, req.op, res.status);
      // What the journey's captures would now hold (src/portal responses carry them).
      if (res === R.accountCreated || res === R.signedIn) v.hasToken = true;
      if (route.kind === 'enterQueue' && (cls === 'ok' || cls === 'queued')) v.hasQueueToken = true;
      if (cls === 'ok' && route.next) {
        pending = recorder.recordHttp(http, endEpochMs, now - req.sentAt) ?? pending;
        send(v, req.op, route.next, now, req.opSentAt);
        return;
      }
      const latencyMs = now - req.opSentAt;
      const op = opTag(route, req.op, res.status, cls, timedOut, v.countryId, v, res);
      // The request and its operation's outcome: one record when they took the same time (an
      // operation of one request, nearly every answer), else the request's and the outcome's.
      if (req.sentAt === req.opSentAt) pending = recorder.recordAnswer(http, op, endEpochMs, latencyMs) ?? pending;
      else {
        pending = recorder.recordHttp(http, endEpochMs, now - req.sentAt) ?? pending;
        pending = recorder.recordRequest(op, endEpochMs, latencyMs) ?? pending;
      }
      result.op = req.op;
      result.class = cls;
      result.status = res.status;
      result.latencyMs = latencyMs;
      result.cause = timedOut ? 'timeout' : undefined;
      result.retryAfterMs = res.status !== 0 ? retryOf(res) : undefined;
      act(v, nextOwned(v, result, def, now), now);
    };

    // The population, pulled one candidate ahead of the clock: the arrival in the queue is
    // the current candidate of `arrivals`, read when its event comes.
    let arrivalsOpen = true;
    const admit = (more: boolean): void => {
      if (!more || (untilMs !== undefined && arrivals.arrivalMs > untilMs)) {
        arrivalsOpen = false;
        void arrivals.close();
      } else queue.push(arrivals.arrivalMs, 0, K.Arrival);
    };
    // A promise only when the next candidate is not there yet (an async population, or the thread behind).
    const more0 = arrivals.next();
    admit(more0 === true || more0 === false ? more0 : await more0);

    let interrupted = false;
    let lastTick = performance.now();
    let lastRequests = 0;
    let lastRejected = 0;
    let now = 0;
    const totalMs = scenario.windowMs - scenario.openingMs;
    // The run time is passed in, not read from `now`: a variable a closure captures lives in
    // a context, and every write of a fractional time to it would allocate a heap number.
    const progress = (at: number) => {
      opts.onProgress?.({
        elapsedMs: at,
        totalMs,
        arrived: recorder.arrived,
        population: opts.populationSize,
        inFlight,
        accepted: model.accepted,
        finished: recorder.finished,
        ...(popts.quota !== undefined ? { quota: popts.quota } : {}),
        requestsPerSec: recorder.requests - lastRequests,
        rejectedPerSec: recorder.rejected - lastRejected,
        latenessP99Ms: 0,
        dropped: recorder.dropped,
      });
      lastRequests = recorder.requests;
      lastRejected = recorder.rejected;
    };

    // Run time at which the current epoch second ends: the aggregates of the seconds before are final then.
    let secondEnds = mode === 'summary' ? 0 : Infinity;
    const loop0 = performance.now();
    for (;;) {
      const ev = queue.pop();
      if (ev === undefined) break;
      now = queue.time;
      events++;
      if (now >= secondEnds) {
        const epochSecond = Math.floor((zeroEpochMs + now) / 1000);
        pending = recorder.flushAggregates(epochSecond * 1000) ?? pending;
        secondEnds = (epochSecond + 1) * 1000 - zeroEpochMs;
      }
      byKind[queue.kind] = (byKind[queue.kind] as number) + 1;
      switch (queue.kind as K) {
        case K.Arrival: {
          if (opts.maxConcurrent !== undefined && inFlight >= opts.maxConcurrent) {
            pending = recorder.dropIteration(zeroEpochMs + now) ?? pending;
          } else {
            pending = recorder.start(zeroEpochMs + now) ?? pending;
            inFlight++;
            const v = fillVisit(spareVisits.pop(), arrivals, arrivingCountry());
            // The journey's view of the candidate: one object, refilled for every arrival (the machine keeps none of it).
            joining.seed = arrivals.seed;
            joining.persona = arrivals.persona;
            joining.patienceMs = arrivals.patienceMs;
            act(v, startOwned(v, joining, def, now), now);
          }
          if (arrivalsOpen) {
            const more = arrivals.next();
            admit(more === true || more === false ? more : await more);
          }
          break;
        }
        case K.Wake: {
          const v = ev as Visit;
          act(v, resumeOwned(v, def), now);
          break;
        }
        case K.Reply: {
          const req = ev as Req;
          req.refs--;
          if (!req.answered) deliver(req, req.res as SimResponse, now, false);
          release(req);
          break;
        }
        case K.Send: {
          const req = ev as Req;
          req.refs--;
          model.receive(req, now);
          release(req);
          break;
        }
        case K.Done: {
          const req = ev as Req;
          req.refs--;
          model.release(now);
          if (!req.answered) {
            if (half > 0) pushReq(now + half, req, K.Reply);
            else deliver(req, req.res as SimResponse, now, false);
          }
          release(req);
          break;
        }
        case K.Timeout: {
          const req = ev as Req;
          req.refs--;
          if (!req.answered) deliver(req, CLIENT_TIMEOUT, now, true);
          release(req);
          break;
        }
        case K.Round: {
          const a = scenario.operator[ev as number]!;
          const invited = model.inviteRound(a.size, a.criteria);
          for (const id of invited) invitedAll.add(id);
          // The operator's request: one, answered at once (its route resolved with the journeys').
          const route = (routes.get(a.op) as Route[])[0] as Route;
          const http = httpTag(route, a.op, 201);
          const op = opTag(route, a.op, 201, 'ok', false, countryId(''), undefined, undefined);
          pending = recorder.recordAnswer(http, op, zeroEpochMs + now, 0) ?? pending;
          break;
        }
      }
      if (pending) {
        await pending;
        pending = undefined;
      }
      if ((events & 4095) === 0) {
        const w = performance.now();
        if (w - lastTick >= 1000) {
          progress(now);
          lastTick = w;
          // Let signals and the progress line through.
          await new Promise((r) => setImmediate(r));
          if (opts.signal?.aborted || opts.hardSignal?.aborted) {
            interrupted = true;
            break;
          }
        }
      }
    }
    const loopMs = performance.now() - loop0;
    await arrivals.close();
    progress(now);
    manifest.portalStats = model.stats(manifest.startedAt) as unknown as Record<string, unknown>;
    manifest.status = interrupted ? 'interrupted' : 'completed';
    manifest.finishedAt = new Date(zeroEpochMs + now).toISOString();
    // The thread catches up, releases held journeys, flushes the last aggregates and builds the summary.
    const { summary, summaryMs, warning } = await recorder.finish(manifest, round ? invitedAll : undefined);
    if (warning) manifest.notes = [...(manifest.notes ?? []), warning];
    await writeFile(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    await writeManifest(outDir, manifest);
    return {
      outDir,
      manifest,
      samples: samples.map((s) => join(outDir, s)),
      summary,
      events,
      eventsByKind: Array.from(byKind),
      wallMs: performance.now() - wall0,
      phases: { loopMs, summaryMs },
    };
  }
}

function resolveModel(p: PortalOptions) {
  try {
    return resolveOptions(p);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function describeModel(p: ReturnType<typeof resolveOptions>): string {
  const parts = [`${p.strategy}`, `${p.workers} workers × ${p.serviceMs} ms (${p.serviceDist})`];
  const cap = p.strategy === 'open' ? undefined : (p.maxActive ?? (p.strategy === 'throttle' ? p.workers : undefined));
  if (cap !== undefined) parts.push(`cap ${cap}`);
  if (p.strategy === 'waiting-room') parts.push(`admits ${Math.round(p.admitPerSec * 100) / 100}/s`);
  if (p.quota !== undefined) parts.push(`quota ${p.quota}`);
  if (p.strategy === 'open') parts.push(`queue timeout ${p.queueTimeoutMs} ms`);
  return parts.join(', ');
}
