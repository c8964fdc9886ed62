import type { Summary } from '../analyze/summary.js';
import { count, duration, num, pct, plural, words } from './format.js';
import { awardsPlaces, fillFrom } from './places.js';
import { withRealDay } from './real-day.js';

/** The words that open the page and summary.md: computed from the summary alone. */
export interface Narrative {
  /** One sentence of clauses: fill time; share turned away; attempts; fairness. */
  headline: string;
  /** Further sentences: outcomes, throughput and latency, the baseline. */
  details: string[];
  /** Things that make the run less trustworthy (generator overload, oversold quota). */
  warnings: string[];
}

/** Requests turned away by the portal: throttled or told the quota is full. */
export function turnedAwayShare(s: Summary): number | null {
  if (!s.classes || s.throughput.requests === 0) return null;
  const t = s.classes.total;
  return ((t.throttled ?? 0) + (t.quota_full ?? 0)) / s.throughput.requests;
}

function quotaClause(s: Summary): string | null {
  const q = s.quota;
  if (!q) return null;
  if (!awardsPlaces(s)) return journeysClause(s);
  if (q.size === null)
    return `${plural(q.accepted, 'application was', 'applications were')} accepted in the ${duration(s.durationMs)} of the run`;
  if (q.filled && q.fillTimeMs !== null)
    return `the ${count(q.size)} places filled ${withRealDay(q.fillTimeMs, s)} after ${fillFrom(q)}`;
  return `${count(q.accepted)} of the ${count(q.size)} places were taken in the ${duration(s.durationMs)} of the run, so the quota did not fill`;
}

/** A day without places (a read-heavy surge, an EOI pool): how many visitors got through. */
function journeysClause(s: Summary): string | null {
  const j = s.journeys;
  if (!j || j.candidates === 0) return null;
  const done = j.outcomes.completed ?? 0;
  const who =
    done === j.candidates
      ? `all ${plural(j.candidates, 'candidate')}`
      : `${count(done)} of ${plural(j.candidates, 'candidate')}`;
  return `${who} completed their journey in the ${duration(s.durationMs)} of the run`;
}

/** The operator's invitation round of an expression-of-interest pool, judged independently of the portal. */
function eoiClause(s: Summary): string | null {
  const e = s.fairness?.eoi;
  if (!e) return null;
  const late = e.lateForRound
    ? ` (${plural(e.lateForRound, 'eligible candidate', 'eligible candidates')} registered after it was drawn and ${e.lateForRound === 1 ? 'was' : 'were'} not in its pool)`
    : '';
  const round = `the invitation round invited ${plural(e.invited, 'candidate')} of ${count(e.eligible)} eligible${late}`;
  if (e.topRanked)
    return `${round}: exactly the top-ranked (lowest invited score ${e.lowestInvitedScore ?? '—'}, highest eligible uninvited ${e.highestUninvitedScore ?? '—'})`;
  const wrong = [
    e.invitedIneligible > 0
      ? `${plural(e.invitedIneligible, 'ineligible candidate was', 'ineligible candidates were')} invited`
      : null,
    e.skippedHigherScores > 0
      ? `${plural(e.skippedHigherScores, 'eligible candidate', 'eligible candidates')} with a higher score than the lowest invited ${e.skippedHigherScores === 1 ? 'was' : 'were'} passed over`
      : null,
  ].filter((x) => x !== null);
  return `${round}, but not the top-ranked: ${wrong.join(' and ')}`;
}

function rejectionClause(s: Summary): string | null {
  const share = turnedAwayShare(s);
  if (share !== null) return `${pct(share)} of requests were turned away`;
  if (s.throughput.requests > 0) return `${pct(s.http.failedRate)} of ${count(s.throughput.requests)} requests failed`;
  return null;
}

/**
 * A journey's `attempts` counts every request it sent (account, form, polls, retries),
 * not tries at the operation that decides the outcome, so it is said as requests sent.
 */
function attemptsClause(s: Summary): string | null {
  const a = s.journeys?.attempts;
  if (!a || s.journeys!.candidates === 0) return null;
  // Among those who got a place when the run awarded places, else over all candidates.
  const accepted = a.acceptedP50 ?? null;
  const [who, n] = accepted !== null ? ['the median accepted candidate', accepted] : ['the median candidate', a.p50];
  return `${who} sent ${plural(n, 'request')}`;
}

/** Places taken before the run's time zero: said, since the fill time then counts from the first of them. */
function earlySentence(s: Summary): string | null {
  const q = s.quota;
  const early = q?.acceptedBeforeOpening ?? 0;
  if (!q || early === 0) return null;
  const start = q.fillStartMs ?? 0;
  return (
    `${count(early)} of the ${plural(q.accepted, 'acceptance')} came before the run's time zero (the first ${duration(-start)} before it), ` +
    'so the fill time and fill rate are counted from the first acceptance, not from time zero' +
    (q.fillRatePerSec != null ? ` (${num(q.fillRatePerSec)} places per second).` : '.')
  );
}

