import { markdownCell, markdownTable } from '../util/markdown-table.js';
import { type DataTable, isFigureColumn } from './chart.js';
import type { PageContent } from './html.js';

export function tableMd(t: DataTable): string {
  const lines = [
    `**${markdownCell(t.caption)}**`,
    '',
    markdownTable(t.columns, t.rows, (i) => (i > 0 && isFigureColumn(t, i) ? 'right' : 'left')),
  ];
  if (t.note) lines.push('', `_${t.note}_`);
  return lines.join('\n');
}

/**
 * summary.md: the page's narrative and tables for terminals and pull requests, with
 * each chart as its PNG (the PNGs sit beside the file, so a PR comment can upload them).
 */
export function renderMarkdown(p: PageContent): string {
  const n = p.narrative;
  const out: string[] = [
    `# ${p.title}`,
    '',
    `_${p.meta}_`,
    '',
    ...(p.scale ?? []).flatMap((x) => [`> ${x}`, '>']).slice(0, -1),
    ...(p.scale?.length ? [''] : []),
    n.headline,
    '',
    ...n.details.flatMap((d) => [d, '']),
  ];
  if (n.warnings.length) out.push(...n.warnings.map((w) => `> **Warning:** ${w}`), '');
  if (p.comparison) {
    out.push('## Comparison', '', `**${p.comparison.verdict}**`, '');
    for (const w of p.comparison.warnings) out.push(`> ${w}`, '');
    for (const t of p.comparison.tables) out.push(tableMd(t), '');
  }
  out.push('## Charts', '');
  for (const c of p.charts) {
    if ('missing' in c) {
      out.push(`### ${c.title}`, '', `Not drawn: ${c.missing}.`, '');
      continue;
    }
    out.push(
      `### ${c.chart.title}`,
      '',
      `![${c.chart.title}](${c.chart.id}.png)`,
      '',
      c.chart.description,
      '',
      tableMd(c.chart.table),
      '',
    );
  }
  out.push('## Tables', '');
  for (const t of p.tables) out.push(tableMd(t), '');
  return out.join('\n');
}
