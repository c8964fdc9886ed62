/**
 * `npm run bench`: runs every benchmark in this folder, one after the other (they
 * measure throughput, so they must not share the two cores), and passes flags on
 * (`npm run bench -- --quick` for a short version). Each benchmark prints its own
 * figures beside a peer measured in the same run, with the ratio.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
// Names come before the first flag; from it on, everything is passed on as given, so a
// flag's value (`--bound-ms 50`) stays with its flag instead of being read as a name.
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const only = firstFlag < 0 ? args : args.slice(0, firstFlag);
const flags = firstFlag < 0 ? [] : args.slice(firstFlag);
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .sort();
// A name that is a benchmark's own (`k6`) picks that one; otherwise it is a prefix
// (`k6-` picks k6-memory), so `npm run bench -- k6` does not also run k6-memory.
const files =
  only.length === 0
    ? all
    : all.filter((f) => only.some((o) => (all.includes(`${o}.ts`) ? f === `${o}.ts` : f.startsWith(o))));
if (files.length === 0) {
  process.stderr.write(
    `bench: no benchmark named ${only.join(', ')}; expected one of ${all.map((f) => f.slice(0, -3)).join(', ')}\n`,
  );
  process.exit(2);
}

let failed = 0;
for (const f of files) {
  process.stdout.write(`\n=== bench/${f} ===\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${f}`, ...flags], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
