// `node --import ./record-imports.mjs …`: appends every module URL the program loads to
// the file named by $RECORD_IMPORTS, one a line (a module.register resolve hook, which
// runs off the main thread and so writes with fs, not the console).
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
import { appendFileSync } from 'node:fs';
const log = process.env.RECORD_IMPORTS;
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (log) appendFileSync(log, r.url + '\\n');
  return r;
}`),
);
