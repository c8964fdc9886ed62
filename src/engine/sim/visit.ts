import type { JourneyState, Operation } from '../../journey/types.js';
import type { Candidate } from '../../population/types.js';
import type { Arrivals } from './population-feed.js';
import type { SimResponse } from './responses.js';
import type { Route } from './routes.js';
import type { Ticket } from './waiting-room.js';

/**
 * One candidate's journey in flight in the simulator: the journey machine's state
 * (the client: the visit *is* the state, filled by `startOwned` and updated in place by
 * the machine's owned calls), and what the portal holds about this candidate (the server
 * side the reference portal keeps in SQLite: account, session, code, queue token,
 * application, interest). One object, not a visit pointing to a state: at the full
 * night's 200,000 visitors in flight almost every event's first touch of a visitor is a
 * cache miss, and each object touched is one more. Dropped when the journey finishes, so
 * memory follows the journeys in flight, not the population (the interest pool of the eoi
 * design excepted).
 */
export interface Visit extends JourneyState {
  /** The candidate as an object, when the population was handed over as objects (population-feed.ts); else undefined. */
  c: Candidate | undefined;
  // Server side.
  account: boolean;
  applied: boolean;
  interest: boolean;
  /** Run time until which the latest e-mailed code is valid; NaN: none unused. */
  codeUntil: number;
  /** A code was ever e-mailed (the simulated mailbox has a message). */
  mailed: boolean;
  ticket: Ticket | undefined;
  // Client side: what the journey's captures hold.
  hasToken: boolean;
  hasQueueToken: boolean;
  /** Index of the candidate's country in the run's table (a key for the tag-set cache, and its name). */
  countryId: number;
  /**
   * Its requests not yet free for reuse (run.ts `release`): the visit itself is free for the
   * next arrival once it has an outcome and none is left (a request its client gave up on
   * may still be in the worker line and, served later, change the server side).
   */
  reqs: number;
  // The candidate, read at its journey's end (or by a request that needs an e-mail).
  /** Its number in the population (its id is made from it where one is needed). */
  seq: number;
  /** It has an e-mail on file. */
  hasEmail: boolean;
}

/** One request from a visit to the portal model. */
export interface Req {
  visit: Visit;
  op: Operation;
  route: Route;
  /** Run time the operation's first request was sent (the operation's latency runs from it). */
  opSentAt: number;
  /** Run time the request was sent (its intended time: the sim is never late). */
  sentAt: number;
  /** Run time it joined the worker pool's line. */
  queuedAt: number;
  /** The client has its answer (a response or its own timeout): later news is for the server only. */
  answered: boolean;
  /** A client-timeout event is in the queue for it. */
  timeoutSet: boolean;
  /** The model's answer, once it has one (carried by the Reply and Done events). */
  res: SimResponse | undefined;
  /** Events in the queue and places in the worker line that refer to it: reusable at 0 once answered. */
  refs: number;
}

/** A request object for the driver to fill (it reuses them: see run.ts `send`). */
export function newReq(): Req {
  return {
    visit: undefined as unknown as Visit,
    op: 'browse',
    route: undefined as unknown as Route,
    opSentAt: 0,
    sentAt: 0,
    queuedAt: 0,
    answered: true,
    timeoutSet: false,
    res: undefined,
    refs: 0,
  };
}

const NO_VARS: Record<string, string> = Object.freeze({});

/**
 * A visit for the current candidate of `a`: `v` (a finished one, reused) or a new one. Every
 * field is written, so a reused visit is a new one; its journey fields are placeholders
 * until `startOwned` fills them. Reused rather than allocated, a visit is one object of
 * the old generation for the run, not 5 million objects promoted there over the night.
 */
export function fillVisit(reused: Visit | undefined, a: Arrivals, countryId: number): Visit {
  const v = reused ?? blankVisit(a);
  v.step = 0;
  v.done = 0;
  v.attempts = 0;
  v.retries = 0;
  v.rng = 0;
  v.outcome = undefined;
  v.countryId = countryId;
  v.deadline = 0;
  v.persona = a.persona;
  v.reqs = 0;
  v.candidateId = '';
  v.startedAt = 0;
  v.vars = NO_VARS;
  v.c = a.candidate;
  v.account = false;
  v.applied = false;
  v.interest = false;
  v.codeUntil = Number.NaN;
  v.mailed = false;
  v.ticket = undefined;
  v.hasToken = false;
  v.hasQueueToken = false;
  v.seq = a.seq;
  v.hasEmail = a.hasEmail;
  return v;
}

/**
 * A new visit's layout (`fillVisit` gives every field its value). The fields every event
 * reads come first (the machine's step, counts, generator and outcome, the country's key,
 * the deadline, the persona), so that they share the object's first cache line or two: a
 * visit is about three lines, and most events read nothing else of it. Each placeholder is
 * of its field's type (a number, a boolean, an object or undefined).
 */
function blankVisit(a: Arrivals): Visit {
  return {
    step: 0,
    done: 0,
    attempts: 0,
    retries: 0,
    rng: 0,
    outcome: undefined,
    countryId: 0,
    deadline: 0,
    persona: a.persona,
    reqs: 0,
    candidateId: '',
    startedAt: 0,
    // The simulator's answers capture nothing (no OpResult it builds has `captures`), so
    // every visit shares one frozen empty map: 5 million fewer objects a night. Frozen, a
    // capture written to it would throw (modules are strict), not leak between visitors.
    vars: NO_VARS,
    c: a.candidate,
    account: false,
    applied: false,
    interest: false,
    codeUntil: Number.NaN,
    mailed: false,
    ticket: undefined,
    hasToken: false,
    hasQueueToken: false,
    seq: a.seq,
    hasEmail: a.hasEmail,
  };
}
