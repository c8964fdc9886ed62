#!/usr/bin/env node
// Runs the CLI compiled to dist/ by `npm run build` (which `npm install` and `npm ci`
// run as `prepare`): plain Node, no TypeScript loader at start. During development,
// `npm run rehearse -- …` runs src/ through tsx instead.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write(
    `rehearse: ${main} is missing: run \`npm run build\` in ${fileURLToPath(new URL('..', import.meta.url))}\n`,
  );
  process.exit(70);
}
// Node 22.1+ keeps the compiled bytecode of the modules on disk between runs (a later
// start skips parsing them); Node 20 has no such cache and ignores this.
module.enableCompileCache?.();
await import(main);
