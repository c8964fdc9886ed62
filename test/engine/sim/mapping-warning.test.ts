/**
 * The sim engine warns of a wrong mapping as the node and k6 engines do
 * (test/engine/outcome-warning.test.ts): the same rule over the same tally (the node
 * engine's Recorder, replayed on the recording thread), written into the manifest's notes
 * and so into the summary's warnings; its hint walks a journey against the reference
 * portal, which is what the model simulates.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelOptions, runSim } from '../../../src/engine/sim/run.js';
import { busy } from '../../../src/portal/admission.js';
import { resolveOptions } from '../../../src/portal/options.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { loadTarget } from '../../../src/target/load.js';
import { tempDirs } from '../k6/tmp.js';

const tmp = tempDirs('sim-warn-');
const REFERENCE = new URL('../../../targets/reference.json', import.meta.url).pathname;

async function simulate(targetFile: string) {
  const scenario = await loadScenario('launch-day');
  const opts = {
    scenario,
    population: generatePopulation(scenario, 3, { identity: false }),
    populationSize: scenario.population,
    target: await loadTarget(targetFile),
    baseUrl: '',
    outDir: await tmp(),
    seed: 3,
  };
  const r = await runSim(opts);
  // The throttle's answer, as the reference portal words it with this scenario's settings.
  return { ...r, busyBody: JSON.stringify(busy(resolveOptions(modelOptions(opts)).retryAfterSec).body) };
}

describe('sim engine: the mapping warning', () => {
  it('is written into the manifest and the summary when no journey reaches its goal, with the most common answer', async () => {
    // A mapping that calls the account's 201 a refusal: no candidate can ever be accepted.
    const reference = JSON.parse(await readFile(REFERENCE, 'utf8')) as { classify: unknown[] };
    const wrong = join(await tmp(), 'wrong.json');
    await writeFile(
      wrong,
      JSON.stringify({ ...reference, classify: [{ class: 'invalid', status: 201 }, ...reference.classify] }),
    );
    const r = await simulate(wrong);
    const outcomes = r.summary.journeys?.outcomes ?? {};
    const throttled = r.summary.classes?.total.throttled ?? 0;
    // The tally (the Recorder's, on the recording thread) counts what the accumulator counts.
    expect(outcomes.accepted).toBeUndefined();
    expect(outcomes.invalid).toBeGreaterThan(0);
    expect(throttled).toBeGreaterThan(0);
    const ended = Object.entries(outcomes)
      .sort((a, b) => b[1] - a[1])
      .map(([o, n]) => `${n} ${o}`)
      .join(', ');
    const line =
      `no journey reached accepted (${ended} of ${r.summary.journeys?.candidates}); ` +
      `most common answer: 503 (${throttled}×) "${r.busyBody}"; ` +
      'the target mapping may be wrong: check one journey with rehearse target check <target file> --base-url <the URL `rehearse portal` prints> --scenario launch-day';
    expect(r.manifest.notes?.filter((n) => n.startsWith('warning: '))).toEqual([`warning: ${line}`]);
    expect(r.summary.warnings).toEqual([line]);
    const written = JSON.parse(await readFile(join(r.outDir, 'manifest.json'), 'utf8')) as { notes: string[] };
    expect(written.notes).toContain(`warning: ${line}`);
  }, 60_000);

  it('is silent when the mapping is right', async () => {
    const r = await simulate(REFERENCE);
    expect(r.summary.journeys?.outcomes.accepted).toBeGreaterThan(0);
    expect(r.manifest.notes?.some((n) => n.startsWith('warning: '))).toBe(false);
    expect(r.summary.warnings ?? []).toEqual([]);
  }, 60_000);
});
