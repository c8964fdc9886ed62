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
 */
import { draw, seedState } from './rng.js';
import type { Action, JourneyCandidate, JourneyDef, JourneyState, OpResult, Outcome } from './types.js';

export interface Transition {
  state: JourneyState;
  action: Action;
}

export function start(candidate: JourneyCandidate, def: JourneyDef, now: number): Transition {
  const state: JourneyState = {
    candidateId: candidate.id,
    step: 0,
    done: 0,
    attempts: 0,
    retries: 0,
    startedAt: now,
    deadline: now + candidate.persona.patienceMs / def.timeScale,
    rng: seedState(candidate.seed),
    vars: {},
    persona: candidate.persona,
  };
  return request(state, def);
}

export function next(prev: JourneyState, result: OpResult, def: JourneyDef, now: number): Transition {
  if (prev.outcome) return { state: prev, action: { type: 'finish', outcome: prev.outcome } };
  const state: JourneyState = { ...prev, vars: result.captures ? { ...prev.vars, ...result.captures } : prev.vars };
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

/** Sends the current step's operation. */
function request(state: JourneyState, def: JourneyDef): Transition {
  const step = def.steps[state.step];
  if (!step) return finish(state, def.success);
  return { state: { ...state, attempts: state.attempts + 1 }, action: { type: 'request', op: step.op } };
}

function advance(state: JourneyState, def: JourneyDef, now: number): Transition {
  const step = def.steps[state.step];
  if (!step) return finish(state, def.success);
  const done = state.done + 1;
  if (done < (step.repeat ?? 1)) {
    // Poll again after the step's interval, jittered ±20 % so pollers do not synchronise.
    const [rng, u] = draw(state.rng);
    const ms = ((step.everyMs ?? state.persona.thinkMs) * (0.8 + 0.4 * u)) / def.timeScale;
    return { state: { ...state, rng, done, retries: 0 }, action: { type: 'wait', ms } };
  }
  const moved: JourneyState = { ...state, step: state.step + 1, done: 0, retries: 0 };
  if (moved.step >= def.steps.length) return finish(moved, def.success);
  const [rng, u] = draw(moved.rng);
  // Think time: exponential with the persona's mean (memoryless human pauses).
  const ms = (-Math.log(1 - u) * moved.persona.thinkMs) / def.timeScale;
  if (ms <= 0 || now + ms >= moved.deadline) return request({ ...moved, rng }, def);
  return { state: { ...moved, rng }, action: { type: 'wait', ms } };
}

/**
 * Decides the wait before retrying the same step, or gives up when the wait would
 * pass the candidate's deadline. Full-jitter backoff follows Brooker, "Exponential
 * Backoff And Jitter" (AWS Architecture Blog, 2015): wait = U(0, min(cap, base·2^n)).
 */
function retry(state: JourneyState, def: JourneyDef, now: number, result: OpResult, onTimeout: Outcome): Transition {
  const p = state.persona;
  const [rng, u] = draw(state.rng);
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
  const next: JourneyState = { ...state, rng, retries: state.retries + 1 };
  if (now + ms >= state.deadline) return finish(next, onTimeout);
  return { state: next, action: { type: 'wait', ms } };
}

function finish(state: JourneyState, outcome: Outcome): Transition {
  return { state: { ...state, outcome }, action: { type: 'finish', outcome } };
}

/** After a `wait` action, engines call this to get the request to send. */
export function resume(state: JourneyState, def: JourneyDef): Transition {
  return request(state, def);
}
