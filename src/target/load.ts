import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { importModule } from '../util/import-module.js';
import { UsageError } from '../util/usage-error.js';
import type { TargetFile } from './types.js';
import { validateTarget } from './validate.js';

/** A target file that failed validation: one line per problem. */
export class TargetError extends UsageError {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? (problems[0] as string)
        : `${problems.length} problems in the target file:\n  ${problems.join('\n  ')}`,
    );
  }
}

/** Reads a target file's raw data: JSON, or a TypeScript/JavaScript module's default export. */
export async function readTargetData(path: string): Promise<unknown> {
  const file = resolve(path);
  if (/\.(c|m)?[jt]s$/.test(file)) {
    let mod: { default?: unknown };
    try {
      mod = (await importModule(file)) as { default?: unknown };
    } catch (e) {
      throw new TargetError([`${path}: cannot load (${(e as Error).message.split('\n')[0]})`]);
    }
    if (mod.default === undefined) throw new TargetError([`${path}: expected a default export with the target`]);
    return mod.default;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new TargetError([`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`]);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new TargetError([`${path}: expected JSON (${(e as Error).message})`]);
  }
}

/** Loads and validates a target file; throws a TargetError listing every problem. */
export async function loadTarget(path: string): Promise<TargetFile> {
  const { target, problems } = validateTarget(await readTargetData(path), path);
  if (!target) throw new TargetError(problems);
  return target;
}
