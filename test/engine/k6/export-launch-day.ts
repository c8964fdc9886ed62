import { type ExportOptions, exportK6 } from '../../../src/engine/k6/export.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { normalize } from '../../../src/scenario/normalize.js';
import { loadTarget } from '../../../src/target/load.js';
import launchDay from '../../../scenarios/launch-day.js';

/** launch-day as `rehearse k6 export` normalizes it (no scale, no time scale). */
export const launchDayScenario = normalize(launchDay);

/**
 * `rehearse k6 export` of launch-day against the reference target at a loopback address
 * nothing listens on (the export is read back, never run), with the population of `seed`;
 * `k8s` adds the k6-operator files.
 */
export async function exportLaunchDay(outDir: string, seed: number, k8s?: ExportOptions['k8s']) {
  return exportK6({
    outDir,
    scenario: launchDayScenario,
    target: await loadTarget('targets/reference.json'),
    baseUrl: 'http://127.0.0.1:8080',
    seed,
    population: generatePopulation(launchDayScenario, seed),
    ...(k8s ? { k8s } : {}),
  });
}
