const BARS = '▁▂▃▄▅▆▇█';

/**
 * A terminal sparkline: one block character per value, scaled to the maximum
 * (zero is the lowest bar only when the value is exactly 0: a space).
 */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  if (max === 0) return ' '.repeat(values.length);
  return values
    .map((v) => (v <= 0 ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor((v / max) * BARS.length))]!))
    .join('');
}
