/**
 * The EOI invitation round (an operator action) in the k6 engine: the bundle runs it in
 * its own one-shot k6 scenario at the action's time, through the same target mapping as
 * the node engine, and reports whom it invited; the analyzer's draw check then gives the
 * same answer as for the node engine on the same population.
 *
 * Under the Node stand-in for k6 (./shim) always; in real k6 when it is installed.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../src/analyze/index.js';
import { rehearse } from '../../../src/cli/rehearsal.js';
import type { OperatorScenario } from '../../../src/engine/k6/options.js';
import { prepareScript } from '../../../src/engine/k6/script.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { loadTarget } from '../../../src/target/load.js';
import { haveK6, k6Label } from './have-k6.js';
import { k6JsonLine, runBundle } from './shim/run-bundle.js';
import { loopbackPortal } from './fixtures.js';
import { tempDirs } from './tmp.js';

const tmp = tempDirs('k6-eoi-');
const k6 = haveK6();

// 80 expressions of interest over seven months, replayed in twelve seconds; the round at the end.
const KNOBS = { scale: 0.005, timeScale: 1_540_800 };
const SEED = 5;

async function nodeInvited(): Promise<number | undefined> {
  const outDir = await tmp();
  await rehearse({ scenario: 'eoi-draw', ...KNOBS, seed: SEED, engine: 'node', outDir });
  const eoi = (await analyzeRun([outDir])).fairness?.eoi;
  expect(eoi?.topRanked, 'node engine').toBe(true);
  return eoi?.invited;
}

describe('the EOI invitation round in the k6 engine', () => {
  it('runs in its own one-shot scenario and gives the node engine’s draw (Node stand-in for k6)', async () => {
    const scenario = await loadScenario('eoi-draw', KNOBS);
    expect(scenario.operator).toHaveLength(1);
    const dir = await tmp();
    const portal = await loopbackPortal({ ...scenario.portal, fresh: true }, dir);
    try {
      const file = await loadTarget('targets/reference.json');
      // As `rehearse` does: the round authenticates with the portal's operator token.
      const target = { ...file, variables: { ...file.variables, operatorToken: portal.operatorToken } };
      const prepared = await prepareScript({
        dir,
        scenario,
        target,
        baseUrl: portal.url,
        population: generatePopulation(scenario, SEED),
        // The stand-in runs a worker thread per VU: 64 carry the rush at the opening.
        maxConcurrent: 64,
      });
      const oneShot = Object.values(prepared.compiled.options.scenarios).filter(
        (o): o is OperatorScenario => o.executor === 'shared-iterations',
      );
      expect(oneShot).toEqual([expect.objectContaining({ vus: 1, iterations: 1, exec: 'operator' })]);
      const run = await runBundle(prepared.script);
      expect(run.errors).toEqual([]);
      expect(run.dropped).toBe(0);
      expect(run.iterations).toBe(scenario.population);
      const rounds = run.samples.filter((s) => s.metric === 'rehearsal_req' && s.tags.op === 'inviteRound');
      expect(rounds.map((r) => r.tags.class)).toEqual(['ok']);
      const samples = join(dir, 'samples.ndjson');
      await writeFile(samples, run.samples.map((x) => k6JsonLine(x)).join('\n') + '\n');
      const eoi = (await analyzeRun([samples])).fairness?.eoi;
      expect(eoi?.topRanked).toBe(true);
      expect(eoi?.invitedIneligible).toBe(0);
      expect(eoi?.invited).toBeGreaterThan(0);
      expect(eoi?.invited).toBe(await nodeInvited());
    } finally {
      await portal.close();
    }
  }, 300_000);

  it.skipIf(!k6)(
    `gives the node engine’s draw under real k6 (${k6Label(k6)})`,
    async () => {
      const outDir = await tmp();
      const r = await rehearse({ scenario: 'eoi-draw', ...KNOBS, seed: SEED, engine: 'k6', outDir });
      expect(r.run.manifest.status).toBe('completed');
      const summary = await analyzeRun([outDir]);
      const eoi = summary.fairness?.eoi;
      expect(eoi?.topRanked).toBe(true);
      expect(eoi?.invitedIneligible).toBe(0);
      expect(eoi?.invited).toBeGreaterThan(0);
      expect(summary.classes?.byOp.inviteRound?.ok).toBe(1);
      expect(eoi?.invited).toBe(await nodeInvited());
    },
    180_000,
  );
});
