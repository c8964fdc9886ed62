/**
 * A small seeded generator whose whole state is one 32-bit number, so it can live
 * inside a serializable journey state and be advanced identically by every engine.
 *
 * mulberry32 (Tommy Ettinger, public domain): one multiply-xorshift round per draw,
 * full 2^32 period, passes PractRand to 2^32 outputs — ample for jitter and think times.
 *
 * A draw is two steps: the state advances by a constant (`nextState`), and the uniform
 * is a function of the new state alone (`uniformOf`). Hot callers (the journey machine,
 * the population's streams) call the two and allocate nothing; `draw` returns both as
 * a pair for everyone else. The same numbers either way.
 */

/** The state after one draw. */
export function nextState(state: number): number {
  return (state + 0x6d2b79f5) >>> 0;
}

/** The uniform in [0, 1) that the draw which produced state `s` returns. */
export function uniformOf(s: number): number {
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Advances the state and returns [nextState, uniform in [0, 1)]. */
export function draw(state: number): [number, number] {
  const s = nextState(state);
  return [s, uniformOf(s)];
}

/** Mixes an arbitrary integer seed into a well-spread 32-bit state (splitmix32 finalizer). */
export function seedState(seed: number): number {
  let z = (seed >>> 0) + 0x9e3779b9;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
