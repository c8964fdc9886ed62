import { Script } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleDriver, bundleProblems, externalImports, K6_MODULES } from '../../../src/engine/k6/bundle.js';
import type { DriverConfig } from '../../../src/engine/k6/config.js';
import { compileOptions } from '../../../src/engine/k6/options.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { normalize } from '../../../src/scenario/normalize.js';
import { loadTarget } from '../../../src/target/load.js';
import launchDay from '../../../scenarios/launch-day.js';

const scenario = normalize(launchDay);

async function config(): Promise<DriverConfig> {
  const target = await loadTarget('targets/reference.json');
  const compiled = compileOptions({
    scenario,
    population: [...generatePopulation(scenario, 3)],
    requestTimeoutMs: 10_000,
  });
  return {
    scenario: scenario.name,
    def: scenario.journey,
    target,
    baseUrl: 'http://127.0.0.1:8080',
    populationFiles: ['./population.json'],
    openingMs: scenario.openingMs,
    schedule: compiled.schedule,
    count: compiled.count,
    activationMs: compiled.activationMs,
    options: compiled.options,
  };
}

/** Imports of a finished script, found by a second, independent esbuild pass over its text. */
async function importsOf(code: string): Promise<string[]> {
  const r = await build({
    stdin: { contents: code, loader: 'js', sourcefile: 'script.js' },
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    external: ['*'],
    logLevel: 'silent',
  });
  return externalImports(r.metafile);
}

describe('the k6 bundle', () => {
  it('imports k6 modules and nothing else', async () => {
    const b = await bundleDriver(await config());
    expect(b.imports).toEqual(['k6', 'k6/data', 'k6/execution', 'k6/http', 'k6/metrics']);
    expect(await importsOf(b.code)).toEqual(b.imports);
    for (const m of b.imports) expect(K6_MODULES).toContain(m);
  });

  it('uses no Node built-in, no require of anything but k6, no dynamic import', async () => {
    const { code } = await bundleDriver(await config());
    expect(bundleProblems(code, await importsOf(code))).toEqual([]);
    // Code, not the JSDoc types a bundled library keeps (re2js: `@type {import('./index.js').RE2JS}`).
    const bare = code.replace(/\/\*[\s\S]*?\*\//g, '');
    expect(bare).not.toMatch(/\bimport\s*\(/);
    expect(bare).not.toMatch(/["']node:|\bprocess\.|\bBuffer\b|\b__dirname\b/);
  });

  it('is a classic script k6 wraps as CommonJS, exporting what k6 runs: options, setup, operator and a default function', async () => {
    const c = await config();
    const { code } = await bundleDriver(c);
    // As k6 compiles it (js/compiler: `(function(module, exports){…})`); a classic script
    // rejects `import`/`export`, the syntax that sends the script through Babel in k6 < v0.52.
    const wrapped = new Script(`(function(module, exports, require){\n${code}\n})`).runInNewContext({ __ENV: {} });
    // Every k6 API as an inert stand-in: only the module's shape is under test here.
    // A function (constructible, unlike an arrow) for `new Trend(…)`, `new SharedArray(…)`.
    const inert: object = new Proxy(function inertApi() {}, {
      get: (_t, k) => (k === '__esModule' || typeof k === 'symbol' ? undefined : inert),
      construct: () => inert,
      apply: () => inert,
    });
    const required: string[] = [];
    const module = { exports: {} as Record<string, unknown> };
    wrapped(module, module.exports, (name: string) => {
      required.push(name);
      return inert;
    });
    expect(Object.keys(module.exports).sort()).toEqual(['default', 'operator', 'options', 'setup']);
    expect(typeof module.exports.default).toBe('function');
    expect(typeof module.exports.setup).toBe('function');
    expect(typeof module.exports.operator).toBe('function');
    expect(module.exports.options).toEqual(c.options);
    expect([...new Set(required)].sort()).toEqual(['k6', 'k6/data', 'k6/execution', 'k6/http', 'k6/metrics']);
  });

  it('embeds the configuration and declares the toolkit metrics with their k6-format names', async () => {
    const { code } = await bundleDriver(await config());
    expect(code).toContain('"executor": "ramping-arrival-rate"');
    expect(code).toContain('"http_req_duration{op:submitApplication}"');
    for (const m of ['rehearsal_req', 'rehearsal_journey', 'rehearsal_lateness'])
      expect(code).toMatch(new RegExp(`new (import_metrics\\.)?Trend\\("${m}", true\\)`));
  });

  it('is byte-identical for the same inputs', async () => {
    const c = await config();
    expect((await bundleDriver(c)).code).toBe((await bundleDriver(c)).code);
  });

  it('flags what k6 lacks', () => {
    expect(
      bundleProblems('import fs from "node:fs"; require("k6/http"); require("x")', ['k6/http', 'node:fs']),
    ).toEqual([
      'imports "node:fs", which k6 does not provide',
      'calls require("x"), which k6 does not provide',
      'uses a Node.js global or module',
    ]);
    expect(bundleProblems('require(name)', [])).toEqual(['calls require(…), which k6 does not provide']);
    expect(bundleProblems('var h = require("k6/http"); var d = require(\'k6/data\');', [])).toEqual([]);
  });
});
