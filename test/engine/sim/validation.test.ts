import { setPriority } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { designScenario } from '../../../src/cli/simulate-designs.js';
import { tempDirs } from '../k6/tmp.js';
import { type Figures, firstHour, nodeVsSim } from './node-vs-sim.js';

const tmp = tempDirs('sim-validate-');

/**
 * Agreement within bounds that hold on a shared 2-core machine. The node engine's
 * requests carry the machine's own delay beyond the portal's service time; the model
 * is given its median (`rttMs`, measured in the node run) but not its tail, which
 * mostly makes the node run's waits a little longer (docs/simulation.md, "Validation",
 * has the figures, `npx tsx bench/sim-validate.ts` re-measures them: at a load average
 * of 22–32, within 2 % on everything for the throttle, within 10 % on accepted, fill time
 * and median time to outcome for the waiting room, its throttled share 11 % lower in the
 * model). When the node run was starved (over 50 ms of delay per request) it
 * measured the machine, not the portal, and the comparison is skipped, saying so.
 */
const STARVED_MS = 50;

function expectAgreement(node: Figures, sim: Figures, rttMs: number, skip: (msg: string) => void): void {
  expect(sim.accepted).toBe(node.accepted);
  if (rttMs > STARVED_MS)
    return skip(
      `the node run was starved of CPU (${rttMs} ms of delay per request): the machine is too loaded to validate the model against it`,
    );
  expect(Math.abs(sim.throttledShare - node.throttledShare)).toBeLessThan(0.05);
  const ratio = (a: number | null, b: number | null) => (a as number) / (b as number);
  expect(ratio(sim.requests, node.requests)).toBeGreaterThan(0.75);
  expect(ratio(sim.requests, node.requests)).toBeLessThan(1.33);
  expect(ratio(sim.medianTimeToOutcomeMs, node.medianTimeToOutcomeMs)).toBeGreaterThan(0.6);
  expect(ratio(sim.medianTimeToOutcomeMs, node.medianTimeToOutcomeMs)).toBeLessThan(1.4);
  expect(ratio(sim.fillTimeMs, node.fillTimeMs)).toBeGreaterThan(0.5);
  expect(ratio(sim.fillTimeMs, node.fillTimeMs)).toBeLessThan(2);
}

describe('sim engine agrees with a node run of the same population against the reference portal', () => {
  beforeAll(() => {
    // Best effort (allowed for root only): the rehearsal measures the portal, not the neighbours.
    try {
      setPriority(-10);
    } catch {
      // not permitted: measured as scheduled
    }
  });

  it('throttle (launch-day as rehearsed)', async (ctx) => {
    const r = await nodeVsSim(await firstHour(), 1, await tmp());
    expect(r.node.accepted).toBe(14);
    expectAgreement(r.node, r.sim, r.rttMs, (m) => ctx.skip(m));
  }, 240_000);

  it('waiting room (the same day behind a queue)', async (ctx) => {
    const r = await nodeVsSim(designScenario(await firstHour(), 'waiting-room'), 1, await tmp());
    expect(r.node.accepted).toBe(14);
    expectAgreement(r.node, r.sim, r.rttMs, (m) => ctx.skip(m));
  }, 240_000);
});
