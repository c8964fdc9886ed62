import type { Scenario } from '../../scenario/types.js';
import { captureValues, classify } from '../../target/classify.js';
import { buildRequest } from '../../target/request.js';
import { assertAllowedRequest } from '../../util/loopback.js';
import type { JourneyContext } from './journey-runner.js';

/**
 * The scenario's operator actions (an invitation round in the EOI design), sent at
 * their scheduled run time with `{{operator.*}}` in the template context. The
 * candidates a round invited (captured as `invited`, a JSON array of candidate ids)
 * are returned so journeys can be tagged with them.
 */
export type OperatorContext = Pick<JourneyContext, 'target' | 'baseUrl' | 'allowHosts' | 'http' | 'recorder' | 'zero' | 'zeroEpochMs' | 'signal'> & {
  scenario: Scenario;
};

export async function runOperatorActions(ctx: OperatorContext): Promise<Set<string>> {
  const invited = new Set<string>();
  for (const [i, action] of ctx.scenario.operator.entries()) {
    const wait = ctx.zero + action.atMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (ctx.signal.aborted) break;
    if (!ctx.target.operations[action.op]) continue;
    const req = buildRequest(ctx.target, action.op, ctx.baseUrl, {
      operator: action,
      vars: ctx.target.variables ?? {},
      candidate: {},
      attempt: 1,
      uuid: `operator-${i}`,
    });
    assertAllowedRequest(req.url, ctx.allowHosts, `operations.${action.op}.path`);
    const intended = performance.now();
    const { res, cause, sentAt } = await ctx.http.send(req, ctx.signal);
    const end = performance.now();
    const cls = res.status === 0 ? 'error' : classify(ctx.target, action.op, res);
    await ctx.recorder.request({
      op: action.op,
      method: req.method,
      status: res.status,
      cls,
      ...(cause ? { cause } : {}),
      endEpochMs: ctx.zeroEpochMs + (end - ctx.zero),
      durationMs: end - sentAt,
      latencyMs: end - intended,
      country: '',
    });
    if (cls !== 'ok') continue;
    const list = captureValues(ctx.target, action.op, res).invited;
    if (!list) continue;
    try {
      for (const id of JSON.parse(list) as unknown[]) if (typeof id === 'string') invited.add(id);
    } catch {
      // A portal that does not list candidate ids: the draw cannot be checked, the run goes on.
    }
  }
  return invited;
}
