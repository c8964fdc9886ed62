import type { Worker } from 'node:worker_threads';
import type { Summary } from '../../analyze/index.js';
import type { Operation, Outcome, ResultClass } from '../../journey/types.js';
import type { RunManifest } from '../../results/manifest.js';
import { startWorker } from '../../util/start-worker.js';

/** What the recording thread (record-thread.ts) is started with. */
export interface RecordThreadInput {
  scenario: string;
  /** Runs' epoch ms at run time 0 (the accumulator's origin). */
  zeroEpochMs: number;
  /** Every request's points, or per-second aggregates (Recorder's http-samples mode). */
  mode: 'all' | 'summary';
  /** The sample file to write too, if any. */
  samplesPath: string | undefined;
  gzip: boolean;
  /** Journeys wait for the invitation rounds (EOI), to be tagged invited or not. */
  holdJourneys: boolean;
  /** The journey's goal (accepted, completed): the mapping warning's test. */
  success: string;
}

export type RecordThreadOutput =
  | {
      ok: true;
      summary: Summary;
      samples: number;
      released: number;
      summaryMs: number;
      /** The mapping warning, also in the summary's manifest notes (outcome-warning.ts). */
      warning: string | undefined;
    }
  | { ok: false; message: string };

/**
 * The simulator's recording, on the machine's second core: the event loop writes what a
 * node run's `Recorder` would be told (a visit starts, a request ends, a journey ends, a
 * second is over) as numbers into a batch, and a worker thread (record-thread.ts) replays
 * every call, in the same order, into the node engine's own `Recorder`, the analyzer's
 * accumulator and (when asked) the sample file, then builds summary.json with the
 * analyzer's sections. The same calls in the same order: the same summary, byte for byte.
 *
 * Pipeline parallelism: recording (the per-second histograms, the journey columns, the
 * k6 metrics) and the summary were about a third of the loop's time; here the loop pays
 * a few typed-array writes per record. Batches are transferred, not copied; at most
 * `MAX_IN_FLIGHT` wait for the thread, so a loop faster than its recorder waits
 * (`backlog`) instead of holding the night in memory.
 */

/** Record codes: the first number of each record, then its fields (see `RecordLog`'s methods). */
export const enum Rec {
  Start = 1,
  Drop,
  Http,
  Req,
  Answer,
  Journey,
  Flush,
  DefHttp,
  DefReq,
  DefStr,
}

/** A kind of HTTP request (route, status), as `Recorder.httpTags` takes it. */
export interface HttpKind {
  op: Operation;
  method: string;
  status: number;
}

/** A kind of operation outcome, as `Recorder.requestTags` takes it. */
export interface ReqKind {
  op: Operation;
  status: number;
  cls: ResultClass;
  country: string;
  cause?: string;
  /**
   * The start of the body of the answer that made this kind, when it was not ok: the
   * mapping warning quotes the first failing answer of each status, as the node engine's
   * does, and a status's first failing answer always makes a new kind.
   */
  body?: string;
}

/** One batch: the numbers, and the strings and objects its records point to by index. */
export interface Batch {
  nums: Float64Array<ArrayBuffer>;
  length: number;
  side: unknown[];
  /**
   * The journeys' candidate ids, each ended by a newline: one string to copy, where an
   * array of them cost about a microsecond per id to send (an id with a newline in it goes
   * in `side`).
   */
  ids: string;
}

/** Numbers a batch holds (4 MB): few enough posts that posting costs the loop under 1 % (it was 7 % at 512 KB). */
export const BATCH = 1 << 19;
/** The longest record: a journey, after the definitions of its country and outcome. */
const MAX_RECORD = 9 + 2 * 2;
const MAX_IN_FLIGHT = 4;
/** An answer record's two ids share one number: the HTTP tag set's × this + the outcome's. */
export const ANSWER_IDS = 2 ** 26;

export class RecordLog {
  // The live counters the progress line shows (the Recorder's, kept on this side).
  requests = 0;
  rejected = 0;
  arrived = 0;
  finished = 0;
  dropped = 0;

