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
  eoi = false;

  get length(): number {
    return this.finishMs.length;
  }

  push(finishMs: number, arrival: number, outcome: string, attempts: number, ttoMs: number, tags: Readonly<Record<string, string>>): void {
    this.finishMs.push(finishMs);
    this.arrival.push(arrival);
    this.outcome.push(outcome);
    this.attempts.push(attempts);
    this.timeToOutcomeMs.push(ttoMs);
    if (tags.invited !== undefined) this.eoi = true;
    this.score.push(tags.score !== undefined ? Number(tags.score) : Number.NaN);
    this.eligible.push(tags.eligible !== 'false');
    this.invited.push(tags.invited === 'true');
  }

  /** Appends another part's journeys after these (the order a single pass would have seen them in). */
  append(o: JourneyColumnsData): void {
    for (const k of COLUMNS) (this[k] as unknown[]).push(...(o[k] as unknown[]));
    this.eoi ||= o.eoi;
  }
}

const COLUMNS = ['finishMs', 'arrival', 'outcome', 'attempts', 'timeToOutcomeMs', 'score', 'eligible', 'invited'] as const;

/** The columns as plain data (what a worker thread sends back). */
export type JourneyColumnsData = Pick<JourneyColumns, (typeof COLUMNS)[number] | 'eoi'>;
