import type { Comparison } from '../types.js';
import { headline, methodNote, metricCells, STATUS_WORD } from './cells.js';

/** Pads columns to equal width (the printer returns a string; it never touches the terminal). */
export function alignTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c + ' '.repeat((widths[i] as number) - [...c].length))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The console view: metrics table, objectives, warnings, verdict line. */
export function renderConsole(c: Comparison): string {
  const out: string[] = [];
  if (c.kind === 'compare') {
    out.push(
      `base:      ${c.base.map((r) => r.dir).join(', ')}`,
      `candidate: ${c.candidate.map((r) => r.dir).join(', ')}`,
      '',
    );
    const rows = [['metric', 'base', 'candidate', 'change', `${Math.round(c.confidence * 100)}% CI`, 'p', 'verdict']];
    for (const m of c.metrics) {
      const x = metricCells(m);
      rows.push([
        x.metric,
        x.base,
        x.candidate,
        x.change,
        x.ci,
        x.p,
        x.verdict + (m.note && m.verdict === 'not enough data' ? ` (${m.note})` : ''),
      ]);
    }
    out.push(alignTable(rows), '');
  } else {
    out.push(`run: ${c.candidate.map((r) => r.dir).join(', ')}`, '');
  }
  if (c.objectives.length) {
    out.push(
      alignTable([
        ['status', 'objective', 'result'],
        ...c.objectives.map((o) => [STATUS_WORD[o.status], o.text, o.message]),
      ]),
      '',
    );
  }
  for (const w of c.warnings) out.push(`warning: ${w}`);
  out.push(methodNote(c), headline(c));
  return out.join('\n') + '\n';
}
