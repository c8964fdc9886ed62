/**
 * What the summary keeps of each finished journey, column-wise (a few numbers per
 * candidate: bounded by the population). EOI columns are filled only when the journey
 * recorded `score` / `eligible` / `invited` tags.
 */
export class JourneyColumns {
  readonly finishMs: number[] = [];
  readonly arrival: number[] = [];
  readonly outcome: string[] = [];
  readonly attempts: number[] = [];
  readonly timeToOutcomeMs: number[] = [];
  readonly score: number[] = [];
  readonly eligible: boolean[] = [];
  readonly invited: boolean[] = [];
  /**
   * Arrival orders an invitation round reported invited (`rehearsal_invited` points: the
   * k6 engine runs the round in its own k6 scenario, so its journey points cannot wait
   * for the round to learn whether they were invited; the round says it once instead).
   */
  readonly invitedArrivals: number[] = [];
  /**
   * When the first invitation round was sent (ms, the time axis of finishMs; Infinity when
   * no round request was seen): an interest registered after it could not be in that draw.
   */
  roundAtMs = Number.POSITIVE_INFINITY;
  eoi = false;

  get length(): number {
    return this.finishMs.length;
  }

  /** One finished journey; eligible and invited are its tags (undefined when absent), score its number (NaN when absent). */
  push(
    finishMs: number,
    arrival: number,
    outcome: string,
    attempts: number,
    ttoMs: number,
    score: number,
    eligible: string | undefined,
    invited: string | undefined,
  ): void {
    this.finishMs.push(finishMs);
    this.arrival.push(arrival);
    this.outcome.push(outcome);
    this.attempts.push(attempts);
    this.timeToOutcomeMs.push(ttoMs);
    if (invited !== undefined) this.eoi = true;
    this.score.push(score);
    this.eligible.push(eligible !== 'false');
    this.invited.push(invited === 'true');
  }

  /** A `rehearsal_invited` point: the round ran; `arrival` (when finite) is a candidate it invited. */
  roundInvited(arrival: number): void {
    this.eoi = true;
    if (Number.isFinite(arrival)) this.invitedArrivals.push(arrival);
  }

  /** An invitation round's request, sent at `sentMs`. */
  roundSent(sentMs: number): void {
    if (sentMs < this.roundAtMs) this.roundAtMs = sentMs;
  }

  /** Whether journey i was invited: its own `invited` tag, or a round's report of its arrival order. */
  invitedAt(i: number, reported: ReadonlySet<number>): boolean {
    return (this.invited[i] as boolean) || reported.has(this.arrival[i] as number);
  }

  /** Appends another part's journeys after these (the order a single pass would have seen them in). */
  append(o: JourneyColumnsData): void {
    for (const k of COLUMNS) {
      const to = this[k] as unknown[];
      const from = o[k] as unknown[];
      // One at a time: push(...from) would pass every element as an argument.
      for (let i = 0; i < from.length; i++) to.push(from[i]);
    }
    this.eoi ||= o.eoi;
    this.roundAtMs = Math.min(this.roundAtMs, o.roundAtMs);
  }
}

const COLUMNS = [
  'finishMs',
  'arrival',
  'outcome',
  'attempts',
  'timeToOutcomeMs',
  'score',
  'eligible',
  'invited',
  'invitedArrivals',
] as const;

/** The columns as plain data (what a worker thread sends back). */
export type JourneyColumnsData = Pick<JourneyColumns, (typeof COLUMNS)[number] | 'eoi' | 'roundAtMs'>;
