import { setMaxListeners } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Candidate } from '../../population/types.js';
import { SampleWriter } from '../../results/ndjson-writer.js';
import { assertTargetHosts } from '../../target/hosts.js';
import { assertAllowedTarget, HostRefused } from '../../util/loopback.js';
import { DiskFull } from '../../util/disk-full.js';
import { startManifest, writeManifest as saveManifest } from '../manifest.js';
import type { RunOptions, RunResult } from '../types.js';
import { HttpClient } from './http.js';
import { runJourney, type JourneyContext } from './journey-runner.js';
import { Recorder } from './recorder.js';
import { schedule } from './schedule.js';
import { inSegment, parseSegment, type Segment, WHOLE } from '../segment.js';
import { tokenBucket } from './token-bucket.js';
import { runOperatorActions } from './operator.js';
import { meetsCriteria } from '../../scenario/eligibility.js';

function withFirst(
  first: Candidate,
  rest: Iterable<Candidate> | AsyncIterable<Candidate>,
): Iterable<Candidate> | AsyncIterable<Candidate> {
  if (Symbol.iterator in rest) {
    return (function* () {
      yield first;
      yield* rest as Iterable<Candidate>;
    })();
  }
  return (async function* () {
    yield first;
    yield* rest as AsyncIterable<Candidate>;
  })();
}

/** The sample file of one segment (the whole run: samples.ndjson). */
export function sampleFileName(seg: Segment, gzip: boolean): string {
  return `samples${seg === WHOLE ? '' : `-${seg.from}-${seg.to}`}.ndjson${gzip ? '.gz' : ''}`;
}

function diskFullNote(file: string, e: NodeJS.ErrnoException): string {
  return `disk full (${e.code}) writing ${file}: the run stopped there; the samples written before are whole lines and analyzable`;
}

/** Head start before the opening so the first arrivals are not late from set-up. */
const LEAD_MS = 200;

/** The candidates of one segment, and the first of them (whose arrival sets the lead). */
async function segmentOf(
  pop: RunOptions['population'],
  keep: (c: Candidate) => boolean,
): Promise<{ first: Candidate | undefined; rest: Iterable<Candidate> | AsyncIterable<Candidate> }> {
  if (Symbol.iterator in pop) {
    const it = (pop as Iterable<Candidate>)[Symbol.iterator]();
    const rest = function* () {
      for (let r = it.next(); !r.done; r = it.next()) if (keep(r.value)) yield r.value;
    };
    const gen = rest();
    const first = gen.next();
    return { first: first.done ? undefined : first.value, rest: gen as Iterable<Candidate> };
  }
  const it = (pop as AsyncIterable<Candidate>)[Symbol.asyncIterator]();
  const gen = (async function* () {
    for (let r = await it.next(); !r.done; r = await it.next()) if (keep(r.value)) yield r.value;
  })();
  const first = await gen.next();
  return { first: first.done ? undefined : first.value, rest: gen };
}

/**
 * One node-engine run (single thread). The flow:
 *   population ─► segment filter ─► open-model schedule ─► runJourney (HTTP) ─► Recorder ─► NDJSON
 * and a manifest written at the start (status running) and rewritten at the end.
 */
