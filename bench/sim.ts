/**
 * The sim engine at full scale: simulated events per second, wall and CPU time, and
 * peak memory for `election-night` (5.26 million visitors, about 200,000 on the site
 * at the peak) and `launch-day` at scale 1, each in its own child process so its peak
 * RSS is its own (process.resourceUsage().maxRSS). `--quick`: election night at 0.1.
 *
 * Election night twice: against a portal with the capacity for it (the scenario's
 * portal with as many workers as make 4,000 requests/s at its service time, for a peak
 * demand of about 3,333/s), the whole night; and against the scenario's own portal
 * (sized for the 1/500 rehearsal), which collapses within minutes — every visitor
 * retries until their patience ends, hundreds of millions of requests over the night —
 * so only the first 10 minutes' arrivals (and every retry they make until they give
 * up) are run, for the events per second of a collapsed portal.
 *
 * Where the time goes: the same child first walks the population alone (the lean
 * stream the simulator reads), then runs the simulation, whose result says how long
 * its event loop took (population stream, journeys, model; the recording thread turns
 * its records into the accumulator's points alongside) and how long the summary (the
 * analyzer's sections, on the recording thread); so population, loop and summary are
 * told apart. CPU seconds (user + system, both threads) are printed beside the wall
 * time, with the main thread's own (the critical path: on an idle two-core machine the
 * wall time follows it), and the load average before and after: on a shared machine
 * the CPU is the figure to compare.
 *
 * The peer, measured in the same run: the node engine rehearsing the same journeys
 * (launch-day, scaled to what one process sustains) against the real reference
 * portal on loopback — its requests per CPU-second beside the simulator's (the node
 * engine's per wall second are the journeys' pace, not its ceiling), and each engine's
 * ratio of the day's length to the wall time it took.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUICK } from './_harness.js';

interface Result {
  name: string;
  population: number;
  dayMs: number;
  events: number;
  /** Events by kind (run.ts's K: Arrival, Send, Wake, Reply, Done, Timeout, Round). */
  eventsByKind: number[];
  requests: number;
  popMs: number;
  wallMs: number;
  cpuMs: number;
  /** The main thread's own CPU (the event loop's critical path; the recording thread has the rest), NaN where /proc is absent. */
  mainCpuMs: number;
  maxRssMb: number;
  loopMs: number;
  summaryMs: number;
}

/**
 * CPU ms (user + system) of this process's main thread so far, from Linux's
 * /proc/self/task/PID/stat (utime and stime, fields 14 and 15, in clock ticks of 10 ms:
 * proc(5)); NaN elsewhere. process.cpuUsage() counts every thread.
 */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

