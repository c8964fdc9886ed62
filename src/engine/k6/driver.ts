/**
 * The k6 script: the same journeys as the node engine, driven by k6.
 *
 *   iteration n ─► candidate n (derived, or SharedArray), arriving now ─► journey machine
 *        ▲                                                         │
 *   ramping-arrival-rate                     http.request ◄─ request op ───┤
 *   (stages follow the curve: k6 paces       classify ──► next ────────────┤
 *    the arrivals, nobody sleeps to one)                                   │
 *                                            sleep ◄──── wait ms ──────────┤
 *                                            rehearsal_journey ◄─ finish ──┘
 *
 * Bundled by bundle.ts into one script that imports only k6 modules: this file
 * may import k6 APIs and the pure journey/target/result modules, nothing else.
 * Metric names and tags are those of src/results/k6-format.ts, so `rehearse analyze`
 * reads a k6 run exactly as a node run.
 */
import { sleep } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import { Counter, Trend } from 'k6/metrics';
import { nextOwned, resumeOwned, start } from '../../journey/machine.js';
import type { Operation, OpResult, ResultClass } from '../../journey/types.js';
import { type Answer, runOperation } from '../../target/operation.js';
import type { TemplateContext } from '../../target/template.js';
import { meetsCriteria } from '../../scenario/eligibility.js';
import { HostRefused, hostOf } from '../../util/loopback.js';
import { OPENING_MARKER, type DriverConfig } from './config.js';
import { iterationClock } from '../../scenario/arrival-clock.js';
import { readsSetCookie, toTargetResponse } from './response.js';

// Resolved by bundle.ts to the run's configuration, embedded as a literal, and to the
// candidates' source: population files (candidates-file.ts) or derived (candidates-derived.ts).
import { candidateAt } from 'rehearsal:candidates';
import embedded from 'rehearsal:config';

const config = embedded as DriverConfig;

/** k6 globals of the init context (https://grafana.com/docs/k6/latest/javascript-api/init-context/). */
const env = (globalThis as unknown as { __ENV: Record<string, string | undefined> }).__ENV;

export const options = config.options;

const baseUrl = env.REHEARSAL_BASE_URL || config.baseUrl;
// The loopback rule, checked on every request: loopback, the hosts allowed when the script
// was made, and the base URL's host (named by the user, here or with -e REHEARSAL_BASE_URL).
const allowHosts = [...(config.allowHosts ?? []), hostOf(baseUrl) ?? ''].filter(Boolean);

/**
 * The operation's next step; a request to a host nobody allowed stops the whole test
 * (k6 exits 108, and `rehearse run` reports the refusal as one line, exit 2) before it is
 * sent. (Takes the generator and its answer, not a closure: one less function object per step.)
 */
function guardedNext(gen: ReturnType<typeof runOperation>, answer?: Answer) {
  try {
    return answer ? gen.next(answer) : gen.next();
  } catch (e) {
    if (e instanceof HostRefused) exec.test.abort(e.message);
    throw e;
  }
}

const reqTrend = new Trend('rehearsal_req', true);
const journeyTrend = new Trend('rehearsal_journey', true);
const latenessTrend = new Trend('rehearsal_lateness', true);
/** One point per candidate an invitation round invited (metadata `arrival`), or one 0 if it invited nobody. */
const invitedCounter = new Counter('rehearsal_invited');

// EOI: journey points say the candidate's score (metadata: per candidate) and whether it
// meets the round's criteria (a tag: two values), judged from the population, as the
// node engine's do; whom the round invited, the round reports itself (operator below).
const round = (config.operator ?? []).find((a) => a.op === 'inviteRound');

/** k6 error codes (lib/netext/httpext/error_codes.go) named as the node engine names causes. */
const CAUSES: Record<number, string> = {
  1050: 'timeout',
  1101: 'ENOTFOUND',
  1201: 'EPIPE',
  1211: 'ETIMEDOUT',
  1212: 'ECONNREFUSED',
  1220: 'ECONNRESET',
};

const fixedOpening = Number(env.REHEARSAL_OPENING_EPOCH_MS);
const shared = Number.isFinite(fixedOpening) && fixedOpening > 0;

/**
 * With REHEARSAL_OPENING_EPOCH_MS set (several processes or pods sharing one run), setup
 * waits until the scenario should start, so every instance's schedule lines up on the
 * same clock however long its VUs took to initialise (k6 activates the pre-allocated VUs,
 * then starts the schedule's clock: that time is allowed for).
 */
