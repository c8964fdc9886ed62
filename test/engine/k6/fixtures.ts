import { join } from 'node:path';
import type { PortalOptions, RunningPortal } from '../../../src/portal/index.js';
import { normalize } from '../../../src/scenario/normalize.js';
import type { Scenario } from '../../../src/scenario/types.js';

// A quota rush: 40 candidates for 10 places, most in the first quarter of a 4 s window.
// Patience of 30–40 scenario minutes (30–40 s at 60×) is far longer than the rush takes
// (about a second of service on a quiet machine), so nobody gives up and the outcomes do
// not depend on timing: 10 accepted, then 30 told the quota is full, on any engine, however
// busy the machine (a stall of half a minute would be needed to make a gave_up).
export const rush = normalize(
  {
    name: 'bundle-rush',
    title: 'A quota rush for the bundle test',
    description: '40 candidates, 10 places, a throttled portal',
    population: 40,
    windowMin: 4,
    curve: [
      { atMin: 0, rate: 10 },
      { atMin: 1, rate: 4 },
      { atMin: 4, rate: 1 },
    ],
    countries: { FR: 1, MA: 1 },
    personas: [
      { name: 'persistent', share: 1, patienceMin: [30, 40], retry: 'retry-after', retryBaseSec: 1, thinkSec: 0.2 },
    ],
    journey: { steps: [{ op: 'createAccount' }, { op: 'submitApplication' }], success: 'accepted', retryOnError: true },
    portal: { strategy: 'throttle', quota: 10, maxActive: 2, workers: 2, serviceMs: 15, retryAfterSec: 0.2 },
    sources: [],
  },
  { timeScale: 60 },
);

/**
 * A flat arrival curve for a minute, `rate` candidates per second (one every 1/rate s),
 * each with `patienceS` of patience: what the options compiler and the sizing read.
 */
export function flatMinute(base: Scenario, rate: number, patienceS: number) {
  const scenario = {
    ...base,
    curve: [
      { atMs: 0, rate: 1 },
      { atMs: 60_000, rate: 1 },
    ],
    windowMs: 60_000,
    openingMs: 0,
    objectives: [],
  };
  const population = Array.from({ length: rate * 60 }, (_, i) => ({
    arrivalMs: ((i + 1) * 1000) / rate,
    persona: { patienceMs: patienceS * 1000 * scenario.journey.timeScale },
  }));
  return { scenario, population };
}

/**
 * What `rehearse run --engine k6` of launch-day into `outDir` throws (or undefined), against
 * a closed port: for the tests of what happens before k6 runs (no k6, an old k6).
 */
export async function k6RunError(outDir: string): Promise<unknown> {
  const { k6Engine } = await import('../../../src/engine/k6/index.js');
  const { generatePopulation } = await import('../../../src/population/generate.js');
  const { loadTarget } = await import('../../../src/target/load.js');
  const launchDay = (await import('../../../scenarios/launch-day.js')).default;
  const scenario = normalize(launchDay);
  return k6Engine
    .run({
      scenario,
      population: generatePopulation(scenario, 1),
      populationSize: scenario.population,
      target: await loadTarget('targets/reference.json'),
      baseUrl: 'http://127.0.0.1:9',
      outDir,
      seed: 1,
    })
    .then(() => undefined)
    .catch((e: unknown) => e);
}

/**
 * The reference portal with `spec`'s settings on a free loopback port, its database in
 * `dir`: the portal every k6 test sends its load to. Imported when called, so tests that
 * only read `rush` do not load the portal.
 */
export async function loopbackPortal(
  spec: Omit<PortalOptions, 'host' | 'port' | 'dbPath'>,
  dir: string,
): Promise<RunningPortal> {
  const { startPortal } = await import('../../../src/portal/index.js');
  return startPortal({ ...spec, host: '127.0.0.1', port: 0, dbPath: join(dir, 'portal.sqlite') });
}
