/** At most `max` evenly spaced elements of `xs`, always keeping the first and the last. */
export function downsample<T>(xs: T[], max = 2000): T[] {
  if (xs.length <= max) return xs;
  const out: T[] = [];
  const step = (xs.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(xs[Math.round(i * step)] as T);
  return out;
}

/** Rounds to `digits` decimals (summary numbers are rounded so they print and compare cleanly). */
export function round(x: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