function fairnessClause(s: Summary): string | null {
  const f = s.fairness;
  if (!f || f.firstQAcceptedShare === null) return null;
  // firstQAcceptedShare: of the Q earliest arrivals (Q = the quota, else the accepted
  // count), the share accepted. When Q equals the places taken, that is also the share
  // of the places that went to them.
  const q = f.firstQ ?? s.quota?.size ?? s.quota?.accepted;
  if (!q) return `${pct(f.firstQAcceptedShare)} of the earliest arrivals got a place`;
  return q === s.quota?.accepted
    ? `the first ${count(q)} to arrive got ${pct(f.firstQAcceptedShare)} of the places`
    : `${pct(f.firstQAcceptedShare)} of the first ${count(q)} to arrive got a place`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function outcomesSentence(s: Summary): string | null {
  const j = s.journeys;
  if (!j || j.candidates === 0) return null;
  const parts = Object.entries(j.outcomes)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([o, n]) => `${count(n ?? 0)} ${outcomePhrase(o)}`);
  return (
    `Of ${plural(j.candidates, 'candidate')}, ${parts.join(', ')}.` +
    (j.retryAmplification > 0 ? ` Each candidate sent ${num(j.retryAmplification)} requests on average.` : '')
  );
}

function outcomePhrase(o: string): string {
  switch (o) {
    case 'accepted':
      return 'were accepted';
    case 'completed':
      return 'completed their journey';
    case 'quota_full':
      return 'were told the quota was full';
    case 'gave_up':
      return 'gave up';
    case 'invalid':
      return 'were refused as invalid';
    case 'error':
      return 'ended on an error';
    default:
      return `ended ${words(o)}`;
  }
}

function trafficSentence(s: Summary): string | null {
  const t = s.throughput;
  if (t.requests === 0) return 'No requests were recorded.';
  let out = `The portal answered ${count(t.requests)} requests in ${duration(s.durationMs)} (${num(t.rps)} per second on average, ${num(t.peakRps1s)} in the busiest second, ${num(t.goodputRps)} ok per second).`;
  const l = s.latency.all;
  if (l) {
    out +=
      ` Latency: median ${duration(l.p50)}, p95 ${duration(l.p95)}, p99 ${duration(l.p99)}` +
      (s.latency.fromIntendedSend
        ? ', measured from when each request was due, so waiting inside the load generator counts.'
        : '.');
  }
  return out;
}

function fairnessSentence(s: Summary): string | null {
  const tau = s.fairness?.kendallTau;
  if (tau === null || tau === undefined) return null;
  return `Arrival order and acceptance order agree with Kendall's τ = ${num(tau, 2)} (1 is strict first come, first served; 0 is a lottery).`;
}

function baselineSentence(s: Summary, b: Summary, label: string): string {
  const parts: string[] = [];
  const f = s.quota?.fillTimeMs,
    bf = b.quota?.fillTimeMs;
  if (s.quota?.filled && b.quota?.filled && f != null && bf != null) {
    parts.push(
      f === bf
        ? `the places filled in the same time (${duration(f)})`
        : `the places filled ${duration(Math.abs(bf - f))} ${f < bf ? 'sooner' : 'later'} (${duration(f)} against ${duration(bf)})`,
    );
  } else if (s.quota && b.quota && (awardsPlaces(s) || awardsPlaces(b))) {
    parts.push(`${count(s.quota.accepted)} places were taken against ${count(b.quota.accepted)}`);
  }
  const ta = turnedAwayShare(s),
    tb = turnedAwayShare(b);
  if (ta !== null && tb !== null) parts.push(`${pct(ta)} of requests were turned away against ${pct(tb)}`);
  const pa = s.latency.all?.p95,
    pb = b.latency.all?.p95;
  if (pa !== undefined && pb !== undefined) parts.push(`p95 latency was ${duration(pa)} against ${duration(pb)}`);
  return parts.length
    ? `Compared with ${label}: ${parts.join('; ')}.`
    : `Compared with ${label}: the two recordings share no figure to compare.`;
}

/**
 * The opening of the report, e.g. "The 2,800 places filled 3 min 12 s after opening;
 * 61 % of requests were turned away; the median candidate sent 7 requests; the first
 * 2,800 to arrive got 71 % of the places." Clauses whose section is null are left out.
 */
export function narrate(s: Summary, baseline?: { summary: Summary; label: string }): Narrative {
  const clauses = [quotaClause(s), eoiClause(s), rejectionClause(s), attemptsClause(s), fairnessClause(s)].filter(
    (c): c is string => c !== null,
  );
  const headline = clauses.length ? `${capitalize(clauses.join('; '))}.` : 'The recording holds no requests.';
  const details = [earlySentence(s), outcomesSentence(s), trafficSentence(s), fairnessSentence(s)].filter(
    (c): c is string => c !== null,
  );
  if (!s.journeys)
    details.push(
      'The recording has no journey data (plain k6 output), so outcomes, attempts and fairness are not reported.',
    );
  if (baseline) details.push(baselineSentence(s, baseline.summary, baseline.label));
  const warnings = [...s.generator.warnings];
  if (s.quota?.oversold)
    warnings.unshift(
      `The quota was oversold: ${count(s.quota.accepted)} accepted for ${count(s.quota.size ?? 0)} places.`,
    );
  if (s.source.malformedLines > 0)
    warnings.push(
      `${plural(s.source.malformedLines, 'malformed line')} in the recording ${s.source.malformedLines === 1 ? 'was' : 'were'} skipped.`,
    );
  if (s.source.truncatedLastLine)
    warnings.push('The recording ends in a truncated line (the run was probably interrupted).');
  // The run's own warnings (a mapping that reached no goal) come first: nothing else on the page means much then.
  warnings.unshift(...(s.warnings ?? []).map((w) => `${capitalize(w)}.`));
  return { headline, details, warnings };
}
