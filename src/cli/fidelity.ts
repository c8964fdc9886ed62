import type { Summary } from '../analyze/summary.js';
import type { FidelityContext, FidelityRow } from '../report/fidelity.js';
import type { ScenarioInput } from '../scenario/types.js';

/** What the fidelity table needs from a scenario (src/report/fidelity.ts). */
export function fidelityContext(input: ScenarioInput): FidelityContext {
  return {
    fidelity: input.fidelity ?? [],
    sources: input.sources,
    startsAt: input.startsAt ?? '2020-01-01T00:00:00.000Z',
    openingMin: input.openingMin ?? 0,
  };
}

/**
 * The fidelity rows of the scenario a run rehearsed, for its report; null when the run
 * names no scenario, the scenario cannot be loaded here (a file moved away) or it
 * states no sourced facts. The report is written either way.
 */
export async function fidelityForRun(s: Summary): Promise<FidelityRow[] | null> {
  const name = s.source.scenario;
  if (!name) return null;
  const { loadScenarioInput } = await import('../scenario/load.js');
  const input = await loadScenarioInput(name).catch(() => null);
  if (!input?.fidelity?.length) return null;
  const { fidelityRows } = await import('../report/fidelity.js');
  return fidelityRows(fidelityContext(input), s);
}
