import type { z } from 'zod';

/**
 * zod issues as the one-line problems users read: `field: what was expected, what was
 * found`. One describer for every file format validated with zod (scenario, target,
 * budget, run manifest), so a wrong type reads the same everywhere:
 *
 *   name: expected a string, got a number (5)
 *   name: required, expected a string              (the field is absent)
 *   personas[1].share: expected a number ≥ 0, got -1
 *
 * zod 4 does not put the offending value in its issues unless asked, so the value is
 * looked up in the raw input by the issue's path: an absent field and a field of the
 * wrong type are told apart by that, not by `issue.input` (which was always undefined,
 * so a number where a string belonged used to read "required").
 */
export interface Problem {
  /** `personas[2].share`, or `(top level)`. */
  field: string;
  /** `expected a number ≥ 0, got "ten"`. */
  expected: string;
}

type Path = ReadonlyArray<PropertyKey>;

/** `['personas', 2, 'share']` → `personas[2].share`; keys that are not identifiers are quoted: `countries["U S"]`. */
export function fieldName(path: Path): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(k))) out += out ? `.${String(k)}` : String(k);
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out || '(top level)';
}

/** The value at `path` in `root`, undefined when absent (an own property only: never a prototype's). */
export function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** A value as quoted in a message: JSON, cut at 40 characters. */
export function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  let s: string | undefined;
  try {
    s = typeof v === 'number' && !Number.isFinite(v) ? String(v) : typeof v === 'bigint' ? `${v}` : JSON.stringify(v);
  } catch {
    s = undefined;
  }
  s ??= String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** What kind of JSON value `v` is, with its article: `a number`, `a list`, `null`. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? 'a number' : 'a non-finite number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof v}`;
  }
}

const ARTICLE: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  tuple: 'a list',
  record: 'an object',
};

function bound(i: { origin?: string; inclusive?: boolean }, min: boolean, n: number | bigint): string {
  switch (i.origin) {
    case 'array':
    case 'set':
      return min ? `expected at least ${n} item${n === 1 ? '' : 's'}` : `expected at most ${n} items`;
    case 'string':
      return min ? `expected at least ${n} character${n === 1 ? '' : 's'}` : `expected at most ${n} characters`;
    default:
      return `expected a number ${min ? (i.inclusive ? '≥' : '>') : i.inclusive ? '≤' : '<'} ${typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: 20 }) : n}`;
  }
}

/** One zod issue (of a parse of `raw`) as problems: one each, or one per unknown key. */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): Problem[] {
  const at = (path: Path, expected: string): Problem => ({ field: fieldName(path), expected });
  const value = valueAt(raw, issue.path);
  const got = `, got ${shown(value)}`;
  switch (issue.code) {
    case 'invalid_type': {
      const want = ARTICLE[issue.expected] ?? issue.expected;
      if (value === undefined) return [at(issue.path, `required, expected ${want}`)];
      return [at(issue.path, `expected ${want}, got ${kindOf(value)}${value === null ? '' : ` (${shown(value)})`}`)];
    }
    case 'too_small':
      return [at(issue.path, `${bound(issue, true, issue.minimum)}${got}`)];
    case 'too_big':
      return [at(issue.path, `${bound(issue, false, issue.maximum)}${got}`)];
    case 'invalid_value':
      return [at(issue.path, `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${got}`)];
    case 'unrecognized_keys':
      return issue.keys.map((k) =>
        at([...issue.path, k], 'unknown field (check its spelling against the JSON schema)'),
      );
    case 'invalid_key':
      return [at(issue.path, `invalid key: ${issue.issues.map((i) => i.message).join('; ')}`)];
    case 'invalid_format': {
      const what =
        issue.format === 'datetime'
          ? 'an ISO 8601 date-time with offset, e.g. 2016-01-18T08:00:00-05:00'
          : issue.format === 'date'
            ? 'a date YYYY-MM-DD'
            : issue.format === 'regex'
              ? issue.message.replace(/^Invalid string: /, '')
              : issue.format;
      return [at(issue.path, `${what.startsWith('expected') ? what : `expected ${what}`}${got}`)];
    }
    case 'invalid_union':
      return [at(issue.path, `${issue.message.replace(/^Invalid input:?\s*/, '') || 'expected another shape'}${got}`)];
    default:
      return [
        at(
          issue.path,
          issue.message.startsWith('expected')
            ? `${issue.message}${got}`
            : `${issue.message.replace(/^Invalid input: /, '')}${got}`,
        ),
      ];
  }
}

/** Every issue of a failed parse, as `field: expected …` strings. */
export function problemLines(error: z.ZodError, raw: unknown): string[] {
  return error.issues.flatMap((i) => describeIssue(i, raw)).map((p) => `${p.field}: ${p.expected}`);
}
