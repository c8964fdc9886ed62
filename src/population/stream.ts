import { nextState, seedState, uniformOf } from '../journey/rng.js';

/**
 * A seeded stream of uniforms in [0, 1) for the population generator: the journey's
 * mulberry32 (src/journey/rng.ts) held in a closure, so every draw is one call.
 * Separate streams (arrivals, each candidate's attributes) are seeded from distinct
 * derived seeds, so adding a field to candidates never shifts anyone's arrival time.
 */
export type Uniform = () => number;

export function uniformStream(seed: number): Uniform {
  // Kept as a signed 32-bit integer (the same bits: mulberry32 is all 32-bit arithmetic):
  // a small integer, where an unsigned state above 2^31 would be a heap number allocated
  // at every write to the captured variable.
  let s = seedState(seed) | 0;
  return () => {
    s = nextState(s) | 0;
    return uniformOf(s);
  };
}

/** Derives a well-mixed 32-bit seed for sub-stream `index` of stream `label` under `seed`. */
export function deriveSeed(seed: number, label: number, index = 0): number {
  return seedState((seedState((seed ^ label) >>> 0) + index) >>> 0);
}

/** Stream labels: fixed constants, so derived seeds never change between releases. */
export const STREAM = {
  arrivals: 0x41525256,
  candidate: 0x43414e44,
  attributes: 0x41545452,
  faker: 0x46414b45,
} as const;
