import { UsageError } from '../util/usage-error.js';
import { describeIssue, type Problem } from '../util/zod-problems.js';
import { ScenarioSchema } from './schema.js';
import type { ScenarioInput } from './types.js';

export type { Problem } from '../util/zod-problems.js';

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
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((i) => describeIssue(i, raw))),
    ...crossCheck(raw),
  ];
  if (problems.length > 0 || !parsed.success) throw new ScenarioInvalid(file, problems);
  const { $schema: _ignored, ...input } = parsed.data;
  return input;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Rules between fields, checked on whatever is well-formed. */
export function crossCheck(raw: unknown): Problem[] {
  if (!isObj(raw)) return [];
  const out: Problem[] = [];
  const win = isNum(raw.windowMin) && raw.windowMin > 0 ? raw.windowMin : undefined;
  if (win !== undefined && isNum(raw.openingMin) && raw.openingMin > win) {
    out.push({
      field: 'openingMin',
      expected: `expected a time within the window (0 to windowMin = ${win}), got ${raw.openingMin}`,
    });
  }
  if (Array.isArray(raw.curve)) {
    let prev = -Infinity;
    let positive = false;
    raw.curve.forEach((p, i) => {
      if (!isObj(p) || !isNum(p.atMin)) return;
      if (win !== undefined && p.atMin > win) {
        // Reported once, and left out of the order check so one slip is one line.
        out.push({
          field: `curve[${i}].atMin`,
          expected: `expected a time within the window (0 to windowMin = ${win}), got ${p.atMin}`,
        });
      } else {
        if (p.atMin < prev)
          out.push({
            field: `curve[${i}].atMin`,
            expected: `expected points in time order (≥ ${prev}), got ${p.atMin}`,
          });
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
    if (shares.length === 0)
      out.push({ field: 'countries', expected: 'expected at least one country, e.g. { "US": 50, "CA": 50 }' });
    else if (shares.every(isNum) && shares.every((s) => s === 0))
      out.push({ field: 'countries', expected: 'expected at least one share > 0' });
  }
  if (Array.isArray(raw.personas) && raw.personas.length > 0) {
    const shares = raw.personas.map((p) => (isObj(p) ? p.share : undefined));
    if (shares.every(isNum) && shares.every((s) => s === 0))
      out.push({ field: 'personas', expected: 'expected at least one share > 0' });
  }
  if (Array.isArray(raw.phases) && win !== undefined) {
    raw.phases.forEach((p, i) => {
      if (isObj(p) && isNum(p.atMin) && p.atMin > win) {
        out.push({
          field: `phases[${i}].atMin`,
          expected: `expected a time within the window (0 to windowMin = ${win}), got ${p.atMin}`,
        });
      }
    });
  }
  if (Array.isArray(raw.fidelity)) {
    const n = Array.isArray(raw.sources) ? raw.sources.length : 0;
    raw.fidelity.forEach((f, i) => {
      if (isObj(f) && isNum(f.source) && Number.isInteger(f.source) && f.source >= n) {
        out.push({
          field: `fidelity[${i}].source`,
          expected: `expected the index of one of the ${n} sources (0 to ${n - 1}), got ${f.source}`,
        });
      }
      if (isObj(f) && f.measure !== 'not-replayed' && f.min === undefined && f.max === undefined)
        out.push({
          field: `fidelity[${i}]`,
          expected: 'expected min, max or both: the range a faithful replay lands in',
        });
    });
  }
  if (Array.isArray(raw.sources)) {
    // The first form cited sources by a file name users do not have.
    raw.sources.forEach((src, i) => {
      if (isObj(src) && 'file' in src)
        out.push({
          field: `sources[${i}].file`,
          expected: 'expected a public citation instead: publisher, title, date (and url when known)',
        });
    });
  }
  if (isObj(raw.portal) && raw.portal.strategy === 'throttle' && raw.portal.maxActive === undefined) {
    out.push({
      field: 'portal.maxActive',
      expected: 'expected a cap on simultaneous requests for the throttle strategy',
    });
  }
  return out;
}
