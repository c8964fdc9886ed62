import type { Scenario } from '../../scenario/types.js';
import type { JourneyContext } from './journey-runner.js';
import { sendOperation } from './send-operation.js';

/**
 * The scenario's operator actions (an invitation round in the EOI design), sent at
 * their scheduled run time with `{{operator.*}}` in the template context. The
 * candidates a round invited (captured as `invited`, a JSON array of candidate ids)
 * are returned so journeys can be tagged with them.
 */
export type OperatorContext = Pick<
  JourneyContext,
  'target' | 'baseUrl' | 'allowHosts' | 'http' | 'recorder' | 'zero' | 'zeroEpochMs' | 'signal'
> & {
  scenario: Scenario;
};

export async function runOperatorActions(ctx: OperatorContext): Promise<Set<string>> {
  const invited = new Set<string>();
  for (const [i, action] of ctx.scenario.operator.entries()) {
    const wait = ctx.zero + action.atMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (ctx.signal.aborted) break;
    if (!ctx.target.operations[action.op]) continue;
    const intended = performance.now();
    const out = await sendOperation(
      {
        target: ctx.target,
        op: action.op,
        baseUrl: ctx.baseUrl,
        ctx: { operator: action, vars: ctx.target.variables ?? {}, candidate: {}, attempt: 1, uuid: `operator-${i}` },
        allowHosts: ctx.allowHosts,
      },
      ctx,
    );
    if (!out) break;
    const end = performance.now();
    await ctx.recorder.request({
      op: action.op,
      status: out.status,
      cls: out.class,
      ...(out.cause ? { cause: out.cause } : {}),
      endEpochMs: ctx.zeroEpochMs + (end - ctx.zero),
      latencyMs: end - intended,
      country: '',
    });
    if (out.class !== 'ok') continue;
    const list = out.captures.invited;
    if (!list) continue;
    try {
      for (const id of JSON.parse(list) as unknown[]) if (typeof id === 'string') invited.add(id);
    } catch {
      // A portal that does not list candidate ids: the draw cannot be checked, the run goes on.
    }
  }
  return invited;
}
