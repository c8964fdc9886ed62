import type { Candidate } from '../population/types.js';
import type { PortalOptions } from '../portal/options.js';
import type { RunManifest } from '../results/manifest.js';
import type { Scenario } from '../scenario/types.js';
import type { TargetFile } from '../target/types.js';

/**
 * What every engine (node, k6, sim) implements. Engines are chosen by name in one
 * map (src/engine/index.ts); each declares `satisfies Engine` so conformance is
 * checked at compile time. An engine knows nothing of analysis or reports.
 */
export interface Engine {
  readonly name: 'node' | 'k6' | 'sim';
  /** Runs a rehearsal and writes the run directory (manifest.json + k6 NDJSON samples). */
  run(opts: RunOptions): Promise<RunResult>;
}

export interface RunOptions {
  scenario: Scenario;
  /** Candidates sorted by arrival; an engine may stream them. */
  population: Iterable<Candidate> | AsyncIterable<Candidate>;
  /**
   * How `population` was made: `generatePopulation(scenario, seed, { identity })` of this
   * run's scenario (src/population/generate.ts). An engine may then generate the same
   * candidates itself instead of reading `population`: the sim does, on a thread of its
   * own, when they carry no attributes. The node and k6 engines read `population`.
   */
  populationSpec?: { seed: number; identity?: boolean };
  /** Population size, for progress and sizing (equals the number of candidates yielded). */
  populationSize: number;
  target: TargetFile;
  baseUrl: string;
  /** Run directory; created if missing. */
  outDir: string;
  seed: number;
  /** This run's id (from the run directory's lock), recorded in the manifest. */
  runId?: string;
  /** Notes for the manifest from before the run (a quota taken from the portal). */
  notes?: string[];
  /**
   * Epoch ms of the opening (run time zero). Processes running segments of one run
   * pass the same value so their schedules line up; default: now plus a short lead.
   */
  startAt?: number;
  /** k6 execution segment, e.g. "0:1/4"; the engine runs only that share of the population. */
  segment?: string;
  /** Hard cap on concurrent journeys; arrivals beyond it count as dropped_iterations. */
  maxConcurrent?: number;
  /** Hard caps from flags: the run stops new arrivals past either. */
  maxDurationMs?: number;
  maxRps?: number;
  /** Extra hosts the user explicitly allows beyond loopback. */
  allowHosts?: string[];
  /** Progress callback, called about once a second. */
  onProgress?: (p: Progress) => void;
  /** Aborts the run: stop arrivals, let in-flight journeys finish within `graceMs`. */
  signal?: AbortSignal;
  /** Second abort: stop at once. */
  hardSignal?: AbortSignal;
  graceMs?: number;
  httpSamples?: 'all' | 'summary';
  gzip?: boolean;
  workers?: number;
  /** Called at the end to record the portal's own counts in the manifest (reference portal). */
  portalStats?: () => Promise<Record<string, unknown>>;
  /** sim: round trip between a visitor and the portal, ms (half each way); default 0. */
  rttMs?: number;
  /** sim: the portal it models (default: the scenario's portal settings, as `rehearse run` starts it). */
  portalModel?: PortalOptions;
  /**
   * sim: also write k6-format samples: `all` as a node run writes them (four lines a
   * request), `summary` with per-second request aggregates (as --http-samples summary);
   * default none: summary.json only (the summary is built from every request either way).
   */
  writeSamples?: 'all' | 'summary';
}

export interface Progress {
  /** ms since the opening (run time zero); negative before it, during a lead-in such as account creation. */
  elapsedMs: number;
  /** ms from the opening to the last scheduled arrival: where elapsedMs ends when the run keeps up. */
  totalMs: number;
  arrived: number;
  population: number;
  inFlight: number;
  accepted: number;
  /** Journeys that have ended, whatever their outcome. */
  finished?: number;
  quota?: number;
  rejectedPerSec: number;
  requestsPerSec: number;
  /** p99 of start lateness so far, ms. */
  latenessP99Ms: number;
  dropped: number;
}

export interface RunResult {
  outDir: string;
  manifest: RunManifest;
  /** Sample files written, absolute paths. */
  samples: string[];
}
