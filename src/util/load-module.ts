import { pathToFileURL } from 'node:url';

/**
 * Loads a user's module (a scenario or target file) and returns its exports. TypeScript
 * goes through tsx's `tsImport`, which compiles it whatever the nearest package.json says:
 * a plain `import()` of a `.ts` file outside a `"type": "module"` folder makes Node treat it
 * as CommonJS and fail ("Cannot require() ES Module … in a cycle").
 */
export async function importUserModule(file: string): Promise<{ default?: unknown }> {
  const url = pathToFileURL(file).href;
  if (/\.[cm]?ts$/i.test(file)) {
    const { tsImport } = await import('tsx/esm/api');
    const mod = (await tsImport(url, import.meta.url)) as { default?: unknown };
    // Compiled as CommonJS, `export default x` arrives as { default: { default: x } }.
    const inner = mod.default as { default?: unknown; __esModule?: boolean } | undefined;
    if (inner && typeof inner === 'object' && 'default' in inner && Object.keys(inner).every((k) => k === 'default' || k === '__esModule')) {
      return { default: inner.default };
    }
    return mod;
  }
  return (await import(url)) as { default?: unknown };
}
