import type { Comparison } from '../types.js';
import { markdownTable } from '../../util/markdown-table.js';
import { headline, methodNote, metricCells, STATUS_WORD } from './cells.js';

// Outside tables: a | or < in free text (messages, warnings) must not start markup.
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
// Inside tables markdownTable escapes |: only < is left to escape.
const lt = (s: string) => s.replace(/</g, '&lt;');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const ICON: Record<string, string> = {
  pass: '✅',
  fail: '❌',
  'no data': '⚪',
  skipped: '⏭️',
  regressed: '🔺',
  improved: '🟢',
  'no significant change': '·',
  'not enough data': '⚪',
};

/**
 * GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY or a pull-request comment:
 * the decision first, the objectives that decided it, then every metric.
 */
export function renderMarkdown(c: Comparison): string {
  const title = c.kind === 'compare' ? 'Rehearsal comparison' : 'Rehearsal check';
  const out = [
    `## ${c.passed ? '✅' : '❌'} ${title}: ${c.passed ? 'passed' : 'failed'}`,
    '',
    `**${esc(headline(c))}**`,
    '',
  ];
  if (c.kind === 'compare') {
    out.push(
      `Base: ${c.base.map((r) => code(r.dir)).join(', ')} · Candidate: ${c.candidate.map((r) => code(r.dir)).join(', ')}`,
      '',
    );
  } else {
    out.push(`Run: ${c.candidate.map((r) => code(r.dir)).join(', ')}`, '');
  }
  if (c.objectives.length) {
    const rows = c.objectives.map((o) => [
      `${ICON[o.status]} ${STATUS_WORD[o.status]}`,
      code(o.text),
      lt(o.message),
      lt(o.source),
    ]);
    out.push(markdownTable(['', 'objective', 'result', 'source'], rows), '');
  }
  if (c.metrics.length) {
    const rows = c.metrics.map((m) => {
      const x = metricCells(m);
      const verdict =
        m.verdict === 'regressed' ? `**${ICON[m.verdict]} regressed**` : `${ICON[m.verdict]} ${m.verdict}`;
      return [
        code(x.metric),
        x.base,
        x.candidate,
        x.change,
        x.ci,
        x.p,
        `${verdict}${m.note && m.verdict === 'not enough data' ? ` — ${lt(m.note)}` : ''}`,
      ];
    });
    const head = ['metric', 'base', 'candidate', 'change', `${Math.round(c.confidence * 100)} % CI`, 'p', 'verdict'];
    out.push(
      markdownTable(head, rows, (i) => (i >= 1 && i <= 5 ? 'right' : 'left')),
      '',
    );
  }
  if (c.warnings.length) out.push(...c.warnings.map((w) => `> ⚠️ ${esc(w)}`), '');
  out.push(`<sub>${esc(methodNote(c))}</sub>`, '');
  return out.join('\n');
}
