/**
 * The simulator against measurement: launch-day's first hour (56 candidates, 14
 * places, 60× speed) rehearsed by the node engine against the reference portal on
 * loopback, and simulated for the same population against the model of the same
 * settings, for the throttle and the waiting-room designs. Prints the four validated
 * figures side by side (docs/simulation.md, "Validation"). About a minute of loopback
 * load per design. `nice -n -10` on a shared machine, so the node run measures the portal.
 */
import { designScenario } from '../src/cli/simulate-designs.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Figures, firstHour, nodeVsSim } from '../test/engine/sim/node-vs-sim.js';

const pct = (a: number, b: number) => `${a >= b ? '+' : '−'}${(Math.abs(a / b - 1) * 100).toFixed(1)} %`;
const ms = (x: number | null) => (x === null ? '–' : `${Math.round(x).toLocaleString('en')} ms`);
const row = (design: string, what: string, n: string, s: string, d: string) =>
  process.stdout.write(`| ${design} | ${what} | ${n} | ${s} | ${d} |\n`);

process.stdout.write('| design | figure | node run (measured) | sim | difference |\n|---|---|---|---|---|\n');
for (const design of ['throttle', 'waiting-room'] as const) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-sim-validate-'));
  try {
    const sc = design === 'throttle' ? await firstHour() : designScenario(await firstHour(), design);
    const { node, sim, rttMs } = await nodeVsSim(sc, 1, dir);
    const f = (k: keyof Figures) => [node[k], sim[k]] as [number, number];
    row(design, 'accepted', String(node.accepted), String(sim.accepted), pct(...f('accepted')));
    row(design, 'quota fill time', ms(node.fillTimeMs), ms(sim.fillTimeMs), pct(...f('fillTimeMs')));
    row(
      design,
      'throttled share of requests',
      `${(node.throttledShare * 100).toFixed(2)} %`,
      `${(sim.throttledShare * 100).toFixed(2)} %`,
      `${((sim.throttledShare - node.throttledShare) * 100).toFixed(2)} points`,
    );
    row(
      design,
      'median time to outcome',
      ms(node.medianTimeToOutcomeMs),
      ms(sim.medianTimeToOutcomeMs),
      pct(...f('medianTimeToOutcomeMs')),
    );
    row(
      design,
      'requests',
      node.requests.toLocaleString('en'),
      sim.requests.toLocaleString('en'),
      pct(...f('requests')),
    );
    row(design, "machine's delay per request (the model's round trip)", `${rttMs} ms`, '', '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
