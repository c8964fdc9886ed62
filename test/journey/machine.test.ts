import { describe, expect, it } from 'vitest';
import { next, nextOwned, resume, resumeOwned, start, startOwned, type Transition } from '../../src/journey/machine.js';
import { draw, seedState } from '../../src/journey/rng.js';
import type {
  JourneyDef,
  JourneyState,
  JourneyStep,
  OpResult,
  Persona,
  ResultClass,
  RetryStyle,
} from '../../src/journey/types.js';
import { retryAfterMs } from '../../src/target/classify.js';

/*
 * The journey machine on its own, table by table: every engine drives it unchanged, so
 * a wrong wait here is a wrong rehearsal everywhere. Expected waits are written from the
 * rules the machine documents (full-jitter backoff, Brooker 2015; Retry-After in the
 * portal's real time; persona waits divided by the time scale; patience measured to the
 * end of the wait), with the uniform draws taken from the seeded generator the state
 * carries, in the order the machine consumes them (one per retry or pause).
 */

const SEED = 42;

/** The first n uniforms the machine will draw for a candidate of seed SEED. */
function uniforms(n: number, seed = SEED): number[] {
  let s = seedState(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const [s2, u] = draw(s);
    s = s2;
    out.push(u);
  }
  return out;
}

function persona(over: Partial<Persona> = {}): Persona {
  return {
    name: 'test',
    patienceMs: 3_600_000,
    retry: 'fixed',
    retryBaseMs: 1000,
    retryCapMs: 8000,
    thinkMs: 2000,
    ...over,
  };
}

function journey(over: Partial<JourneyDef> = {}): JourneyDef {
  return {
    steps: [{ op: 'createAccount' }, { op: 'submitApplication' }],
    success: 'accepted',
    retryOnError: false,
    timeScale: 1,
    ...over,
  };
}

const STATUS: Record<ResultClass, number> = {
  ok: 201,
  throttled: 503,
  queued: 202,
  quota_full: 409,
  invalid: 400,
  error: 500,
};

function result(cls: ResultClass, extra: Partial<OpResult> = {}): OpResult {
  return { op: 'submitApplication', class: cls, status: STATUS[cls], latencyMs: 5, ...extra };
}

type Step = ['request', string] | ['wait', number] | ['finish', string];

/**
 * Drives the machine as an engine does: answers each request with the next scripted
 * result after `latency` ms, sleeps through each wait, resumes. Returns every action.
 */
function drive(def: JourneyDef, p: Persona, answers: OpResult[], opts: { at?: number; latency?: number } = {}) {
  let now = opts.at ?? 0;
  const latency = opts.latency ?? 0;
  let t: Transition = start({ id: 'c1', seed: SEED, persona: p }, def, now);
  const actions: Step[] = [];
  const queue = [...answers];
  for (let guard = 0; guard < 1000; guard++) {
    const a = t.action;
    if (a.type === 'finish') {
      actions.push(['finish', a.outcome]);
      return { actions, state: t.state, now };
    }
    if (a.type === 'wait') {
      actions.push(['wait', a.ms]);
      now += a.ms;
      t = resume(t.state, def);
      continue;
    }
    actions.push(['request', a.op]);
    const r = queue.shift();
    if (!r) return { actions, state: t.state, now };
    now += latency;
    t = next(t.state, { ...r, op: a.op }, def, now);
  }
  throw new Error('journey did not finish in 1000 actions');
}

const waits = (actions: Step[]) => actions.filter((a) => a[0] === 'wait').map((a) => a[1] as number);

describe('a journey starts', () => {
  it('by requesting the first step, counting the attempt, with a deadline of patience ÷ time scale after the start', () => {
    const t = start({ id: 'c9', seed: 7, persona: persona({ patienceMs: 600_000 }) }, journey({ timeScale: 10 }), 2500);
    expect(t.action).toEqual({ type: 'request', op: 'createAccount' });
    expect(t.state).toMatchObject({
      candidateId: 'c9',
      step: 0,
      done: 0,
      attempts: 1,
      retries: 0,
      startedAt: 2500,
      deadline: 2500 + 60_000,
      vars: {},
    });
    expect(t.state.outcome).toBeUndefined();
  });

  it('finishes at once with the success outcome when the journey has no steps', () => {
    expect(
      start({ id: 'c', seed: 1, persona: persona() }, journey({ steps: [], success: 'completed' }), 0).action,
    ).toEqual({ type: 'finish', outcome: 'completed' });
  });
});

