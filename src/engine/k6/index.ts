/**
 * The k6 engine: the same journeys bundled into one k6 script and run by the real
 * k6 binary (found on PATH or via K6_BIN). See run.ts for the flow, options.ts for
 * how the scenario becomes k6 options, export.ts for standalone and Kubernetes runs.
 */
import type { Engine } from '../types.js';
import { runK6 } from './run.js';

export const k6Engine = {
  name: 'k6',
  run: runK6,
} as const satisfies Engine;

export { exportK6, type ExportOptions, type ExportResult } from './export.js';
export { formatMb } from './sizing.js';
export { K6_MISSING, locateK6 } from './find-k6.js';
