import type { Summary } from '../analyze/summary.js';

/**
 * Whether a run had places to award: a quota, or at least one accepted application.
 * Read-heavy days (election-night, status-tracker) and the expression-of-interest pool
 * have neither; their quota and arrival-order sections would show only zeros, so the
 * report leaves them out and says why.
 */
export function awardsPlaces(s: Summary): boolean {
  return s.quota !== null && (s.quota.size !== null || s.quota.accepted > 0);
}

/** Said in place of the quota and fairness charts of a run without places. */
export const NO_PLACES = 'this scenario has no quota and nobody was accepted, so there were no places to award';

/**
 * What the fill time is counted from: "opening", or "the first acceptance" when places
 * were taken before the opening (src/analyze/journey-sections.ts, quotaSection).
 */
export function fillFrom(q: NonNullable<Summary['quota']>): 'opening' | 'the first acceptance' {
  return (q.fillStartMs ?? 0) < 0 ? 'the first acceptance' : 'opening';
}
