import { formatValue } from '../format.js';
import type { Comparison } from '../types.js';
import { methodNote } from './cells.js';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * JUnit XML, one test case per objective (the format CI systems show as tests):
 * `fail` is a <failure>, `no data` and `skipped` are <skipped>. Regressed metrics
 * without an objective are listed in <system-out>, not failed.
 */
export function renderJUnit(c: Comparison): string {
  const suite = `rehearse ${c.kind}`;
  const failures = c.objectives.filter((o) => o.status === 'fail').length;
  const skipped = c.objectives.filter((o) => o.status === 'no data' || o.status === 'skipped').length;
  const cases = c.objectives.map((o) => {
    const head = `    <testcase classname="${xml(`rehearse.${c.kind}.${o.kind}`)}" name="${xml(o.text)}">`;
    const body =
      o.status === 'fail'
        ? `      <failure message="${xml(o.message)}" type="${o.kind === 'relative' ? 'regression' : 'objective'}">${xml(`${o.source}\n${o.message}`)}</failure>\n`
        : o.status === 'pass'
          ? `      <system-out>${xml(o.message)}</system-out>\n`
          : `      <skipped message="${xml(o.message)}"/>\n`;
    return `${head}\n${body}    </testcase>`;
  });
  const notes = [
    methodNote(c),
    ...c.metrics
      .filter((m) => m.verdict === 'regressed')
      .map(
        (m) =>
          `regressed (no objective): ${m.key} ${formatValue(m.base, m.unit)} -> ${formatValue(m.candidate, m.unit)}`,
      ),
    ...c.warnings.map((w) => `warning: ${w}`),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${suite}" tests="${c.objectives.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="${suite}" tests="${c.objectives.length}" failures="${failures}" skipped="${skipped}" errors="0">`,
    ...cases,
    `    <system-out>${xml(notes.join('\n'))}</system-out>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
