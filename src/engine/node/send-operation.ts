import type { Operation } from '../../journey/types.js';
import type { OperationInput, OperationResult } from '../../target/operation.js';
import { runOperation } from '../../target/operation.js';
import type { CookieJar } from '../../target/cookies.js';
import type { HttpClient } from './http.js';
import type { Recorder } from './recorder.js';

export interface SendContext {
  http: HttpClient;
  recorder: Pick<Recorder, 'http'>;
  /** Monotonic ms (performance.now()) of the opening, and its epoch ms. */
  zero: number;
  zeroEpochMs: number;
  signal: AbortSignal;
}

/**
 * Sends one operation's requests (redirect hops included) through the node engine's
 * HTTP client and records each as k6 does (http_reqs, http_req_duration); the caller
 * records the operation. Undefined when the run was stopped in the middle.
 */
export async function sendOperation(
  input: OperationInput & { op: Operation },
  ctx: SendContext,
  jar?: CookieJar,
): Promise<OperationResult | undefined> {
  const gen = runOperation(input);
  let step = gen.next();
  while (!step.done) {
    const req = step.value;
    const cookie = jar?.header(req.url);
    if (cookie && !req.headers.cookie) req.headers.cookie = cookie;
    const { res, cause, sentAt } = await ctx.http.send(req, ctx.signal);
    if (ctx.signal.aborted) return undefined;
    const end = performance.now();
    jar?.store(req.url, res);
    const pending = ctx.recorder.http({
      op: input.op,
      method: req.method,
      status: res.status,
      endEpochMs: ctx.zeroEpochMs + (end - ctx.zero),
      durationMs: end - sentAt,
    });
    if (pending) await pending;
    step = gen.next(cause ? { res, cause } : { res });
  }
  return step.value;
}
