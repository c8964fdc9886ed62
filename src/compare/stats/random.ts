import { draw, seedState } from '../../journey/rng.js';

/**
 * A seeded stream of uniform draws for resampling, so a comparison made twice on the
 * same inputs gives the same intervals byte for byte. Reuses the journey's mulberry32
 * (src/journey/rng.ts): 2^32 period, far more than the ~10^7 draws a comparison makes.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seedState(seed);
  const next = (): number => {
    const [s, u] = draw(state);
    state = s;
    return u;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}

/**
 * A seed per named stream (FNV-1a of the name, mixed with the seed), so each metric's
 * resamples are the same whatever other metrics a comparison includes.
 */
export function seedFor(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
