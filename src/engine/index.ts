import { UsageError } from '../util/usage-error.js';
import type { Engine } from './types.js';

/** Engines by name: the one place that knows which exist. */
// Loaded on demand, so naming the engines (`--engine` choices, `--help`) loads neither: the
// node engine pulls in undici and the population generator, the k6 engine esbuild.
const ENGINES: Record<string, () => Promise<Engine>> = {
  node: async () => (await import('./node/index.js')).nodeEngine,
  k6: async () => (await import('./k6/index.js')).k6Engine,
  sim: async () => (await import('./sim/index.js')).simEngine,
};

export const ENGINE_NAMES = Object.keys(ENGINES);

export async function engineByName(name: string): Promise<Engine> {
  const load = ENGINES[name];
  if (!load) throw new UsageError(`--engine: expected one of ${ENGINE_NAMES.join(', ')}, got "${name}"`);
  return load();
}
