import { describe, expect, it } from 'vitest';
import { runSim } from '../../../src/engine/sim/run.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { loadTarget } from '../../../src/target/load.js';
import { tempDirs } from '../k6/tmp.js';

const tmp = tempDirs('sim-reuse-');
const REFERENCE = new URL('../../../targets/reference.json', import.meta.url).pathname;

/**
 * The simulator reuses its request objects (run.ts `send`): a request is free again only
 * when its client has an answer and no event and no place in the worker line refers to
 * it. The hard case is a request whose client timed out while it waited in line: it is
 * answered, but still in line, and will be served later for the visitor who sent it
 * (the work is done, the account exists). One worker of 3 s behind no admission cap and
 * a 10 s client timeout (launch-day at 1/20, at its own time scale): most requests time out in line. The figures are the model's
 * before requests were reused (main at bf8251e), so a request handed out while still in
 * line, or still awaited by an event, shows here.
 */
/** launch-day at 1/20 against one worker of 3 s behind no admission cap, with `portal` over that. */
async function overloaded(portal: Record<string, unknown>) {
  const scenario = await loadScenario('launch-day', { scale: 0.05 });
  const r = await runSim({
    scenario,
    population: generatePopulation(scenario, 1, { identity: false }),
    populationSize: scenario.population,
    target: await loadTarget(REFERENCE),
    baseUrl: '',
    outDir: await tmp(),
    seed: 1,
    portalModel: { ...scenario.portal, strategy: 'open', workers: 1, serviceMs: 3000, ...portal },
  });
  return { r, s: r.manifest.portalStats as Record<string, unknown> };
}

describe('sim engine: reused requests', () => {
  it('a request that timed out in line is still served later, for its own visitor', async () => {
    const { r, s } = await overloaded({});
    // 2,100 requests waited past the portal's 30 s queue timeout (504), each long after its client's 10 s.
    expect(s.byStatus).toEqual({ 201: 46, 409: 8, 504: 2100 });
    expect(s).toMatchObject({ accepted: 0, accounts: 46, requests: 2154, served: 54 });
    expect(s.meanServiceMs).toBeCloseTo(2919.3155995777083, 9);
    expect(r.events).toBe(6461);
    expect(r.summary.throughput.requests).toBe(2154);
  });

  /**
   * Visits are reused too (visit.ts `fillVisit`): a finished visit is handed to the next
   * arrival only once none of its requests is left. Here the line is served long after the
   * clients gave up (the portal's queue timeout an hour), so a visitor's abandoned
   * `createAccount` is served after its journey ended: for that visitor, not for whoever
   * arrived next. The figures are the model's before visits were reused (main at 932667b);
   * a visit reused while its request was still in line gives the next visitor that
   * account, and its own request a 409 (measured: 491 × 201 and 758 × 409 instead).
   */
  it('a visit whose request is still in line is not reused before it is served', async () => {
    const { r, s } = await overloaded({ queueTimeoutMs: 3_600_000 });
    expect(s.byStatus).toEqual({ 201: 567, 409: 682, 504: 905 });
    expect(s).toMatchObject({ accepted: 3, accounts: 560, requests: 2154, served: 1249 });
    expect(r.events).toBe(6461);
    expect(r.summary.journeys?.outcomes).toEqual({ error: 560 });
  });
});
