/**
 * Bundles the k6 driver, the journey machine and the target mapping into ONE
 * k6 script with esbuild. k6 runs JavaScript in its own runtime (goja), not Node,
 * so the bundle may import k6's built-in modules and nothing else; the run's
 * configuration (target, journey, options) is embedded as a literal. The candidates
 * come from population files (candidates-file.ts) or, with `config.derive`, from the
 * generator's own code run inside k6 (candidates-derived.ts), Faker included.
 */
import { build, type Metafile } from 'esbuild';
import { siblingPath } from '../../util/compiled.js';
import type { DriverConfig } from './config.js';

/** k6's built-in modules (https://grafana.com/docs/k6/latest/javascript-api/). */
export const K6_MODULES = [
  'k6',
  'k6/crypto',
  'k6/data',
  'k6/encoding',
  'k6/execution',
  'k6/html',
  'k6/http',
  'k6/metrics',
  'k6/net/grpc',
  'k6/timers',
  'k6/ws',
] as const;

// driver.ts from source, driver.js compiled: esbuild bundles either with what it imports.
const DRIVER = siblingPath('./driver', import.meta.url);
// The candidates' source: population files, or derived in k6 when the config says how.
const FROM_FILES = siblingPath('./candidates-file', import.meta.url);
const DERIVED = siblingPath('./candidates-derived', import.meta.url);

export interface Bundle {
  code: string;
  /** Modules the script imports (all of them k6's). */
  imports: string[];
}

/** Every import of a bundle that k6 lacks, and every sign of Node; empty when the bundle is sound. */
export function bundleProblems(code: string, imports: string[]): string[] {
  const problems: string[] = [];
  for (const m of imports)
    if (!(K6_MODULES as readonly string[]).includes(m)) problems.push(`imports "${m}", which k6 does not provide`);
  // The script is CommonJS (see bundleScript): require() of a k6 module is how it imports;
  // any other require(), or one with a computed name, is something k6 cannot load.
  for (const m of code.matchAll(/\brequire\s*\(\s*(?:"([^"]*)"|'([^']*)')?/g)) {
    const name = m[1] ?? m[2];
    if (name === undefined || !(K6_MODULES as readonly string[]).includes(name)) {
      problems.push(`calls require(${name === undefined ? '…' : JSON.stringify(name)}), which k6 does not provide`);
      break;
    }
  }
  // Faker feature-detects Buffer (`typeof Buffer > "u" ? … : Buffer.from(…)`) and takes the
  // other branch in k6, which has none: a Buffer use behind such a test is no problem.
  const buffer = /\bBuffer\.from\b/.test(code) && !/\btypeof Buffer\b/.test(code);
  if (/\bprocess\.(env|argv|exit)\b|from\s*["']node:/.test(code) || buffer)
    problems.push('uses a Node.js global or module');
  return problems;
}

/** The external imports esbuild recorded for the output. */
export function externalImports(meta: Metafile): string[] {
  const out = new Set<string>();
  for (const o of Object.values(meta.outputs)) for (const i of o.imports) if (i.external) out.add(i.path);
  return [...out].sort();
}

export async function bundleDriver(config: DriverConfig, banner = ''): Promise<Bundle> {
  return bundleScript(config, { banner });
}

export interface BundleOptions {
  banner?: string;
  /** Another entry than the driver, bundled the same way (tests bundle the candidate source alone). */
  entry?: string;
  /** An IIFE instead of CommonJS, and stand-ins for k6's modules: to run the code in Node (tests). */
  node?: { globalName: string; alias: Record<string, string> };
}

/** The k6 script: `entry` (the driver) with the run's configuration and candidate source. */
export async function bundleScript(config: DriverConfig, o: BundleOptions = {}): Promise<Bundle> {
  const banner = o.banner ?? '';
  // Only the Faker data the scenario's countries need: every VU holds what the script holds.
  const locales = config.derive
    ? (await import('../../population/faker-subset.js')).fakerSubset(config.derive.spec.countries.map((c) => c.code))
    : {};
  const result = await build({
    entryPoints: [o.entry ?? DRIVER],
    bundle: true,
    // CommonJS (`require("k6/http")`, `exports.default`), not an ES module: k6 before v0.52
    // cannot parse `import`/`export` and runs such a script through Babel inside goja first,
    // which for this ~300 kB bundle took k6 v0.47.0 83 s of CPU (220 s on a busy machine) and 2 GB,
    // at every start (docs/k6.md, "k6 versions"). goja parses CommonJS itself, in every k6
    // version (k6 wraps the script in `function(module, exports)`).
    ...(o.node ? { format: 'iife', globalName: o.node.globalName, alias: o.node.alias } : { format: 'cjs' }),
    platform: 'neutral',
    // ES2017 was for k6 v0.47's Babel, which rejects object spread. goja itself parses later
    // syntax (object spread and rest, ?., ?? checked with k6 v0.47.0), but an ES2020 build
    // measured no faster in k6 v1.3 (docs/k6.md), so the lowered, longest-proven form stays.
    target: 'es2017',
    external: o.node ? [] : [...K6_MODULES],
    plugins: [
      {
        // The configuration as a module of its own, pretty-printed so the script stays readable.
        name: 'rehearsal-config',
        setup(b) {
          b.onResolve({ filter: /^rehearsal:config$/ }, () => ({ path: 'config', namespace: 'rehearsal' }));
          b.onLoad({ filter: /^config$/, namespace: 'rehearsal' }, () => ({
            contents: `export default ${JSON.stringify(config, null, 2)};\n`,
            loader: 'js',
          }));
          // Faker's locale data (faker-subset.ts), parsed once per VU at init.
          b.onResolve({ filter: /^rehearsal:locales$/ }, () => ({ path: 'locales', namespace: 'rehearsal' }));
          b.onLoad({ filter: /^locales$/, namespace: 'rehearsal' }, () => ({
            contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(locales))});\n`,
            loader: 'js',
          }));
          b.onResolve({ filter: /^rehearsal:candidates$/ }, () => ({ path: config.derive ? DERIVED : FROM_FILES }));
        },
      },
    ],
    write: false,
    metafile: true,
    outfile: 'script.js',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    ...(banner ? { banner: { js: banner } } : {}),
  });
  const code = result.outputFiles[0]?.text ?? '';
  const imports = externalImports(result.metafile);
  const problems = bundleProblems(code, imports);
  if (problems.length > 0) throw new Error(`k6 bundle: ${problems.join('; ')}`);
  return { code, imports };
}
