import type { Worker } from 'node:worker_threads';
import type { Persona } from '../../journey/types.js';
import { type CandidateSpec, candidateId, candidateSpec } from '../../population/candidate-core.js';
import { personaOf } from '../../population/persona.js';
import type { Candidate } from '../../population/types.js';
import type { Scenario } from '../../scenario/types.js';
import { startWorker } from '../../util/start-worker.js';

/**
 * The simulator's arrivals, one candidate at a time, as the fields its journeys read: the
 * event loop reads the current candidate's fields, then moves on with `next`. Two
 * sources:
 *
 * - `ThreadArrivals`: the population generated on a thread of its own
 *   (population-thread.ts) by src/population's own draws (`candidateCore`), handed over in
 *   batches of numbers. The loop's thread makes no candidate: no draws, no id, no e-mail
 *   string, no persona object (a visitor's persona is one of the mix's, shared, and its
 *   patience a number beside it). Taken when the run says how its population was
 *   generated (`RunOptions.populationSpec`) and its candidates carry no attributes.
 * - `CandidateArrivals`: the candidates the caller handed over (`RunOptions.population`),
 *   read as objects, each kept with its visit (the expression of interest and invitation
 *   rounds read its id and attributes).
 */
export interface Arrivals {
  /** The current candidate: its number in the population, seed, arrival (run-time ms), country. */
  seq: number;
  seed: number;
  arrivalMs: number;
  country: string;
  /** The country's index in a fixed list (the thread's), a key read without hashing its name; -1: none. */
  countryIndex: number;
  /** Its persona (shared with others of its kind from the thread) and its own patience, real ms. */
  persona: Persona;
  patienceMs: number;
  hasEmail: boolean;
  /** The candidate object, when the population was handed over as objects. */
  candidate: Candidate | undefined;
  /** Moves to the next candidate: false after the last; a promise of the same when it is not there yet. */
  next(): boolean | Promise<boolean>;
  /** The id of candidate `seq` (the thread's candidates have none made: see `candidateId`). */
  idOf(seq: number, candidate: Candidate | undefined): string;
  /** No more candidates are wanted (arrivals closed, or the run ended). */
  close(): Promise<void>;
}

/** The candidates handed over as objects, from an iterable or an async iterable. */
export class CandidateArrivals implements Arrivals {
  seq = 0;
  seed = 0;
  arrivalMs = 0;
  country = '';
  readonly countryIndex = -1;
  persona: Persona = undefined as unknown as Persona;
  patienceMs = 0;
  hasEmail = false;
  candidate: Candidate | undefined = undefined;
  private readonly sync: Iterator<Candidate> | undefined;
  private readonly async: AsyncIterator<Candidate> | undefined;

  constructor(pop: Iterable<Candidate> | AsyncIterable<Candidate>) {
    this.sync = Symbol.iterator in pop ? (pop as Iterable<Candidate>)[Symbol.iterator]() : undefined;
    this.async = this.sync ? undefined : (pop as AsyncIterable<Candidate>)[Symbol.asyncIterator]();
  }

  next(): boolean | Promise<boolean> {
    // A generator population is pulled without a microtask per candidate.
    if (this.sync) return this.take(this.sync.next());
    return (this.async as AsyncIterator<Candidate>).next().then((r) => this.take(r));
  }

  private take(r: IteratorResult<Candidate>): boolean {
    if (r.done) {
      this.candidate = undefined;
      return false;
    }
    const c = r.value;
    this.candidate = c;
    this.seq = c.seq;
    this.seed = c.seed;
    this.arrivalMs = c.arrivalMs;
    this.country = c.country;
    this.persona = c.persona;
    this.patienceMs = c.persona.patienceMs;
    this.hasEmail = c.email !== null;
    return true;
  }

  idOf(_seq: number, candidate: Candidate | undefined): string {
    return candidate ? candidate.id : '';
  }

  async close(): Promise<void> {}
}

