import type { JourneyDef } from '../../journey/types.js';
import type { CandidateSpec } from '../../population/candidate.js';
import type { Scenario } from '../../scenario/types.js';
import type { TargetFile } from '../../target/types.js';
import type { K6Options } from './options.js';
import type { StageNumbers } from '../../scenario/arrival-clock.js';

/**
 * Everything the bundled k6 script needs besides the population files, embedded in the
 * script at bundle time (esbuild `define`), so `k6 run script.js` needs no toolkit.
 * Plain data only: it crosses from Node into k6's JavaScript runtime as JSON.
 */
export interface DriverConfig {
  /** Scenario name: the value of the `scenario` tag on every sample. */
  scenario: string;
  def: JourneyDef;
  target: TargetFile;
  /** Default base URL; the REHEARSAL_BASE_URL environment variable (`k6 run -e REHEARSAL_BASE_URL=…`) overrides it. */
  baseUrl: string;
  /** Non-loopback hosts requests may go to (--allow-host); every request's host is checked. */
  allowHosts?: string[];
  /** Population files, relative to the script; REHEARSAL_POPULATION (comma-separated) overrides them. */
  populationFiles: string[];
  /**
   * Derive candidate n inside k6 instead (candidates-derived.ts): the seed and the
   * scenario fields a candidate depends on. `populationFiles` is then empty.
   */
  derive?: { seed: number; spec: CandidateSpec };
  /** ms from the start of the arrival window (the schedule's start) to the opening, run time zero. */
  openingMs: number;
  /** The ramping-arrival-rate stages in numbers: iteration n's scheduled start is candidate n's arrival. */
  schedule: StageNumbers;
  /** Candidates: iterations past this many (the stages may start a spare one) do nothing. */
  count: number;
  /**
   * With REHEARSAL_OPENING_EPOCH_MS, setup() lets the scenario start this much before the
   * shared schedule start, the time k6 may take to activate the pre-allocated VUs.
   */
  activationMs: number;
  options: K6Options;
  /** The scenario's operator actions (an invitation round), each run `atMs` after the opening, as the node engine runs them. */
  operator?: Scenario['operator'];
  /** k6 scenario name → index in `operator`: the scenario that runs that action (options.ts). */
  operatorScenarios?: Record<string, number>;
}

/** The line the driver logs once per k6 instance so the engine learns time zero. */
export const OPENING_MARKER = 'rehearsal-opening-epoch-ms=';
