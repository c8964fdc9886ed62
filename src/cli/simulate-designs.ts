import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../analyze/summary.js';
import type { SimResult } from '../engine/sim/run.js';
import type { JourneyStep } from '../journey/types.js';
import { STRATEGIES, type PortalOptions, type Strategy } from '../portal/index.js';
import { specHead } from '../report/charts/common.js';
import { count, duration, pct } from '../report/format.js';
import { tableMd } from '../report/markdown.js';
import { turnedAwayShare } from '../report/narrative.js';
import { CATEGORY_RANGE } from '../report/palette.js';
import { specToSvg, svgToPng } from '../report/render.js';
import { CHART_HEIGHT, CHART_WIDTH, timeAxis } from '../report/vl-config.js';
import type { Scenario } from '../scenario/types.js';
import { UsageError } from './errors.js';

/**
 * `simulate --compare-designs`: the same population (same seed, same candidates, same
 * personas and arrivals) against each portal design, and one comparison.
 *
 * What a design changes besides the portal's admission (each is how that design is
 * used, not a handicap): `waiting-room` puts the queue in front of the journey (join,
 * then poll until admitted); `eoi` replaces the rush for a first-come place by an
 * expression of interest, and the operator invites as many as there are places, once,
 * at the end of the arrival window — its "fill time" is that round.
 */
export interface DesignRow {
  design: Strategy;
  summary: Summary;
  places: number;
  fillTimeMs: number | null;
}

export function designScenario(s: Scenario, design: Strategy): Scenario {
  const steps = s.journey.steps.filter((st) => st.op !== 'enterQueue' && st.op !== 'pollQueue');
  const base = { ...s, portal: { ...s.portal, strategy: design } };
  if (design === 'waiting-room') {
    const queue: JourneyStep[] = [{ op: 'enterQueue' }, { op: 'pollQueue' }];
    return { ...base, journey: { ...s.journey, steps: [...queue, ...steps] } };
  }
  if (design === 'eoi') {
    const apply = steps.findIndex((st) => st.op === 'submitApplication');
    const eoiSteps = apply < 0 ? steps : [...steps.slice(0, apply), { op: 'submitInterest' as const }];
    const places = s.portal.quota ?? 0;
    return {
      ...base,
      journey: { ...s.journey, steps: eoiSteps, success: 'completed' },
      operator: places > 0 ? [{ op: 'inviteRound', size: places, atMs: s.windowMs - s.openingMs }] : [],
    };
  }
  return base;
}

export function parseDesigns(text: string): Strategy[] {
  const list = text
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  const bad = list.filter((d) => !(STRATEGIES as readonly string[]).includes(d));
  if (bad.length || list.length === 0)
    throw new UsageError(
      `--compare-designs: expected a comma-separated list of ${STRATEGIES.join(', ')}, got "${text}"`,
    );
  return [...new Set(list)] as Strategy[];
}

function row(design: Strategy, summary: Summary, scenario: Scenario): DesignRow {
  if (design === 'eoi') {
    const pool = (summary.portal as { pool?: { invited?: number } } | undefined)?.pool;
    const invited = pool?.invited ?? 0;
    // Places are awarded by the round, at its scheduled run time.
    const round = scenario.operator.find((a) => a.op === 'inviteRound');
    return { design, summary, places: invited, fillTimeMs: invited > 0 && round ? round.atMs : null };
  }
  return {
    design,
    summary,
    places: summary.quota?.accepted ?? 0,
    fillTimeMs: summary.quota?.filled ? summary.quota.fillTimeMs : null,
  };
}

/** The comparison table: one row per design. */
export function designTable(rows: DesignRow[]): { caption: string; columns: string[]; rows: string[][] } {
  const columns = [
    'design',
    'places',
    'fill time',
    'candidates placed',
    "Kendall's tau",
    'turned-away requests',
    'retry amplification',
    'median wait (placed)',
    'median time to outcome',
    'abandonment',
  ];
  const out = rows.map((r) => {
    const s = r.summary;
    const j = s.journeys;
    const placedTto = r.design === 'eoi' ? null : (j?.timeToOutcome.accepted?.p50 ?? null);
    const allP50 = j ? median(j.timeToOutcome) : null;
    const ta = turnedAwayShare(s);
    return [
      r.design,
      count(r.places),
      r.fillTimeMs !== null ? duration(r.fillTimeMs) : 'not filled',
      j?.candidates ? pct(r.places / j.candidates) : '–',
      r.design === 'eoi'
        ? s.fairness?.eoi
          ? s.fairness.eoi.topRanked
            ? 'top-ranked'
            : 'not top-ranked'
          : '–'
        : s.fairness?.kendallTau != null
          ? s.fairness.kendallTau.toFixed(3)
          : '–',
      ta !== null ? pct(ta) : '–',
      j ? j.retryAmplification.toFixed(2) : '–',
      placedTto !== null ? duration(placedTto) : '–',
      allP50 !== null ? duration(allP50) : '–',
      j ? pct(j.abandonment) : '–',
    ];
  });
  return { caption: 'Portal designs on the same population', columns, rows: out };
}