describe('every outcome, from the first answer', () => {
  const cases: Array<[string, ResultClass, boolean, Step]> = [
    ['quota_full ends the journey', 'quota_full', false, ['finish', 'quota_full']],
    ['invalid ends the journey', 'invalid', false, ['finish', 'invalid']],
    ['error ends it unless the journey retries errors', 'error', false, ['finish', 'error']],
    ['error is retried like a throttle when retryOnError', 'error', true, ['wait', 1000]],
    ['throttled is retried after the persona wait', 'throttled', false, ['wait', 1000]],
    ['queued is retried after the persona wait', 'queued', false, ['wait', 1000]],
    ['ok moves on after a think time', 'ok', false, ['wait', -Math.log(1 - uniforms(1)[0]!) * 2000]],
  ];
  it.each(cases)('%s', (_name, cls, retryOnError, expected) => {
    const def = journey({ retryOnError });
    const t0 = start({ id: 'c', seed: SEED, persona: persona() }, def, 0);
    const t = next(t0.state, result(cls), def, 0);
    const a = t.action;
    const got: Step =
      a.type === 'request' ? ['request', a.op] : a.type === 'wait' ? ['wait', a.ms] : ['finish', a.outcome];
    expect(got[0]).toBe(expected[0]);
    if (typeof expected[1] === 'number') expect(got[1]).toBeCloseTo(expected[1], 9);
    else expect(got[1]).toBe(expected[1]);
    expect(t.state.outcome).toBe(a.type === 'finish' ? a.outcome : undefined);
  });

  it('accepted after every step succeeds (applications), completed for visits', () => {
    for (const success of ['accepted', 'completed'] as const) {
      const { actions, state } = drive(journey({ success }), persona({ thinkMs: 0 }), [result('ok'), result('ok')]);
      expect(actions).toEqual([
        ['request', 'createAccount'],
        ['request', 'submitApplication'],
        ['finish', success],
      ]);
      expect(state).toMatchObject({ outcome: success, attempts: 2, step: 2 });
    }
  });

  it('gave_up when throttled past patience; error when errors are retried past patience', () => {
    const p = persona({ patienceMs: 2500 });
    const throttled = drive(
      journey(),
      p,
      Array.from({ length: 5 }, () => result('throttled')),
    );
    expect(throttled.actions).toEqual([
      ['request', 'createAccount'],
      ['wait', 1000],
      ['request', 'createAccount'],
      ['wait', 1000],
      ['request', 'createAccount'],
      ['finish', 'gave_up'],
    ]);
    const errors = drive(
      journey({ retryOnError: true }),
      p,
      Array.from({ length: 5 }, () => result('error')),
    );
    expect(errors.actions.at(-1)).toEqual(['finish', 'error']);
    expect(errors.state.attempts).toBe(3);
  });

  it('stays finished: a result after the end changes nothing', () => {
    const def = journey();
    const t0 = start({ id: 'c', seed: SEED, persona: persona() }, def, 0);
    const done = next(t0.state, result('quota_full'), def, 10);
    const again = next(done.state, result('ok'), def, 20);
    expect(again).toEqual({ state: done.state, action: { type: 'finish', outcome: 'quota_full' } });
  });
});

