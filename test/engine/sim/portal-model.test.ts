import { describe, expect, it } from 'vitest';
import { runSim } from '../../../src/engine/sim/run.js';
import type { Candidate } from '../../../src/population/types.js';
import type { PortalSpec, Scenario } from '../../../src/scenario/types.js';
import { loadTarget } from '../../../src/target/load.js';
import type { TargetFile } from '../../../src/target/types.js';
import { candidates, scenario } from '../node/fixtures.js';
import { tempDirs } from '../k6/tmp.js';

const tmp = tempDirs('sim-model-');
const REFERENCE = new URL('../../../targets/reference.json', import.meta.url).pathname;

/** Hand-built candidates who all arrive at once, an instant after the opening. */
function together(n: number, patienceMs = 60_000): Candidate[] {
  return candidates(n, 0, patienceMs).map((c) => ({ ...c, arrivalMs: 1 }));
}

async function sim(sc: Scenario, pop: Candidate[], target?: TargetFile) {
  const t = target ?? (await loadTarget(REFERENCE));
  return runSim({
    scenario: sc,
    population: pop,
    populationSize: pop.length,
    target: t,
    baseUrl: '',
    outDir: await tmp(),
    seed: 1,
    // Every point, so latencies are the model's exact times (the default's aggregates keep 3 significant digits).
    writeSamples: 'all',
  });
}

const portal = (p: Partial<PortalSpec>): PortalSpec =>
  ({ strategy: 'throttle', workers: 1, serviceMs: 100, serviceDist: 'constant', ...p }) as PortalSpec;

describe('sim engine: the reference portal model', () => {
  it('sells the quota exactly once, whatever the rush, and tells the rest it is full', async () => {
    const sc = scenario({
      population: 50,
      journey: {
        steps: [{ op: 'createAccount' }, { op: 'submitApplication' }],
        success: 'accepted',
        retryOnError: true,
      },
      portal: portal({ quota: 10, workers: 2, serviceMs: 10 }),
    });
    const r = await sim(sc, together(50));
    expect(r.summary.quota?.accepted).toBe(10);
    expect(r.summary.journeys?.outcomes).toEqual({ accepted: 10, quota_full: 40 });
    expect(r.manifest.portalStats?.accepted).toBe(10);
  });

  it('open: serves one at a time and answers 504 to those who waited past the queue timeout, at once', async () => {
    // One worker, 1 s per request, 1.5 s queue timeout, five at once: two served (1 s, 2 s),
    // three dropped at 2 s (waited 2 s > 1.5 s) without holding the worker.
    const sc = scenario({
      population: 5,
      portal: portal({ strategy: 'open', quota: 10, serviceMs: 1000, queueTimeoutMs: 1500 }),
    });
    const pop = together(5).map((c) => ({ ...c, email: c.email }));
    const target = await loadTarget(REFERENCE);
    const r = await sim(sc, pop, target);
    // submitApplication without an account is 401 (invalid): the portal's own answer, after service.
    expect(r.summary.http.statuses).toEqual({ '401': 2, '504': 3 });
    expect(r.summary.latency.byOp.submitApplication?.max).toBeCloseTo(2000, 0);
    expect(r.summary.latency.byOp.submitApplication?.min).toBeCloseTo(1000, 0);
    expect(r.manifest.portalStats?.served).toBe(2);
  });

  it('throttle: turns away beyond the cap with 503 and the Retry-After the portal sends', async () => {
    const sc = scenario({
      population: 3,
      journey: { steps: [{ op: 'createAccount' }], success: 'completed', retryOnError: false },
      portal: portal({ maxActive: 1, serviceMs: 100, retryAfterSec: 0.25 }),
    });
    const pop = together(3).map((c) => ({ ...c, persona: { ...c.persona, retry: 'retry-after' as const } }));
    const r = await sim(sc, pop);
    // t=1: one admitted, two turned away (503), who come back after 250–300 ms and are served one by one.
    expect(r.summary.classes?.total.throttled).toBeGreaterThanOrEqual(2);
    expect(r.summary.journeys?.outcomes).toEqual({ completed: 3 });
    expect(r.summary.http.statuses['503']).toBe(r.summary.classes?.total.throttled);
  });

  it('a client that times out may still have taken its place (the portal works on), and its retry gets the stored answer', async () => {
    // One worker; accounts take 1 ms, applications 1 s; the client gives up after 1.5 s.
    // The second application waits for the first (until ~1 s), takes its place when its
    // service starts and is answered at ~2 s, after its client left at ~1.5 s; the retry,
    // with the same idempotency key, is answered 201 again without a second place.
    const sc = scenario({
      population: 2,
      journey: {
        steps: [{ op: 'createAccount' }, { op: 'submitApplication' }],
        success: 'accepted',
        retryOnError: true,
      },
      portal: portal({
        strategy: 'open',
        quota: 10,
        serviceMs: 1000,
        serviceMsByOp: { accounts: 1 },
        queueTimeoutMs: 30_000,
      }),
    });
    const ref = await loadTarget(REFERENCE);
    const r = await sim(sc, together(2, 120_000), { ...ref, timeoutMs: 1500 });
    expect(r.summary.classes?.timeouts).toBe(1);
    expect(r.summary.classes?.byOp.submitApplication).toEqual({ ok: 2, error: 1 });
    expect(r.manifest.portalStats?.accepted).toBe(2);
    expect(r.summary.journeys?.outcomes).toEqual({ accepted: 2 });
  });

  it('an account created for a client that timed out is there when it retries: 409, as the portal answers', async () => {
    const sc = scenario({
      population: 2,
      journey: { steps: [{ op: 'createAccount' }], success: 'completed', retryOnError: true },
      portal: portal({ strategy: 'open', serviceMs: 1000 }),
    });
    const ref = await loadTarget(REFERENCE);
    const r = await sim(sc, together(2, 120_000), { ...ref, timeoutMs: 1500 });
    expect(r.summary.journeys?.outcomes).toEqual({ completed: 1, invalid: 1 });
    expect(r.summary.http.statuses).toEqual({ '0': 1, '201': 1, '409': 1 });
  });

  it('waiting room: admits at its rate, and only those admitted may create accounts', async () => {
    const sc = scenario({
      population: 20,
      journey: {
        steps: [{ op: 'enterQueue' }, { op: 'pollQueue' }, { op: 'createAccount' }],
        success: 'completed',
        retryOnError: false,
      },
      portal: portal({ strategy: 'waiting-room', workers: 4, serviceMs: 1, admitPerSec: 10 }),
    });
    const pop = together(20).map((c) => ({ ...c, persona: { ...c.persona, retry: 'retry-after' as const } }));
    const r = await sim(sc, pop);
    expect(r.summary.journeys?.outcomes).toEqual({ completed: 20 });
    expect(r.summary.classes?.byOp.createAccount).toEqual({ ok: 20 });
    // 20 admitted at 10 a second: the last account cannot come before 1.9 s after the first join.
    const last = r.summary.journeys?.timeToOutcome.completed?.max ?? 0;
    expect(last).toBeGreaterThan(1900);
    expect(r.summary.classes?.byOp.pollQueue?.queued).toBeGreaterThan(0);
  });

  it('refuses a target whose operations are not reference-portal routes, naming the operation', async () => {
    const ref = await loadTarget(REFERENCE);
    const target: TargetFile = {
      ...ref,
      operations: { ...ref.operations, submitApplication: { method: 'POST', path: '/elsewhere' } },
    };
    await expect(sim(scenario(), together(1), target)).rejects.toThrow(
      /operations\.submitApplication: POST \/elsewhere is not a route of the reference portal/,
    );
  });
});