async function child(name: string, scale: number, variant: string): Promise<void> {
  const { loadScenario } = await import('../src/scenario/load.js');
  const { generatePopulation, simPopulation } = await import('../src/population/generate.js');
  const { loadTarget } = await import('../src/target/load.js');
  const { runSim } = await import('../src/engine/sim/run.js');
  const scenario = await loadScenario(name, { scale, timeScale: 1 });
  const target = await loadTarget(fileURLToPath(new URL('../targets/reference.json', import.meta.url)));
  // The population alone: what reading it costs the simulator.
  let p0 = performance.now();
  let n = 0;
  for (const c of generatePopulation(scenario, 1, { identity: false })) if (c.seq >= 0) n++;
  const popMs = performance.now() - p0;
  const dir = await mkdtemp(join(tmpdir(), 'bench-sim-'));
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuMs();
  p0 = performance.now();
  // A portal that carries the night: the scenario's, with the workers for 4,000 requests/s.
  const workers = Math.ceil((4000 * scenario.portal.serviceMs) / 1000);
  try {
    const r = await runSim({
      scenario,
      // As the CLI: the simulator generates it on its population thread.
      ...simPopulation(scenario, 1),
      populationSize: n,
      target,
      baseUrl: '',
      outDir: dir,
      seed: 1,
      ...(variant === 'sized' ? { portalModel: { ...scenario.portal, workers } } : {}),
      ...(variant === 'first10' ? { maxDurationMs: 10 * 60_000 } : {}),
    });
    const cpu = process.cpuUsage(cpu0);
    const own = `${scenario.portal.workers} workers`;
    const out: Result = {
      name: `${name} scale ${scale}${variant === 'sized' ? `, ${workers} workers` : variant === 'first10' ? `, ${own}, 10 min` : ''}`,
      population: n,
      dayMs: scenario.windowMs,
      events: r.events,
      eventsByKind: r.eventsByKind,
      requests: r.summary.throughput.requests,
      popMs,
      wallMs: performance.now() - p0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      mainCpuMs: mainThreadCpuMs() - main0,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      loopMs: r.phases.loopMs,
      summaryMs: r.phases.summaryMs,
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The peer: the node engine, launch-day at 1/56 and 60× speed (four hours in four minutes), cut after 40 s. */
async function nodePeer(): Promise<{ requests: number; wallMs: number; cpuMs: number; dayMs: number }> {
  const { loadScenario } = await import('../src/scenario/load.js');
  const { generatePopulation } = await import('../src/population/generate.js');
  const { loadTarget } = await import('../src/target/load.js');
  const { nodeEngine } = await import('../src/engine/node/index.js');
  const { startPortal } = await import('../src/portal/index.js');
  const scenario = await loadScenario('launch-day', { scale: 200 / 11_200, timeScale: 60 });
  const target = await loadTarget(fileURLToPath(new URL('../targets/reference.json', import.meta.url)));
  const dir = await mkdtemp(join(tmpdir(), 'bench-sim-node-'));
  const startAt = Date.now() + 500 + scenario.openingMs;
  const portal = await startPortal({ ...scenario.portal, opensAtEpochMs: startAt, host: '127.0.0.1', port: 0 });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const r = await nodeEngine.run({
      scenario,
      population: generatePopulation(scenario, 1),
      populationSize: scenario.population,
      target,
      baseUrl: portal.url,
      outDir: dir,
      seed: 1,
      startAt,
      maxDurationMs: 40_000,
      graceMs: 2000,
      httpSamples: 'summary',
    });
    void r;
    const stats = await portal.stats();
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return {
      requests: stats.requests,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      // The scenario's clock runs at its time scale from the run's start (the lead-in before the
      // opening included), 500 ms after this process began it.
      dayMs: (wallMs - 500) * scenario.knobs.timeScale,
    };
  } finally {
    await portal.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
if (mode === '--child') {
  await child(process.argv[3] as string, Number(process.argv[4]), process.argv[5] ?? '');
} else if (mode === '--node') {
  process.stdout.write(JSON.stringify(await nodePeer()) + '\n');
} else {
  const me = fileURLToPath(import.meta.url);
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=4096', me, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`bench/sim.ts ${args.join(' ')} exited with ${r.status}`);
    return JSON.parse(r.stdout.trim().split('\n').pop() as string);
  };
  const cases: Array<[string, number, string]> = QUICK
    ? [
        ['election-night', 0.1, ''],
        ['launch-day', 1, ''],
      ]
    : [
        ['election-night', 1, 'sized'],
        ['election-night', 1, 'first10'],
        ['launch-day', 1, ''],
      ];
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  const { loadavg, availableParallelism } = await import('node:os');
  const load = () =>
    `${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`;
  process.stdout.write(`machine load average at the start: ${load()}\n`);
  const h = (ms: number) => `${(ms / 3_600_000).toFixed(1)} h`;
  process.stdout.write(
    `${'case'.padEnd(40)} ${'visitors'.padStart(10)} ${'events'.padStart(12)} ${'requests'.padStart(12)} ${'wall'.padStart(8)} ${'CPU'.padStart(8)} ${'main CPU'.padStart(9)} ${'events/s'.padStart(11)} ${'ev/CPU-s'.padStart(11)} ${'peak RSS'.padStart(9)}  population     loop  summary  day÷wall\n`,
  );
  const results: Result[] = [];
  for (const [name, scale, variant] of cases) {
    const r = run(['--child', name, String(scale), variant]) as Result;
    results.push(r);
    process.stdout.write(
      `${r.name.padEnd(40)} ${fmt(r.population).padStart(10)} ${fmt(r.events).padStart(12)} ${fmt(r.requests).padStart(12)} ${(r.wallMs / 1000).toFixed(1).padStart(7)}s ${(r.cpuMs / 1000).toFixed(1).padStart(7)}s ${(r.mainCpuMs / 1000).toFixed(1).padStart(8)}s ${fmt(r.events / (r.wallMs / 1000)).padStart(11)} ${fmt(r.events / (r.cpuMs / 1000)).padStart(11)} ${fmt(r.maxRssMb).padStart(6)} MB  ${(r.popMs / 1000).toFixed(1).padStart(8)} s ${(r.loopMs / 1000).toFixed(1).padStart(7)} s ${(r.summaryMs / 1000).toFixed(1).padStart(6)} s  ${fmt(r.dayMs / r.wallMs)}× (${h(r.dayMs)})\n`,
    );
  }
  const kinds = ['arrival', 'send', 'wake', 'reply', 'done', 'timeout', 'round'];
  for (const r of results) {
    const parts = r.eventsByKind.flatMap((n, k) => (n > 0 ? [`${kinds[k]} ${fmt(n)}`] : []));
    process.stdout.write(`  events of ${r.name} by kind: ${parts.join(', ')}\n`);
  }
  const peer = run(['--node']) as { requests: number; wallMs: number; cpuMs: number; dayMs: number };
  // The node engine sends what the journeys ask for, when they ask (its requests per wall
  // second are the scenario's pace against the portal, not its ceiling): the ratios are per
  // CPU-second (the work each engine does for a request, the portal's included) and of the
  // day's length to the wall time.
  const peerPerCpu = peer.requests / (peer.cpuMs / 1000);
  const peerDay = peer.dayMs / peer.wallMs;
  process.stdout.write(
    `\npeer: node engine, launch-day 1/56 at 60× against the reference portal, 40 s of arrivals: ${fmt(peer.requests)} requests in ${(peer.wallMs / 1000).toFixed(1)} s wall (${fmt(peer.requests / (peer.wallMs / 1000))} requests/s, the journeys' pace) and ${(peer.cpuMs / 1000).toFixed(1)} CPU-s = ${fmt(peerPerCpu)} requests per CPU-s; the day runs ${fmt(peerDay)}× faster than real time\n`,
  );
  for (const r of results) {
    const perCpu = r.requests / (r.cpuMs / 1000);
    process.stdout.write(
      `  sim ${r.name}: ${fmt(perCpu)} simulated requests per CPU-s, ${fmt(perCpu / peerPerCpu)}× the node engine's; the day runs ${fmt(r.dayMs / r.wallMs)}× faster than real time, ${fmt(r.dayMs / r.wallMs / peerDay)}× the node engine's\n`,
    );
  }
  process.stdout.write(
    `  (CPU: both threads; main CPU: the event loop's thread alone, the critical path (the recording thread takes the rest); population: the stream walked alone; loop: the simulation's event loop with the population's stream, the recording thread working alongside; summary: the analyzer's sections, on the recording thread)\n`,
  );
  process.stdout.write(`machine load average at the end: ${load()}\n`);
}