describe('retry styles: exact waits after four rejections in a row', () => {
  const u = uniforms(4);
  const base = 1000;
  const cap = 5000;
  // Each row: style, time scale, the four waits the persona's rule gives.
  const cases: Array<[RetryStyle, number, number[]]> = [
    ['fixed', 1, [1000, 1000, 1000, 1000]],
    ['fixed', 4, [250, 250, 250, 250]],
    // Full jitter: U(0, min(cap, base · 2^n)) for the n-th retry, n from 0.
    ['backoff', 1, [u[0]! * 1000, u[1]! * 2000, u[2]! * 4000, u[3]! * 5000]],
    ['backoff', 10, [u[0]! * 100, u[1]! * 200, u[2]! * 400, u[3]! * 500]],
    // A hammering refresher waits base × U(0.5, 1.5).
    ['hammer', 1, u.map((x) => base * (0.5 + x))],
    ['hammer', 2, u.map((x) => (base * (0.5 + x)) / 2)],
    // retry-after without a hint from the portal falls back to the hammer's rule.
    ['retry-after', 1, u.map((x) => base * (0.5 + x))],
    ['retry-after', 5, u.map((x) => (base * (0.5 + x)) / 5)],
  ];
  it.each(cases)('%s at time scale %d', (retry, timeScale, expected) => {
    const { actions, state } = drive(journey({ timeScale }), persona({ retry, retryBaseMs: base, retryCapMs: cap }), [
      ...Array.from({ length: 4 }, () => result('throttled')),
      result('quota_full'),
    ]);
    const got = waits(actions);
    expect(got).toHaveLength(4);
    got.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 9));
    expect(actions.filter((a) => a[0] === 'request')).toHaveLength(5);
    // Five requests of the same step, four of them retries.
    expect(state).toMatchObject({ attempts: 5, retries: 4, step: 0, outcome: 'quota_full' });
  });

  it('backoff counts retries per step: the exponent starts again after a success', () => {
    const p = persona({ retry: 'backoff', retryBaseMs: 1000, retryCapMs: 60_000, thinkMs: 2000 });
    const { actions } = drive(journey(), p, [
      result('throttled'),
      result('throttled'),
      result('ok'),
      result('throttled'),
      result('quota_full'),
    ]);
    const uu = uniforms(4);
    const w = waits(actions);
    // retry 0, retry 1, the think time, then retry 0 again on the next step.
    expect(w).toHaveLength(4);
    expect(w[0]).toBeCloseTo(uu[0]! * 1000, 9);
    expect(w[1]).toBeCloseTo(uu[1]! * 2000, 9);
    expect(w[2]).toBeCloseTo(-Math.log(1 - uu[2]!) * 2000, 9);
    expect(w[3]).toBeCloseTo(uu[3]! * 1000, 9);
  });

  it('backoff never waits past the cap, however many retries', () => {
    const p = persona({ retry: 'backoff', retryBaseMs: 1000, retryCapMs: 3000 });
    const { actions } = drive(journey(), p, [
      ...Array.from({ length: 40 }, () => result('throttled')),
      result('quota_full'),
    ]);
    const w = waits(actions);
    expect(w).toHaveLength(40);
    const uu = uniforms(40);
    w.forEach((x, i) => expect(x).toBeCloseTo(uu[i]! * Math.min(3000, 1000 * 2 ** i), 6));
  });
});

describe('Retry-After is the portal’s real time, never time-scaled', () => {
  const u = uniforms(2);
  // From either header the portal can send, through the target layer's reading of it.
  const cases: Array<[string, Record<string, string>, number]> = [
    ['Retry-After: 2 (seconds)', { 'retry-after': '2' }, 2000],
    ['x-retry-after-ms: 1500', { 'x-retry-after-ms': '1500' }, 1500],
    ['both: the millisecond header wins', { 'retry-after': '9', 'x-retry-after-ms': '1500' }, 1500],
  ];
  it.each(cases)('%s waits the hint × U(1, 1.2) at time scale 1 and 60 alike', (_name, headers, hintMs) => {
    const hint = retryAfterMs({ status: 503, headers, body: '' });
    expect(hint).toBe(hintMs);
    for (const timeScale of [1, 60]) {
      const p = persona({ retry: 'retry-after', retryBaseMs: 30_000 });
      const { actions } = drive(journey({ timeScale }), p, [
        result('throttled', { retryAfterMs: hint }),
        result('throttled', { retryAfterMs: hint }),
        result('quota_full'),
      ]);
      const w = waits(actions);
      expect(w).toHaveLength(2);
      expect(w[0]).toBeCloseTo(hintMs * (1 + 0.2 * u[0]!), 9);
      expect(w[1]).toBeCloseTo(hintMs * (1 + 0.2 * u[1]!), 9);
    }
  });

  it('only the retry-after persona follows the hint; others keep their own rule', () => {
    const p = persona({ retry: 'fixed', retryBaseMs: 700 });
    const { actions } = drive(journey({ timeScale: 7 }), p, [
      result('throttled', { retryAfterMs: 5000 }),
      result('quota_full'),
    ]);
    expect(waits(actions)).toEqual([100]);
  });
});

