/**
 * The journey state machine: `(state, result) → (state, action)`.
 *
 *   start ──► request step[0] ──ok──► think ──► request step[1] … ──► finish(success)
 *                 │
 *                 ├─ throttled / queued / error* ──► wait (persona) ──► same step, or give up
 *                 ├─ quota_full ──► finish(quota_full)
 *                 └─ invalid ──► finish(invalid)           (* error only if retryOnError)
 *
 * Pure: no I/O, no clock. `now` is milliseconds since the opening, given by the engine.
 *
 * One implementation, two calling conventions: `start`, `next` and `resume` return a
 * new state and never touch the one they are given (the node and k6 engines, tests);
 * `startOwned`, `nextOwned` and `resumeOwned` fill and update a state the caller owns in place
 * and return only the action (the simulator, which makes tens of millions of
 * transitions and would otherwise spend most of its time copying states). The pure
 * functions are the owned ones applied to a copy, so every engine makes the same
 * decisions from the same draws. A `wait` action from an owned call is one object the
 * next owned call rewrites (the simulator waits tens of millions of times): read its
 * `ms` before calling again; the pure functions return a copy of it.
 */
import { nextState, seedState, uniformOf } from './rng.js';
import {
  type Action,
  type JourneyCandidate,
  type JourneyDef,
  type JourneyState,
  OUTCOMES,
  type Operation,
  type OpResult,
  type Outcome,
} from './types.js';

export interface Transition {
  state: JourneyState;
  action: Action;
}

export function start(candidate: JourneyCandidate, def: JourneyDef, now: number): Transition {
  const state = initial(candidate, def, now);
  return { state, action: request(state, def) };
}

/**
 * `start` into a state the caller owns: fills a fresh `state` (one with no outcome) in
 * place and returns the first action. The simulator's visit is its journey's state with
 * the portal's fields beside it, one object where a state and a visit were two: an event
 * then touches one visitor object fewer (at the full night's 200,000 in flight, each is a
 * cache miss).
 */
export function startOwned(state: JourneyState, candidate: JourneyCandidate, def: JourneyDef, now: number): Action {
  fill(state, candidate, def, now);
  return request(state, def);
}

export function next(prev: JourneyState, result: OpResult, def: JourneyDef, now: number): Transition {
  if (prev.outcome) return { state: prev, action: finishAction(prev.outcome) };
  const state: JourneyState = { ...prev, vars: result.captures ? { ...prev.vars } : prev.vars };
  return { state, action: own(nextOwned(state, result, def, now)) };
}

/** After a `wait` action, engines call this to get the request to send. */
export function resume(prev: JourneyState, def: JourneyDef): Transition {
  const state: JourneyState = { ...prev };
  return { state, action: request(state, def) };
}

/** The shared wait action as the caller's own object (the pure calls' actions are kept by their callers). */
function own(a: Action): Action {
  return a === WAIT ? { type: 'wait', ms: WAIT.ms } : a;
}

/** `next` updating `state` in place (its `vars` too): for a caller that owns the state. */
export function nextOwned(state: JourneyState, result: OpResult, def: JourneyDef, now: number): Action {
  if (state.outcome) return finishAction(state.outcome);
  if (result.captures) Object.assign(state.vars, result.captures);
  switch (result.class) {
    case 'ok':
      return advance(state, def, now);
    case 'quota_full':
      return finish(state, 'quota_full');
    case 'invalid':
      return finish(state, 'invalid');
    case 'error':
      if (!def.retryOnError) return finish(state, 'error');
      return retry(state, def, now, result, 'error');
    case 'throttled':
    case 'queued':
      return retry(state, def, now, result, 'gave_up');
  }
}

/** `resume` updating `state` in place. */
export function resumeOwned(state: JourneyState, def: JourneyDef): Action {
  return request(state, def);
}

function initial(candidate: JourneyCandidate, def: JourneyDef, now: number): JourneyState {
  const state: JourneyState = {
    candidateId: '',
    step: 0,
    done: 0,
    attempts: 0,
    retries: 0,
    startedAt: 0,
    deadline: 0,
    rng: 0,
    vars: {},
    persona: candidate.persona,
  };
  fill(state, candidate, def, now);
  return state;
}

/** A journey's first state, written into `state` (the one place its fields get their values). */
function fill(state: JourneyState, candidate: JourneyCandidate, def: JourneyDef, now: number): void {
  state.candidateId = candidate.id;
  state.step = 0;
  state.done = 0;
  state.attempts = 0;
  state.retries = 0;
  state.startedAt = now;
  state.deadline = now + (candidate.patienceMs ?? candidate.persona.patienceMs) / def.timeScale;
  // The generator's state is kept as a signed 32-bit integer (the same bits: every step of
  // rng.ts is 32-bit arithmetic), a small integer stored inside the state object. As an
  // unsigned number above 2^31 it would be a heap number, a separate object: in the
  // simulator, a cache miss at every transition of a visitor in flight (perf annotate: most
  // of `advance`'s time was the load of that box).
  state.rng = seedState(candidate.seed) | 0;
  state.persona = candidate.persona;
}

