/**
 * Every engine starts candidate n at the same instant, defined once
 * (src/scenario/arrival-clock.ts): the population stamps it on the candidate, the node
 * engine and the simulator start the candidate at it, and k6's ramping-arrival-rate
 * executor starts iteration n at it from the stages in the script's options.
 *
 * Pure part (always): the population's arrival of n against the k6 driver's scheduled
 * start (the embedded schedule), against the executor's start computed from the option
 * strings k6 reads (and, with k6 installed, from the options as `k6 inspect` parsed
 * them), to 1 µs. Run part: a node run and a sim run of the same population, each
 * journey point's time minus its time to outcome is that candidate's start in the
 * engine's run time, to the NDJSON's millisecond.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import { rehearse } from '../../src/cli/rehearsal.js';
import { prepareScript, longestTimeout } from '../../src/engine/k6/script.js';
import { compileOptions } from '../../src/engine/k6/options.js';
import { runSim } from '../../src/engine/sim/run.js';
import { generatePopulation } from '../../src/population/generate.js';
import type { Candidate } from '../../src/population/types.js';
import { iterationClock } from '../../src/scenario/arrival-clock.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';
import { loadTarget } from '../../src/target/load.js';
import { parseTime } from '../../src/results/k6-format.js';
import { haveK6, k6Label } from './k6/have-k6.js';
import { rush } from './k6/fixtures.js';
import { tempDirs } from './k6/tmp.js';

const tmp = tempDirs('same-arrivals-');
const k6 = haveK6();

/** A Go duration as k6 prints it ("1m0s", "833.333ms", "1h0m0s", "3.5µs") in ms. */
function goDurationMs(d: string): number {
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 1e-3, µs: 1e-3, ns: 1e-6 };
  let ms = 0;
  let rest = d;
  while (rest.length > 0) {
    const m = /^(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/.exec(rest);
    if (!m) throw new Error(`not a Go duration: ${d}`);
    ms += Number(m[1]) * (unit[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return ms;
}

interface StageOptions {
  startRate: number;
  timeUnit: string;
  stages: Array<{ duration: string; target: number }>;
}

/** The executor's start of iteration n (1-based), from the options as k6 reads them. */
function executorClock(o: StageOptions): (n: number) => number {
  return iterationClock({
    startRate: o.startRate,
    stages: o.stages,
    unitMs: goDurationMs(o.timeUnit),
    stageMs: o.stages.map((s) => goDurationMs(s.duration)),
  });
}

function expectSameClock(pop: Candidate[], clock: (n: number) => number, openingMs: number, what: string): void {
  let worst = 0;
  for (const c of pop) worst = Math.max(worst, Math.abs(clock(c.seq + 1) - openingMs - c.arrivalMs));
  expect(worst, what).toBeLessThan(1e-3);
}

async function scenarios(): Promise<Scenario[]> {
  return [
    rush,
    await loadScenario('launch-day'),
    await loadScenario('election-night'),
    await loadScenario('eoi-draw', { scale: 0.1 }),
  ];
}

describe('one arrival clock for every engine', () => {
  it('the population arrives when the k6 driver and executor start each iteration (to 1 µs)', async () => {
    for (const s of await scenarios()) {
      const pop = [...generatePopulation(s, 3, { identity: false })];
      expect(pop).toHaveLength(s.population);
      const compiled = compileOptions({ scenario: s, population: pop, requestTimeoutMs: 10_000 });
      expect(compiled.count).toBe(pop.length);
      // The driver's due time (src/engine/k6/driver.ts: scheduled(n + 1) − openingMs).
      expectSameClock(pop, iterationClock(compiled.schedule), s.openingMs, `${s.name}: driver`);
      // The executor's, from the option strings in the script.
      const options = Object.values(compiled.options.scenarios).find(
        (o) => o.executor === 'ramping-arrival-rate',
      ) as StageOptions;
      expectSameClock(pop, executorClock(options), s.openingMs, `${s.name}: executor`);
    }
  }, 60_000);

  it.skipIf(!k6)(
    `k6 parses the script's stages into the same clock (${k6Label(k6)})`,
    async () => {
      const dir = await tmp();
      const target = await loadTarget('targets/reference.json');
      const pop = [...generatePopulation(rush, 3)];
      const prepared = await prepareScript({
        dir,
        scenario: rush,
        target,
        baseUrl: 'http://127.0.0.1:9',
        population: pop,
      });
      expectSameClock(pop, iterationClock(prepared.config.schedule), prepared.config.openingMs, 'embedded config');
      const inspected = JSON.parse(
        execFileSync(k6 as string, ['inspect', prepared.script], { encoding: 'utf8', cwd: dir }),
      );
      const executor = Object.values(inspected.scenarios as Record<string, StageOptions & { executor: string }>).find(
        (o) => o.executor === 'ramping-arrival-rate',
      ) as StageOptions;
      expectSameClock(pop, executorClock(executor), rush.openingMs, 'k6 inspect');
      expect(longestTimeout(target)).toBeGreaterThan(0);
    },
    60_000,
  );

  it('a node run and a sim run start each candidate at its arrival', async () => {
    // eoi-draw: 160 candidates over 6 s of run time, an operator round at the end.
    const scenario = await loadScenario('eoi-draw', { scale: 0.01, timeScale: 3_081_600 });
    const pop = new Map([...generatePopulation(scenario, 5, { identity: false })].map((c) => [c.id, c.arrivalMs]));
    const target = await loadTarget('targets/reference.json');
    for (const engine of ['sim', 'node']) {
      const outDir = await tmp();
      // The simulator writes samples only when asked (rehearse runs it for its summary).
      const { manifest } =
        engine === 'sim'
          ? await runSim({
              scenario,
              population: generatePopulation(scenario, 5, { identity: false }),
              populationSize: scenario.population,
              target,
              baseUrl: '',
              outDir,
              seed: 5,
              writeSamples: 'all',
            })
          : (await rehearse({ scenario: 'eoi-draw', scale: 0.01, timeScale: 3_081_600, seed: 5, engine, outDir })).run;
      const zero = manifest.openingEpochMs;
      const starts = new Map<string, number>();
      for (const f of manifest.samples) {
        for (const line of (await readFile(join(outDir, f), 'utf8')).split('\n')) {
          if (!line.startsWith('{"type":"Point"') || !line.includes('"metric":"rehearsal_journey"')) continue;
          const p = JSON.parse(line) as { data: { time: string; value: number; tags: Record<string, string> } };
          starts.set(p.data.tags.candidate as string, parseTime(p.data.time) - p.data.value - zero);
        }
      }
      expect(starts.size, engine).toBe(pop.size);
      let worst = 0;
      for (const [id, at] of starts) worst = Math.max(worst, Math.abs(at - (pop.get(id) as number)));
      // The NDJSON's time has millisecond steps.
      expect(worst, engine).toBeLessThanOrEqual(1 + 1e-6);
      expect((await analyzeRun([outDir])).fairness?.eoi?.topRanked, engine).toBe(true);
    }
  }, 120_000);
});