export function setup(): void {
  if (!shared) return;
  const wait = fixedOpening - config.openingMs - config.activationMs - Date.now();
  if (wait > 0) sleep(wait / 1000);
}

// Iteration n starts at scheduled(n + 1) ms after the schedule's clock starts. With a
// shared opening that start is fixed for every instance. Otherwise it is k6's own, which
// k6 does not expose (it starts after the VUs are activated): each VU takes it as the
// earliest it has seen, Date.now() − scheduled, and lateness is measured against that
// (a lower bound, by at most how late this VU's first iteration was).
const scheduled = iterationClock(config.schedule);
let clockStart = shared ? fixedOpening - config.openingMs : Number.POSITIVE_INFINITY;

/** Whether responses need their Set-Cookie values copied (response.ts): decided once, not per request. */
const setCookies = readsSetCookie(config.target);

/**
 * This VU's sample metadata (exec.vu.metrics.metadata): k6 builds the `exec.vu` object
 * anew on every access (tens of µs in goja), and the metadata it holds is the VU's for
 * its lifetime, so it is fetched once, in the VU's first iteration (not available at init).
 */
let vuMetadata: Record<string, string> | undefined;
const metadata = () => {
  if (!vuMetadata) vuMetadata = exec.vu.metrics.metadata;
  return vuMetadata;
};

/** Whether this VU has run an iteration yet. */
let firstIteration = true;

/**
 * Sends one operation (its requests, redirect hops included, from the same generator as
 * the node engine), records its `rehearsal_req` point and returns its result. Latency is
 * measured from `intended`, the intended send time in run time.
 */
function perform(
  op: Operation,
  ctx: TemplateContext,
  country: string,
  intended: number,
  now: () => number,
): { result: OpResult; endRun: number } {
  const before = now();
  // k6 would follow redirects itself (and check no host): `redirects: 0` leaves that to
  // the generator, so a 302 is classified and captured as the target file says.
  // readOnly: k6 sends each request as built, so the generator need not copy it.
  const gen = runOperation({ target: config.target, op, baseUrl, ctx, allowHosts, readOnly: true });
  let step = guardedNext(gen);
  let spent = 0;
  while (!step.done) {
    const req = step.value;
    const res = http.request(req.method, req.url, req.body ?? null, {
      headers: req.headers,
      timeout: req.timeoutMs,
      redirects: 0,
      responseType: 'text',
      tags: { name: op, op, country },
    });
    const tm = res.timings;
    // Date.now() has millisecond steps; k6's timings give the sub-millisecond part.
    spent += tm.blocked + tm.connecting + tm.tls_handshaking + tm.duration;
    const answer = toTargetResponse(res, setCookies);
    const cause = res.status === 0 ? (CAUSES[res.error_code] ?? `k6_${res.error_code}`) : undefined;
    step = guardedNext(gen, cause ? { res: answer, cause } : { res: answer });
  }
  const out = step.value;
  const endRun = Math.max(now(), before);
  const cls: ResultClass = out.class;
  const latency = Math.max(0, before - intended) + spent;
  const result: OpResult = { op, class: cls, status: out.status, latencyMs: latency };
  if (out.cause) result.cause = out.cause;
  if (out.retryAfterMs !== undefined) result.retryAfterMs = out.retryAfterMs;
  if (cls === 'ok' || cls === 'queued') result.captures = out.captures;
  const tags: Record<string, string> = { op, class: cls, status: String(out.status), country };
  if (out.cause) tags.cause = out.cause;
  reqTrend.add(latency, tags);
  return { result, endRun };
}

