import type { JourneyColumns } from './accumulate.js';
import type { EoiCheck } from './summary.js';

/**
 * Expression-of-interest draw: is the invited set exactly the top-ranked eligible
 * candidates? Read from the tags an EOI journey records on `rehearsal_journey`:
 * `score` (the ranking score), `eligible` ("false" when the candidate fails the
 * round's criteria; absent = eligible) and `invited` ("true"/"false"), or, where the
 * round reported whom it invited by arrival order (`rehearsal_invited`, the k6 engine),
 * from that report.
 *
 * With K invited, the set is top-ranked when no ineligible candidate is invited and
 * no eligible, uninvited candidate scored strictly above the lowest invited score
 * (equal scores at the boundary are ties the portal may break by submission order).
 * Null when no journey carries an `invited` tag and no round reported.
 *
 * A draw can rank only the interests in its pool when it runs. An uninvited journey that
 * finished (registered its interest, or gave up) after the round's request was sent was
 * not in that draw: it counts neither as eligible nor as passed over, but as
 * `lateForRound`, so a generator that ran late (or a candidate who kept retrying past
 * the round) does not make a correct draw look unfair. Journeys that finished before the
 * round and did not reach the goal count as before: the check cannot tell an interest
 * the portal lost from one never sent, and the portal is the one being judged.
 */
export function eoiCheck(j: JourneyColumns): EoiCheck | null {
  if (!j.eoi) return null;
  const reported = new Set(j.invitedArrivals);
  const wasInvited = new Uint8Array(j.length);
  for (let i = 0; i < j.length; i++) wasInvited[i] = j.invitedAt(i, reported) ? 1 : 0;
  let invited = 0;
  let eligible = 0;
  let invitedIneligible = 0;
  let lowestInvited = Infinity;
  let late = 0;
  const after = (i: number) => !wasInvited[i] && j.finishMs.get(i) > j.roundAtMs;
  for (let i = 0; i < j.length; i++) {
    const isEligible = j.eligible.get(i) === 1;
    if (isEligible && after(i)) {
      late++;
      continue;
    }
    if (isEligible) eligible++;
    if (!wasInvited[i]) continue;
    invited++;
    if (!isEligible) invitedIneligible++;
    else lowestInvited = Math.min(lowestInvited, j.score.get(i));
  }
  let skipped = 0;
  let highestUninvited = -Infinity;
  for (let i = 0; i < j.length; i++) {
    if (wasInvited[i] || j.eligible.get(i) !== 1 || after(i)) continue;
    const s = j.score.get(i);
    if (s > highestUninvited) highestUninvited = s;
    if (invited > 0 && s > lowestInvited) skipped++;
  }
  return {
    invited,
    eligible,
    invitedIneligible,
    lateForRound: late,
    skippedHigherScores: skipped,
    lowestInvitedScore: Number.isFinite(lowestInvited) ? lowestInvited : null,
    highestUninvitedScore: Number.isFinite(highestUninvited) ? highestUninvited : null,
    topRanked: invitedIneligible === 0 && skipped === 0 && !Number.isNaN(lowestInvited),
  };
}