/** What the population thread is started with. */
export interface PopulationThreadInput {
  spec: CandidateSpec;
  arrivals: Pick<Scenario, 'arrivals' | 'curve' | 'windowMs' | 'population'>;
  seed: number;
}

/** One batch from the population thread: `n` candidates from number `first` on, `STRIDE` numbers each. */
export interface PopulationBatch {
  nums: Float64Array<ArrayBuffer>;
  n: number;
  first: number;
  /** The population ends with this batch. */
  last: boolean;
}

/** A candidate's numbers in a batch: seed, arrival, country (index in the spec's), persona (index), patience, e-mail on file (1/0). */
export const STRIDE = 6;
/** Candidates a batch holds (384 KB). */
export const BATCH = 8192;
/**
 * Batches the thread fills ahead of the loop. It refills a batch only once the loop hands
 * it back, so memory stays at this many batches, whatever the population.
 */
export const AHEAD = 4;

/** The population generated on its own thread (population-thread.ts) and read here from its batches. */
export class ThreadArrivals implements Arrivals {
  seq = 0;
  seed = 0;
  arrivalMs = 0;
  country = '';
  countryIndex = 0;
  persona: Persona;
  patienceMs = 0;
  hasEmail = false;
  readonly candidate = undefined;
  private readonly worker: Worker;
  private readonly countries: string[];
  private readonly personas: Persona[];
  private readonly population: number;
  private nums: Float64Array<ArrayBuffer> | undefined;
  private i = 0;
  private n = 0;
  private first = 0;
  private last = false;
  private readonly ready: PopulationBatch[] = [];
  private wake: (() => void) | undefined;
  private failed: Error | undefined;
  private closed = false;

  constructor(scenario: Scenario, seed: number) {
    const spec = candidateSpec(scenario);
    this.countries = spec.countries.map((c) => c.code);
    // One persona object for each of the mix: the journey reads its patience from the candidate (`patienceMs`).
    this.personas = spec.personas.map((p) => personaOf(p, Number.NaN));
    this.persona = this.personas[0] as Persona;
    this.population = spec.population;
    const input: PopulationThreadInput = {
      spec,
      arrivals: {
        arrivals: scenario.arrivals,
        curve: scenario.curve,
        windowMs: scenario.windowMs,
        population: scenario.population,
      },
      seed,
    };
    this.worker = startWorker('./population-thread', import.meta.url, { workerData: { simPopulation: input } });
    this.worker.on('message', (b: PopulationBatch) => {
      this.ready.push(b);
      this.resume();
    });
    const fail = (e: Error) => {
      if (this.closed) return;
      this.failed = e;
      this.resume();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the sim's population thread exited with ${code}`)));
  }

  next(): boolean | Promise<boolean> {
    if (++this.i < this.n) {
      this.read();
      return true;
    }
    return this.nextBatch();
  }

  private read(): void {
    const x = this.nums as Float64Array;
    const o = this.i * STRIDE;
    this.seq = this.first + this.i;
    this.seed = x[o] as number;
    this.arrivalMs = x[o + 1] as number;
    this.countryIndex = x[o + 2] as number;
    this.country = this.countries[this.countryIndex] as string;
    this.persona = this.personas[x[o + 3] as number] as Persona;
    this.patienceMs = x[o + 4] as number;
    this.hasEmail = x[o + 5] === 1;
  }

  private nextBatch(): boolean | Promise<boolean> {
    if (this.nums) {
      if (this.last) return false;
      // Spent: back to the thread to fill again.
      this.worker.postMessage(this.nums, [this.nums.buffer]);
      this.nums = undefined;
    }
    if (this.failed) return Promise.reject(this.failed);
    const b = this.ready.shift();
    if (!b) return new Promise<void>((resolve) => (this.wake = resolve)).then(() => this.nextBatch());
    this.nums = b.nums;
    this.n = b.n;
    this.first = b.first;
    this.last = b.last;
    this.i = 0;
    if (this.n === 0) return this.last ? false : this.nextBatch();
    this.read();
    return true;
  }

  private resume(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  idOf(seq: number): string {
    return candidateId(seq, this.population);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }
}