/** Median time to outcome over every outcome, from the per-outcome medians weighted by count (an approximation stated in the table's note). */
function median(tto: NonNullable<Summary['journeys']>['timeToOutcome']): number | null {
  const parts = Object.values(tto)
    .filter((x): x is NonNullable<typeof x> => !!x && x.count > 0)
    .sort((a, b) => a.p50 - b.p50);
  const n = parts.reduce((a, p) => a + p.count, 0);
  if (n === 0) return null;
  let seen = 0;
  for (const p of parts) {
    seen += p.count;
    if (seen >= n / 2) return p.p50;
  }
  return null;
}

/** Places awarded over time, one line per design. */
export function designChart(rows: DesignRow[], title: string): TopLevelSpec {
  const longest = Math.max(...rows.map((r) => r.summary.durationMs), 1);
  const ax = timeAxis(longest);
  const values = rows.flatMap((r) => {
    if (r.design === 'eoi') {
      return r.fillTimeMs === null
        ? []
        : [
            { design: r.design, t: 0, placed: 0 },
            { design: r.design, t: r.fillTimeMs / ax.div, placed: 0 },
            { design: r.design, t: r.fillTimeMs / ax.div, placed: r.places },
          ];
    }
    const curve = r.summary.quota?.curve ?? [];
    return [
      { design: r.design, t: 0, placed: 0 },
      ...curve.map(([ms, n]) => ({ design: r.design, t: ms / ax.div, placed: n })),
    ];
  });
  return {
    // A first-come quota fills in minutes, an invitation round comes hours later: a
    // symmetric log time axis shows both (linear near zero, logarithmic beyond).
    ...specHead(
      title,
      'Places awarded since the opening, per portal design, same population; time on a symmetric log scale',
      'Cumulative places awarded against time since the opening, one line per portal design.',
    ),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 't', type: 'quantitative', title: ax.title, scale: { type: 'symlog' } },
      y: { field: 'placed', type: 'quantitative', title: 'Places awarded' },
      color: { field: 'design', type: 'nominal', title: 'Design', scale: { range: CATEGORY_RANGE } },
    },
  } as TopLevelSpec;
}

export async function compareDesigns(o: {
  scenario: Scenario;
  model: PortalOptions;
  designs: string;
  outDir: string;
  run: (s: Scenario, m: PortalOptions, dir: string) => Promise<SimResult>;
}): Promise<{ table: string; markdown: string; report: string; json: unknown }> {
  const designs = parseDesigns(o.designs);
  await mkdir(o.outDir, { recursive: true });
  const rows: DesignRow[] = [];
  for (const d of designs) {
    const s = designScenario(o.scenario, d);
    const r = await o.run(s, { ...o.model, strategy: d }, join(o.outDir, d));
    rows.push(row(d, r.summary, s));
  }
  const t = designTable(rows);
  const title = `${o.scenario.title}: portal designs compared`;
  const note = `${count(o.scenario.population)} candidates (scale ${o.scenario.knobs.scale}), seed ${rows[0]?.summary.source.seed ?? ''}; turned-away requests: throttled or told the quota is full; median time to outcome: the median of the per-outcome medians weighted by count.`;
  const md = `# ${title}\n\n${note}\n\n${tableMd(t)}\n\n![places awarded over time](designs.svg)\n`;
  const spec = designChart(rows, title);
  const { svg } = await specToSvg(spec);
  await writeFile(join(o.outDir, 'designs.vl.json'), JSON.stringify(spec, null, 2) + '\n');
  await writeFile(join(o.outDir, 'designs.svg'), svg);
  await writeFile(join(o.outDir, 'designs.png'), svgToPng(svg));
  await writeFile(join(o.outDir, 'designs.md'), md);
  const json = {
    title,
    designs: rows.map((r) => ({
      design: r.design,
      places: r.places,
      fillTimeMs: r.fillTimeMs,
      runDir: join(o.outDir, r.design),
    })),
    table: t,
  };
  await writeFile(join(o.outDir, 'designs.json'), JSON.stringify(json, null, 2) + '\n');
  const widths = t.columns.map((c, i) => Math.max(c.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return {
    table: [line(t.columns), ...t.rows.map(line)].join('\n'),
    markdown: join(o.outDir, 'designs.md'),
    report: join(o.outDir, 'designs.svg'),
    json,
  };
}
