import type { RunManifest } from '../../results/manifest.js';
import { loadScenarioInput } from '../../scenario/load.js';
import { parseObjectives } from './load.js';
import type { Objective } from './types.js';

/**
 * The objectives of the scenario a run recorded in its manifest (`objectives` in
 * scenarios/*.ts), when no budget file is given. A scenario that cannot be found
 * any more (a user's file moved) yields a warning, not an error.
 */
export async function scenarioObjectives(
  manifest: RunManifest | undefined,
): Promise<{ objectives: Objective[]; warnings: string[] }> {
  if (!manifest) return { objectives: [], warnings: [] };
  const name = manifest.scenario.name;
  let lines: string[];
  try {
    lines = (await loadScenarioInput(name)).objectives ?? [];
  } catch {
    return {
      objectives: [],
      warnings: [`scenario ${name} (from the manifest) not found: its objectives were not checked; pass --budget`],
    };
  }
  const { objectives, problems } = parseObjectives(lines, `scenario ${name}`);
  return { objectives, warnings: problems.map((p) => `scenario ${name}: ${p} (objective ignored)`) };
}
