import { fileURLToPath } from 'node:url';

/**
 * Whether this code runs compiled (dist/*.js, as the `rehearse` binary does) or from its
 * TypeScript source (src/*.ts under tsx or vitest, in development and tests). The two
 * differ in what they can import without help: compiled code runs in plain Node, which
 * cannot load a `.ts` file; source code runs under a loader that can.
 */
export const RUNS_COMPILED = import.meta.url.endsWith('.js');

/**
 * The URL of a module of this package beside `base` (an `import.meta.url`), named without
 * its extension: `./worker-main` is `./worker-main.js` compiled, `./worker-main.ts` from source.
 */
export function siblingModule(name: string, base: string): URL {
  return new URL(`${name}${RUNS_COMPILED ? '.js' : '.ts'}`, base);
}

/** The file of `siblingModule(name, base)`, for tools that take a path (esbuild). */
export function siblingPath(name: string, base: string): string {
  return fileURLToPath(siblingModule(name, base));
}
