import { setPriority } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { designScenario } from '../../../src/cli/simulate-designs.js';
import { tempDirs } from '../k6/tmp.js';
import { agreement } from './agreement.js';
import { firstHour, nodeVsSim, type Validation } from './node-vs-sim.js';

const tmp = tempDirs('sim-validate-');

/** Populations rehearsed by the node engine per design (at once), and service-time draws the model runs for each. */
const RUNS = 4;
const PORTAL_SEEDS = 8;
/** Issue 14's bound on the means. */
const WITHIN = 0.1;
/**
 * Run-to-run noise the test lets widen the bound, at most: with four node runs of 56
 * candidates the 95 % interval of the difference of the means measured ±8–16 % (load
 * average 12–20); a more loaded machine widens it, and beyond this the comparison could
 * no longer fail on a model that is wrong by a third.
 */
const NOISE_CAP = 0.2;
/** Over this round trip the node runs measured the machine, not the portal. */
const STARVED_MS = 50;

/**
 * The validation (docs/simulation.md, "Validation against measurement"): the node
 * engine against the real reference portal, for the populations of seeds 1–4, and the
 * sim engine against its model of the same settings for the same populations, each
 * over 8 service-time draws, with the round trip the node runs measured. The figures'
 * means agree within 10 % — a difference is a failure only when it is larger than 10 %
 * beyond what the runs' spread can explain (the 95 % interval of the difference of the
 * means, capped at 20 %): with one slot behind a cap, which retry wins it turns on the
 * exact times, so single runs of one population differ by ±10 % and a loaded machine
 * makes the node runs vary more. `npx tsx bench/sim-validate.ts` prints the table.
 */
function expectAgreement(v: Validation, skip: (msg: string) => void): void {
  // The quota is exact on both sides, whatever the load: never over- or under-sold.
  for (const r of v.node) expect(r.figures.accepted).toBe(14);
  for (const f of v.sim) expect(f.accepted).toBe(14);
  const starved = v.node.find((r) => r.rttMs > STARVED_MS);
  if (starved)
    return skip(
      `node run of seed ${starved.seed} was starved of CPU (a round trip of ${starved.rttMs} ms): the machine is too loaded to validate the model against it`,
    );
  for (const a of agreement(
    v.node.map((r) => r.figures),
    v.sim,
  )) {
    const bound = WITHIN + Math.min(a.noise95, NOISE_CAP);
    expect(
      Math.abs(a.relDiff),
      `${a.figure}: node ${a.node.mean.toFixed(3)} ± ${a.node.sd.toFixed(3)}, sim ${a.sim.mean.toFixed(3)}, bound ${bound.toFixed(3)}`,
    ).toBeLessThanOrEqual(bound);
  }
}

describe('sim engine agrees with node runs of the same populations against the reference portal', () => {
  const runs: Partial<Record<'throttle' | 'waiting-room', Validation>> = {};

  beforeAll(async () => {
    // Best effort (allowed for root only): the rehearsal measures the portal, not the neighbours.
    try {
      setPriority(-10);
    } catch {
      // not permitted: measured as scheduled
    }
    const seeds = Array.from({ length: RUNS }, (_, i) => i + 1);
    // Both designs at once: 8 node runs of ~15 requests/s each, light load, one minute of wall time.
    const [throttle, room] = await Promise.all([
      firstHour().then(async (sc) => nodeVsSim(sc, seeds, await tmp(), { portalSeeds: PORTAL_SEEDS })),
      firstHour().then(async (sc) =>
        nodeVsSim(designScenario(sc, 'waiting-room'), seeds, await tmp(), { portalSeeds: PORTAL_SEEDS }),
      ),
    ]);
    runs.throttle = throttle;
    runs['waiting-room'] = room;
  }, 300_000);

  it('throttle (launch-day as rehearsed)', (ctx) => {
    expectAgreement(runs.throttle as Validation, (m) => ctx.skip(m));
  });

  it('waiting room (the same day behind a queue)', (ctx) => {
    expectAgreement(runs['waiting-room'] as Validation, (m) => ctx.skip(m));
  });
});
