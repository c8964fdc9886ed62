import type { Comparison } from '../types.js';
import { headline, methodNote, metricCells, STATUS_WORD } from './cells.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const ICON: Record<string, string> = { pass: '✅', fail: '❌', 'no data': '⚪', skipped: '⏭️', regressed: '🔺', improved: '🟢', 'no significant change': '·', 'not enough data': '⚪' };

/**
 * GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY or a pull-request comment:
 * the decision first, the objectives that decided it, then every metric.
 */
export function renderMarkdown(c: Comparison): string {
  const title = c.kind === 'compare' ? 'Rehearsal comparison' : 'Rehearsal check';
  const out = [`## ${c.passed ? '✅' : '❌'} ${title}: ${c.passed ? 'passed' : 'failed'}`, '', `**${esc(headline(c))}**`, ''];
  if (c.kind === 'compare') {
    out.push(`Base: ${c.base.map((r) => code(r.dir)).join(', ')} · Candidate: ${c.candidate.map((r) => code(r.dir)).join(', ')}`, '');
  } else {
    out.push(`Run: ${c.candidate.map((r) => code(r.dir)).join(', ')}`, '');
  }
  if (c.objectives.length) {
    out.push('| | objective | result | source |', '|---|---|---|---|');
    for (const o of c.objectives) out.push(`| ${ICON[o.status]} ${STATUS_WORD[o.status]} | ${code(o.text)} | ${esc(o.message)} | ${esc(o.source)} |`);
    out.push('');
  }
  if (c.metrics.length) {
    out.push(`| metric | base | candidate | change | ${Math.round(c.confidence * 100)} % CI | p | verdict |`, '|---|--:|--:|--:|--:|--:|---|');
    for (const m of c.metrics) {
      const x = metricCells(m);
      const verdict = m.verdict === 'regressed' ? `**${ICON[m.verdict]} regressed**` : `${ICON[m.verdict]} ${m.verdict}`;
      out.push(`| ${code(x.metric)} | ${x.base} | ${x.candidate} | ${x.change} | ${x.ci} | ${x.p} | ${verdict}${m.note && m.verdict === 'not enough data' ? ` — ${esc(m.note)}` : ''} |`);
    }
    out.push('');
  }
  if (c.warnings.length) out.push(...c.warnings.map((w) => `> ⚠️ ${esc(w)}`), '');
  out.push(`<sub>${esc(methodNote(c))}</sub>`, '');
  return out.join('\n');
}
