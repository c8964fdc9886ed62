/**
 * One operation of the journey as the HTTP requests it takes, for every engine:
 *
 *   request[0] ─► (redirect hops, if followed) ─► classify, capture ─ok─► request[1] … ─► result
 *                                                       └─ not ok ─► result (that request's class)
 *
 * A generator: it yields each request to send and is resumed with the answer, so the
 * node engine (async undici), the k6 script (synchronous http.request) and the target
 * walk drive the same logic and send the same requests for the same journey. Every
 * request's host, hops included, passes the loopback rule before it is yielded. Pure:
 * no I/O, no clock, no Node built-ins (the k6 bundle includes it).
 */
import type { Operation, ResultClass } from '../journey/types.js';
import { assertAllowedRequest } from '../util/loopback.js';
import { captureWith, classifyWith, retryAfterMs, rulesFor } from './classify.js';
import { isRedirect, MAX_REDIRECTS, redirectRequest } from './redirect.js';
import { buildSpecRequest, operationSpec, requestsOf, requestWhere } from './request.js';
import type { TemplateContext } from './template.js';
import type { BuiltRequest, ClassifyRule, RequestSpec, TargetFile, TargetResponse } from './types.js';

/** What an engine hands back for a request it sent. */
export interface Answer {
  res: TargetResponse;
  /** Why no response came (status 0): timeout, ECONNREFUSED, … */
  cause?: string;
}

/** One HTTP request of an operation, as sent and answered. */
export interface SentRequest {
  /** Which request of the operation (0-based). */
  index: number;
  /** Redirect hop within that request: 0 for the request itself. */
  hop: number;
  req: BuiltRequest;
  res: TargetResponse;
  cause?: string;
  /** The request's class; absent for a redirect that was followed. */
  class?: ResultClass;
  captured: Record<string, string>;
}

export interface OperationResult {
  class: ResultClass;
  /** Status of the response that decided the class (0: none came). */
  status: number;
  cause?: string;
  retryAfterMs?: number;
  /** Everything captured by the operation's requests, for the journey's vars. */
  captures: Record<string, string>;
  requests: SentRequest[];
}

export interface OperationInput {
  target: TargetFile;
  op: Operation;
  baseUrl: string;
  /** Template context; its `vars` grow with each request's captures. */
  ctx: TemplateContext;
  /** Non-loopback hosts the user allowed. */
  allowHosts: readonly string[];
  /**
   * The engine changes no request it is handed (k6 sends it as is): each is yielded
   * without the defensive copy made for engines that add their cookies to it.
   */
  readOnly?: boolean;
}

/** What an operation's requests need besides the journey's context, worked out once per target and operation. */
interface OperationPlan {
  specs: RequestSpec[];
  /** Per request: where it sits in the file (for messages), whether redirects are followed, its classify rules. */
  where: string[];
  follow: boolean[];
  rules: ClassifyRule[][];
}

// The k6 bundle runs every request through here in goja, where working these out again
// per request cost more than building the request itself. Targets are not changed once loaded.
const plans = new WeakMap<TargetFile, Map<Operation, OperationPlan>>();

function planOf(target: TargetFile, op: Operation): OperationPlan {
  let byOp = plans.get(target);
  if (!byOp) plans.set(target, (byOp = new Map()));
  let plan = byOp.get(op);
  if (plan) return plan;
  const spec = operationSpec(target, op);
  const specs = requestsOf(spec);
  const sequenceFollow = 'requests' in spec ? spec.followRedirects : undefined;
  plan = {
    specs,
    where: specs.map((_, i) => requestWhere(spec, op, i)),
    follow: specs.map((rs) => rs.followRedirects ?? sequenceFollow ?? target.followRedirects ?? false),
    rules: specs.map((_, i) => rulesFor(target, op, i)),
  };
  byOp.set(op, plan);
  return plan;
}

export function* runOperation(o: OperationInput): Generator<BuiltRequest, OperationResult, Answer> {
  const { specs, where, follow: followOf, rules } = planOf(o.target, o.op);
  const captures: Record<string, string> = {};
  const sent: SentRequest[] = [];
  for (let index = 0; index < specs.length; index++) {
    const rs = specs[index] as RequestSpec;
    // Object.assign rather than object spread on this path: the k6 bundle is built for ES2017
    // (src/engine/k6/bundle.ts), and the lowered spread costs ~100 µs a copy in goja
    // (Object.assign ~20 µs, so the first request, with nothing captured yet, copies nothing).
    const ctx =
      index === 0
        ? o.ctx
        : Object.assign({}, o.ctx, {
            vars: Object.assign({}, o.ctx.vars as Record<string, unknown> | undefined, captures),
          });
    let req = buildSpecRequest(o.target, rs, o.baseUrl, ctx);
    const follow = followOf[index] as boolean;
    let why = `${where[index]}.path`;
    let answer: Answer;
    for (let hop = 0; ; hop++) {
      assertAllowedRequest(req.url, o.allowHosts, why);
      // Engines add their cookies to what they are given: keep the request as built for the next hop.
      answer = yield o.readOnly ? req : Object.assign({}, req, { headers: Object.assign({}, req.headers) });
      const location = answer.res.headers.location;
      const next = typeof location === 'string' && follow && isRedirect(answer.res.status) ? location : undefined;
      if (next === undefined) {
        const res = answer.res;
        sent.push(
          answer.cause
            ? { index, hop, req, res, cause: answer.cause, captured: {} }
            : { index, hop, req, res, captured: {} },
        );
        break;
      }
      sent.push({ index, hop, req, res: answer.res, captured: {} });
      if (hop + 1 > MAX_REDIRECTS) {
        (sent[sent.length - 1] as SentRequest).class = 'error';
        return finish(sent, captures, 'error', answer.res.status, 'too_many_redirects');
      }
      why = `redirect from ${req.url}`;
      req = redirectRequest(req, answer.res.status, next);
    }
    const last = sent[sent.length - 1] as SentRequest;
    const cls: ResultClass =
      answer.res.status === 0 ? 'error' : classifyWith(rules[index] as ClassifyRule[], answer.res);
    last.class = cls;
    if (cls === 'ok' || cls === 'queued') {
      last.captured = captureWith(rs.capture, answer.res);
      Object.assign(captures, last.captured);
    }
    if (cls !== 'ok' || index === specs.length - 1) {
      const result = finish(sent, captures, cls, answer.res.status, answer.cause);
      const ra = answer.res.status === 0 ? undefined : retryAfterMs(answer.res);
      if (ra !== undefined) result.retryAfterMs = ra;
      return result;
    }
  }
  throw new Error(`target ${o.target.name}: operation ${o.op} has no request`);
}

function finish(
  requests: SentRequest[],
  captures: Record<string, string>,
  cls: ResultClass,
  status: number,
  cause: string | undefined,
): OperationResult {
  return cause ? { class: cls, status, captures, requests, cause } : { class: cls, status, captures, requests };
}
