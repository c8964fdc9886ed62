import type { Summary } from '../analyze/summary.js';
import type { FidelitySpec, SourceFact } from '../scenario/types.js';
import { clock } from '../util/clock.js';
import { count, duration, num, pct } from './format.js';

/**
 * The fidelity table: each sourced fact of a scenario beside what a run replayed, in
 * the real day's terms, and whether it lands in the range the scenario states
 * (`fidelity` in the scenario file). Run times are multiplied back by the run's time
 * scale and counts divided by its scale (src/report/real-day.ts), so a replay at the
 * default knobs and one at full scale read the same way.
 */
export interface FidelityContext {
  fidelity: FidelitySpec[];
  sources: SourceFact[];
  /** The scenario's real-world start (ISO 8601): first-error times read as clock times. */
  startsAt: string;
  /** When the intake opens, real minutes after the window's start: a run's time zero. */
  openingMin: number;
}

export interface FidelityRow {
  fact: string;
  /** `Agence QMI, 2016-11-09`. */
  source: string;
  /** The run's figure in words, or a dash when the run cannot tell. */
  replayed: string;
  /** The faithful range in words. */
  expected: string;
  /** The run's figure in the measure's unit; null when the run cannot tell. */
  value: number | null;
  /** Within the range; null without a figure. */
  ok: boolean | null;
  /** Why the scenario cannot replay this fact (measure `not-replayed`); the row is shown, never dropped. */
  notReplayed?: string;
}

/** Evaluates every fact against a run; without a summary, the facts and ranges alone (replayed: dash). */
export function fidelityRows(ctx: FidelityContext, s?: Summary): FidelityRow[] {
  return ctx.fidelity.map((f) => {
    const src = ctx.sources[f.source];
    if (f.measure === 'not-replayed')
      return {
        fact: f.fact,
        source: src ? `${src.publisher}, ${src.date}` : '—',
        replayed: 'not replayed',
        expected: '—',
        value: null,
        ok: null,
        notReplayed: f.why ?? 'the scenario does not represent it',
      };
    const value = s ? measure(f, s, ctx) : null;
    return {
      fact: f.fact,
      source: src ? `${src.publisher}, ${src.date}` : '—',
      replayed: value === null ? '—' : show(f, value, ctx),
      expected: range(f, ctx),
      value,
      ok: value === null ? null : (f.min === undefined || value >= f.min) && (f.max === undefined || value <= f.max),
    };
  });
}

/** The table as rows of cells: sourced fact | source | replayed | faithful range | within? */
export function fidelityCells(rows: FidelityRow[]): { columns: string[]; rows: string[][] } {
  return {
    columns: ['sourced fact', 'source', 'replayed', 'faithful range', 'within tolerance?'],
    rows: rows.map((r) => [
      r.fact,
      r.source,
      r.replayed,
      r.expected,
      r.notReplayed !== undefined ? 'not replayed (below)' : r.ok === null ? '—' : r.ok ? 'yes' : 'NO',
    ]),
  };
}

