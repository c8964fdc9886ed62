import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Summary } from '../analyze/summary.js';
import { type Chart, type ChartInput, type DataTable, isMissing, type MissingChart } from './chart.js';
import { CHARTS } from './charts/index.js';
import { comparisonView } from './comparison.js';
import { renderHtml, type PageContent } from './html.js';
import { renderMarkdown } from './markdown.js';
import { narrate } from './narrative.js';
import { dayScale, scaleSentences, scaleWords } from './real-day.js';
import { fidelityCells, fidelityNotReplayed, fidelityVerdict, type FidelityRow } from './fidelity.js';
import { num } from './format.js';
import { specToSvg, svgToPng, systemFontsLikely } from './render.js';
import {
  byTable,
  checksTable,
  classesTable,
  groupsTable,
  keyFiguresTable,
  latencyByOpTable,
  metricsTable,
  outcomesTable,
} from './tables.js';

export interface ReportOptions {
  summary: Summary;
  outDir: string;
  /** A second run drawn beside this one in every chart (`--vs`). */
  baseline?: Summary;
  /** How the baseline is named in legends and tables (default "baseline"). */
  baselineLabel?: string;
  /** How this run is named when a baseline is present (default "this run"). */
  label?: string;
  /** A `Comparison` from src/compare (or rows of a comparison computed elsewhere). */
  comparison?: unknown;
  title?: string;
  /** The scenario's sourced facts against this run (src/report/fidelity.ts), shown first among the tables. */
  fidelity?: FidelityRow[] | null;
}

export interface ReportResult {
  /** Absolute path of index.html. */
  index: string;
  /** Every file written, absolute. */
  files: string[];
  /** E.g. no system fonts: PNGs written without text. */
  warnings: string[];
}

function metaLine(s: Summary): string {
  const parts = [
    s.source.scenario && `scenario ${s.source.scenario}`,
    s.source.target && `target ${s.source.target}`,
    s.source.engine && `engine ${s.source.engine}`,
    s.source.seed !== undefined && `seed ${s.source.seed}`,
    dayScale(s) && `scale ${scaleWords(s.source.scale ?? 1)}, time scale ${num(s.source.timeScale ?? 1)}×`,
    `opened ${new Date(s.openingEpochMs)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC')}`,
    `${s.source.files.length} recording file${s.source.files.length === 1 ? '' : 's'}, ${s.source.lines.toLocaleString('en-US')} lines`,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Sourced fact | replayed figure | within tolerance?, with the verdict under it; null without facts. */
function fidelityTable(rows: FidelityRow[] | null | undefined): DataTable | null {
  if (!rows?.length) return null;
  return {
    caption: 'Fidelity to the sourced day (real-day terms)',
    ...fidelityCells(rows),
    note: [
      `${fidelityVerdict(rows)}. The ranges are the scenario file's (\`fidelity\`), fitted at its default knobs.`,
      ...fidelityNotReplayed(rows).map((l) => `${l[0]?.toUpperCase()}${l.slice(1)}.`),
    ].join(' '),
  };
}

/** Builds every chart for the runs; each builder says when its data is missing. */
export function buildCharts(input: ChartInput): Array<Chart | MissingChart> {
  return CHARTS.map((b) => b(input));
}

/**
 * Writes the report for one run (and its baseline) into `outDir`:
 * summary.json, summary.md, index.html (self-contained), and per chart
 * `<id>.vl.json` (opens in the Vega editor), `<id>.svg` and `<id>.png`.
 *
 *   summary ─► chart builders ─► vega-lite specs ─► vega View (headless) ─► SVG ─► resvg ─► PNG
 *          └─► narrative, tables ───────────────────────────┴─► index.html, summary.md
 */
export async function writeReport(opts: ReportOptions): Promise<ReportResult> {
  const outDir = resolve(opts.outDir);
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const warnings: string[] = [];
  const put = async (name: string, data: string | Buffer) => {
    const p = join(outDir, name);
    await writeFile(p, data);
    files.push(p);
  };

  const hasBase = opts.baseline !== undefined;
  const run = { summary: opts.summary, label: opts.label ?? (hasBase ? 'this run' : 'run') };
  const baseline = opts.baseline ? { summary: opts.baseline, label: opts.baselineLabel ?? 'baseline' } : undefined;
  const input: ChartInput = baseline ? { run, baseline } : { run };

  await put('summary.json', JSON.stringify(opts.summary, null, 2) + '\n');

  if (!systemFontsLikely())
    warnings.push('no system font directory found: PNG charts are written without text (install fonts-dejavu-core)');
  const charts: PageContent['charts'] = [];
  for (const c of buildCharts(input)) {
    if (isMissing(c)) {
      charts.push(c);
      continue;
    }
    await put(`${c.id}.vl.json`, JSON.stringify(c.spec, null, 2) + '\n');
    const { svg, warnings: chartWarnings } = await specToSvg(c.spec);
    warnings.push(...chartWarnings.map((w) => `${c.id}: ${w}`));
    await put(`${c.id}.svg`, svg);
    await put(`${c.id}.png`, svgToPng(svg));
    charts.push({ chart: c, svg });
  }

  const runs = baseline ? [run, baseline] : [run];
  const page: PageContent = {
    title:
      opts.title ?? (opts.summary.source.scenario ? `Rehearsal: ${opts.summary.source.scenario}` : 'Rehearsal report'),
    meta: metaLine(opts.summary) + (baseline ? ` · compared with ${baseline.label}` : ''),
    scale: scaleSentences(opts.summary),
    narrative: narrate(opts.summary, baseline),
    charts,
    tables: [
      fidelityTable(opts.fidelity),
      keyFiguresTable(runs),
      classesTable(opts.summary),
      outcomesTable(opts.summary),
      latencyByOpTable(opts.summary),
      checksTable(opts.summary),
      groupsTable(opts.summary),
      byTable(opts.summary),
      metricsTable(opts.summary),
    ].filter((t) => t !== null),
    ...(opts.comparison !== undefined ? { comparison: comparisonView(opts.comparison) } : {}),
  };
  await put('summary.md', renderMarkdown(page));
  await put('index.html', renderHtml(page));
  return { index: join(outDir, 'index.html'), files, warnings };
}
