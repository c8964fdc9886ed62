import type { z } from 'zod';
import { describeIssue as describeZodIssue, fieldName } from '../util/zod-problems.js';
import { OPERATIONS } from '../journey/types.js';
import { userRegex } from './user-regex.js';
import { TargetSchema } from './schema.js';
import { placeholders } from './template.js';
import { requestsOf, requestWhere } from './request.js';
import type { OperationSpec, RequestSpec, TargetFile } from './types.js';

/**
 * Roots a template may name (see TemplateContext in ./template.ts and the engines):
 * `operator` is the scenario's operator action ({{operator.size}}, {{operator.criteria}})
 * for operations an operator performs, such as inviteRound.
 */
const ROOTS = new Set(['candidate', 'vars', 'uuid', 'attempt', 'operator']);
/** Candidate fields (src/population/types.ts); `attributes.*` and `persona.*` are open. */
const CANDIDATE = new Set([
  'id',
  'seq',
  'seed',
  'arrivalMs',
  'firstName',
  'lastName',
  'email',
  'country',
  'locale',
  'persona',
  'attributes',
]);

/**
 * Validates a target file and returns EVERY problem, each naming the file, the field
 * and what was expected (k6's `Validate()` habit): first the shape (zod), then what
 * a schema cannot see — regular expressions that do not compile, JSON pointers,
 * templates naming unknown values, `{{vars.x}}` that no operation captures.
 */
export function validateTarget(data: unknown, file: string): { target?: TargetFile; problems: string[] } {
  const parsed = TargetSchema.safeParse(data);
  if (!parsed.success)
    return { problems: parsed.error.issues.flatMap((i) => describeIssue(i, data)).map((p) => `${file}: ${p}`) };
  const target = parsed.data as TargetFile;
  const problems = semanticProblems(target).map((p) => `${file}: ${p}`);
  return problems.length ? { problems } : { target, problems };
}

/** A zod issue as `field: expected …` lines; unknown keys say what to do about them. */
function describeIssue(i: z.core.$ZodIssue, data: unknown): string[] {
  // An operation is one request or a sequence: report the problems of the form it comes closest to.
  if (i.code === 'invalid_union' && i.errors.length > 0) {
    const closest = i.errors.reduce((a, b) => (b.length < a.length ? b : a));
    return closest.flatMap((e) => describeIssue({ ...e, path: [...i.path, ...e.path] } as z.core.$ZodIssue, data));
  }
  if (i.code === 'unrecognized_keys') {
    const where = fieldName(i.path);
    const keys = i.keys.map((k) => `"${k}"`).join(', ');
    if (where === 'operations')
      return [`operations: unknown operation ${keys}: expected one of ${OPERATIONS.join(', ')}`];
    return [`${where}: unknown field ${keys}: remove it or check its spelling`];
  }
  return describeZodIssue(i, data).map((p) => `${p.field}: ${p.expected}`);
}

function regexProblem(pattern: string, where: string): string | undefined {
  try {
    userRegex(pattern);
    return undefined;
  } catch (e) {
    return `${where}: expected a regular expression in RE2 syntax (linear time), got "${pattern}" (${(e as Error).message})`;
  }
}

/** Every templated string of an operation, with where it sits. */
export function templates(spec: RequestSpec, at: string): Array<[string, string]> {
  const out: Array<[string, string]> = [[`${at}.path`, spec.path]];
  for (const [field, rec] of [
    ['query', spec.query],
    ['headers', spec.headers],
    ['form', spec.form],
  ] as const) {
    for (const [k, v] of Object.entries(rec ?? {})) out.push([`${at}.${field}.${k}`, v]);
  }
  const walk = (v: unknown, where: string) => {
    if (typeof v === 'string') out.push([where, v]);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
  };
  if (spec.json !== undefined) walk(spec.json, `${at}.json`);
  return out;
}

function semanticProblems(t: TargetFile): string[] {
  const problems: string[] = [];
  const captured = new Set(Object.keys(t.variables ?? {}));
  for (const spec of Object.values(t.operations)) {
    for (const r of spec ? requestsOf(spec) : []) for (const name of Object.keys(r.capture ?? {})) captured.add(name);
  }
  const checkRules = (rules: TargetFile['classify'], at: string) =>
    (rules ?? []).forEach((r, i) => {
      if (r.body !== undefined) problems.push(regexProblem(r.body, `${at}[${i}].body`) ?? '');
      if (r.header?.match !== undefined) problems.push(regexProblem(r.header.match, `${at}[${i}].header.match`) ?? '');
      if (r.status === undefined && r.header === undefined && r.body === undefined)
        problems.push(
          `${at}[${i}]: expected at least one of status, header, body (a rule with none matches everything)`,
        );
    });
  checkRules(t.classify, 'classify');
  const headerTemplates: Array<[string, string]> = Object.entries(t.headers ?? {}).map(([k, v]) => [`headers.${k}`, v]);
  if (Object.keys(t.operations).length === 0)
    problems.push(`operations: expected at least one of ${OPERATIONS.join(', ')}`);
  for (const [op, opSpec] of Object.entries(t.operations) as Array<[string, OperationSpec]>) {
    if ('requests' in opSpec) checkRules(opSpec.classify, `operations.${op}.classify`);
    requestsOf(opSpec).forEach((spec, i) => {
      const at = requestWhere(opSpec, op, i);
      if (spec.json !== undefined && spec.form !== undefined) problems.push(`${at}: expected json or form, not both`);
      if (spec.method === 'GET' && (spec.json !== undefined || spec.form !== undefined))
        problems.push(`${at}: a GET request carries no body; use query`);
      checkRules(spec.classify, `${at}.classify`);
      for (const [name, rule] of Object.entries(spec.capture ?? {})) {
        if (rule.from === 'regex') problems.push(regexProblem(rule.pattern, `${at}.capture.${name}.pattern`) ?? '');
        else if (rule.regex !== undefined) problems.push(regexProblem(rule.regex, `${at}.capture.${name}.regex`) ?? '');
        if (rule.from === 'json' && rule.pointer !== '' && !rule.pointer.startsWith('/')) {
          problems.push(
            `${at}.capture.${name}.pointer: expected a JSON Pointer starting with "/", got "${rule.pointer}"`,
          );
        }
      }
      headerTemplates.push(...templates(spec, at));
    });
  }
  for (const [where, tpl] of headerTemplates) {
    for (const ph of placeholders(tpl)) {
      const [root, key] = ph.split('.');
      if (!ROOTS.has(root ?? ''))
        problems.push(`${where}: {{${ph}}}: expected a value under candidate, vars, uuid, attempt or operator`);
      else if (root === 'candidate' && key !== undefined && !CANDIDATE.has(key)) {
        problems.push(
          `${where}: {{${ph}}}: the candidate has no field "${key}"; expected one of ${[...CANDIDATE].join(', ')}`,
        );
      } else if (root === 'vars' && key !== undefined && !captured.has(key)) {
        problems.push(
          `${where}: {{${ph}}}: no operation captures "${key}"; add a capture rule or a default under variables`,
        );
      }
    }
  }
  return problems.filter(Boolean);
}
