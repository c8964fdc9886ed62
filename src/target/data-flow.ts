import type { Operation } from '../journey/types.js';
import { requestsOf, requestWhere } from './request.js';
import { placeholders } from './template.js';
import type { TargetFile } from './types.js';
import { templates } from './validate.js';

/**
 * Follows a journey's values through a target file: each `{{vars.x}}` a request uses must
 * be a default under `variables` or be captured by a request that runs before it — an
 * earlier request of the same operation, or an earlier operation of the journey. A file
 * can be valid on its own and still not work for a journey (the value comes only from an
 * operation the journey never runs, or from one it runs later); this says which.
 * Returns one line per problem (empty when the flow holds), with `where` naming the journey.
 */
export function dataFlowProblems(target: TargetFile, journey: readonly Operation[], where: string): string[] {
  const problems: string[] = [];
  const capturedBy = new Map<string, string[]>();
  for (const [op, spec] of Object.entries(target.operations)) {
    for (const r of spec ? requestsOf(spec) : [])
      for (const name of Object.keys(r.capture ?? {})) capturedBy.set(name, [...(capturedBy.get(name) ?? []), op]);
  }
  const known = new Set(Object.keys(target.variables ?? {}));
  const shared = Object.entries(target.headers ?? {}).map(([k, v]): [string, string] => [`headers.${k}`, v]);
  const ran = new Set<string>();
  const said = new Set<string>();
  for (const op of journey) {
    const spec = target.operations[op];
    if (!spec) {
      problems.push(`operations.${op}: ${where} runs it; expected a mapping for it`);
      continue;
    }
    requestsOf(spec).forEach((r, i) => {
      for (const [at, tpl] of [...templates(r, requestWhere(spec, op, i)), ...shared]) {
        for (const ph of placeholders(tpl)) {
          const [root, name] = ph.split('.');
          if (root !== 'vars' || name === undefined || known.has(name) || said.has(`${at}|${name}`)) continue;
          said.add(`${at}|${name}`);
          const by = [...new Set(capturedBy.get(name) ?? [])];
          const later = by.filter((o) => journey.includes(o as Operation) && !ran.has(o));
          const why =
            by.length === 0
              ? 'no operation captures it'
              : later.length > 0
                ? `it is captured only later, by operations.${later.join(', operations.')}`
                : `only operations.${by.join(', operations.')} ${by.length > 1 ? 'capture' : 'captures'} it, which ${where} never runs`;
          problems.push(`${at}: {{${ph}}} is used before ${where} captures it: ${why}`);
        }
      }
      for (const name of Object.keys(r.capture ?? {})) known.add(name);
    });
    ran.add(op);
  }
  return problems;
}
