import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { normalize } from './normalize.js';
import type { Knobs, Scenario, ScenarioInput } from './types.js';

const BUILTIN_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export class ScenarioError extends Error {}

/** Loads a scenario by built-in name or by path (TypeScript or JSON) and normalizes it. */
export async function loadScenario(nameOrPath: string, knobs: Partial<Knobs> = {}): Promise<Scenario> {
  return normalize(await loadScenarioInput(nameOrPath), knobs);
}

export async function loadScenarioInput(nameOrPath: string): Promise<ScenarioInput> {
  const builtin = resolve(BUILTIN_DIR, `${nameOrPath}.ts`);
  const file = existsSync(builtin) ? builtin : resolve(nameOrPath);
  if (!existsSync(file)) {
    throw new ScenarioError(`${nameOrPath}: no built-in scenario of that name and no such file`);
  }
  if (file.endsWith('.json')) {
    const { readFile } = await import('node:fs/promises');
    return JSON.parse(await readFile(file, 'utf8')) as ScenarioInput;
  }
  const mod = (await import(pathToFileURL(file).href)) as { default?: ScenarioInput };
  if (!mod.default) throw new ScenarioError(`${file}: expected a default export with the scenario`);
  return mod.default;
}
