import type { JourneyDef } from '../../journey/types.js';
import type { TargetFile } from '../../target/types.js';
import type { K6Options } from './options.js';

/**
 * Everything the bundled k6 script needs besides the population, embedded in the
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
   * ms from the k6 scenario's start to the opening (run time zero): the lead that lets
   * every iteration begin at or before its candidate's arrival, plus the time from the
   * start of the arrival window to the opening. REHEARSAL_OPENING_EPOCH_MS overrides the opening.
   */
  openingOffsetMs: number;
  options: K6Options;
}

/** The line the driver logs once per k6 instance so the engine learns time zero. */
export const OPENING_MARKER = 'rehearsal-opening-epoch-ms=';