describe('patience: the deadline counts the wait, not only the moment of the answer', () => {
  // Patience 5 s, fixed 1 s retries: a rejection at t lets the candidate wait only if t + 1 s < 5 s.
  const p = persona({ patienceMs: 5000, retry: 'fixed', retryBaseMs: 1000 });
  it.each([
    [3999, 'wait'],
    [4000, 'finish'],
    [4500, 'finish'],
  ])('rejected at %d ms → %s', (at, type) => {
    const def = journey();
    const t0 = start({ id: 'c', seed: SEED, persona: p }, def, 0);
    const t = next(t0.state, result('throttled'), def, at);
    expect(t.action.type).toBe(type);
    if (type === 'finish') expect(t.action).toEqual({ type: 'finish', outcome: 'gave_up' });
  });

  it('is in scenario time: patience and waits are both divided by the time scale', () => {
    // 5 s of patience at 10× is 500 ms; 1 s waits are 100 ms: rejected at 399 waits, at 400 gives up.
    const def = journey({ timeScale: 10 });
    const t0 = start({ id: 'c', seed: SEED, persona: p }, def, 0);
    expect(next(t0.state, result('throttled'), def, 399).action).toEqual({ type: 'wait', ms: 100 });
    expect(next(t0.state, result('throttled'), def, 400).action).toEqual({ type: 'finish', outcome: 'gave_up' });
  });

  it('counts from the arrival, not from the opening', () => {
    const def = journey();
    const t0 = start({ id: 'c', seed: SEED, persona: p }, def, 10_000);
    expect(next(t0.state, result('throttled'), def, 13_999).action.type).toBe('wait');
    expect(next(t0.state, result('throttled'), def, 14_000).action.type).toBe('finish');
  });

  it('skips a think time that would end exactly at the deadline, and keeps one that ends just before', () => {
    const def = journey();
    const p5 = persona({ patienceMs: 5000, thinkMs: 2000 });
    const think = -Math.log(1 - uniforms(1)[0]!) * 2000;
    const at = 5000 - think;
    expect(at + think).toBe(5000); // the boundary is exactly representable here
    const t0 = start({ id: 'c', seed: SEED, persona: p5 }, def, 0);
    expect(next(t0.state, result('ok'), def, at).action).toEqual({ type: 'request', op: 'submitApplication' });
    expect(next(t0.state, result('ok'), def, at - 1).action).toEqual({ type: 'wait', ms: think });
  });

  it('skips a think time that would pass the deadline and sends the next step at once', () => {
    const def = journey();
    const slow = persona({ patienceMs: 1000, thinkMs: 1_000_000 });
    const t0 = start({ id: 'c', seed: SEED, persona: slow }, def, 0);
    expect(next(t0.state, result('ok'), def, 10)).toMatchObject({
      action: { type: 'request', op: 'submitApplication' },
      state: { step: 1, attempts: 2 },
    });
  });
});

describe('each persona of the launch-day scenario (scenarios/launch-day.ts), at time scale 60', () => {
  const u = uniforms(1);
  const personas: Array<{ name: string; p: Persona; expected: number }> = [
    // retry-after with the portal's 1 s hint: real time.
    {
      name: 'persistent',
      p: persona({
        name: 'persistent',
        retry: 'retry-after',
        retryBaseMs: 30_000,
        patienceMs: 180 * 60_000,
        thinkMs: 20_000,
      }),
      expected: 1000 * (1 + 0.2 * u[0]!),
    },
    {
      name: 'refresher',
      p: persona({ name: 'refresher', retry: 'hammer', retryBaseMs: 5000, patienceMs: 60 * 60_000, thinkMs: 10_000 }),
      expected: (5000 * (0.5 + u[0]!)) / 60,
    },
    {
      name: 'casual',
      p: persona({
        name: 'casual',
        retry: 'backoff',
        retryBaseMs: 20_000,
        retryCapMs: 600_000,
        patienceMs: 10 * 60_000,
        thinkMs: 30_000,
      }),
      expected: (20_000 * u[0]!) / 60,
    },
  ];
  it.each(personas)('$name: first retry after a 503 with Retry-After: 1', ({ p, expected }) => {
    const def = journey({ timeScale: 60, retryOnError: true });
    const t0 = start({ id: 'c', seed: SEED, persona: p }, def, 0);
    const t = next(t0.state, result('throttled', { retryAfterMs: 1000 }), def, 5);
    expect(t.action.type).toBe('wait');
    expect((t.action as { ms: number }).ms).toBeCloseTo(expected, 9);
    expect(t.state.deadline).toBe(p.patienceMs / 60);
  });
});

