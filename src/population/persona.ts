import type { Persona } from '../journey/types.js';
import type { PersonaSpec } from '../scenario/types.js';
import type { Uniform } from './stream.js';

/** Backoff cap when a persona does not set one: five minutes, real time. */
export const DEFAULT_RETRY_CAP_SEC = 300;

/**
 * Picks a persona from the scenario's mix (shares normalized) and draws its
 * patience uniformly within the persona's range. All durations are REAL time in ms:
 * the journey divides them by the scenario's time scale itself.
 */
export function drawPersona(specs: readonly PersonaSpec[], u: Uniform): Persona {
  const spec = specs[personaIndex(specs, u())]!;
  return personaOf(spec, patienceOf(spec, u()));
}

/** The index of the persona spec that the uniform `x` picks from the mix (shares normalized by their total). */
export function personaIndex(specs: readonly PersonaSpec[], x: number): number {
  return shareIndex(specs, x * specs.reduce((a, p) => a + p.share, 0));
}

/** A persona's patience, real ms, for the uniform `x`: within the spec's range, in whole ms. */
export function patienceOf(spec: PersonaSpec, x: number): number {
  const [lo, hi] = spec.patienceMin;
  return Math.round((lo + (hi - lo) * x) * 60_000);
}

/** The persona of a spec with the given patience (real ms). */
export function personaOf(spec: PersonaSpec, patienceMs: number): Persona {
  return {
    name: spec.name,
    patienceMs,
    retry: spec.retry,
    retryBaseMs: spec.retryBaseSec * 1000,
    retryCapMs: (spec.retryCapSec ?? Math.max(DEFAULT_RETRY_CAP_SEC, spec.retryBaseSec)) * 1000,
    thinkMs: spec.thinkSec * 1000,
  };
}

/** Index into cumulative shares for a uniform draw (shares already normalized to 1). */
export function pickShare<T extends { share: number }>(items: readonly T[], u: number): T {
  return items[shareIndex(items, u)]!;
}

/** `pickShare`'s item, by its index. */
export function shareIndex(items: readonly { share: number }[], u: number): number {
  let x = u;
  for (let i = 0; i < items.length; i++) {
    const share = items[i]!.share;
    if (x < share) return i;
    x -= share;
  }
  return items.length - 1;
}