/** Sends the current step's operation. */
function request(state: JourneyState, def: JourneyDef): Action {
  const step = def.steps[state.step];
  if (!step) return finish(state, def.success);
  state.attempts++;
  return stepAction(def, state.step, step.op);
}

function advance(state: JourneyState, def: JourneyDef, now: number): Action {
  const step = def.steps[state.step];
  if (!step) return finish(state, def.success);
  const done = state.done + 1;
  if (done < (step.repeat ?? 1)) {
    // Poll again after the step's interval, jittered ±20 % so pollers do not synchronise.
    const rng = nextState(state.rng) | 0;
    const u = uniformOf(rng);
    const ms = ((step.everyMs ?? state.persona.thinkMs) * (0.8 + 0.4 * u)) / def.timeScale;
    state.rng = rng;
    state.done = done;
    state.retries = 0;
    return wait(ms);
  }
  state.step++;
  state.done = 0;
  state.retries = 0;
  if (state.step >= def.steps.length) return finish(state, def.success);
  const rng = nextState(state.rng) | 0;
  const u = uniformOf(rng);
  state.rng = rng;
  // Think time: exponential with the persona's mean (memoryless human pauses).
  const ms = (-Math.log(1 - u) * state.persona.thinkMs) / def.timeScale;
  if (ms <= 0 || now + ms >= state.deadline) return request(state, def);
  return wait(ms);
}

/**
 * Decides the wait before retrying the same step, or gives up when the wait would
 * pass the candidate's deadline. Full-jitter backoff follows Brooker, "Exponential
 * Backoff And Jitter" (AWS Architecture Blog, 2015): wait = U(0, min(cap, base·2^n)).
 */
function retry(state: JourneyState, def: JourneyDef, now: number, result: OpResult, onTimeout: Outcome): Action {
  const p = state.persona;
  const rng = nextState(state.rng) | 0;
  const u = uniformOf(rng);
  let ms: number;
  switch (p.retry) {
    case 'retry-after':
      // The portal's hint is in the portal's (real) time, so it is not time-scaled.
      ms =
        result.retryAfterMs !== undefined
          ? result.retryAfterMs * (1 + 0.2 * u) * def.timeScale
          : p.retryBaseMs * (0.5 + u);
      break;
    case 'fixed':
      ms = p.retryBaseMs;
      break;
    case 'backoff':
      ms = u * Math.min(p.retryCapMs, p.retryBaseMs * 2 ** Math.min(state.retries, 30));
      break;
    case 'hammer':
      ms = p.retryBaseMs * (0.5 + u);
      break;
  }
  ms /= def.timeScale;
  state.rng = rng;
  state.retries++;
  if (now + ms >= state.deadline) return finish(state, onTimeout);
  return wait(ms);
}

function finish(state: JourneyState, outcome: Outcome): Action {
  state.outcome = outcome;
  return finishAction(outcome);
}

/** The owned calls' wait action: rewritten by each (see the module's comment). */
const WAIT: { type: 'wait'; ms: number } = { type: 'wait', ms: 0 };

function wait(ms: number): Action {
  WAIT.ms = ms;
  return WAIT;
}

/** The actions that carry no number are shared (frozen): engines read actions, never change them. */
const REQUESTS = new Map<Operation, Action>();
/** By index in OUTCOMES: a search of six interned strings, where a map hashed the outcome at every journey's end. */
const FINISHES: Action[] = OUTCOMES.map((outcome) => Object.freeze({ type: 'finish', outcome }) as Action);

function requestAction(op: Operation): Action {
  let a = REQUESTS.get(op);
  if (!a) REQUESTS.set(op, (a = Object.freeze({ type: 'request', op }) as Action));
  return a;
}

/**
 * The last definition's request actions by step index: a pointer compare and an array
 * read where `requestAction` is a lookup by operation name (the simulator sends tens of
 * millions of requests, each a hash lookup). An engine runs one definition; another
 * definition refills it, and a step whose operation was changed in place gets its own.
 */
let stepsDef: JourneyDef | undefined;
let stepActions: Array<Action | undefined> = [];

function stepAction(def: JourneyDef, index: number, op: Operation): Action {
  if (def !== stepsDef) {
    stepsDef = def;
    stepActions = [];
  }
  const a = stepActions[index];
  if (a !== undefined && (a as { op: Operation }).op === op) return a;
  return (stepActions[index] = requestAction(op));
}

function finishAction(outcome: Outcome): Action {
  return FINISHES[OUTCOMES.indexOf(outcome)] as Action;
}
