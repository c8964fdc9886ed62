/**
 * The warning a rehearsal owes its user when its mapping is probably wrong: no journey
 * reached its goal, or one class of answer swallowed nearly every operation (every
 * request a 403, say). A run like that is not a measurement of the portal but of the
 * target file, and it must not end in silence.
 */
export interface OutcomeCounts {
  /** Journeys by outcome. */
  outcomes: Record<string, number>;
  /** The goal's outcome: accepted (applications) or completed (visits). */
  success: string;
  /** Operations by class. */
  classes: Record<string, number>;
  /** The most common answer that was not ok: status, how often, and the start of its body. */
  commonFailure?: { status: number; count: number; body: string };
  /** What to run to see one journey's requests. */
  hint: string;
}

/** Share of operations one failing class must reach to be called "nearly every". */
export const SWALLOWED = 0.95;
/**
 * Below this share of journeys at their goal, a swallowing class is suspect. A portal that
 * throttles by design answers nearly every request "try again later" while its quota still
 * fills (launch-day as calibrated: 99 % of 31,886 operations throttled, 100 of 400 accepted);
 * a wrong mapping lets almost nobody through.
 */
export const FEW_REACHED = 0.05;

/** The command that walks one journey against the portal, named in the warning. */
export function checkHint(baseUrl: string, scenario: string): string {
  return `rehearse target check <target file> --base-url ${baseUrl} --scenario ${scenario}`;
}

export function outcomeWarning(c: OutcomeCounts): string | undefined {
  const journeys = Object.values(c.outcomes).reduce((a, b) => a + b, 0);
  const ops = Object.values(c.classes).reduce((a, b) => a + b, 0);
  if (journeys === 0 || ops === 0) return undefined;
  const goal = c.outcomes[c.success] ?? 0;
  const [worst, n] = Object.entries(c.classes)
    .filter(([k]) => k !== 'ok')
    .sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  let what: string | undefined;
  if (goal === 0) {
    const ended = Object.entries(c.outcomes)
      .sort((a, b) => b[1] - a[1])
      .map(([o, k]) => `${k} ${o}`)
      .join(', ');
    what = `no journey reached ${c.success} (${ended} of ${journeys})`;
  } else if (n >= SWALLOWED * ops && goal < FEW_REACHED * journeys) what = `${n} of ${ops} operations were ${worst}`;
  if (!what) return undefined;
  const f = c.commonFailure;
  const answer = f
    ? `; most common answer: ${f.status || 'no response'} (${f.count}×)${f.body ? ` "${f.body.replace(/\s+/g, ' ').slice(0, 120)}"` : ''}`
    : '';
  return `warning: ${what}${answer}; the target mapping may be wrong: check one journey with ${c.hint}`;
}

/**
 * The counts the warning is made of, kept while a run goes: requests by class, journeys
 * by outcome, and the failing answers by status (the first body seen for each, when the
 * engine has bodies: k6's samples do not). One tally for both engines.
 */
export class OutcomeTally {
  readonly classes: Record<string, number> = {};
  readonly outcomes: Record<string, number> = {};
  private readonly failures = new Map<number, { count: number; body: string }>();

  request(cls: string, status: number, body = ''): void {
    this.classes[cls] = (this.classes[cls] ?? 0) + 1;
    if (cls === 'ok') return;
    const f = this.failures.get(status);
    if (f) f.count++;
    else if (this.failures.size < 100) this.failures.set(status, { count: 1, body });
  }

  journey(outcome: string): void {
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
  }

  /** The most common status among requests that were not ok. */
  commonFailure(): { status: number; count: number; body: string } | undefined {
    let best: { status: number; count: number; body: string } | undefined;
    for (const [status, f] of this.failures) if (!best || f.count > best.count) best = { status, ...f };
    return best;
  }

  /** The warning for a run whose goal is `success`, or undefined when the run looks sound. */
  warning(success: string, baseUrl: string, scenario: string): string | undefined {
    const failure = this.commonFailure();
    return outcomeWarning({
      outcomes: this.outcomes,
      success,
      classes: this.classes,
      ...(failure ? { commonFailure: failure } : {}),
      hint: checkHint(baseUrl, scenario),
    });
  }
}