function measure(f: FidelitySpec, s: Summary, ctx: FidelityContext): number | null {
  const scale = s.source.scale ?? 1;
  const timeScale = s.source.timeScale ?? 1;
  const of = f.of ?? [];
  const j = s.journeys;
  switch (f.measure) {
    case 'first-error': {
      if (!s.classes) return null;
      const errs = s.classes.overTime.filter(([, cls, n]) => cls === 'error' && n > 0).map(([sec]) => sec);
      if (errs.length === 0) return null;
      // Seconds since the opening, in run time → real minutes since the window's start.
      return ctx.openingMin + (Math.min(...errs) * timeScale) / 60;
    }
    case 'country-share': {
      if (!s.byCountry || !j || j.candidates === 0) return null;
      return of.reduce((a, c) => a + (s.byCountry?.[c]?.candidates ?? 0), 0) / j.candidates;
    }
    case 'country-count':
      return s.byCountry ? of.reduce((a, c) => a + (s.byCountry?.[c]?.candidates ?? 0), 0) / scale : null;
    case 'outcome-share':
      return j && j.candidates > 0
        ? of.reduce((a, o) => a + ((j.outcomes as Record<string, number>)[o] ?? 0), 0) / j.candidates
        : null;
    case 'outcome-count':
      return j ? of.reduce((a, o) => a + ((j.outcomes as Record<string, number>)[o] ?? 0), 0) / scale : null;
    case 'class-share': {
      if (!s.classes) return null;
      const byClass = s.classes.total as Record<string, number>;
      const total = Object.values(byClass).reduce((a, n) => a + n, 0);
      return total > 0 ? of.reduce((a, c) => a + (byClass[c] ?? 0), 0) / total : null;
    }
    case 'time-to-outcome-p50':
    case 'time-to-outcome-max': {
      const stats = j?.timeToOutcome[(of[0] ?? '') as keyof typeof j.timeToOutcome];
      if (!stats) return null;
      return ((f.measure === 'time-to-outcome-p50' ? stats.p50 : stats.max) * timeScale) / 60_000;
    }
    case 'accepted':
      return s.quota ? s.quota.accepted / scale : null;
    case 'oversold':
      return s.quota ? (s.quota.oversold ? 1 : 0) : null;
    case 'p95-ms': {
      if (of.length === 0) return s.latency.all?.p95 ?? null;
      const p = of.map((op) => s.latency.byOp[op]?.p95).filter((x): x is number => x !== undefined);
      return p.length ? Math.max(...p) : null;
    }
    case 'eoi-invited':
      return s.fairness?.eoi?.invited ?? null;
    case 'eoi-top-ranked':
      return s.fairness?.eoi ? (s.fairness.eoi.topRanked ? 1 : 0) : null;
    case 'not-replayed':
      return null;
  }
}

function show(f: FidelitySpec, v: number, ctx: FidelityContext): string {
  switch (f.measure) {
    case 'first-error':
      return clock(ctx.startsAt, v * 60_000).slice(11);
    case 'country-share':
    case 'outcome-share':
    case 'class-share':
      // One decimal: sourced ranges such as 8.8–11.6 % must read as written.
      return v === 0 ? pct(0) : `${num(v * 100, 1)} %`;
    case 'time-to-outcome-p50':
    case 'time-to-outcome-max':
      return duration(v * 60_000);
    case 'p95-ms':
      return duration(v);
    case 'oversold':
    case 'eoi-top-ranked':
      return v === 1 ? 'yes' : 'no';
    default:
      return count(Math.round(v));
  }
}

function range(f: FidelitySpec, ctx: FidelityContext): string {
  if ((f.measure === 'oversold' || f.measure === 'eoi-top-ranked') && f.min === f.max)
    return f.min === 1 ? 'yes' : 'no';
  const w = (v: number) => (f.measure === 'first-error' ? clock(ctx.startsAt, v * 60_000).slice(11) : show(f, v, ctx));
  if (f.min !== undefined && f.max !== undefined) return f.min === f.max ? w(f.min) : `${w(f.min)} – ${w(f.max)}`;
  if (f.min !== undefined) return `≥ ${w(f.min)}`;
  return f.max !== undefined ? `≤ ${w(f.max)}` : 'any';
}

/** "4 of 5 facts within tolerance"; facts the scenario does not replay are counted apart. */
export function fidelityVerdict(rows: FidelityRow[]): string {
  const replayable = rows.filter((r) => r.notReplayed === undefined);
  const known = replayable.filter((r) => r.ok !== null);
  const ok = known.filter((r) => r.ok).length;
  const apart = rows.length - replayable.length;
  return (
    `${num(ok, 0)} of ${num(replayable.length, 0)} sourced facts replayed within tolerance` +
    (known.length < replayable.length ? ` (${replayable.length - known.length} not measurable in this run)` : '') +
    (apart > 0 ? `; ${num(apart, 0)} not replayed by this scenario, said why` : '')
  );
}

/** One line per fact the scenario does not replay: the fact and why. */
export function fidelityNotReplayed(rows: FidelityRow[]): string[] {
  return rows.filter((r) => r.notReplayed !== undefined).map((r) => `not replayed: ${r.fact}: ${r.notReplayed}`);
}

/** The table as aligned text for a terminal (`rehearse scenarios show`). */
export function fidelityText(rows: FidelityRow[]): string {
  const { columns, rows: cells } = fidelityCells(rows);
  const all = [columns, ...cells];
  const widths = columns.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd())
    .join('\n');
}
