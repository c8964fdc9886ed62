import { type Chart, type DataTable, isFigureColumn, type MissingChart } from './chart.js';
import type { ComparisonView } from './comparison.js';
import type { Narrative } from './narrative.js';
import { OKABE_ITO } from './palette.js';

/** Everything the page shows, already computed; `renderHtml` only lays it out. */
export interface PageContent {
  title: string;
  /** "scenario launch-day · engine node · seed 42 · …" */
  meta: string;
  /** What a scaled or time-compressed rehearsal stands for (src/report/real-day.ts); empty at full scale in real time. */
  scale?: string[];
  narrative: Narrative;
  charts: Array<{ chart: Chart; svg: string } | MissingChart>;
  comparison?: ComparisonView;
  tables: DataTable[];
}

export function esc(s: string | number): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function tableHtml(t: DataTable, cls = 'data'): string {
  const num = t.columns.map((_, i) => i > 0 && isFigureColumn(t, i));
  const head = t.columns.map((c, i) => `<th scope="col"${num[i] ? ' class="num"' : ''}>${esc(c)}</th>`).join('');
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td${num[i] ? ' class="num"' : ''}>${esc(c)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return (
    `<table class="${cls}"><caption>${esc(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>` +
    (t.note ? `<p class="note">${esc(t.note)}</p>` : '')
  );
}

/**
 * The SVG drawn 1.25 times its natural size (vega lays charts out for 11–12 px labels,
 * small on a page of 16 px text); the same factor for every chart keeps their text
 * alike, and CSS max-width shrinks them on narrow screens.
 */
export function scaleSvg(svg: string, factor = 1.25): string {
  return svg.replace(
    /^<svg([^>]*?) width="([\d.]+)" height="([\d.]+)"/,
    (_m, pre: string, w: string, h: string) =>
      `<svg${pre} width="${Math.round(Number(w) * factor)}" height="${Math.round(Number(h) * factor)}"`,
  );
}

/**
 * The heading is for navigation by assistive technology only: the chart draws its own
 * title (so the PNG carries it too). The inline SVG, labelled for assistive technology by the chart's title and
 * description; the table in `<details>` carries the same data as text.
 */
function figureHtml(c: { chart: Chart; svg: string } | MissingChart): string {
  if ('missing' in c) {
    return `<figure class="chart missing" id="chart-${esc(c.id)}" data-chart="${esc(c.id)}"><h3>${esc(c.title)}</h3><p>Not drawn: ${esc(c.missing)}.</p></figure>`;
  }
  const { chart, svg } = c;
  return `<figure class="chart" id="chart-${esc(chart.id)}" data-chart="${esc(chart.id)}">
<h3 class="visually-hidden">${esc(chart.title)}</h3>
<div class="svg" role="img" aria-label="${esc(`${chart.title}. ${chart.description}`)}">${scaleSvg(svg)}</div>
<figcaption>${esc(chart.description)} <span class="files"><a href="${esc(chart.id)}.vl.json">vega-lite spec</a> · <a href="${esc(chart.id)}.png">PNG</a></span></figcaption>
<details><summary>Data table</summary>${tableHtml(chart.table)}</details>
</figure>`;
}

const CSS = `
:root { color-scheme: light; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1a1a1a; background: #fafafa; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 64px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 40px 0 12px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 0 0 8px; }
.meta { color: #555; margin: 0 0 20px; font-size: .9rem; }
.scale { border-left: 4px solid ${OKABE_ITO.blue}; background: #eef5fb; padding: 4px 14px; margin: 0 0 16px; font-size: .95rem; }
.scale p { margin: 6px 0; }
.headline { font-size: 1.25rem; line-height: 1.45; margin: 0 0 12px; }
.warnings { border-left: 4px solid ${OKABE_ITO.vermillion}; background: #fff4ec; padding: 8px 12px 8px 28px; }
.verdict { font-weight: 600; }
figure.chart { background: #fff; border: 1px solid #e2e2e2; border-radius: 6px; margin: 0 0 24px; padding: 16px; }
figure.chart .svg svg { max-width: 100%; height: auto; display: block; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
tbody th { font-weight: normal; }
figure.missing { color: #555; }
figcaption { color: #333; font-size: .92rem; margin-top: 8px; }
.files { white-space: nowrap; }
details { margin-top: 8px; }
summary { cursor: pointer; color: ${OKABE_ITO.blue}; }
table { border-collapse: collapse; margin: 8px 0; font-size: .9rem; background: #fff; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid #e6e6e6; padding: 4px 10px; text-align: left; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #555; font-size: .85rem; margin: 0 0 12px; }
nav ol { columns: 2; padding-left: 20px; }
a { color: ${OKABE_ITO.blue}; }
footer { color: #666; font-size: .85rem; margin-top: 48px; }
`;

/** The whole page: self-contained (inline CSS and SVG, no script, no network). */
export function renderHtml(p: PageContent): string {
  const n = p.narrative;
  const warn = n.warnings.length
    ? `<ul class="warnings" role="alert">${n.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`
    : '';
  const toc = p.charts
    .map((c) => ('chart' in c ? c.chart : c))
    .map((c) => `<li><a href="#chart-${esc(c.id)}">${esc(c.title)}</a></li>`)
    .join('');
  const cmp = p.comparison
    ? `<section id="comparison"><h2>Comparison</h2><p class="verdict">${esc(p.comparison.verdict)}</p>` +
      (p.comparison.warnings.length
        ? `<ul class="warnings">${p.comparison.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`
        : '') +
      p.comparison.tables.map((t) => tableHtml(t)).join('\n') +
      '</section>'
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header><h1>${esc(p.title)}</h1><p class="meta">${esc(p.meta)}</p></header>
${p.scale?.length ? `<section id="scale" class="scale" aria-label="Scale of the rehearsal">${p.scale.map((x) => `<p>${esc(x)}</p>`).join('')}</section>` : ''}
<section id="narrative" aria-label="What happened">
<p class="headline">${esc(n.headline)}</p>
${n.details.map((d) => `<p>${esc(d)}</p>`).join('\n')}
${warn}
</section>
<nav aria-label="Charts"><ol>${toc}</ol></nav>
<section id="charts"><h2>Charts</h2>
${p.charts.map(figureHtml).join('\n')}
</section>
${cmp}
<section id="tables"><h2>Tables</h2>
${p.tables.map((t) => tableHtml(t)).join('\n')}
</section>
<footer>Written by launch-rehearsal from <a href="summary.json">summary.json</a>; the same words and tables are in <a href="summary.md">summary.md</a>. Colours: Okabe–Ito colour-blind-safe palette.</footer>
</main>
</body>
</html>
`;
}
