import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RunAccumulator, summarize, type Summary } from '../../analyze/index.js';
import { next, resume, start, type Transition } from '../../journey/machine.js';
import type { Operation, OpResult, ResultClass } from '../../journey/types.js';
import type { Candidate } from '../../population/types.js';
import { resolveOptions, type PortalOptions } from '../../portal/options.js';
import { SampleWriter } from '../../results/ndjson-writer.js';
import { newReadStats } from '../../results/reader.js';
import { meetsCriteria } from '../../scenario/eligibility.js';
import { classify, retryAfterMs } from '../../target/classify.js';
import { UsageError } from '../../util/usage-error.js';
import { startManifest, writeManifest } from '../manifest.js';
import { Recorder, type HttpEvent, type JourneyEvent, type RequestEvent } from '../node/recorder.js';
import { operationSpec, requestsOf } from '../../target/request.js';
import type { RunOptions, RunResult } from '../types.js';
import { AnalyzerOut } from './analyzer-out.js';
import { EventQueue } from './event-queue.js';
import { PortalModel } from './portal-model.js';
import { CLIENT_TIMEOUT, R, type SimResponse } from './responses.js';
import { resolveRoutes } from './routes.js';
import { newVisit, type Req, type Visit } from './visit.js';

/** Kinds of events in the future-event list. */
const enum K {
  Arrival,
  Send,
  Wake,
  Reply,
  Done,
  Timeout,
  Round,
}

type Event =
  | { k: K.Arrival; c: Candidate }
  | { k: K.Wake; v: Visit }
  | { k: K.Send; req: Req }
  | { k: K.Reply | K.Done | K.Timeout; req: Req; res: SimResponse }
  | { k: K.Round; i: number };

export interface SimResult extends RunResult {
  summary: Summary;
  /** Events processed and the wall time they took (the benchmark's figures). */
  events: number;
  wallMs: number;
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
  if (opts.segment) throw new UsageError('--segment: the sim engine runs the whole population in one process (it needs no segments)');
  const wall0 = performance.now();
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
  const manifest = startManifest(opts, { name: 'sim' }, { baseUrl: `sim:reference-portal/${popts.strategy}`, openingEpochMs: zeroEpochMs, samples });
  manifest.startedAt = new Date(zeroEpochMs + Math.min(0, scenario.curve[0]?.atMs ?? 0) - scenario.openingMs).toISOString();
  if (popts.quota !== undefined) manifest.scenario.quota = popts.quota;
  else delete manifest.scenario.quota;
  manifest.notes = [`simulated: a model of the reference portal (${describeModel(popts)}${opts.rttMs ? `, round trip ${opts.rttMs} ms` : ''}), virtual time; no request was sent`];

  const acc = new RunAccumulator(zeroEpochMs);
  const writer = opts.writeSamples ? new SampleWriter(join(outDir, samples[0] as string), { gzip: opts.gzip ?? false }) : undefined;
  const out = new AnalyzerOut(acc);
  const recorder = new Recorder(out, scenario.name, 'all');
  // The file (if asked for) gets what a node run writes, in the format asked for.
  const fileRecorder = writer ? new Recorder(writer, scenario.name, opts.writeSamples) : undefined;

  const queue = new EventQueue<Event>();
  // One way of the round trip: a request reaches the portal, and a reply the visitor, this much later.
  const half = (opts.rttMs ?? 0) / 2;
  if (!(half >= 0 && Number.isFinite(half))) throw new UsageError(`--rtt-ms: expected a number of ms ≥ 0, got ${opts.rttMs}`);
  const model = new PortalModel(popts, {
    reply: (req, at, res) => queue.push(at + half, { k: K.Reply, req, res }),
    finishAt: (req, at, res) => {
      queue.push(at, { k: K.Done, req, res });
      // A reply later than the client's timeout: the client gives up first.
      if (!req.timeoutSet && at + half > req.sentAt + req.route.timeoutMs) setTimeoutFor(req);
    },
    waiting: (req) => {
      if (!req.timeoutSet) setTimeoutFor(req);
    },
  });
  const setTimeoutFor = (req: Req) => {
    req.timeoutSet = true;
    queue.push(req.sentAt + req.route.timeoutMs, { k: K.Timeout, req, res: CLIENT_TIMEOUT });
  };

