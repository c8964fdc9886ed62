import { Column, type ColumnData } from './column.js';

/**
 * What the summary keeps of each finished journey, column-wise (a few numbers per
 * candidate: bounded by the population). EOI columns are filled only when the journey
 * recorded `score` / `eligible` / `invited` tags.
 */
export class JourneyColumns {
  readonly finishMs = new Column(f64, Number.NaN);
  readonly arrival = new Column(f64, Number.NaN);
  /** Each journey's outcome, as an index into `outcomes` (a run has a handful). */
  readonly outcomeId = new Column(u32);
  readonly outcomes: string[] = [];
  readonly attempts = new Column(f64, Number.NaN);
  readonly timeToOutcomeMs = new Column(f64, Number.NaN);
  readonly score = new Column(f64, Number.NaN);
  /** 1 unless the journey's `eligible` tag said "false". */
  readonly eligible = new Column(u8, 1);
  /** 1 when the journey's `invited` tag said "true". */
  readonly invited = new Column(u8, 0);
  private readonly outcomeIds = new Map<string, number>();
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

  outcome(i: number): string {
    return this.outcomes[this.outcomeId.get(i)] as string;
  }

  /** The number of an outcome (`outcomeId`'s values), or -1 when no journey had it. */
  outcomeNumber(outcome: string): number {
    return this.outcomeIds.get(outcome) ?? -1;
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
    let id = this.outcomeIds.get(outcome);
    if (id === undefined) {
      id = this.outcomes.push(outcome) - 1;
      this.outcomeIds.set(outcome, id);
    }
    this.outcomeId.push(id);
    this.attempts.push(attempts);
    this.timeToOutcomeMs.push(ttoMs);
    if (invited !== undefined) this.eoi = true;
    this.score.push(score);
    this.eligible.push(eligible !== 'false' ? 1 : 0);
    this.invited.push(invited === 'true' ? 1 : 0);
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
    return this.invited.get(i) === 1 || reported.has(this.arrival.get(i));
  }

  /** Appends another part's journeys after these (the order a single pass would have seen them in). */
  append(o: JourneyColumnsData): void {
    for (const k of NUMBER_COLUMNS) this[k].append(o[k]);
    // The part numbered its outcomes in its own order of first use.
    const ids = new Column(u32);
    ids.append(o.outcomeId);
    for (let i = 0; i < ids.length; i++) {
      const outcome = o.outcomes[ids.get(i)] as string;
      let id = this.outcomeIds.get(outcome);
      if (id === undefined) {
        id = this.outcomes.push(outcome) - 1;
        this.outcomeIds.set(outcome, id);
      }
      this.outcomeId.push(id);
    }
    for (const a of o.invitedArrivals) this.invitedArrivals.push(a);
    this.eoi ||= o.eoi;
    this.roundAtMs = Math.min(this.roundAtMs, o.roundAtMs);
  }

  /** The columns as plain data (what a worker thread sends back). */
  toData(): JourneyColumnsData {
    const d = {} as Record<(typeof NUMBER_COLUMNS)[number], ColumnData>;
    for (const k of NUMBER_COLUMNS) d[k] = this[k].toData();
    return {
      ...d,
      outcomeId: this.outcomeId.toData(),
      outcomes: this.outcomes,
      invitedArrivals: this.invitedArrivals,
      roundAtMs: this.roundAtMs,
      eoi: this.eoi,
    };
  }
}

const f64 = (n: number) => new Float64Array(n);
const u32 = (n: number) => new Uint32Array(n);
const u8 = (n: number) => new Uint8Array(n);

const NUMBER_COLUMNS = ['finishMs', 'arrival', 'attempts', 'timeToOutcomeMs', 'score', 'eligible', 'invited'] as const;

/** The columns as plain data (what a worker thread sends back). */
export type JourneyColumnsData = Record<(typeof NUMBER_COLUMNS)[number] | 'outcomeId', ColumnData> & {
  outcomes: string[];
  invitedArrivals: number[];
  roundAtMs: number;
  eoi: boolean;
};
