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
  const total = specs.reduce((a, p) => a + p.share, 0);
  let x = u() * total;
  let spec = specs[specs.length - 1]!;
  for (const p of specs) {
    if (x < p.share) {
      spec = p;
      break;
    }
    x -= p.share;
  }
  const [lo, hi] = spec.patienceMin;
  return {
    name: spec.name,
    patienceMs: Math.round((lo + (hi - lo) * u()) * 60_000),
    retry: spec.retry,
    retryBaseMs: spec.retryBaseSec * 1000,
    retryCapMs: (spec.retryCapSec ?? Math.max(DEFAULT_RETRY_CAP_SEC, spec.retryBaseSec)) * 1000,
    thinkMs: spec.thinkSec * 1000,
  };
}

/** Index into cumulative shares for a uniform draw (shares already normalized to 1). */
export function pickShare<T extends { share: number }>(items: readonly T[], u: number): T {
  let x = u;
  for (const it of items) {
    if (x < it.share) return it;
    x -= it.share;
  }
  return items[items.length - 1]!;
}
