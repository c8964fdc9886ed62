import { UsageErrorLike } from '../util/usage-error.js';
import { nodeEngine } from './node/index.js';
import type { Engine } from './types.js';

/** Engines by name: the one place that knows which exist. */
const ENGINES: Record<string, () => Promise<Engine>> = {
  node: async () => nodeEngine,
  // Loaded on demand: the k6 engine pulls in esbuild to bundle its script.
  k6: async () => (await import('./k6/index.js')).k6Engine,
  sim: async () => (await import('./sim/index.js')).simEngine,
};

export const ENGINE_NAMES = Object.keys(ENGINES);

export async function engineByName(name: string): Promise<Engine> {
  const load = ENGINES[name];
  if (!load) throw new UsageErrorLike(`--engine: expected one of ${ENGINE_NAMES.join(', ')}, got "${name}"`);
  return load();
}
