import type { Engine, RunOptions } from '../types.js';
import { runSim } from './run.js';

/**
 * The simulation engine: the same journeys against a model of the reference portal,
 * in virtual time — the real day at full scale in seconds (docs/simulation.md).
 */
export const simEngine = {
  name: 'sim',
  run: (opts: RunOptions) => runSim(opts),
} as const satisfies Engine;
