import type { Engine } from '../types.js';
import { runNode } from './run.js';

/** The built-in engine: open-model arrivals, undici, k6-format output. */
export const nodeEngine = {
  name: 'node',
  run: runNode,
} as const satisfies Engine;
