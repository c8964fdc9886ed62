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

  it('uses no Node built-in, no require, no dynamic import', async () => {
    const { code } = await bundleDriver(await config());
    expect(bundleProblems(code, await importsOf(code))).toEqual([]);
    // Code, not the JSDoc types a bundled library keeps (re2js: `@type {import('./index.js').RE2JS}`).
    const bare = code.replace(/\/\*[\s\S]*?\*\//g, '');
    expect(bare).not.toMatch(/\bimport\s*\(/);
    expect(bare).not.toMatch(/["']node:|\bprocess\.|\bBuffer\b|\b__dirname\b/);
  });

  it('exports what k6 runs: options, setup and a default function', async () => {
    const { code } = await bundleDriver(await config());
    expect(code).toMatch(/export\s*\{[^}]*\boptions\b[^}]*\}/);
    expect(code).toMatch(/export\s*\{[^}]*\bsetup\b[^}]*\}/);
    expect(code).toMatch(/export\s*\{[^}]*\bas default\b[^}]*\}/);
  });

  it('embeds the configuration and declares the toolkit metrics with their k6-format names', async () => {
    const { code } = await bundleDriver(await config());
    expect(code).toContain('"executor": "ramping-arrival-rate"');
    expect(code).toContain('"http_req_duration{op:submitApplication}"');
    for (const m of ['rehearsal_req', 'rehearsal_journey', 'rehearsal_lateness'])
      expect(code).toContain(`new Trend("${m}", true)`);
  });

  it('is byte-identical for the same inputs', async () => {
    const c = await config();
    expect((await bundleDriver(c)).code).toBe((await bundleDriver(c)).code);
  });

  it('flags what k6 lacks', () => {
    expect(bundleProblems('import fs from "node:fs"; require("x")', ['k6/http', 'node:fs'])).toEqual([
      'imports "node:fs", which k6 does not provide',
      'calls require(), which k6 scripts bundled as ES modules must not',
      'uses a Node.js global or module',
    ]);
  });
});
