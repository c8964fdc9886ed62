/**
 * A simulated run of months: eoi-draw at its defaults (scale 1, time scale 1) spans 214
 * days of virtual time. Its summary's per-second timeline was 18.5 million rows, a JSON
 * string past V8's limit, and the run ended in "Invalid string length" with no summary;
 * the report's classes chart then made a map of every second. The timeline now takes a
 * row every 5 minutes, and the report draws from it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSim } from '../../../src/engine/sim/run.js';
import { simPopulation } from '../../../src/population/generate.js';
import { writeReport } from '../../../src/report/index.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { loadTarget } from '../../../src/target/load.js';
import { tempDirs } from '../k6/tmp.js';

const tmp = tempDirs('sim-long-');
const REFERENCE = new URL('../../../targets/reference.json', import.meta.url).pathname;

describe('sim engine: a run of months (eoi-draw at full scale and real time)', () => {
  it('writes its summary with a timeline of 5-minute rows, and a report', async () => {
    const scenario = await loadScenario('eoi-draw', { scale: 1, timeScale: 1 });
    const outDir = await tmp();
    const r = await runSim({
      scenario,
      ...simPopulation(scenario, 1),
      populationSize: scenario.population,
      target: await loadTarget(REFERENCE),
      baseUrl: '',
      outDir,
      seed: 1,
    });
    const summary = JSON.parse(await readFile(join(outDir, 'summary.json'), 'utf8'));
    expect(r.summary.durationMs).toBeGreaterThan(214 * 86_400_000);
    expect(summary.timeline.step).toBe(300);
    // 214 days in rows of 5 minutes, from the first second with a sample to the last.
    expect(summary.timeline.perSecond.length).toBeGreaterThan(61_000);
    expect(summary.timeline.perSecond.length).toBeLessThanOrEqual(100_000);
    // The draw itself, as at a compressed time scale: the 23 top-ranked eligible invited.
    expect(summary.fairness.eoi).toMatchObject({ invited: 23, invitedIneligible: 0, topRanked: true });
    const report = await writeReport({ summary, outDir: join(outDir, 'report') });
    const html = await readFile(report.index, 'utf8');
    expect(html).toContain('Response classes over time');
    expect(html).toContain('best mean over 300 consecutive seconds');
  }, 120_000);
});