describe('polling a step (status tracker)', () => {
  const steps: JourneyStep[] = [{ op: 'signIn' }, { op: 'checkStatus', repeat: 3, everyMs: 1000 }];
  it('repeats the step `repeat` times, `everyMs` apart jittered ±20 %, time-scaled, then succeeds', () => {
    const def = journey({ steps, success: 'completed', timeScale: 2 });
    const p = persona({ thinkMs: 4000 });
    const { actions, state } = drive(def, p, [result('ok'), result('ok'), result('ok'), result('ok')]);
    const u = uniforms(3);
    expect(actions.map((a) => (a[0] === 'wait' ? 'wait' : a.join(' ')))).toEqual([
      'request signIn',
      'wait',
      'request checkStatus',
      'wait',
      'request checkStatus',
      'wait',
      'request checkStatus',
      'finish completed',
    ]);
    const w = waits(actions);
    expect(w[0]).toBeCloseTo((-Math.log(1 - u[0]!) * 4000) / 2, 9);
    expect(w[1]).toBeCloseTo((1000 * (0.8 + 0.4 * u[1]!)) / 2, 9);
    expect(w[2]).toBeCloseTo((1000 * (0.8 + 0.4 * u[2]!)) / 2, 9);
    expect(state.attempts).toBe(4);
  });

  it('polls at the think time when the step names no interval', () => {
    const def = journey({ steps: [{ op: 'checkStatus', repeat: 2 }], success: 'completed' });
    const { actions } = drive(def, persona({ thinkMs: 3000 }), [result('ok'), result('ok')]);
    expect(waits(actions)[0]).toBeCloseTo(3000 * (0.8 + 0.4 * uniforms(1)[0]!), 9);
  });
});

describe('captured values', () => {
  it('are merged into vars for later requests, keeping earlier ones', () => {
    const def = journey({ steps: [{ op: 'createAccount' }, { op: 'signIn' }, { op: 'submitApplication' }] });
    const p = persona({ thinkMs: 0 });
    let t = start({ id: 'c', seed: SEED, persona: p }, def, 0);
    t = next(t.state, result('ok', { captures: { token: 'a', id: '1' } }), def, 1);
    t = next(t.state, result('ok', { captures: { token: 'b' } }), def, 2);
    expect(t.state.vars).toEqual({ token: 'b', id: '1' });
    t = next(t.state, result('ok'), def, 3);
    expect(t.state.vars).toEqual({ token: 'b', id: '1' });
    expect(t.action).toEqual({ type: 'finish', outcome: 'accepted' });
  });
});

describe('determinism', () => {
  it('the same candidate and answers give the same actions; another seed other jitter', () => {
    const def = journey();
    const p = persona({ retry: 'backoff' });
    const answers = [result('throttled'), result('throttled'), result('ok'), result('quota_full')];
    expect(drive(def, p, answers).actions).toEqual(drive(def, p, answers).actions);
    const first = (seed: number) => {
      const t = start({ id: 'c', seed, persona: p }, def, 0);
      return next(t.state, result('throttled'), def, 0).action;
    };
    expect(first(SEED)).toEqual({ type: 'wait', ms: drive(def, p, answers).actions[1]![1] });
    expect(first(SEED + 1)).not.toEqual(first(SEED));
  });
});

/**
 * The simulator's calling convention: one state it owns, filled by `startOwned` (from
 * placeholders, as the simulator's visit is) and updated in place by `nextOwned` and
 * `resumeOwned`. It must make exactly the decisions of the pure `start`/`next`/`resume`
 * that the node and k6 engines use (the module's promise: same draws, same actions).
 */
function driveOwned(def: JourneyDef, p: Persona, answers: OpResult[]) {
  let now = 0;
  const other = persona({ name: 'placeholder' });
  const state: JourneyState = {
    candidateId: '',
    step: 7,
    done: 3,
    attempts: 9,
    retries: 2,
    startedAt: -1,
    deadline: -1,
    rng: 1,
    vars: {},
    persona: other,
    outcome: undefined,
  };
  let a = startOwned(state, { id: 'c1', seed: SEED, persona: p }, def, now);
  const actions: Step[] = [];
  const queue = [...answers];
  for (let guard = 0; guard < 1000; guard++) {
    if (a.type === 'finish') {
      actions.push(['finish', a.outcome]);
      return { actions, state, now };
    }
    if (a.type === 'wait') {
      actions.push(['wait', a.ms]);
      now += a.ms;
      a = resumeOwned(state, def);
      continue;
    }
    actions.push(['request', a.op]);
    const r = queue.shift();
    if (!r) return { actions, state, now };
    a = nextOwned(state, { ...r, op: a.op }, def, now);
  }
  throw new Error('journey did not finish in 1000 actions');
}

