/**
 * The arrival curve as a probability distribution over the arrival window.
 *
 * A scenario's curve is a list of (time, relative rate) points, linear between points
 * and held flat from the window's start to the first point and from the last point to
 * the window's end. Normalized by its integral Λ(T), the rate λ(t) is the density of
 * one arrival time given that the population has a fixed size (see arrivals.ts).
 *
 * Each segment [t0, t1] with rates r0, r1 has area (r0 + r1)/2 · (t1 − t0), so the CDF
 * is piecewise quadratic and its inverse has a closed form per segment.
 */
export interface CurveSegment {
  t0: number;
  t1: number;
  r0: number;
  r1: number;
  /** Cumulative mass (unnormalized) at t0. */
  m0: number;
  /** Mass of this segment (unnormalized). */
  mass: number;
}

export interface CurveDistribution {
  segments: CurveSegment[];
  /** Λ(T): the integral of the relative rate over the window. */
  total: number;
  windowMs: number;
}

/** Builds the distribution from run-time points; O(points). Throws on an empty or zero curve. */
export function curveDistribution(
  points: ReadonlyArray<{ atMs: number; rate: number }>,
  windowMs: number,
): CurveDistribution {
  const pts = [...points].filter((p) => p.atMs >= 0 && p.atMs <= windowMs).sort((a, b) => a.atMs - b.atMs);
  if (pts.length === 0) throw new Error('curveDistribution requires at least one point inside the window');
  if (pts[0]!.atMs > 0) pts.unshift({ atMs: 0, rate: pts[0]!.rate });
  if (pts[pts.length - 1]!.atMs < windowMs) pts.push({ atMs: windowMs, rate: pts[pts.length - 1]!.rate });
  const segments: CurveSegment[] = [];
  let m = 0;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (b.atMs <= a.atMs) continue;
    const mass = ((a.rate + b.rate) / 2) * (b.atMs - a.atMs);
    segments.push({ t0: a.atMs, t1: b.atMs, r0: a.rate, r1: b.rate, m0: m, mass });
    m += mass;
  }
  if (!(m > 0)) throw new Error('curveDistribution requires a curve with a positive rate somewhere in the window');
  return { segments, total: m, windowMs };
}

/** Relative rate λ(t) (unnormalized), 0 outside the window. */
export function rateAt(d: CurveDistribution, t: number): number {
  for (const s of d.segments) {
    if (t >= s.t0 && t <= s.t1) return s.r0 + ((s.r1 - s.r0) * (t - s.t0)) / (s.t1 - s.t0);
  }
  return 0;
}

/** F(t) = Λ(t)/Λ(T), the fraction of arrivals expected by time t. */
export function cdfAt(d: CurveDistribution, t: number): number {
  if (t <= 0) return 0;
  if (t >= d.windowMs) return 1;
  for (const s of d.segments) {
    if (t <= s.t1) {
      const x = t - s.t0;
      const slope = (s.r1 - s.r0) / (s.t1 - s.t0);
      return (s.m0 + s.r0 * x + (slope * x * x) / 2) / d.total;
    }
  }
  return 1;
}

/**
 * Time within one segment at which the cumulative mass from t0 reaches `m`: solves
 * r0·x + (s/2)·x² = m with s the slope, in the cancellation-free form
 * x = 2m / (r0 + √(r0² + 2·s·m)) (Press et al., Numerical Recipes, §5.6).
 */
export function segmentTime(s: CurveSegment, m: number): number {
  const slope = (s.r1 - s.r0) / (s.t1 - s.t0);
  const root = Math.sqrt(Math.max(0, s.r0 * s.r0 + 2 * slope * m));
  const den = s.r0 + root;
  const x = den > 0 ? (2 * m) / den : 0;
  return Math.min(s.t1, s.t0 + x);
}

/**
 * Walks the inverse CDF for a non-decreasing sequence of probabilities in amortized
 * O(1) per call: the segment cursor only moves forward.
 */
export function monotoneQuantile(d: CurveDistribution): (p: number) => number {
  let i = 0;
  return (p: number) => {
    const m = Math.min(1, Math.max(0, p)) * d.total;
    while (i < d.segments.length - 1 && d.segments[i]!.m0 + d.segments[i]!.mass < m) i++;
    const s = d.segments[i]!;
    return segmentTime(s, m - s.m0);
  };
}
