import { pathToFileURL } from 'node:url';
import { RUNS_COMPILED } from './compiled.js';

/**
 * Imports a user's module (a scenario or target file) by path. The CLI runs compiled, in
 * plain Node, so a TypeScript file goes through tsx's `tsImport` (loaded on first use,
 * about 100 ms), which compiles it and what it imports whether Node would treat it as
 * an ES module or as CommonJS (a .ts file outside a `"type": "module"` package). JSON
 * and JavaScript files never load tsx. From source (tsx, vitest) a loader is already there.
 */
export async function importModule(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  if (RUNS_COMPILED && /\.[cm]?ts$/.test(file)) {
    const { tsImport } = await import('tsx/esm/api');
    const mod = (await tsImport(url, import.meta.url)) as { default?: { __esModule?: boolean } };
    // A file Node treats as CommonJS comes back as { default: module.exports }, with its
    // `export default` in module.exports.default (esbuild's output marks it __esModule).
    return mod.default?.__esModule ? mod.default : mod;
  }
  return import(url);
}
