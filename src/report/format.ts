/**
 * Number and duration wording for the narrative, the tables and the chart labels.
 * Fixed to en-US digit grouping ("2,800") so the same summary gives the same page
 * on every machine, and percentages written "61 %" (SI style, a space before %).
 */

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `2800` → "2,800". */
export function count(n: number): string {
  return grouped.format(n);
}

/** A number with up to `digits` decimals, trailing zeros dropped: 12.50 → "12.5". */
export function num(n: number, digits = 1): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(n);
}

/**
 * A share in [0, 1] as a percentage. Below 1 % and above 99 % one decimal is kept,
 * so "0 %" is only written when nothing happened.
 */
export function pct(share: number): string {
  const p = share * 100;
  if (p === 0 || p === 100) return `${p} %`;
  const digits = p < 1 || p > 99 ? 1 : 0;
  return `${num(p, digits)} %`;
}

/**
 * A duration in milliseconds for people: "0.4 ms", "850 ms", "12.3 s", "3 min 12 s", "1 h 4 min".
 * Rounded to the unit shown; never "0 ms" for a positive duration.
 */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  // Sub-millisecond latencies on loopback are common: keep a decimal rather than say "0 ms".
  if (a > 0 && a < 0.1) return `${sign}< 0.1 ms`;
  if (a < 10) return `${sign}${num(a, 1)} ms`;
  if (a < 1000) return `${sign}${num(a, 0)} ms`;
  if (a < 60_000) return `${sign}${num(a / 1000, a < 10_000 ? 2 : 1)} s`;
  const totalS = Math.round(a / 1000);
  if (totalS < 3600) {
    const m = Math.floor(totalS / 60);
    const s = totalS % 60;
    return `${sign}${m} min${s ? ` ${s} s` : ''}`;
  }
  const totalMin = Math.round(a / 60_000);
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  return `${sign}${h} h${m ? ` ${m} min` : ''}`;
}

/** "1 attempt", "7 attempts". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** Underscored identifiers as words: "quota_full" → "quota full". */
export function words(id: string): string {
  return id.replace(/_/g, ' ');
}
