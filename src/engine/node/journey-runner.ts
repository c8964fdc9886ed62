import { next, resume, start } from '../../journey/machine.js';
import type { JourneyDef, JourneyState, OpResult } from '../../journey/types.js';
import type { Candidate } from '../../population/types.js';
import type { TargetFile } from '../../target/types.js';
import { CookieJar } from '../../target/cookies.js';
import type { HttpClient } from './http.js';
import type { Recorder } from './recorder.js';
import { sleep } from '../../util/sleep.js';
import { sendOperation } from './send-operation.js';

/** Where a journey reports its requests and its end: the run's Recorder, or a sweep level's counters. */
export type JourneyRecorder = Pick<Recorder, 'http' | 'request' | 'journey'>;

/** What one journey needs from the run around it. */
export interface JourneyContext {
  def: JourneyDef;
  target: TargetFile;
  baseUrl: string;
  /** Non-loopback hosts the user named (--allow-host): every request's host is checked. */
  allowHosts: readonly string[];
  http: HttpClient;
  recorder: JourneyRecorder;
  /** Monotonic ms (performance.now()) of the opening: run time zero. */
  zero: number;
  /** Epoch ms of the opening. */
  zeroEpochMs: number;
  /** Aborts in-flight requests and waits (hard stop). */
  signal: AbortSignal;
  /** Waits for a token before each request when a rate cap is set. */
  throttle?: () => Promise<void>;
  /** Scenario-specific tags for the candidate's journey point. */
  journeyTags?: (c: Candidate) => Record<string, string>;
}

/**
 * Drives one candidate through the pure journey machine with real HTTP.
 *
 * Honest latency: each request has an *intended* send time — the scheduled arrival
 * for the first, the end of the scheduled wait afterwards — and `rehearsal_req`
 * measures from it, so time the generator itself was late is charged to the portal's
 * response time instead of silently vanishing (coordinated omission, Tene 2013).
 */
export async function runJourney(c: Candidate, ctx: JourneyContext): Promise<JourneyState | undefined> {
  const now = () => performance.now() - ctx.zero;
  let intended = c.arrivalMs;
  let t = start({ id: c.id, seed: c.seed, persona: c.persona }, ctx.def, intended);
  const jar = new CookieJar();
  let lastAttempt = 0;
  for (;;) {
    if (ctx.signal.aborted) return undefined;
    const action = t.action;
    if (action.type === 'finish') {
      // One reading of the clock: the sample's time minus its value is then exactly the arrival.
      const end = now();
      const endEpochMs = ctx.zeroEpochMs + end;
      await ctx.recorder.journey({
        candidate: c.id,
        arrival: c.seq,
        country: c.country,
        outcome: action.outcome,
        attempts: t.state.attempts,
        endEpochMs,
        timeToOutcomeMs: end - c.arrivalMs,
        ...(ctx.journeyTags ? { extraTags: ctx.journeyTags(c) } : {}),
      });
      return t.state;
    }
    if (action.type === 'wait') {
      intended = now() + action.ms;
      await sleep(action.ms, ctx.signal);
      t = resume(t.state, ctx.def);
      continue;
    }
    if (ctx.throttle) await ctx.throttle();
    lastAttempt = t.state.attempts;
    const out = await sendOperation(
      {
        target: ctx.target,
        op: action.op,
        baseUrl: ctx.baseUrl,
        ctx: { candidate: c, vars: t.state.vars, attempt: lastAttempt, uuid: `${c.id}-${lastAttempt}` },
        allowHosts: ctx.allowHosts,
      },
      ctx,
      jar,
    );
    if (!out) return undefined;
    const endRun = performance.now() - ctx.zero;
    const { class: cls, status, cause } = out;
    const result: OpResult = {
      op: action.op,
      class: cls,
      status,
      latencyMs: endRun - intended,
      ...(cause ? { cause } : {}),
    };
    if (out.retryAfterMs !== undefined) result.retryAfterMs = out.retryAfterMs;
    if (cls === 'ok' || cls === 'queued') result.captures = out.captures;
    const pending = ctx.recorder.request({
      op: action.op,
      status,
      cls,
      ...(cause ? { cause } : {}),
      endEpochMs: ctx.zeroEpochMs + endRun,
      latencyMs: Math.max(0, endRun - intended),
      country: c.country,
      ...(cls !== 'ok' ? { body: out.requests.at(-1)?.res.body.slice(0, 200) ?? '' } : {}),
    });
    if (pending) await pending;
    t = next(t.state, result, ctx.def, endRun);
    // A request sent straight after a response is intended "now".
    intended = endRun;
  }
}
