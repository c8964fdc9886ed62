import { UsageError } from '../../util/usage-error.js';

/**
 * Scenario objectives → k6 `options.thresholds`. Objectives are already written in
 * k6's syntax, `metric{tag:value}: p(95)<800` (several expressions may be joined
 * with commas), so compiling is grouping by metric and checking each expression
 * against k6's grammar (https://grafana.com/docs/k6/latest/using-k6/thresholds/):
 * every problem is reported at once, each naming the objective.
 */
const EXPRESSION = /^(avg|min|max|med|count|rate|value|p\(\d+(?:\.\d+)?\))\s*(<=|>=|===|==|!=|<|>)\s*-?\d+(?:\.\d+)?$/;
const METRIC = /^[A-Za-z_][\w]*(\{[^{}]+\})?$/;

export function compileThresholds(objectives: string[], where = 'scenario'): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const problems: string[] = [];
  objectives.forEach((text, i) => {
    // The metric part may contain a colon inside braces: split after the closing brace.
    const brace = text.indexOf('}');
    const colon = text.indexOf(':', brace >= 0 ? brace : 0);
    const metric = colon > 0 ? text.slice(0, colon).trim().replace(/\s+/g, '') : '';
    const exprs =
      colon > 0
        ? text
            .slice(colon + 1)
            .split(',')
            .map((e) => e.trim())
        : [];
    if (!METRIC.test(metric)) {
      problems.push(
        `objectives[${i}] "${text}": expected metric{tag:value}: expression, e.g. http_req_duration{op:submitApplication}: p(95)<800`,
      );
      return;
    }
    const bad = exprs.filter((e) => !EXPRESSION.test(e));
    if (exprs.length === 0 || bad.length > 0) {
      problems.push(
        `objectives[${i}] "${text}": expected expressions like p(95)<800 or rate<0.01, got "${bad.join(', ')}"`,
      );
      return;
    }
    (out[metric] ??= []).push(...exprs.map((e) => e.replace(/\s+/g, '')));
  });
  if (problems.length > 0) throw new UsageError(`${where}: ${problems.join('; ')}`);
  return out;
}
