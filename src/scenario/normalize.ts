import { UsageError } from '../util/usage-error.js';
import { portalAtKnobs } from './portal-scale.js';
import type { Knobs, ProfileSpec, Scenario, ScenarioInput } from './types.js';

/** Anchor when a scenario names no date: fixed, so populations never depend on today. */
export const DEFAULT_STARTS_AT = '2020-01-01T00:00:00.000Z';

/**
 * The largest population a run may have: 100 million candidates, about twenty times
 * election night at full scale (5.3 million). Beyond it no engine finishes (the node
 * engine starts some thousands a second; `population --scale 1e308` wrote 296 MB in
 * 30 s and would never end).
 */
export const MAX_POPULATION = 100_000_000;
/** Time compression: from 1,000× slower than real time to a billion times faster (eoi-draw's six years in a minute is 3e6). */
export const TIME_SCALE_RANGE = [1e-3, 1e9] as const;

/**
 * Applies the two knobs once, so every consumer sees run-time numbers:
 * - `scale` shrinks the population and the quota (rounded, at least 1);
 * - `timeScale` compresses the arrival window and the candidates' waits.
 * Service times stay real: capacity is what the rehearsal measures — except for a
 * portal fitted to its incident at other knobs (`portal.fittedAt`), which becomes the
 * same real-day portal at these (src/scenario/portal-scale.ts).
 */
export function normalize(input: ScenarioInput, knobs: Partial<Knobs> = {}): Scenario {
  const scale = knobs.scale ?? input.defaults?.scale ?? 1;
  const timeScale = knobs.timeScale ?? input.defaults?.timeScale ?? 1;
  for (const [flag, v] of [
    ['--scale', scale],
    ['--time-scale', timeScale],
  ] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new UsageError(`${flag}: expected a number > 0, got ${v}`);
  }
  const maxScale = MAX_POPULATION / input.population;
  if (Math.round(input.population * scale) > MAX_POPULATION) {
    throw new UsageError(
      `--scale: expected at most ${fmt(maxScale)} for ${input.name} (${fmt(MAX_POPULATION)} candidates; ${fmt(input.population)} at --scale 1), got ${scale}`,
    );
  }
  const [minTs, maxTs] = TIME_SCALE_RANGE;
  if (timeScale < minTs || timeScale > maxTs) {
    throw new UsageError(
      `--time-scale: expected a number from ${minTs} (1,000 times slower than real time) to ${fmt(maxTs)}, got ${timeScale}`,
    );
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
      ...portalAtKnobs(input.portal, { scale, timeScale }),
      ...(input.portal.quota !== undefined ? { quota: Math.max(1, Math.round(input.portal.quota * scale)) } : {}),
    },
    ...(input.portal.fittedAt ? { portalFittedAt: input.portal.fittedAt } : {}),
    objectives: input.objectives ?? [],
    sources: input.sources,
    startsAt: input.startsAt ?? DEFAULT_STARTS_AT,
    arrivals: input.arrivals ?? 'exact',
    profile: normalizeProfile(input.profile, input.startsAt ?? DEFAULT_STARTS_AT),
    phases: (input.phases ?? []).map((p) => ({ name: p.name, atMs: toRunMs(p.atMin), description: p.description })),
    operator: (input.operator ?? []).map(({ atMin, ...rest }) => ({ ...rest, atMs: toRunMs(atMin) })),
    fidelity: input.fidelity ?? [],
    calibration: input.calibration ?? [],
  };
}

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumSignificantDigits: 6 });
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
