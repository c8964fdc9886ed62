/**
 * The Universal Scalability Law (Gunther, "Guerrilla Capacity Planning", Springer 2007,
 * ch. 4–5, eq. 4.31 with X(1) = λ):
 *
 *   X(N) = λN / (1 + σ(N − 1) + κN(N − 1))
 *
 * N is the concurrency (users or requests in flight), λ the throughput of one, σ the
 * contention (the serial share: queueing for a shared resource) and κ the coherency
 * cost (pairwise crosstalk, which makes throughput fall past a peak). κ = 0 is Amdahl's
 * law; σ = κ = 0 is linear scaling.
 */
export interface UslCoefficients {
  sigma: number;
  kappa: number;
  lambda: number;
}

/** X(N). Cost O(1). */
export function uslThroughput(n: number, c: UslCoefficients): number {
  return (c.lambda * n) / (1 + c.sigma * (n - 1) + c.kappa * n * (n - 1));
}

/**
 * ∂X/∂(σ, κ, λ) at N, for the Gauss-Newton step and the parameters' covariance:
 * with D = 1 + σ(N−1) + κN(N−1): ∂X/∂σ = −λN(N−1)/D², ∂X/∂κ = −λN²(N−1)/D², ∂X/∂λ = N/D.
 */
export function uslGradient(n: number, c: UslCoefficients): [number, number, number] {
  const d = 1 + c.sigma * (n - 1) + c.kappa * n * (n - 1);
  const d2 = d * d;
  return [(-c.lambda * n * (n - 1)) / d2, (-c.lambda * n * n * (n - 1)) / d2, n / d];
}

/**
 * N* = √((1 − σ)/κ): where dX/dN = 0, the peak of the curve (Gunther 2007, eq. 4.33).
 * Infinite when κ = 0 (Amdahl: throughput only levels off, towards λ/σ).
 */
export function uslPeakConcurrency(c: Pick<UslCoefficients, 'sigma' | 'kappa'>): number {
  if (c.kappa <= 0) return Number.POSITIVE_INFINITY;
  return Math.sqrt(Math.max(0, 1 - c.sigma) / c.kappa);
}

/**
 * The most the system can carry: X(N*) when κ > 0; otherwise the Amdahl ceiling λ/σ
 * (infinite when σ = 0 too: linear scaling has no ceiling the data can show).
 */
export function uslMaxThroughput(c: UslCoefficients): number {
  const n = uslPeakConcurrency(c);
  if (Number.isFinite(n)) return uslThroughput(n, c);
  return c.sigma > 0 ? c.lambda / c.sigma : Number.POSITIVE_INFINITY;
}
