import { request as httpRequest } from 'undici';
import { next, resume, start } from '../journey/machine.js';
import type { JourneyDef, OpResult, Operation, Outcome, Persona, ResultClass } from '../journey/types.js';
import { CookieJar } from './cookies.js';
import { runOperation } from './operation.js';
import { operationSpec, requestsOf } from './request.js';
import type { BuiltRequest, TargetFile, TargetResponse } from './types.js';

/** One request of a walk (a redirect hop, when followed, is a request too), as `target check` prints it. */
export interface WalkStep {
  op: Operation;
  /** Which request of the operation (0-based) and how many it has. */
  index: number;
  of: number;
  /** Redirect hop within that request: 0 for the request itself. */
  hop: number;
  method: string;
  url: string;
  requestBody?: string;
  status: number;
  /** The request's class; absent for a redirect that was followed. */
  class?: ResultClass;
  latencyMs: number;
  captured: Record<string, string>;
  cause?: string;
  location?: string;
  /** The first 200 characters of the body. */
  bodyExcerpt: string;
  /** The wait the journey chose after this step's operation (ms), if any. */
  waitMs?: number;
}

export interface WalkResult {
  steps: WalkStep[];
  outcome: Outcome | 'stopped';
}

export interface WalkOptions {
  target: TargetFile;
  baseUrl: string;
  /** Non-loopback hosts the user allowed (--allow-host): every request's host is checked. */
  allowHosts?: readonly string[];
  def: JourneyDef;
  /** The candidate (any shape the templates read: id, email, firstName, …). */
  candidate: Record<string, unknown> & { id: string };
  /** Bounds: the walk stops after this many requests or this much waiting. */
  maxRequests?: number;
  maxWaitMs?: number;
}

/** A check's persona: patient for a minute, honours Retry-After, no think time. */
export const CHECK_PERSONA: Persona = {
  name: 'check',
  patienceMs: 60_000,
  retry: 'retry-after',
  retryBaseMs: 1000,
  retryCapMs: 5000,
  thinkMs: 0,
};

/**
 * Walks one candidate through the journey against a live portal with real HTTP —
 * the same pure machine, request builder and classifier the engines use — and
 * records every request. Redirects are followed only where the target file says so,
 * by the same generator the engines use (./operation.ts).
 */
export async function walkJourney(o: WalkOptions): Promise<WalkResult> {
  const maxRequests = o.maxRequests ?? 30;
  let waitBudget = o.maxWaitMs ?? 20_000;
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const jar = new CookieJar();
  const steps: WalkStep[] = [];
  let t = start({ id: o.candidate.id, seed: 1, persona: CHECK_PERSONA }, o.def, 0);
  for (;;) {
    const a = t.action;
    if (a.type === 'finish') return { steps, outcome: a.outcome };
    if (a.type === 'wait') {
      const last = steps.at(-1);
      if (last) last.waitMs = Math.round(a.ms);
      if (a.ms > waitBudget) return { steps, outcome: 'stopped' };
      waitBudget -= a.ms;
      await new Promise((r) => setTimeout(r, a.ms));
      t = resume(t.state, o.def);
      continue;
    }
    if (steps.length >= maxRequests) return { steps, outcome: 'stopped' };
    const of = requestsOf(operationSpec(o.target, a.op)).length;
    const sent = performance.now();
    const op = runOperation({
      target: o.target,
      op: a.op,
      baseUrl: o.baseUrl,
      ctx: {
        candidate: o.candidate,
        vars: t.state.vars,
        attempt: t.state.attempts,
        uuid: `${o.candidate.id}-${t.state.attempts}`,
      },
      allowHosts: o.allowHosts ?? [],
    });
    const first = steps.length;
    let step = op.next();
    while (!step.done) {
      const req = step.value;
      const cookie = jar.header(req.url);
      if (cookie && !req.headers.cookie) req.headers.cookie = cookie;
      const began = performance.now();
      const { res, cause } = await send(req);
      jar.store(req.url, res);
      const location = res.headers.location;
      steps.push({
        op: a.op,
        index: 0,
        of,
        hop: 0,
        method: req.method,
        url: req.url,
        ...(req.body !== undefined ? { requestBody: req.body } : {}),
        status: res.status,
        latencyMs: performance.now() - began,
        captured: {},
        ...(cause ? { cause } : {}),
        ...(typeof location === 'string' ? { location } : {}),
        bodyExcerpt: res.body.slice(0, 200),
      });
      step = op.next(cause ? { res, cause } : { res });
    }
    const out = step.value;
    // The generator's record of each request: its place in the operation, class and captures.
    out.requests.forEach((r, i) => {
      const s = steps[first + i];
      if (!s) return;
      s.index = r.index;
      s.hop = r.hop;
      if (r.class) s.class = r.class;
      s.captured = r.captured;
    });
    const result: OpResult = {
      op: a.op,
      class: out.class,
      status: out.status,
      latencyMs: performance.now() - sent,
      captures: out.captures,
      ...(out.cause ? { cause: out.cause } : {}),
    };
    if (out.retryAfterMs !== undefined) result.retryAfterMs = out.retryAfterMs;
    t = next(t.state, result, o.def, now());
  }
}

/** One request with undici; never throws: no answer is status 0 with a cause. */
async function send(req: BuiltRequest): Promise<{ res: TargetResponse; cause?: string }> {
  try {
    const r = await httpRequest(req.url, {
      method: req.method as 'GET',
      headers: req.headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    return {
      res: { status: r.statusCode, headers: r.headers as TargetResponse['headers'], body: await r.body.text() },
    };
  } catch (e) {
    const err = e as { name?: string; code?: string; cause?: { code?: string } };
    return {
      res: { status: 0, headers: {}, body: '' },
      cause: err.name === 'TimeoutError' ? 'timeout' : (err.code ?? err.cause?.code ?? err.name ?? 'error'),
    };
  }
}

/** A captured value as printed: quoted, and shortened past 60 characters. */
function shown(v: string): string {
  return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
}

/** Prints a walk as lines for a terminal (returns the text; never writes). */
export function formatWalk(w: WalkResult): string {
  const lines = w.steps.map((s, i) => {
    const which = s.of > 1 ? ` [${s.index + 1}/${s.of}]` : '';
    const hop = s.hop > 0 ? ` (redirect ${s.hop})` : '';
    const head = `${String(i + 1).padStart(2)}. ${(s.op + which + hop).padEnd(22)} ${s.method.padEnd(6)} ${s.url}`;
    const caps = Object.entries(s.captured).map(([k, v]) => `${k}=${shown(v)}`);
    const cls = s.class ?? 'redirect followed';
    const tail = `    → ${s.status || '---'} ${cls}${s.cause ? ` (${s.cause})` : ''} in ${Math.round(s.latencyMs)} ms${s.location ? `, location ${s.location}` : ''}${caps.length ? `; captured ${caps.join(', ')}` : ''}${s.waitMs !== undefined ? `; waits ${s.waitMs} ms` : ''}`;
    const failed = s.class !== undefined && s.class !== 'ok' && s.class !== 'queued';
    const body = failed && s.bodyExcerpt ? `\n    body: ${s.bodyExcerpt.replace(/\s+/g, ' ')}` : '';
    return `${head}\n${tail}${body}`;
  });
  lines.push(`outcome: ${w.outcome}`);
  return lines.join('\n');
}
