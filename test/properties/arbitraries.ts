import fc from 'fast-check';
import { expect } from 'vitest';
import { UsageError } from '../../src/util/usage-error.js';

/**
 * Shared pieces of the property tests (issue 19): how many cases, the values a hostile
 * or careless user puts in a file, mutations of a valid document, and the one
 * assertion every case makes: it works, or it is an input error (exit 2) whose every
 * line names the file or flag and says what was expected; never another exception.
 *
 * FUZZ_RUNS multiplies every count (FUZZ_RUNS=20 for a long run); FUZZ_SEED changes
 * the seed (the default is fixed, so CI sees the same cases every time).
 */
export const FACTOR = Number(process.env.FUZZ_RUNS ?? 1) || 1;
export const SEED = Number(process.env.FUZZ_SEED ?? 19);
export const runs = (n: number) => Math.max(1, Math.round(n * FACTOR));
export const params = (n: number): fc.Parameters<unknown> => ({ numRuns: runs(n), seed: SEED, endOnFailure: false });

/** Numbers that broke the toolkit before or sit on a boundary. */
export const nastyNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    0.5,
    2.5,
    1e15,
    1e300,
    1e308,
    -1e300,
    5e-324,
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 1,
    2 ** 31,
    2 ** 32,
    8.64e15,
    8.64e15 + 1,
  ),
);

export const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    'abc',
    'NaN',
    'Infinity',
    '-1',
    '1e309',
    '__proto__',
    'constructor',
    '\u0000',
    '../../etc/passwd',
    'a'.repeat(5000),
    '{{vars.x}}',
    '(a+)+$',
    'http://192.0.2.1/',
  ),
);

/** Any JSON value, with the nasty leaves weighted in. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyNumber },
  { weight: 3, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

type Path = Array<string | number>;

/** Every path to a value inside `doc` (objects and arrays walked, the root excluded). */
export function pathsOf(doc: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(doc)) doc.forEach((v, i) => (out.push([...at, i]), pathsOf(v, [...at, i], out)));
  else if (doc !== null && typeof doc === 'object')
    for (const [k, v] of Object.entries(doc)) out.push([...at, k]), pathsOf(v, [...at, k], out);
  return out;
}

type Mutation =
  | { kind: 'set'; path: number; value: unknown }
  | { kind: 'delete'; path: number }
  | { kind: 'add'; path: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), path: fc.nat(), value: anyValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      path: fc.nat(),
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor')),
      value: anyValue,
    }),
  },
);

/** A valid document with 1–4 of its values replaced, deleted or joined by a stray key. */
export function mutated(doc: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(doc);
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => {
    const copy = structuredClone(doc) as Record<string | number, unknown>;
    for (const m of ms) {
      const path = paths[m.path % paths.length] as Path;
      let parent: Record<string | number, unknown> | undefined = copy;
      for (const k of path.slice(0, -1))
        parent =
          parent && typeof parent[k] === 'object' && parent[k] !== null
            ? (parent[k] as Record<string | number, unknown>)
            : undefined;
      if (!parent) continue;
      const key = path[path.length - 1] as string | number;
      if (m.kind === 'set') parent[key] = m.value;
      else if (m.kind === 'delete') {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      } else if (typeof parent[key] === 'object' && parent[key] !== null && !Array.isArray(parent[key])) {
        Object.defineProperty(parent[key], m.key, {
          value: m.value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
    }
    return copy;
  });
}

/**
 * The contract: `fn` returns, or throws a UsageError whose every line names `where`
 * (the file, or the flag) and has a field and what was expected; no stack trace.
 */
export async function inputErrorOrOk<T>(fn: () => T | Promise<T>, where: string | RegExp): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof UsageError)) {
      throw new Error(`not an input error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    expectProblemLines(e.message, where);
    return undefined;
  }
}

export function expectProblemLines(message: string, where: string | RegExp): void {
  expect(message).not.toMatch(/\n\s+at /); // no stack trace
  for (const line of message.split('\n')) {
    if (/^\d+ problems in /.test(line)) continue; // the target's count header
    const l = line.trim();
    if (typeof where === 'string') expect(l.startsWith(where), `names ${where}: ${l}`).toBe(true);
    else expect(l, `names the place: ${l}`).toMatch(where);
    expect(l, 'says what was expected').toMatch(
      /expected|unknown|required|missing|not |cannot|no such|no operation|use |give |empty|at least|at most/i,
    );
  }
}
