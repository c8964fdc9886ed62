import { request as httpRequest } from 'undici';
import { next, resume, start } from '../journey/machine.js';
import type { JourneyDef, OpResult, Operation, Outcome, Persona, ResultClass } from '../journey/types.js';
import { captureValues, classify, retryAfterMs } from './classify.js';
import { assertAllowedRequest } from '../util/loopback.js';
import { buildRequest } from './request.js';
import type { TargetFile, TargetResponse } from './types.js';

/** One request of a walk, as `target check` prints it. */
export interface WalkStep {
  op: Operation;
  method: string;
  url: string;
  requestBody?: string;
  status: number;
  class: ResultClass;
  latencyMs: number;
  captured: Record<string, string>;
  cause?: string;
  /** The first 200 characters of the body, for a failing step. */
  bodyExcerpt: string;
  /** The wait the journey chose after this step (ms), if any. */
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
export const CHECK_PERSONA: Persona = { name: 'check', patienceMs: 60_000, retry: 'retry-after', retryBaseMs: 1000, retryCapMs: 5000, thinkMs: 0 };

/**
 * Walks one candidate through the journey against a live portal with real HTTP —
 * the same pure machine, request builder and classifier the engines use — and
 * records every step. Redirects are not followed (undici's default): a 302 is classified, as a rule says.
 */
export async function walkJourney(o: WalkOptions): Promise<WalkResult> {
  const maxRequests = o.maxRequests ?? 30;
  let waitBudget = o.maxWaitMs ?? 20_000;
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const cookies = new Map<string, string>();
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
    const req = buildRequest(o.target, a.op, o.baseUrl, { candidate: o.candidate, vars: t.state.vars, attempt: t.state.attempts, uuid: `${o.candidate.id}-${t.state.attempts}` });
    assertAllowedRequest(req.url, o.allowHosts ?? [], `operations.${a.op}.path`);
    if (cookies.size && !req.headers.cookie) req.headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const sent = performance.now();
    let res: TargetResponse = { status: 0, headers: {}, body: '' };
    let cause: string | undefined;
    try {
      const r = await httpRequest(req.url, {
        method: req.method as 'GET',
        headers: req.headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
        signal: AbortSignal.timeout(req.timeoutMs),
      });
      res = { status: r.statusCode, headers: r.headers as TargetResponse['headers'], body: await r.body.text() };
    } catch (e) {
      const err = e as { name?: string; code?: string; cause?: { code?: string } };
      cause = err.name === 'TimeoutError' ? 'timeout' : (err.code ?? err.cause?.code ?? err.name ?? 'error');
    }
    for (const c of [res.headers['set-cookie'] ?? []].flat()) {
      const pair = c.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const cls: ResultClass = res.status === 0 ? 'error' : classify(o.target, a.op, res);
    const captured = cls === 'ok' || cls === 'queued' ? captureValues(o.target, a.op, res) : {};
    const latencyMs = performance.now() - sent;
    steps.push({
      op: a.op,
      method: req.method,
      url: req.url,
      ...(req.body !== undefined ? { requestBody: req.body } : {}),
      status: res.status,
      class: cls,
      latencyMs,
      captured,
      ...(cause ? { cause } : {}),
      bodyExcerpt: res.body.slice(0, 200),
    });
    const result: OpResult = { op: a.op, class: cls, status: res.status, latencyMs, captures: captured, ...(cause ? { cause } : {}) };
    const ra = res.status ? retryAfterMs(res) : undefined;
    if (ra !== undefined) result.retryAfterMs = ra;
    t = next(t.state, result, o.def, now());
  }
}

/** Prints a walk as lines for a terminal (returns the text; never writes). */
export function formatWalk(w: WalkResult): string {
  const lines = w.steps.map((s, i) => {
    const caps = Object.keys(s.captured);
    const head = `${String(i + 1).padStart(2)}. ${s.op.padEnd(17)} ${s.method.padEnd(6)} ${s.url}`;
    const tail = `    → ${s.status || '---'} ${s.class}${s.cause ? ` (${s.cause})` : ''} in ${Math.round(s.latencyMs)} ms${caps.length ? `; captured ${caps.join(', ')}` : ''}${s.waitMs !== undefined ? `; waits ${s.waitMs} ms` : ''}`;
    const body = s.class === 'invalid' || s.class === 'error' ? `\n    body: ${s.bodyExcerpt.replace(/\s+/g, ' ')}` : '';
    return `${head}\n${tail}${body}`;
  });
  lines.push(`outcome: ${w.outcome}`);
  return lines.join('\n');
}