describe('the in-place convention (startOwned, nextOwned, resumeOwned) decides exactly as start, next and resume', () => {
  const poll = journey({ steps: [{ op: 'createAccount' }, { op: 'checkStatus', repeat: 3, everyMs: 500 }] });
  const rows: [string, JourneyDef, Persona, OpResult[]][] = [
    [
      'backoff through throttling to acceptance',
      journey(),
      persona({ retry: 'backoff' }),
      [result('throttled'), result('queued'), result('ok'), result('throttled'), result('ok')],
    ],
    [
      'the portal’s hint, both headers',
      journey(),
      persona({ retry: 'retry-after' }),
      [result('throttled', { retryAfterMs: 2000 }), result('throttled'), result('ok'), result('ok')],
    ],
    [
      'errors retried, then quota full',
      journey({ retryOnError: true, timeScale: 60 }),
      persona({ retry: 'hammer' }),
      [result('error'), result('error'), result('ok'), result('quota_full')],
    ],
    [
      'patience runs out',
      journey(),
      persona({ retry: 'fixed', patienceMs: 2500 }),
      [result('throttled'), result('throttled'), result('throttled')],
    ],
    [
      'polling with captures',
      poll,
      persona(),
      [
        result('ok', { captures: { token: 'a' } }),
        result('ok'),
        result('ok', { captures: { ref: 'r1' } }),
        result('ok'),
      ],
    ],
  ];
  for (const [name, def, p, answers] of rows)
    it(name, () => {
      const pure = drive(def, p, answers);
      const owned = driveOwned(def, p, answers);
      expect(owned.actions).toEqual(pure.actions);
      expect(owned.state).toEqual(pure.state);
      expect(owned.actions.at(-1)![0]).toBe('finish');
    });

  it('a finished state stays finished in place: a later result changes nothing', () => {
    const def = journey();
    const { state } = start({ id: 'c', seed: SEED, persona: persona() }, def, 0);
    expect(nextOwned(state, result('invalid'), def, 10)).toEqual({ type: 'finish', outcome: 'invalid' });
    const before = structuredClone(state);
    expect(nextOwned(state, result('ok', { captures: { token: 'late' } }), def, 20)).toEqual({
      type: 'finish',
      outcome: 'invalid',
    });
    expect(state).toEqual(before);
  });

  it('resumeOwned sends the same step again, counting the attempt in the caller’s state', () => {
    const def = journey();
    const { state } = start({ id: 'c', seed: SEED, persona: persona() }, def, 0);
    expect(nextOwned(state, result('throttled'), def, 0)).toEqual({ type: 'wait', ms: 1000 });
    expect(resumeOwned(state, def)).toEqual({ type: 'request', op: 'createAccount' });
    expect(state).toMatchObject({ step: 0, attempts: 2, retries: 1 });
  });

  it('the pure next gives every wait its own object: a later call changes no wait already returned', () => {
    // The owned calls share one wait object (the simulator reads its ms at once); the node
    // engine keeps the pure call's action across later calls, so those must be copies.
    const def = journey();
    const p = persona({ retry: 'backoff', retryBaseMs: 1000, retryCapMs: 60_000 });
    const s0 = start({ id: 'c', seed: SEED, persona: p }, def, 0).state;
    const first = next(s0, result('throttled'), def, 0);
    expect(first.action.type).toBe('wait');
    const ms = (first.action as { ms: number }).ms;
    const second = next(resume(first.state, def).state, result('throttled'), def, ms);
    const owned = nextOwned(structuredClone(second.state), result('throttled'), def, 2 * ms);
    expect(owned.type).toBe('wait');
    expect(second.action).not.toBe(first.action);
    expect(first.action).toEqual({ type: 'wait', ms });
    expect((second.action as { ms: number }).ms).not.toBe(ms);
    expect((owned as { ms: number }).ms).not.toBe((second.action as { ms: number }).ms);
  });
});
