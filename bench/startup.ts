/**
 * Start-up of the `rehearse` binary: wall time of `rehearse --help` and `rehearse
 * scenarios list` beside a bare `node -e 0` measured in the same run, as a ratio (the
 * target, issue 18: within 5×). For scale, also: src/ run through tsx (development),
 * `k6 --help` when k6 is there (K6_BIN), and another checkout's binary named by
 * BENCH_STARTUP_BEFORE (an older version, to measure a change).
 *
 * Runs are interleaved round-robin (each round runs every contender once), so a burst of
 * load from elsewhere on the machine hits every contender alike; the figure is the median
 * of the rounds. Needs the compiled CLI (`npm run build`; `npm install` runs it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { QUICK } from './_harness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = `${ROOT}bin/rehearse.js`;
const ROUNDS = QUICK ? 5 : 15;

if (!existsSync(`${ROOT}dist/cli/main.js`)) {
  process.stderr.write('bench/startup: dist/ is missing; run `npm run build` first\n');
  process.exit(2);
}

interface Contender {
  name: string;
  cmd: string;
  args: string[];
}

const k6 = process.env.K6_BIN ?? (existsSync('/work/k6bin/k6') ? '/work/k6bin/k6' : undefined);
const contenders: Contender[] = [
  { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] },
  { name: 'rehearse --help', cmd: process.execPath, args: [BIN, '--help'] },
  { name: 'rehearse scenarios list', cmd: process.execPath, args: [BIN, 'scenarios', 'list'] },
  {
    name: 'tsx src/ --help (dev)',
    cmd: process.execPath,
    args: ['--import', 'tsx', `${ROOT}src/cli/main.ts`, '--help'],
  },
  ...(k6 ? [{ name: 'k6 --help', cmd: k6, args: ['--help'] }] : []),
  ...(process.env.BENCH_STARTUP_BEFORE
    ? [{ name: 'before: rehearse --help', cmd: process.execPath, args: [process.env.BENCH_STARTUP_BEFORE, '--help'] }]
    : []),
];

function once(c: Contender): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c.cmd, c.args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr.toString().split('\n')[0]}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const times = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
for (const c of contenders) once(c); // warm the file cache
for (let r = 0; r < ROUNDS; r++) for (const c of contenders) times.get(c.name)!.push(once(c));

const base = median(times.get('node -e 0')!);
process.stdout.write(
  `start-up, median of ${ROUNDS} interleaved rounds (ratio to node -e 0; target for rehearse: ≤ 5×)\n`,
);
for (const c of contenders) {
  const m = median(times.get(c.name)!);
  process.stdout.write(
    `  ${c.name.padEnd(26)} ${m.toFixed(0).padStart(6)} ms  ${(m / base).toFixed(1).padStart(5)}×\n`,
  );
}
