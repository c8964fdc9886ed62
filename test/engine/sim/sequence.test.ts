import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSim } from '../../../src/engine/sim/run.js';
import { resolveRoutes } from '../../../src/engine/sim/routes.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { loadTarget } from '../../../src/target/load.js';
import type { ClassifyRule, RequestSpec, TargetFile } from '../../../src/target/types.js';
import { tempDirs } from '../k6/tmp.js';

const tmp = tempDirs('sim-seq-');
const REFERENCE = new URL('../../../targets/reference.json', import.meta.url).pathname;

/**
 * An operation of several requests in the sim (docs/simulation.md): the reference
 * target with `submitApplication` as two requests — the application page (GET
 * /info/apply, the form a server-rendered portal sends first), then the POST — each a
 * route of the reference portal, each holding a worker for its own service time.
 */
async function sequenceTarget(pageRules: ClassifyRule[] = []): Promise<TargetFile> {
  const t = await loadTarget(REFERENCE);
  const post = t.operations.submitApplication as RequestSpec;
  return {
    ...t,
    operations: {
      ...t.operations,
      submitApplication: {
        requests: [{ method: 'GET', path: '/info/apply', ...(pageRules.length ? { classify: pageRules } : {}) }, post],
      },
    },
  };
}

interface Point {
  metric: string;
  data: { value: number; tags: Record<string, string> };
}

async function simulate(target: TargetFile) {
  const scenario = await loadScenario('launch-day');
  const outDir = await tmp();
  const r = await runSim({
    scenario,
    population: generatePopulation(scenario, 3, { identity: false }),
    populationSize: scenario.population,
    target,
    baseUrl: '',
    outDir,
    seed: 3,
    writeSamples: 'all',
  });
  const points = (await readFile(join(outDir, 'samples.ndjson'), 'utf8'))
    .split('\n')
    .filter((l) => l.includes('"Point"'))
    .map((l) => JSON.parse(l) as Point);
  const of = (metric: string, op: string, method?: string) =>
    points.filter(
      (p) => p.metric === metric && p.data.tags.op === op && (method === undefined || p.data.tags.method === method),
    );
  return { r, of };
}

describe('sim engine: an operation of several requests', () => {
  it('sends the next request only after an ok, takes the class of the deciding answer, and times the operation from its first send', async () => {
    const { r, of } = await simulate(await sequenceTarget());
    const ops = of('rehearsal_req', 'submitApplication');
    const gets = of('http_reqs', 'submitApplication', 'GET');
    const posts = of('http_reqs', 'submitApplication', 'POST');
    const getsNotOk = gets.filter((p) => p.data.tags.status !== '200');
    // Every operation starts with its page; the POST follows exactly the pages that were ok.
    expect(ops.length).toBeGreaterThan(0);
    expect(gets.length).toBe(ops.length);
    expect(getsNotOk.length).toBeGreaterThan(0); // the calibrated throttle turns pages away too
    expect(posts.length).toBe(gets.length - getsNotOk.length);
    // An operation turned away at its page has the page's answer (503), not the POST's.
    const at503 = ops.filter((p) => p.data.tags.status === '503').length;
    const posts503 = posts.filter((p) => p.data.tags.status === '503').length;
    expect(at503).toBe(getsNotOk.filter((p) => p.data.tags.status === '503').length + posts503);
    // Requests are sent back to back (no round trip): an operation lasts the sum of its requests.
    const sum = (ps: Point[]) => ps.reduce((s, p) => s + p.data.value, 0);
    const durations = of('http_req_duration', 'submitApplication');
    expect(durations.length).toBe(gets.length + posts.length);
    expect(sum(ops)).toBeCloseTo(sum(durations), 0);
    expect(sum(ops)).toBeGreaterThan(sum(durations.filter((p) => p.data.tags.method === 'POST')));
    // Places go only to ok POSTs (a page more per attempt costs some visitors their patience: 94 of 100 here).
    expect(r.summary.quota?.accepted).toBe(posts.filter((p) => p.data.tags.status === '201').length);
    expect(r.summary.quota?.accepted).toBeGreaterThan(80);
    // The model served every request of every operation (the portal's own count).

    expect(r.manifest.portalStats?.requests).toBe(
      of('http_reqs', 'browse').length +
        of('http_reqs', 'checkEligibility').length +
        of('http_reqs', 'createAccount').length +
        gets.length +
        posts.length +
        of('http_reqs', 'checkStatus').length,
    );
  }, 60_000);

  it("applies a request's own rules to that request only: a page classed invalid ends every operation there", async () => {
    const { r, of } = await simulate(await sequenceTarget([{ class: 'invalid', status: [200, 201] }]));
    const ops = of('rehearsal_req', 'submitApplication');
    expect(ops.length).toBeGreaterThan(0);
    expect(of('http_reqs', 'submitApplication', 'POST')).toHaveLength(0);
    expect(ops.filter((p) => p.data.tags.class === 'invalid').length).toBe(
      of('http_reqs', 'submitApplication', 'GET').filter((p) => p.data.tags.status === '200').length,
    );
    expect(r.summary.quota?.accepted ?? 0).toBe(0);
    // createAccount's 201s are still ok: the rule belongs to submitApplication's first request.
    expect(of('rehearsal_req', 'createAccount').filter((p) => p.data.tags.class === 'ok').length).toBe(
      of('rehearsal_req', 'createAccount').filter((p) => p.data.tags.status === '201').length,
    );
    expect(of('rehearsal_req', 'createAccount').some((p) => p.data.tags.class === 'ok')).toBe(true);
  }, 60_000);

  it('refuses a request of the sequence that is not a reference-portal route, naming it', async () => {
    const t = await sequenceTarget();
    const seq = t.operations.submitApplication as { requests: RequestSpec[] };
    const bad = {
      ...t,
      operations: {
        ...t.operations,
        submitApplication: { requests: [seq.requests[0] as RequestSpec, { method: 'POST', path: '/apply' }] },
      },
    } as TargetFile;
    expect(() => resolveRoutes(bad, ['submitApplication'])).toThrow(
      /^reference: operations\.submitApplication\.requests\[1\]: POST \/apply is not a route of the reference portal/,
    );
    const routes = resolveRoutes(t, ['browse', 'submitApplication']).get('submitApplication');
    expect(routes?.map((r) => [r.kind, r.index, r.next?.kind])).toEqual([
      ['page', 0, 'submitApplication'],
      ['submitApplication', 1, undefined],
    ]);
  });
});
