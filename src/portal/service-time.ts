/**
 * Service-time distributions around a mean, drawn from a seeded generator so a
 * portal run is repeatable. Every shape has exactly the configured mean, so
 * throughput saturates at workers ÷ mean service time whatever the shape.
 *
 * - constant: always the mean (M/D/c).
 * - uniform: U(0.5, 1.5) × mean, coefficient of variation 1/√12 ≈ 0.29 (default).
 * - exponential: −ln(1−u) × mean, cv 1 (M/M/c, the queueing-theory textbook case).
 * - lognormal: cv 1 with a heavier tail, σ² = ln(1 + cv²), μ = ln(mean) − σ²/2
 *   (moments of the log-normal, e.g. Johnson, Kotz & Balakrishnan, ch. 14).
 */
export const SERVICE_DISTS = ['constant', 'uniform', 'exponential', 'lognormal'] as const;
export type ServiceDist = (typeof SERVICE_DISTS)[number];

/** mulberry32, as src/journey/rng.ts: a 32-bit state, one draw per call. */
export function seededUniform(seed: number): () => number {
  // Kept as a signed 32-bit integer (the same bits; every step below is 32-bit arithmetic):
  // a small integer, where an unsigned state above 2^31 would be a heap number allocated
  // at every draw (the simulator draws one per served request).
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function drawServiceMs(dist: ServiceDist, meanMs: number, u: () => number): number {
  if (meanMs <= 0) return 0;
  switch (dist) {
    case 'constant':
      return meanMs;
    case 'uniform':
      return meanMs * (0.5 + u());
    case 'exponential':
      return -Math.log(1 - u()) * meanMs;
    case 'lognormal': {
      const sigma2 = Math.log(2); // cv = 1
      const mu = Math.log(meanMs) - sigma2 / 2;
      // Box–Muller: one standard normal from two uniforms.
      const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
      return Math.exp(mu + Math.sqrt(sigma2) * z);
    }
  }
}
