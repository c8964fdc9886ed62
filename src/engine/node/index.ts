import type { Engine, RunOptions } from '../types.js';
import { runNode } from './run.js';
import { runWorkers } from './workers.js';

/**
 * The built-in engine: open-model arrivals, undici, k6-format output; `workers` > 1
 * uses threads — except for scenarios with operator actions (an invitation round),
 * whose journeys must all learn the round's result in one process.
 */
export const nodeEngine = {
  name: 'node',
  run: (opts: RunOptions) =>
    (opts.workers ?? 1) > 1 && opts.scenario.operator.length === 0
      ? runWorkers(opts, opts.workers as number)
      : runNode(opts),
} as const satisfies Engine;
