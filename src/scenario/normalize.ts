import { UsageError } from '../util/usage-error.js';
import type { Knobs, ProfileSpec, Scenario, ScenarioInput } from './types.js';

/** Anchor when a scenario names no date: fixed, so populations never depend on today. */
export const DEFAULT_STARTS_AT = '2020-01-01T00:00:00.000Z';

/**
 * Applies the two knobs once, so every consumer sees run-time numbers:
 * - `scale` shrinks the population and the quota (rounded, at least 1);
 * - `timeScale` compresses the arrival window and the candidates' waits.
 * Service times stay real: capacity is what the rehearsal measures.
 */
export function normalize(input: ScenarioInput, knobs: Partial<Knobs> = {}): Scenario {
  const scale = knobs.scale ?? input.defaults?.scale ?? 1;
  const timeScale = knobs.timeScale ?? input.defaults?.timeScale ?? 1;
  for (const [flag, v] of [['--scale', scale], ['--time-scale', timeScale]] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new UsageError(`${flag}: expected a number > 0, got ${v}`);
  }
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
    startsAt: input.startsAt ?? DEFAULT_STARTS_AT,
    arrivals: input.arrivals ?? 'exact',
    profile: normalizeProfile(input.profile, input.startsAt ?? DEFAULT_STARTS_AT),
    phases: (input.phases ?? []).map((p) => ({ name: p.name, atMs: toRunMs(p.atMin), description: p.description })),
    operator: (input.operator ?? []).map(({ atMin, ...rest }) => ({ ...rest, atMs: toRunMs(atMin) })),
  };
}

function normalizeProfile(p: ProfileSpec | undefined, startsAt: string): Required<ProfileSpec> {
  const yearBefore = new Date(Date.parse(startsAt) - 365 * 86_400_000).toISOString().slice(0, 10);
  return {
    emailOnFile: p?.emailOnFile ?? 0.9,
    presenceDate: p?.presenceDate ?? '2019-06-16',
    presentInQuebec: p?.presentInQuebec ?? 0.05,
    eoiFrom: p?.eoiFrom ?? yearBefore,
  };
}
