import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { candidateCore, candidateSpec } from '../../population/candidate.js';
import type { Candidate } from '../../population/types.js';
import type { Scenario } from '../../scenario/types.js';
import { DEFAULT_TIMEOUT_MS, requestsOf } from '../../target/request.js';
import type { TargetFile } from '../../target/types.js';
import { bundleDriver } from './bundle.js';
import type { DriverConfig } from './config.js';
import { compileOptions, type CompiledOptions } from './options.js';
import { writePopulation, type PopulationFiles } from './population-file.js';

/**
 * Writes what `k6 run script.js` needs into a directory: the population file(s)
 * and the bundled script with the compiled options and the target embedded.
 * Shared by `rehearse run --engine k6` and `rehearse k6 export`.
 */
export interface PrepareInput {
  dir: string;
  scenario: Scenario;
  target: TargetFile;
  baseUrl: string;
  /** Non-loopback hosts the user allowed (--allow-host). */
  allowHosts?: string[];
  /**
   * The candidates, written beside the script as population files; or `{ derive: seed }`:
   * no files, the script derives candidate n itself from the seed (candidates-derived.ts).
   */
  population: Iterable<Candidate> | AsyncIterable<Candidate> | { derive: number };
  maxConcurrent?: number;
  /** Split the population into files of at most this size (ConfigMaps hold 1 MiB). */
  maxPopulationBytes?: number;
  /** Where the script finds the population at run time (default: beside it). */
  populationPrefix?: string;
  banner?: string;
  /**
   * Options already compiled for this population's arrivals and patience (derivedOptions:
   * the seed's candidates, derived or written, hold the same VUs): not compiled again.
   */
  compiled?: CompiledOptions;
}

export interface PreparedScript {
  script: string;
  populationFiles: string[];
  count: number;
  compiled: CompiledOptions;
  config: DriverConfig;
}

/**
 * What the options compiler needs of a population the script derives itself: its size
 * and each candidate's patience (the VUs it holds), from the personas alone. (k6 runs
 * only arrivals on the shared clock, so the size is the scenario's: options.ts refuses
 * 'poisson'.)
 */
function derivedPopulation(scenario: Scenario, seed: number): PopulationFiles {
  const arrivals = Array.from({ length: scenario.population }, (_, n) => ({
    persona: { patienceMs: candidateCore(scenario, seed, n).patienceMs },
  }));
  return { files: [], count: arrivals.length, arrivals };
}

/** The options of a script for the seed's candidates, compiled without writing or bundling it. */
export function derivedOptions(scenario: Scenario, seed: number, target: TargetFile): CompiledOptions {
  return compileOptions({
    scenario,
    population: derivedPopulation(scenario, seed).arrivals,
    requestTimeoutMs: longestTimeout(target),
  });
}

/** Longest a request may take under this target. */
export function longestTimeout(target: TargetFile): number {
  // An operation of several requests may take each one's timeout in turn.
  const each = (ms: number | undefined) => ms ?? target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const own = Object.values(target.operations).map((o) =>
    o ? requestsOf(o).reduce((sum, r) => sum + each(r.timeoutMs), 0) : 0,
  );
  return Math.max(each(undefined), ...own);
}

export async function prepareScript(p: PrepareInput): Promise<PreparedScript> {
  const derive = 'derive' in p.population ? { seed: p.population.derive, spec: candidateSpec(p.scenario) } : undefined;
  const pop =
    'derive' in p.population
      ? p.compiled
        ? { files: [], count: p.scenario.population, arrivals: [] }
        : derivedPopulation(p.scenario, p.population.derive)
      : await writePopulation(p.dir, p.population, p.maxPopulationBytes ? { maxBytes: p.maxPopulationBytes } : {});
  const compiled =
    p.compiled ??
    compileOptions({
      scenario: p.scenario,
      population: pop.arrivals,
      requestTimeoutMs: longestTimeout(p.target),
      ...(p.maxConcurrent !== undefined ? { maxConcurrent: p.maxConcurrent } : {}),
    });
  const config: DriverConfig = {
    scenario: p.scenario.name,
    def: p.scenario.journey,
    target: p.target,
    baseUrl: p.baseUrl,
    allowHosts: p.allowHosts ?? [],
    populationFiles: pop.files.map((f) => `${p.populationPrefix ?? './'}${f}`),
    ...(derive ? { derive } : {}),
    openingMs: p.scenario.openingMs,
    schedule: compiled.schedule,
    count: pop.count,
    activationMs: compiled.activationMs,
    options: compiled.options,
    operator: p.scenario.operator,
    operatorScenarios: compiled.operatorScenarios,
  };
  const bundle = await bundleDriver(config, p.banner);
  const script = join(p.dir, 'script.js');
  await writeFile(script, bundle.code);
  return { script, populationFiles: pop.files, count: pop.count, compiled, config };
}