  // EOI rounds: journeys carry the candidate's score and eligibility, and whether invited once rounds ran.
  const round = scenario.operator.find((a) => a.op === 'inviteRound');
  if (round) {
    recorder.holdJourneys();
    fileRecorder?.holdJourneys();
  }
  // Every event goes to the in-memory analysis and, when asked, to the sample file (its
  // writes are awaited in batches below, so a fast simulation cannot outrun the disk).
  let pending: Promise<void> | undefined;
  // One simulated request is one operation (the sim models one request per operation).
  const requestEvent = (e: RequestEvent & HttpEvent) => {
    void recorder.http(e);
    void recorder.request(e);
    if (fileRecorder) {
      pending = fileRecorder.http(e) ?? pending;
      pending = fileRecorder.request(e) ?? pending;
    }
  };
  const journeyEvent = (e: JourneyEvent) => {
    void recorder.journey(e);
    if (fileRecorder) pending = fileRecorder.journey(e) ?? pending;
  };
  const invitedAll = new Set<string>();
  scenario.operator.forEach((a, i) => queue.push(a.atMs, { k: K.Round, i }));

  /** Classes of responses that never change, per operation (the target's rules are pure). */
  const classCache = new Map<Operation, ResultClass[]>();
  const classOf = (op: Operation, res: SimResponse): ResultClass => {
    if (res.status === 0) return 'error';
    if (res.fixed < 0) return classify(opts.target, op, res);
    let row = classCache.get(op);
    if (!row) classCache.set(op, (row = []));
    return (row[res.fixed] ??= classify(opts.target, op, res));
  };

  let inFlight = 0;
  let events = 0;
  const untilMs = opts.maxDurationMs;
  const step = (v: Visit, t: Transition, now: number): void => {
    v.state = t.state;
    const a = t.action;
    if (a.type === 'request') {
      const req: Req = { visit: v, op: a.op, route: routes.get(a.op)!, sentAt: now, queuedAt: now, answered: false, timeoutSet: false };
      if (half > 0) queue.push(now + half, { k: K.Send, req });
      else model.receive(req, now);
    } else if (a.type === 'wait') {
      queue.push(now + a.ms, { k: K.Wake, v });
    } else {
      inFlight--;
      const c = v.c;
      journeyEvent({
        candidate: c.id,
        arrival: c.seq,
        country: c.country,
        outcome: a.outcome,
        attempts: t.state.attempts,
        endEpochMs: zeroEpochMs + now,
        timeToOutcomeMs: now - c.arrivalMs,
        ...(round ? { extraTags: { score: String(c.attributes?.eoiScore ?? ''), eligible: String(meetsCriteria(c.attributes, round.criteria)) } } : {}),
      });
    }
  };

  const deliver = (req: Req, res: SimResponse, now: number, cause?: string): void => {
    req.answered = true;
    const v = req.visit;
    const cls = classOf(req.op, res);
    const latencyMs = now - req.sentAt;
    requestEvent({
      op: req.op,
      method: requestsOf(operationSpec(opts.target, req.op))[0]?.method ?? 'GET',
      status: res.status,
      cls,
      ...(cause ? { cause } : {}),
      endEpochMs: zeroEpochMs + now,
      durationMs: latencyMs,
      latencyMs,
      country: v.c.country,
    });
    // What the journey's captures would now hold (src/portal responses carry them).
    if (res === R.accountCreated || res === R.signedIn) v.hasToken = true;
    if (req.route.kind === 'enterQueue' && (cls === 'ok' || cls === 'queued')) v.hasQueueToken = true;
    const result: OpResult = { op: req.op, class: cls, status: res.status, latencyMs, ...(cause ? { cause } : {}) };
    if (res.status !== 0) {
      const ra = retryAfterMs(res);
      if (ra !== undefined) result.retryAfterMs = ra;
    }
    step(v, next(v.state, result, def, now), now);
  };

