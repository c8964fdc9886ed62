import type { z } from 'zod';
import { UsageError } from '../util/usage-error.js';
import { ScenarioSchema } from './schema.js';
import type { ScenarioInput } from './types.js';

/** One problem in a scenario file: where, and what was expected there. */
export interface Problem {
  /** `personas[2].share`, or `(top level)`. */
  field: string;
  /** `expected a number ≥ 0, got "ten"`. */
  expected: string;
}

/** Every problem of a scenario file, one per line: `file: field: expected …`. Exit code 2. */
export class ScenarioInvalid extends UsageError {
  constructor(
    readonly file: string,
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => `${file}: ${p.field}: ${p.expected}`).join('\n'));
  }
}

/**
 * Checks a scenario in its authoring form and returns it typed, or throws
 * ScenarioInvalid listing EVERY problem, as k6's `Validate()` does: the schema's
 * issues (types, ranges, unknown fields) and the cross-field rules below, which run
 * on whatever parts are well-formed, so fixing one mistake never reveals another
 * that could have been reported the first time.
 */
export function validateScenario(raw: unknown, file: string): ScenarioInput {
  const parsed = ScenarioSchema.safeParse(raw);
  const problems = [...(parsed.success ? [] : parsed.error.issues.flatMap((i) => describeIssue(i, raw))), ...crossCheck(raw)];
  if (problems.length > 0 || !parsed.success) throw new ScenarioInvalid(file, problems);
  const { $schema: _ignored, ...input } = parsed.data;
  return input;
}

type Path = ReadonlyArray<PropertyKey>;

/** `['personas', 2, 'share']` → `personas[2].share`. */
export function fieldName(path: Path): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(k))) out += out ? `.${String(k)}` : String(k);
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out || '(top level)';
}

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
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
      return `expected a number ${min ? (i.inclusive ? '≥' : '>') : i.inclusive ? '≤' : '<'} ${n}`;
  }
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): Problem[] {
  const at = (path: Path, expected: string): Problem => ({ field: fieldName(path), expected });
  const got = `, got ${shown(valueAt(raw, issue.path))}`;
  switch (issue.code) {
    case 'invalid_type':
      return [at(issue.path, `expected ${ARTICLE[issue.expected] ?? issue.expected}${got}`)];
    case 'too_small':
      return [at(issue.path, `${bound(issue, true, issue.minimum)}${got}`)];
    case 'too_big':
      return [at(issue.path, `${bound(issue, false, issue.maximum)}${got}`)];
    case 'invalid_value':
      return [at(issue.path, `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${got}`)];
    case 'unrecognized_keys':
      return issue.keys.map((k) => at([...issue.path, k], 'unknown field (check its spelling against the JSON schema)'));
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
    default:
      return [at(issue.path, issue.message.startsWith('expected') ? `${issue.message}${got}` : issue.message)];
  }
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Rules between fields, checked on whatever is well-formed. */
export function crossCheck(raw: unknown): Problem[] {
  if (!isObj(raw)) return [];
  const out: Problem[] = [];
  const win = isNum(raw.windowMin) && raw.windowMin > 0 ? raw.windowMin : undefined;
  if (win !== undefined && isNum(raw.openingMin) && raw.openingMin > win) {
    out.push({ field: 'openingMin', expected: `expected a time within the window (0 to windowMin = ${win}), got ${raw.openingMin}` });
  }
  if (Array.isArray(raw.curve)) {
    let prev = -Infinity;
    let positive = false;
    raw.curve.forEach((p, i) => {
      if (!isObj(p) || !isNum(p.atMin)) return;
      if (win !== undefined && p.atMin > win) {
        // Reported once, and left out of the order check so one slip is one line.
        out.push({ field: `curve[${i}].atMin`, expected: `expected a time within the window (0 to windowMin = ${win}), got ${p.atMin}` });
      } else {
        if (p.atMin < prev) out.push({ field: `curve[${i}].atMin`, expected: `expected points in time order (≥ ${prev}), got ${p.atMin}` });
        prev = Math.max(prev, p.atMin);
      }
      if (isNum(p.rate) && p.rate > 0) positive = true;
    });
    if (raw.curve.length > 0 && !positive && raw.curve.every((p) => isObj(p) && isNum(p.rate))) {
      out.push({ field: 'curve', expected: 'expected at least one point with a rate > 0' });
    }
  }
  if (isObj(raw.countries)) {
    const shares = Object.values(raw.countries);
    if (shares.length === 0) out.push({ field: 'countries', expected: 'expected at least one country, e.g. { "US": 50, "CA": 50 }' });
    else if (shares.every(isNum) && shares.every((s) => s === 0)) out.push({ field: 'countries', expected: 'expected at least one share > 0' });
  }
  if (Array.isArray(raw.personas) && raw.personas.length > 0) {
    const shares = raw.personas.map((p) => (isObj(p) ? p.share : undefined));
    if (shares.every(isNum) && shares.every((s) => s === 0)) out.push({ field: 'personas', expected: 'expected at least one share > 0' });
  }
  if (Array.isArray(raw.phases) && win !== undefined) {
    raw.phases.forEach((p, i) => {
      if (isObj(p) && isNum(p.atMin) && p.atMin > win) {
        out.push({ field: `phases[${i}].atMin`, expected: `expected a time within the window (0 to windowMin = ${win}), got ${p.atMin}` });
      }
    });
  }
  if (isObj(raw.portal) && raw.portal.strategy === 'throttle' && raw.portal.maxActive === undefined) {
    out.push({ field: 'portal.maxActive', expected: 'expected a cap on simultaneous requests for the throttle strategy' });
  }
  return out;
}
