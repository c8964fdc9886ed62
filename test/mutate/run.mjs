#!/usr/bin/env node
// `npm run mutate [-- module…]`: Stryker on each named core module in turn (all by
// default), one module per run so a score is per module and a run can be resumed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MODULES = JSON.parse(readFileSync(new URL('./modules.json', import.meta.url), 'utf8'));

const names = process.argv.slice(2);
for (const n of names) {
  if (!(n in MODULES)) {
    process.stderr.write(`npm run mutate: unknown module "${n}": expected one of ${Object.keys(MODULES).join(', ')}\n`);
    process.exit(2);
  }
}
for (const name of names.length ? names : Object.keys(MODULES)) {
  process.stdout.write(`\nmutate: ${name}\n`);
  const r = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATE_MODULE: name },
  });
  if (r.status !== 0) process.exit(r.status ?? 70);
}
