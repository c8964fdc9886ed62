#!/usr/bin/env node
/**
 * `npm run build` (and `prepare`, so `npm install` and `npm ci` run it): compiles the
 * TypeScript in src/ to JavaScript in dist/ once, so `rehearse` starts with plain
 * `node` and no TypeScript loader. Each file is transpiled on its own (no bundle) and
 * dist/ mirrors src/ at the same depth, so a path a module finds beside itself
 * (`new URL('../../package.json', import.meta.url)`, the native addon in build/,
 * targets/) means the same file from dist/ as from src/. The built-in scenarios
 * (scenarios/*.ts) go to dist/scenarios/; src/scenario/load.ts looks there when it
 * runs compiled. The library's type declarations go to dist/types/ (tsc, incremental).
 * Types are not checked here: that is `npm run typecheck`.
 *
 *   --no-types   the JavaScript only (the test setup: the CLI needs no declarations)
 *   --if-stale   do nothing when dist/ is newer than every source (the test setup)
 *   --quiet      no timing line
 *
 * The JavaScript is written to a fresh directory and swapped in by rename, so a CLI
 * started while a build runs (another test run in the same checkout) finds a whole dist/.
 * Plain JavaScript so that it runs on a fresh clone before anything is compiled.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist');
const STAMP = join(OUT, '.built');
const flag = (f) => process.argv.includes(f);

/** Every file under dir whose name passes keep, as paths relative to ROOT. */
function files(dir, keep) {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => relative(ROOT, join(e.parentPath ?? e.path, e.name)));
}

const isTs = (n) => n.endsWith('.ts') && !n.endsWith('.d.ts');
const sources = () => [...files('src', () => true), ...files('scenarios', isTs), 'scripts/build.mjs'];

function stale() {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  // A deleted source leaves its directory newer than the stamp.
  const dirs = ['src', 'scenarios', ...files('src', () => true).map((f) => join(f, '..'))];
  return [...sources(), ...dirs].some((f) => statSync(join(ROOT, f)).mtimeMs > built);
}

async function compile() {
  const next = mkdtempSync(join(ROOT, '.dist-'));
  const common = {
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    absWorkingDir: ROOT,
  };
  try {
    await build({ ...common, entryPoints: files('src', isTs), outbase: 'src', outdir: next });
    await build({
      ...common,
      entryPoints: files('scenarios', isTs),
      outbase: 'scenarios',
      outdir: join(next, 'scenarios'),
    });
    // Data the modules read beside themselves (JSON schemas).
    for (const f of files('src', (n) => !n.endsWith('.ts'))) cpSync(join(ROOT, f), join(next, relative('src', f)));
    // The declarations stay: tsc updates them incrementally.
    if (existsSync(join(OUT, 'types'))) renameSync(join(OUT, 'types'), join(next, 'types'));
    writeFileSync(join(next, '.built'), '');
    const old = existsSync(OUT) ? `${next}-old` : undefined;
    if (old) renameSync(OUT, old);
    renameSync(next, OUT);
    if (old) rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(next, { recursive: true, force: true });
    throw e;
  }
}

function findTsc() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    // A development dependency: an install without it (--omit=dev) gets the CLI and the
    // library without their type declarations.
    process.stderr.write('build: typescript is not installed: no type declarations in dist/types/\n');
    return undefined;
  }
}

const started = performance.now();
if (!flag('--if-stale') || stale()) await compile();
const tsc = flag('--no-types') ? undefined : findTsc();
if (tsc) {
  // A type error still emits the declarations; it must not leave a user without a CLI,
  // so it is reported here and fails `npm run typecheck` (CI), not the install.
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0)
    process.stderr.write('build: the type declarations were written with errors (see above; `npm run typecheck`)\n');
}
if (!flag('--quiet')) process.stderr.write(`build: src/ → dist/ in ${Math.round(performance.now() - started)} ms\n`);
