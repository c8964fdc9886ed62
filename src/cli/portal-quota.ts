import type { Scenario } from '../scenario/types.js';
import { assertAllowedTarget } from '../util/loopback.js';

/**
 * The quota a portal under test says it enforces, from the reference portal's
 * GET /admin/stats (`{"quota": 100, …}`); undefined when the portal does not say (another
 * portal, no such route, not JSON, no answer within 2 s). One GET, to a host the run is
 * allowed to load anyway.
 */
export async function portalQuota(baseUrl: string, allowHosts: string[] = []): Promise<number | null | undefined> {
  const url = new URL('/admin/stats', assertAllowedTarget(baseUrl, allowHosts));
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { quota?: unknown };
    return typeof body.quota === 'number' || body.quota === null ? body.quota : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The scenario with the quota the portal enforces, and a line saying so when it differs
 * from the scenario's (scaled) quota: the analysis judges "over-sold" against the
 * manifest's quota, so it must be the portal's own (a full-day portal with 2,800 places
 * rehearsed at scale 100 read as over-sold).
 */
export function withPortalQuota(
  scenario: Scenario,
  quota: number | null | undefined,
): { scenario: Scenario; note?: string } {
  if (quota === undefined || quota === (scenario.portal.quota ?? null)) return { scenario };
  const theirs = quota === null ? 'no quota' : `quota ${quota}`;
  const ours =
    scenario.portal.quota === undefined
      ? 'none'
      : `${scenario.portal.quota} at scale ${Number(scenario.knobs.scale.toPrecision(3))}`;
  const note = `the portal reports ${theirs} (GET /admin/stats), the scenario's is ${ours}: analyzing against the portal's; start the portal with the same scale (rehearse portal --scenario ${scenario.name}${scenario.knobs.scale !== 1 ? '' : ' --scale 1'}) to rehearse the scenario's`;
  const { quota: _dropped, ...portal } = scenario.portal;
  return { scenario: { ...scenario, portal: quota === null ? portal : { ...portal, quota } }, note };
}