export async function runNode(opts: RunOptions, internal: { writeManifest?: boolean } = {}): Promise<RunResult> {
  const writeManifest = internal.writeManifest ?? true;
  const url = assertAllowedTarget(opts.baseUrl, opts.allowHosts);
  assertTargetHosts(opts.target, opts.allowHosts ?? []);
  const outDir = resolve(opts.outDir);
  await mkdir(outDir, { recursive: true });
  const seg = opts.segment ? parseSegment(opts.segment) : WHOLE;
  const sampleName = sampleFileName(seg, opts.gzip ?? false);
  const arrivals = new AbortController();
  const hard = new AbortController();
  let interrupted = false;
  // A full disk stops the run at once: load that cannot be recorded is load for nothing.
  let diskError: NodeJS.ErrnoException | undefined;
  const writer = new SampleWriter(join(outDir, sampleName), {
    gzip: opts.gzip ?? false,
    onError: (e) => {
      diskError = e;
      interrupted = true;
      arrivals.abort();
      hard.abort();
    },
  });
  const recorder = new Recorder(writer, opts.scenario.name, opts.httpSamples ?? 'all');
  const http = new HttpClient(opts.allowHosts ?? []);

  const { first, rest } = await segmentOf(opts.population, (c) => inSegment(c.seq, seg));
  const earliest = first ? Math.min(0, first.arrivalMs) : 0;
  const zeroEpochMs = opts.startAt ?? Date.now() + LEAD_MS - earliest;
  const zero = performance.now() + (zeroEpochMs - Date.now());

  const manifest = startManifest(
    opts,
    { name: 'node', workers: 1, ...(seg === WHOLE ? {} : { segment: seg.text }) },
    {
      baseUrl: url.href,
      openingEpochMs: zeroEpochMs,
      samples: [sampleName],
    },
  );
  if (writeManifest) await saveManifest(outDir, manifest);

  // Every journey in flight listens for the hard stop: thousands of listeners are expected.
  setMaxListeners(0, hard.signal);
  const timers: NodeJS.Timeout[] = [];
  let refused: HostRefused | undefined;
  const stopArrivals = () => {
    if (arrivals.signal.aborted) return;
    arrivals.abort();
    timers.push(setTimeout(() => hard.abort(), opts.graceMs ?? 10_000));
  };
  opts.signal?.addEventListener('abort', () => ((interrupted = true), stopArrivals()), { once: true });
  opts.hardSignal?.addEventListener('abort', () => ((interrupted = true), arrivals.abort(), hard.abort()), {
    once: true,
  });
  // A stop that came while the run was setting up still makes it an interrupted run.
  if (opts.signal?.aborted) (interrupted = true), stopArrivals();
  // --max-duration counts run time from the first arrival (before the opening when the
  // scenario has a lead-in such as account creation), not from process start: the lead-in
  // delay before the first arrival would otherwise eat into it.
  const untilMs = opts.maxDurationMs !== undefined ? earliest + opts.maxDurationMs : undefined;
  if (untilMs !== undefined)
    timers.push(
      setTimeout(() => ((interrupted = true), stopArrivals()), Math.max(0, zero + untilMs - performance.now())),
    );

  const bucket = opts.maxRps ? tokenBucket(opts.maxRps) : undefined;
  const ctx: JourneyContext = {
    def: opts.scenario.journey,
    target: opts.target,
    baseUrl: url.href,
    allowHosts: opts.allowHosts ?? [],
    http,
    recorder,
    zero,
    zeroEpochMs,
    signal: hard.signal,
    ...(bucket ? { throttle: bucket.take } : {}),
  };

  // EOI: tag journeys with the candidate's score and eligibility for the round, judged
  // from the population (independently of the portal), and hold them until the round ran.
  const round = opts.scenario.operator.find((a) => a.op === 'inviteRound');
  if (round) {
    ctx.journeyTags = (c) => ({
      score: String(c.attributes?.eoiScore ?? ''),
      eligible: String(meetsCriteria(c.attributes, round.criteria)),
    });
    recorder.holdJourneys();
  }
  const operator =
    opts.scenario.operator.length > 0 && seg.from === 0
      ? runOperatorActions({
          scenario: opts.scenario,
          target: opts.target,
          baseUrl: url.href,
          allowHosts: ctx.allowHosts,
          http,
          recorder,
          zero,
          zeroEpochMs,
          signal: hard.signal,
        }).catch((e: unknown) => {
          if (!(e instanceof HostRefused)) throw e;
          refused ??= e;
          interrupted = true;
          arrivals.abort();
          hard.abort();
          return new Set<string>();
        })
      : undefined;

  const inFlight = new Set<Promise<unknown>>();
  let lastRequests = 0;
  let lastRejected = 0;
  // Elapsed time counts from the opening; arrivals end windowMs after they start, openingMs before it.
  const totalMs = opts.scenario.windowMs - opts.scenario.openingMs;
  const tick = () => {
    const elapsed = performance.now() - zero;
    recorder.vus(zeroEpochMs + elapsed, inFlight.size);
    recorder.flushAggregates(zeroEpochMs + elapsed);
    opts.onProgress?.({
      elapsedMs: elapsed,
      totalMs,
      arrived: recorder.arrived,
      population: opts.populationSize,
      inFlight: inFlight.size,
      accepted: recorder.accepted,
      finished: recorder.finished,
      ...(opts.scenario.portal.quota !== undefined ? { quota: opts.scenario.portal.quota } : {}),
      requestsPerSec: recorder.requests - lastRequests,
      rejectedPerSec: recorder.rejected - lastRejected,
      latenessP99Ms: recorder.latenessP99(),
      dropped: recorder.dropped,
    });
    lastRequests = recorder.requests;
    lastRejected = recorder.rejected;
  };
  const progress = setInterval(tick, 1000);

  try {
    if (first) {
      // Cut at --max-duration: interrupted even when the last journeys finish before the
      // timer of the cap fires (a race the run used to lose now and then, reporting 'completed').
      const cut = await schedule(withFirst(first, rest), {
        zero,
        signal: arrivals.signal,
        ...(untilMs !== undefined ? { untilMs } : {}),
        onArrival: (c, lateness) => {
          const epoch = zeroEpochMs + c.arrivalMs + lateness;
          if (opts.maxConcurrent !== undefined && inFlight.size >= opts.maxConcurrent) {
            recorder.dropIteration(epoch);
            return;
          }
          recorder.start(epoch, lateness);
          const p: Promise<unknown> = runJourney(c, ctx)
            .catch((e: unknown) => {
              // A request to a host the user did not allow stops the whole run before it is sent.
              if (e instanceof HostRefused) {
                refused ??= e;
                interrupted = true;
                arrivals.abort();
                hard.abort();
                return;
              }
              // A bug in a journey must not take the run down; record it where a human sees it.
              manifest.notes = [...(manifest.notes ?? []), `journey ${c.id} failed: ${String(e)}`].slice(0, 20);
            })
            .finally(() => inFlight.delete(p));
          inFlight.add(p);
        },
      });
      if (cut) interrupted = true;
    }
    while (inFlight.size > 0) await Promise.race(inFlight);
    if (operator) recorder.releaseJourneys(await operator);
    else if (round) recorder.releaseJourneys(new Set());
  } finally {
    clearInterval(progress);
    tick();
    recorder.flushAggregates(Date.now(), true);
    for (const t of timers) clearTimeout(t);
    await writer.close();
    await http.close();
  }

  if (opts.portalStats) {
    try {
      manifest.portalStats = await opts.portalStats();
    } catch (e) {
      manifest.notes = [...(manifest.notes ?? []), `portal stats unavailable: ${String(e)}`];
    }
  }
  manifest.status = diskError || refused ? 'failed' : interrupted ? 'interrupted' : 'completed';
  if (diskError) manifest.notes = [...(manifest.notes ?? []), diskFullNote(sampleName, diskError)];
  if (refused) manifest.notes = [...(manifest.notes ?? []), refused.message];
  const warning = recorder.tally.warning(opts.scenario.journey.success, url.href, opts.scenario.name);
  if (warning) manifest.notes = [...(manifest.notes ?? []), warning];
  manifest.finishedAt = new Date().toISOString();
  if (bucket && bucket.delayed() > 0) {
    manifest.notes = [...(manifest.notes ?? []), `--max-rps delayed ${bucket.delayed()} requests`];
  }
  if (opts.maxDurationMs !== undefined && interrupted && !opts.signal?.aborted) {
    manifest.notes = [...(manifest.notes ?? []), `stopped by --max-duration ${opts.maxDurationMs} ms`];
  }
  if (writeManifest) await saveManifest(outDir, manifest);
  if (diskError) {
    throw new DiskFull(
      `${join(outDir, sampleName)}: disk full (${diskError.code}): the run stopped; what was written is whole and analyzable (manifest.json says failed); free some space or choose another --out`,
    );
  }
  if (refused) throw refused;
  return { outDir, manifest, samples: [join(outDir, sampleName)] };
}
