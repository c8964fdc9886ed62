import type { Knobs, Scenario, ScenarioInput } from './types.js';

/**
 * Applies the two knobs once, so every consumer sees run-time numbers:
 * - `scale` shrinks the population and the quota (rounded, at least 1);
 * - `timeScale` compresses the arrival window and the candidates' waits.
 * Service times stay real: capacity is what the rehearsal measures.
 */
export function normalize(input: ScenarioInput, knobs: Partial<Knobs> = {}): Scenario {
  const scale = knobs.scale ?? input.defaults?.scale ?? 1;
  const timeScale = knobs.timeScale ?? input.defaults?.timeScale ?? 1;
  const toRunMs = (min: number) => (min * 60_000) / timeScale;
  const totalShare = Object.values(input.countries).reduce((a, b) => a + b, 0);
  return {
    name: input.name,
    title: input.title,
    description: input.description,
    knobs: { scale, timeScale },
    population: Math.max(1, Math.round(input.population * scale)),
    windowMs: toRunMs(input.windowMin),
    openingMs: toRunMs(input.openingMin ?? 0),
    curve: input.curve.map((p) => ({ atMs: toRunMs(p.atMin), rate: p.rate })),
    countries: Object.entries(input.countries).map(([code, share]) => ({ code, share: share / totalShare })),
    personas: input.personas,
    journey: {
      steps: input.journey.steps,
      success: input.journey.success,
      retryOnError: input.journey.retryOnError ?? true,
      timeScale,
    },
    portal: {
      ...input.portal,
      ...(input.portal.quota !== undefined ? { quota: Math.max(1, Math.round(input.portal.quota * scale)) } : {}),
    },
    objectives: input.objectives ?? [],
    sources: input.sources,
  };
}
