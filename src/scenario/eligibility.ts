import type { OperatorActionSpec } from './types.js';

type Criteria = NonNullable<OperatorActionSpec['criteria']>;
type Attributes = Record<string, string | number | boolean | null> | undefined;

/**
 * Whether a candidate meets an invitation round's criteria, judged from the
 * population's own attributes — independently of the portal, so a rehearsal can
 * check that the portal invited exactly the top-ranked eligible candidates.
 * `submittedBefore` compares the candidate's `eoiSubmittedAt`; `minScore` its `eoiScore`.
 */
export function meetsCriteria(attrs: Attributes, criteria: Criteria | undefined): boolean {
  if (!criteria) return true;
  const a = attrs ?? {};
  if (criteria.submittedBefore !== undefined) {
    const at = typeof a.eoiSubmittedAt === 'string' ? Date.parse(a.eoiSubmittedAt) : Number.NaN;
    if (!(at < Date.parse(criteria.submittedBefore))) return false;
  }
  if (criteria.minScore !== undefined && !(typeof a.eoiScore === 'number' && a.eoiScore >= criteria.minScore))
    return false;
  for (const [k, v] of Object.entries(criteria.attributes ?? {})) if (a[k] !== v) return false;
  return true;
}