  private nums = new Float64Array(BATCH);
  /**
   * Batches the thread has replayed and sent back, to fill again: a fresh 4 MB array costs
   * its zeroing and a page fault per 4 KB page on first write (15 ms a batch on this
   * project's machine, 0.7 ms to refill one already mapped; a full night sends about 400).
   */
  private readonly free: Float64Array<ArrayBuffer>[] = [];
  private n = 0;
  private side: unknown[] = [];
  private ids = '';
  private nIds = 0;
  private nHttp = 0;
  private readonly reqOk: boolean[] = [];
  /** Countries and outcomes, numbered: a journey's record refers to them, not to a copy of the string. */
  private readonly strIds = new Map<string, number>();
  private held: boolean;
  private inFlight = 0;
  private wake: (() => void) | undefined;
  private failed: Error | undefined;
  private readonly done: Promise<Extract<RecordThreadOutput, { ok: true }>>;
  private ended = false;

  private constructor(
    private readonly worker: Worker,
    held: boolean,
    /**
     * Whether the thread needs the candidates' ids: only for the sample file's journey
     * points and to tell the invited among held journeys; the summary never reads them,
     * so otherwise none is sent (a night's 5.26 million: a string to build and copy here,
     * and one per journey to split out there).
     */
    readonly sendsIds: boolean,
  ) {
    this.held = held;
    this.done = new Promise((resolve, reject) => {
      worker.on('message', (m: { ack: Float64Array<ArrayBuffer> } | RecordThreadOutput) => {
        if ('ack' in m) {
          this.inFlight--;
          this.free.push(m.ack);
          const w = this.wake;
          this.wake = undefined;
          w?.();
        } else if (m.ok) resolve(m);
        else fail(new Error(m.message));
      });
      const fail = (e: Error) => {
        if (this.ended) return;
        this.failed = e;
        const w = this.wake;
        this.wake = undefined;
        w?.();
        reject(e);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`the sim's recording thread exited with ${code}`)));
    });
    // Handled where it is awaited (finish); a failure also stops the loop through `backlog`.
    this.done.catch(() => undefined);
  }

  /** Starts the recording thread. */
  static start(input: RecordThreadInput): RecordLog {
    const worker = startWorker('./record-thread', import.meta.url, { workerData: { simRecord: input } });
    return new RecordLog(worker, input.holdJourneys, input.holdJourneys || input.samplesPath !== undefined);
  }

  /** A tag-set id for a kind of HTTP request (defined once, then referred to by number). */
  httpTags(k: HttpKind): number {
    const id = this.nHttp++;
    this.room();
    this.nums[this.n++] = Rec.DefHttp;
    this.nums[this.n++] = this.side.push(k) - 1;
    return id;
  }

  /** A tag-set id for a kind of operation outcome. */
  requestTags(k: ReqKind): number {
    const id = this.reqOk.length;
    this.reqOk.push(k.cls === 'ok');
    this.room();
    this.nums[this.n++] = Rec.DefReq;
    this.nums[this.n++] = this.side.push(k) - 1;
    return id;
  }

  start(epochMs: number): Promise<void> | undefined {
    this.arrived++;
    this.nums[this.n++] = Rec.Start;
    this.nums[this.n++] = epochMs;
    return this.room();
  }

  dropIteration(epochMs: number): Promise<void> | undefined {
    this.dropped++;
    this.nums[this.n++] = Rec.Drop;
    this.nums[this.n++] = epochMs;
    return this.room();
  }

  recordHttp(id: number, endEpochMs: number, durationMs: number): Promise<void> | undefined {
    return this.timed(Rec.Http, id, endEpochMs, durationMs);
  }

  recordRequest(id: number, endEpochMs: number, latencyMs: number): Promise<void> | undefined {
    this.requests++;
    if (!this.reqOk[id]) this.rejected++;
    return this.timed(Rec.Req, id, endEpochMs, latencyMs);
  }

  /**
   * A request and its operation's outcome that took the same time (an operation of one
   * request): `recordHttp` then `recordRequest` in one record of four numbers, where the two
   * were eight (the records are most of what the loop writes and the thread reads).
   */
  recordAnswer(httpId: number, reqId: number, endEpochMs: number, ms: number): Promise<void> | undefined {
    this.requests++;
    if (!this.reqOk[reqId]) this.rejected++;
    // Both ids in one number while each is under 2^26 (tag sets are kinds of request: dozens).
    if (httpId >= ANSWER_IDS || reqId >= ANSWER_IDS) {
      this.timed(Rec.Http, httpId, endEpochMs, ms);
      return this.timed(Rec.Req, reqId, endEpochMs, ms);
    }
    return this.timed(Rec.Answer, httpId * ANSWER_IDS + reqId, endEpochMs, ms);
  }

  /** A request's record: its tag set, when it ended, how long it took. */
  private timed(code: Rec, id: number, endEpochMs: number, ms: number): Promise<void> | undefined {
    const nums = this.nums;
    let n = this.n;
    nums[n++] = code;
    nums[n++] = id;
    nums[n++] = endEpochMs;
    nums[n++] = ms;
    this.n = n;
    return this.room();
  }

  /** A journey's end (the fields of the Recorder's `JourneyEvent`). */
  journey(
    candidate: string,
    arrival: number,
    country: string,
    outcome: Outcome,
    attempts: number,
    endEpochMs: number,
    timeToOutcomeMs: number,
    extraTags: Record<string, string> | undefined,
  ): Promise<void> | undefined {
    // Held journeys (an invitation round to come) are counted when released, as the Recorder counts them.
    if (!this.held) this.finished++;
    const countryId = this.str(country);
    const outcomeId = this.str(outcome);
    const nums = this.nums;
    const side = this.side;
    let n = this.n;
    nums[n++] = Rec.Journey;
    // ≥ 0: the candidate's line in `ids`; < 0: −1 − its index in `side`; 0 with no ids (the thread reads "").
    if (!this.sendsIds) nums[n++] = 0;
    else {
      nums[n++] = candidate.includes('\n') ? -side.push(candidate) : this.nIds++;
      if ((nums[n - 1] as number) >= 0) this.ids += `${candidate}\n`;
    }
    nums[n++] = arrival;
    nums[n++] = countryId;
    nums[n++] = outcomeId;
    nums[n++] = attempts;
    nums[n++] = endEpochMs;
    nums[n++] = timeToOutcomeMs;
    nums[n++] = extraTags ? side.push(extraTags) - 1 : -1;
    this.n = n;
    return this.room();
  }

  /** The number of a string, defined in the batch on its first use. */
  private str(s: string): number {
    let id = this.strIds.get(s);
    if (id === undefined) {
      this.strIds.set(s, (id = this.strIds.size));
      this.nums[this.n++] = Rec.DefStr;
      this.nums[this.n++] = this.side.push(s) - 1;
    }
    return id;
  }

  flushAggregates(nowEpochMs: number): Promise<void> | undefined {
    this.nums[this.n++] = Rec.Flush;
    this.nums[this.n++] = nowEpochMs;
    return this.room();
  }

  /**
   * The end of the loop: the held journeys released with the candidates invited, the last
   * aggregates flushed, the sample file closed, and the summary built from `manifest`.
   */
  async finish(
    manifest: RunManifest,
    invited: Set<string> | undefined,
  ): Promise<{ summary: Summary; samples: number; summaryMs: number; warning: string | undefined }> {
    this.post();
    this.worker.postMessage({ end: { manifest, invited: invited ? [...invited] : undefined } });
    const out = await this.done;
    this.ended = true;
    await this.worker.terminate();
    if (this.held) this.finished += invited ? out.released : 0;
    return { summary: out.summary, samples: out.samples, summaryMs: out.summaryMs, warning: out.warning };
  }

  /** Stops the thread (after an error in the loop). */
  async abort(): Promise<void> {
    this.ended = true;
    await this.worker.terminate();
  }

  /** Posts the batch when the longest record might not fit; a promise when the thread is behind. */
  private room(): Promise<void> | undefined {
    if (this.n + MAX_RECORD <= BATCH) return undefined;
    this.post();
    return this.backlog();
  }

  private post(): void {
    if (this.n === 0) return;
    const b: Batch = { nums: this.nums, length: this.n, side: this.side, ids: this.ids };
    this.worker.postMessage(b, [this.nums.buffer]);
    this.inFlight++;
    this.nums = this.free.pop() ?? new Float64Array(BATCH);
    this.n = 0;
    this.side = [];
    this.ids = '';
    this.nIds = 0;
  }

  private backlog(): Promise<void> | undefined {
    if (this.failed) return Promise.reject(this.failed);
    if (this.inFlight < MAX_IN_FLIGHT) return undefined;
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    }).then(() => this.backlog());
  }
}
