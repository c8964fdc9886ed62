import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNS_COMPILED } from '../util/compiled.js';
import { displayPath } from '../util/display-path.js';
import { importModule } from '../util/import-module.js';
import { UsageError } from '../util/usage-error.js';
import { normalize } from './normalize.js';
import type { Knobs, Scenario, ScenarioInput } from './types.js';
import { validateScenario } from './validate.js';

// The built-in scenarios are scenarios/*.ts; the build compiles them to dist/scenarios/*.js,
// which the compiled CLI loads without a TypeScript loader.
export const BUILTIN_DIR = fileURLToPath(
  new URL(RUNS_COMPILED ? '../scenarios/' : '../../scenarios/', import.meta.url),
);
const BUILTIN_EXT = RUNS_COMPILED ? '.js' : '.ts';

/** A scenario that cannot be found or read: one line, exit code 2. */
export class ScenarioError extends UsageError {}

/** Names of the built-in scenarios (`scenarios/*.ts`), sorted. */
export function builtinScenarioNames(): string[] {
  return readdirSync(BUILTIN_DIR)
    .filter((f) => f.endsWith(BUILTIN_EXT) && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -BUILTIN_EXT.length))
    .sort();
}

/**
 * Loads a scenario by built-in name (`launch-day`) or by path to the user's own
 * file (`./my-day.ts` with a default export, or `./my-day.json`), validates it
 * (every problem listed, see validate.ts) and normalizes it with the knobs.
 */
export async function loadScenario(nameOrPath: string, knobs: Partial<Knobs> = {}): Promise<Scenario> {
  return normalize(await loadScenarioInput(nameOrPath), knobs);
}

/** Resolves a name or path to the file it means. */
export function scenarioFile(nameOrPath: string): string {
  const builtin = resolve(BUILTIN_DIR, `${nameOrPath}${BUILTIN_EXT}`);
  if (/^[a-z0-9-]+$/.test(nameOrPath) && existsSync(builtin)) return builtin;
  const file = resolve(nameOrPath);
  if (!existsSync(file)) {
    throw new ScenarioError(
      `${nameOrPath}: no built-in scenario of that name and no such file (built-ins: ${builtinScenarioNames().join(', ')})`,
    );
  }
  return file;
}

export async function loadScenarioInput(nameOrPath: string): Promise<ScenarioInput> {
  const file = scenarioFile(nameOrPath);
  const shown = displayPath(file);
  let raw: unknown;
  if (file.endsWith('.json')) {
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      throw new ScenarioError(`${shown}: not valid JSON (${(e as Error).message})`);
    }
  } else {
    let mod: { default?: unknown };
    try {
      mod = (await importModule(file)) as { default?: unknown };
    } catch (e) {
      throw new ScenarioError(`${shown}: could not be loaded (${(e as Error).message.split('\n')[0]})`);
    }
    if (mod.default === undefined) throw new ScenarioError(`${shown}: expected a default export with the scenario`);
    raw = mod.default;
  }
  return validateScenario(raw, shown);
}
