import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The compiled CLI starts without loading what its commands use (issue 18): `--help` and
 * `scenarios list` must not import the report's charts (vega), the population generator
 * (faker), the portal (fastify), the k6 bundler (esbuild) or the TypeScript loader (tsx).
 * The modules are recorded by a resolve hook (record-imports.mjs), not timed: the time
 * itself is measured by bench/startup.ts.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOOK = fileURLToPath(new URL('./record-imports.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rehearse-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
const HEAVY = [
  'vega',
  'vega-lite',
  '@faker-js/faker',
  'fastify',
  'esbuild',
  'tsx',
  'undici',
  'better-sqlite3',
  '@resvg/resvg-js',
];

/** The packages under node_modules a run of the CLI imported, and whether it loaded src/ (it must not). */
function imports(args: string[]): { packages: Set<string>; fromSource: boolean; code: number | null } {
  const log = join(dir, `imports-${++runs}.log`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', HOOK, join(ROOT, 'bin/rehearse.js'), ...args], {
    env: { ...process.env, RECORD_IMPORTS: log },
    encoding: 'utf8',
  });
  const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const packages = new Set(urls.flatMap((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
  return { packages, fromSource: urls.some((u) => u.startsWith(`file://${ROOT}src/`)), code: r.status };
}

describe('rehearse starts without loading its subsystems', () => {
  it.each([[['--help']], [['scenarios', 'list']], [['analyze', '--help']]])('%j', (args) => {
    const r = imports(args);
    expect(r.code).toBe(0);
    expect(r.packages.has('yargs')).toBe(true); // the hook saw the imports
    expect(HEAVY.filter((p) => r.packages.has(p))).toEqual([]);
    expect(r.fromSource).toBe(false);
  });

  it('loads the TypeScript loader only for a user’s .ts file', () => {
    const file = join(dir, 'my-day.ts');
    const builtin = readFileSync(join(ROOT, 'scenarios/launch-day.ts'), 'utf8').replace(
      "'../src/scenario/types.js'",
      `'${join(ROOT, 'src/scenario/types.js')}'`,
    );
    writeFileSync(file, builtin);
    const r = imports(['scenarios', 'check', file]);
    expect(r.code).toBe(0);
    expect(r.packages.has('tsx')).toBe(true);
  });
});