  // The population, pulled one candidate ahead of the clock.
  const pop = opts.population;
  const sync = Symbol.iterator in pop ? (pop as Iterable<Candidate>)[Symbol.iterator]() : undefined;
  const asyncIt = sync ? undefined : (pop as AsyncIterable<Candidate>)[Symbol.asyncIterator]();
  let arrivalsOpen = true;
  const admit = (r: IteratorResult<Candidate>): void => {
    if (r.done || (untilMs !== undefined && r.value.arrivalMs > untilMs)) arrivalsOpen = false;
    else queue.push(r.value.arrivalMs, { k: K.Arrival, c: r.value });
  };
  // A generator population is pulled without a microtask per candidate.
  const pullNext = async (): Promise<void> => admit(await (asyncIt as AsyncIterator<Candidate>).next());
  if (sync) admit(sync.next());
  else await pullNext();

  let interrupted = false;
  let lastTick = performance.now();
  let lastEvents = 0;
  let lastRequests = 0;
  let lastRejected = 0;
  let now = 0;
  const totalMs = scenario.windowMs - scenario.openingMs;
  const progress = () => {
    opts.onProgress?.({
      elapsedMs: now,
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

  for (;;) {
    const ev = queue.pop();
    if (ev === undefined) break;
    now = queue.time;
    events++;
    switch (ev.k) {
      case K.Arrival: {
        const c = ev.c;
        if (opts.maxConcurrent !== undefined && inFlight >= opts.maxConcurrent) {
          recorder.dropIteration(zeroEpochMs + now);
          fileRecorder?.dropIteration(zeroEpochMs + now);
        } else {
          recorder.start(zeroEpochMs + now, 0);
          fileRecorder?.start(zeroEpochMs + now, 0);
          inFlight++;
          const t = start({ id: c.id, seed: c.seed, persona: c.persona }, def, now);
          step(newVisit(c, t.state), t, now);
        }
        if (arrivalsOpen) {
          if (sync) admit(sync.next());
          else await pullNext();
        }
        break;
      }
      case K.Wake:
        step(ev.v, resume(ev.v.state, def), now);
        break;
      case K.Reply:
        if (!ev.req.answered) deliver(ev.req, ev.res, now);
        break;
      case K.Send:
        model.receive(ev.req, now);
        break;
      case K.Done:
        model.release(now);
        if (ev.req.answered) break;
        if (half > 0) queue.push(now + half, { k: K.Reply, req: ev.req, res: ev.res });
        else deliver(ev.req, ev.res, now);
        break;
      case K.Timeout:
        if (!ev.req.answered) deliver(ev.req, ev.res, now, 'timeout');
        break;
      case K.Round: {
        const a = scenario.operator[ev.i]!;
        const invited = model.inviteRound(a.size, a.criteria);
        for (const id of invited) invitedAll.add(id);
        requestEvent({ op: a.op, method: 'POST', status: 201, cls: 'ok', endEpochMs: zeroEpochMs + now, durationMs: 0, latencyMs: 0, country: '' });
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
        progress();
        lastTick = w;
        lastEvents = events;
        // Let signals and the progress line through.
        await new Promise((r) => setImmediate(r));
        if (opts.signal?.aborted || opts.hardSignal?.aborted) {
          interrupted = true;
          break;
        }
      }
    }
  }
  void lastEvents;
  progress();
  if (round) {
    recorder.releaseJourneys(invitedAll);
    fileRecorder?.releaseJourneys(invitedAll);
  }
  fileRecorder?.flushAggregates(0, true);
  if (writer) await writer.close();

  acc.finish();
  manifest.portalStats = model.stats(manifest.startedAt) as unknown as Record<string, unknown>;
  manifest.status = interrupted ? 'interrupted' : 'completed';
  manifest.finishedAt = new Date(zeroEpochMs + now).toISOString();
  const stats = newReadStats();
  stats.samples = out.samples;
  const summary = summarize(acc, stats, manifest);
  await writeFile(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  await writeManifest(outDir, manifest);
  return { outDir, manifest, samples: samples.map((s) => join(outDir, s)), summary, events, wallMs: performance.now() - wall0 };
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