/** One candidate's journey, the same steps as the node engine's journey runner. */
export default function driver(): void {
  const n = exec.scenario.iterationInTest;
  // The stages are rounded up, so a run may have a spare iteration past the population.
  if (n >= config.count) return;
  const due = scheduled(n + 1);
  // Candidate n arrives at iteration n's scheduled start (ms from the window's start).
  const c = candidateAt(n, due);
  if (!c) return;
  let startedAt = Date.now();
  if (!shared && startedAt - due < clockStart) clockStart = startedAt - due;
  // Only with a shared clock can k6 start an iteration early (it activated its VUs faster
  // than allowed for): wait for the shared schedule, so instances stay in step.
  if (shared && clockStart + due > startedAt) {
    sleep((clockStart + due - startedAt) / 1000);
    startedAt = Date.now();
  }
  // Run time (ms from the opening), as the node engine's: the arrival is the iteration's place in the schedule.
  const zero = clockStart + config.openingMs;
  // Once per instance, from the iteration it numbers 0. Iteration numbers only grow, so a
  // VU whose first iteration is not number 0 never runs it: only a first iteration asks
  // (every `exec.scenario` access builds an object).
  if (firstIteration) {
    firstIteration = false;
    if (exec.scenario.iterationInInstance === 0)
      console.log(`${OPENING_MARKER}${shared ? fixedOpening : Math.round(zero)}`);
  }
  const now = () => Date.now() - zero;
  const arrivalMs = due - config.openingMs;
  latenessTrend.add(startedAt - clockStart - due, { country: c.country });

  // Latency is measured from the intended send time, as the node engine does.
  let intended = arrivalMs;
  // The iteration owns its journey state: the machine's in-place transitions (nextOwned,
  // resumeOwned) make the same decisions without copying the state at every step.
  const first = start({ id: c.id, seed: c.seed, persona: c.persona }, config.def, intended);
  const state = first.state;
  let action = first.action;
  for (;;) {
    if (action.type === 'finish') {
      // Per-candidate values as sample metadata, not tags: k6 keeps one time series per
      // distinct tag set for the whole test (and warns past 100,000), so a tag per
      // candidate would grow with the population. The analyzer reads metadata as tags.
      const md = metadata();
      md.candidate = c.id;
      md.arrival = String(c.seq);
      md.attempts = String(state.attempts);
      const tags: Record<string, string> = { outcome: action.outcome, country: c.country };
      if (round) {
        md.score = String(c.attributes?.eoiScore ?? '');
        tags.eligible = String(meetsCriteria(c.attributes, round.criteria));
      }
      journeyTrend.add(now() - arrivalMs, tags);
      delete md.candidate;
      delete md.arrival;
      delete md.attempts;
      delete md.score;
      return;
    }
    if (action.type === 'wait') {
      intended = now() + action.ms;
      sleep(action.ms / 1000);
      action = resumeOwned(state, config.def);
      continue;
    }
    const attempt = state.attempts;
    const { result, endRun } = perform(
      action.op,
      { candidate: c, vars: state.vars, attempt, uuid: `${c.id}-${attempt}` },
      c.country,
      intended,
      now,
    );
    action = nextOwned(state, result, config.def, endRun);
    intended = endRun;
  }
}

/** A candidate id as the generator makes it (src/population/generate.ts): `c` and its arrival order. */
const CANDIDATE_ID = /^c(\d+)$/;

/**
 * The scenario's operator action `config.operatorScenarios[name]` (an invitation round),
 * run once by its own k6 scenario (options.ts: shared-iterations, one VU, `startTime` at
 * the action's time), through the same target mapping as the node engine's
 * (src/engine/node/operator.ts). The candidates a round invited (captured as `invited`,
 * a JSON array of candidate ids) are reported as `rehearsal_invited` points.
 */
export function operator(): void {
  const i = config.operatorScenarios?.[exec.scenario.name];
  const action = i === undefined ? undefined : config.operator?.[i];
  if (!action || !config.target.operations[action.op]) return;
  // With a shared opening, the action's time is on the shared clock; k6's startTime
  // (measured from the test's start) is then only the earliest it may run.
  if (shared) {
    const wait = fixedOpening + action.atMs - Date.now();
    if (wait > 0) sleep(wait / 1000);
  }
  const t0 = Date.now();
  const { result } = perform(
    action.op,
    { operator: action, vars: config.target.variables ?? {}, candidate: {}, attempt: 1, uuid: `operator-${i}` },
    '',
    0,
    () => Date.now() - t0,
  );
  if (result.class !== 'ok') return;
  let ids: unknown[] = [];
  try {
    const list = JSON.parse(result.captures?.invited ?? '[]') as unknown;
    if (Array.isArray(list)) ids = list;
  } catch {
    // A portal that does not list candidate ids: the draw cannot be checked, the run goes on.
  }
  const md = exec.vu.metrics.metadata;
  let reported = 0;
  for (const id of ids) {
    const m = typeof id === 'string' ? CANDIDATE_ID.exec(id) : null;
    if (!m) continue;
    md.candidate = id as string;
    md.arrival = String(Number(m[1]));
    invitedCounter.add(1, { op: action.op });
    reported++;
  }
  delete md.candidate;
  delete md.arrival;
  // The round ran and invited nobody: the analyzer still learns that it ran.
  if (reported === 0) invitedCounter.add(0, { op: action.op });
}
