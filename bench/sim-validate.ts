/**
 * The simulator against measurement: launch-day's first hour (56 candidates, 14
 * places, 60× speed) rehearsed by the node engine against the reference portal on
 * loopback, for the populations of seeds 1…N at once (each against its own portal),
 * and simulated for the same populations against the model of the same settings (8
 * portal seeds each), for the throttle and the waiting-room designs. Prints the four
 * validated figures as means over the runs, with the node runs' spread, ready to paste
 * (docs/simulation.md, "Validation against measurement"). About 70 s of loopback load per
 * design whatever N. `nice -n -10` on a shared machine, so the node runs measure the portal.
 *
 *   npx tsx bench/sim-validate.ts [--runs 6] [--portal-seeds 8] [--design throttle|waiting-room] [--quick]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { designScenario } from '../src/cli/simulate-designs.js';
import { agreement, type FigureAgreement } from '../test/engine/sim/agreement.js';
import { firstHour, nodeVsSim } from '../test/engine/sim/node-vs-sim.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    'portal-seeds': { type: 'string', default: '8' },
    design: { type: 'string', multiple: true },
    // `npm run bench -- --quick`: three node runs per design instead of six (the noise interval widens).
    quick: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs ?? (values.quick ? 3 : 6));
const portalSeeds = Number(values['portal-seeds']);
if (!(Number.isInteger(runs) && runs >= 1 && runs <= 12 && Number.isInteger(portalSeeds) && portalSeeds >= 1)) {
  process.stderr.write('sim-validate: --runs expects an integer from 1 to 12, --portal-seeds an integer ≥ 1\n');
  process.exit(2);
}
const designs = (values.design ?? ['throttle', 'waiting-room']) as Array<'throttle' | 'waiting-room'>;
if (designs.some((d) => d !== 'throttle' && d !== 'waiting-room')) {
  process.stderr.write(`sim-validate: --design expects throttle or waiting-room, got ${designs.join(', ')}\n`);
  process.exit(2);
}

const LABEL: Record<string, string> = {
  accepted: 'accepted',
  fillTimeMs: 'quota fill time',
  throttledShare: 'throttled share of requests',
  medianTimeToOutcomeMs: 'median time to outcome',
  requests: 'requests',
};
const fmt = (f: FigureAgreement['figure'], x: number) =>
  f === 'throttledShare'
    ? `${(x * 100).toFixed(2)} %`
    : f === 'fillTimeMs' || f === 'medianTimeToOutcomeMs'
      ? `${Math.round(x).toLocaleString('en')} ms`
      : x.toLocaleString('en', { maximumFractionDigits: 1 });
const signed = (d: number) => `${d >= 0 ? '+' : '−'}${(Math.abs(d) * 100).toFixed(1)} %`;
const row = (...cells: string[]) => process.stdout.write(`| ${cells.join(' | ')} |\n`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(', ');

// A ready table for the docs: the machine's load is part of the figure (a loaded machine
// stretches the node runs' round trips and timers), so it is printed before and after.
const loadBefore = load();
process.stdout.write(
  `launch-day's first hour (56 candidates, 14 places, 60×): node runs of seeds 1–${runs} at once, sim runs of the same populations × ${portalSeeds} portal seeds; ` +
    `${new Date().toISOString().slice(0, 16)} UTC, Node ${process.version}, load average before ${loadBefore}\n\n`,
);
row(
  'design',
  'figure',
  `node (mean of ${runs} ± sd)`,
  `sim (mean of ${runs * portalSeeds})`,
  'difference',
  'noise (95 %)',
  'within 10 %?',
);
row('---', '---', '---:', '---:', '---:', '---:', '---');
const seeds = Array.from({ length: runs }, (_, i) => i + 1);
for (const design of designs) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-sim-validate-'));
  try {
    const sc = design === 'throttle' ? await firstHour() : designScenario(await firstHour(), design);
    const v = await nodeVsSim(sc, seeds, dir, { portalSeeds });
    for (const a of agreement(
      v.node.map((r) => r.figures),
      v.sim,
    )) {
      const diff =
        a.figure === 'throttledShare'
          ? `${signed(a.relDiff)} (${((a.sim.mean - a.node.mean) * 100).toFixed(2)} points)`
          : signed(a.relDiff);
      row(
        design,
        LABEL[a.figure] as string,
        `${fmt(a.figure, a.node.mean)} ± ${fmt(a.figure, a.node.sd)}`,
        fmt(a.figure, a.sim.mean),
        diff,
        `±${(a.noise95 * 100).toFixed(1)} %`,
        a.figure === 'requests' ? '' : Math.abs(a.relDiff) <= 0.1 ? 'yes' : 'NO',
      );
    }
    const late = Math.max(...v.node.map((r) => r.latenessP99Ms));
    row(
      design,
      "machine's round trip (the model's) · generator lateness p99",
      `${v.rttMs} ms · ${late.toFixed(1)} ms`,
      '',
      '',
      '',
      '',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
process.stdout.write(`\nload average before ${loadBefore}, after ${load()} (1, 5, 15 min; 2 cores)\n`);
