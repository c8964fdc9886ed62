/**
 * Analyzer benchmark: one generated 2,000,000-line k6 NDJSON file (node-engine format,
 * test/fixtures/k6/synthetic-run.ts), read by
 *   - ours:   `analyzeRun` (the whole summary, on the threads it picks by default:
 *             defaultThreads in src/analyze/accumulate-run.ts, printed), with the native
 *             line scanner (native/k6-scan.cc) and again with the JavaScript reader alone
 *             (REHEARSE_NATIVE=0: what a machine without a compiler gets), and our reader
 *             alone computing per-metric count and mean on two threads (the analyzer's
 *             two-thread cut; its worker bundled before the clock starts, as the
 *             analyzer's is cached in node_modules/.cache);
 *   - DuckDB: the same count and mean over `read_ndjson` (@duckdb/node-api, all cores), and
 *             part of the summary (DUCKDB_SUMMARY_SQL), the peer for the analysis as a whole;
 *   - jq:     the same count and mean (`reduce inputs …`).
 * Each runs in its own process, the tools interleaved, `--runs` times (median shown).
 * Two times per run: wall (the process, with Node/tsx start-up, ~0.35 s for the Node
 * children) and work, timed the same way for every Node tool inside the child: from
 * loading the tool's modules (ours, or @duckdb/node-api) and creating its instance to
 * the answer (for jq, a native binary that starts in milliseconds, wall). lines/s and the ratios use
 * work time; the wall ratio is printed beside. Peak RSS via /usr/bin/time -f %M (GNU
 * time) when present, else the Node child's own maxRSS.
 * Targets (issue 7): ≥ DuckDB's throughput and ≥ 5× jq's on the same aggregation, peak
 * memory < 300 MB; printed for the full summary too, which does far more per line.
 *
 *   npx tsx bench/analyze.ts                # 2,000,000 lines, 3 runs
 *   npx tsx bench/analyze.ts --quick        # 200,000 lines, 1 run (or BENCH_QUICK=1)
 *   npx tsx bench/analyze.ts --runs 5
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync, unlinkSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sums } from './_count-mean.js';

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const childMode = args.find((a) => a.startsWith('--child='))?.slice('--child='.length);

async function main(): Promise<void> {
  const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
  const lines = quick ? 200_000 : 2_000_000;
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1])) : quick ? 1 : 3;
  const file = join(tmpdir(), `rehearse-bench-analyze-${process.pid}.ndjson`);
  try {
    await generate(file, lines);
    const bytes = statSync(file).size;
    console.log(
      `input: ${lines.toLocaleString('en')} lines, ${(bytes / 1e6).toFixed(0)} MB (${file}); ${runs} run(s) of each tool, interleaved; median shown`,
    );
    const { addonInUse } = await import('../src/results/read-native.js');
    const native = addonInUse() !== null;
    console.log(
      native
        ? 'reader: the native line scanner (build/Release/k6_scan.node) in front of the JavaScript reader'
        : 'reader: JavaScript only (the native scanner is not built: npm run native)',
    );
    const tools: Array<[string, string[]]> = [
      [OURS_FULL, nodeCmd('analyze', file)],
      ...(native ? ([[OURS_JS, nodeCmd('analyze', file, { REHEARSE_NATIVE: '0' })]] as Array<[string, string[]]>) : []),
      [OURS_READER, nodeCmd('reader', file)],
      [DUCKDB, nodeCmd('duckdb', file)],
      [DUCKDB_SUMMARY, nodeCmd('duckdb-summary', file)],
    ];
    if (spawnSync('jq', ['--version']).status === 0) tools.push([JQ_NAME, ['jq', '-n', '-c', JQ, file]]);
    else console.log('jq not found (apt-get install -y jq): skipped');
    const samples = new Map<string, Row[]>(tools.map(([name]) => [name, []]));
    for (let r = 0; r < runs; r++)
      for (const [name, cmd] of tools) samples.get(name)?.push(measure(name, cmd, lines, bytes));
    print([...samples.values()].map(median), bytes);
  } finally {
    if (existsSync(file)) unlinkSync(file);
  }
}

const OURS_FULL = 'ours: rehearse analyze (full summary)';
const OURS_READER = 'ours: reader, count+mean per metric';
const OURS_JS = 'ours: the same, JavaScript reader only (REHEARSE_NATIVE=0)';
const DUCKDB = 'DuckDB read_ndjson, count+mean per metric';
const JQ_NAME = 'jq, count+mean per metric';
const DUCKDB_SUMMARY = 'DuckDB, part of the summary (see DUCKDB_SUMMARY_SQL)';
const JQ =
  'reduce (inputs | select(.type == "Point")) as $p ({}; .[$p.metric] |= {n: ((.n // 0) + 1), s: ((.s // 0) + $p.data.value)}) | map_values({count: .n, mean: (.s / .n)})';

interface Row {
  name: string;
  wall: number;
  /** Seconds of the analysis itself (inside the child), or the wall time for jq. */
  work: number;
  lines: number;
  peakMb: number | null;
  out: string;
}

/** A child's command; `env` is set through env(1) so the timing wrapper stays the same. */
function nodeCmd(mode: string, file: string, env: Record<string, string> = {}): string[] {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return [
    ...(vars.length > 0 ? ['env', ...vars] : []),
    process.execPath,
    '--import',
    'tsx',
    self,
    `--child=${mode}`,
    file,
  ];
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function measure(name: string, cmd: string[], lines: number, _bytes: number): Row {
  const full = GNU_TIME ? [GNU_TIME, '-f', 'maxrss_kb=%M', ...cmd] : cmd;
  const t = process.hrtime.bigint();
  const r = spawnSync(full[0] as string, full.slice(1), { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
  const rss = /maxrss_kb=(\d+)/.exec(r.stderr)?.[1] ?? /child_maxrss_kb=(\d+)/.exec(r.stdout)?.[1];
  const work = Number(/work_s=([\d.]+)/.exec(r.stdout)?.[1] ?? wall);
  return { name, wall, work, lines, peakMb: rss ? Number(rss) / 1024 : null, out: r.stdout.trim() };
}

function median(rows: Row[]): Row {
  const mid = <T>(xs: T[], key: (x: T) => number) =>
    [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)] as T;
  const byWork = mid(rows, (r) => r.work);
  return {
    ...byWork,
    wall: mid(rows, (r) => r.wall).wall,
    peakMb: Math.max(...rows.map((r) => r.peakMb ?? 0)) || null,
  };
}

function print(rows: Row[], bytes: number): void {
  const duck = rows.find((r) => r.name === DUCKDB);
  const jq = rows.find((r) => r.name === JQ_NAME);
  const ours = rows.find((r) => r.name === OURS_FULL) as Row;
  const rate = (r: Row) => r.lines / r.work;
  const ratio = (r: Row, peer: Row | undefined) => (peer ? (rate(r) / rate(peer)).toFixed(2) : '–');
  const wallRatio = (r: Row, peer: Row | undefined) => (peer ? (peer.wall / r.wall).toFixed(2) : '–');
  console.log(
    '\n' +
      [
        'tool',
        'work s',
        'wall s',
        'lines/s',
        'MB/s',
        'peak RSS MB',
        '× DuckDB (work / wall)',
        '× jq (work / wall)',
      ].join(' | '),
  );
  for (const r of rows) {
    console.log(
      [
        r.name,
        r.work.toFixed(2),
        r.wall.toFixed(2),
        Math.round(rate(r)).toLocaleString('en'),
        (bytes / 1e6 / r.work).toFixed(1),
        r.peakMb === null ? '–' : r.peakMb.toFixed(0),
        `${ratio(r, duck)} / ${wallRatio(r, duck)}`,
        `${ratio(r, jq)} / ${wallRatio(r, jq)}`,
      ].join(' | '),
    );
  }
  // The three count+mean answers must agree (a benchmark of wrong answers proves nothing).
  const answers = rows
    .filter((r) => !r.name.startsWith('ours: rehearse') && r.name !== OURS_JS && r.name !== DUCKDB_SUMMARY)
    .map((r) => normalize(r.out));
  const agree = answers.every((a) => a === answers[0]);
  const threads = (r: Row | undefined) => (r ? (/threads=(\d)/.exec(r.out)?.[1] ?? '?') : '–');
  console.log(
    `\nthreads of rehearse analyze: ${threads(ours)} with the native scanner, ${threads(rows.find((r) => r.name === OURS_JS))} with the JavaScript reader (defaultThreads)`,
  );
  console.log(`count+mean per metric agree across tools: ${agree ? 'yes' : 'NO'}`);
  const jsRow = rows.find((r) => r.name === OURS_JS);
  const digest = (r: Row) => /summary_sha256=(\w+)/.exec(r.out)?.[1];
  const sameSummary = !jsRow || digest(jsRow) === digest(ours);
  if (jsRow) console.log(`summary.json identical with and without the native scanner: ${sameSummary ? 'yes' : 'NO'}`);
  const met = (ok: boolean, x: string) => `${ok ? 'met' : 'missed'} (${x})`;
  const targets = (r: Row | undefined, memory: boolean) => {
    if (!r) return '–';
    const parts = [
      duck ? `≥ DuckDB ${met(rate(r) >= rate(duck), `${ratio(r, duck)}×`)}` : '',
      jq ? `≥ 5× jq ${met(rate(r) >= 5 * rate(jq), `${ratio(r, jq)}×`)}` : '',
    ];
    if (memory && r.peakMb !== null) parts.push(`peak < 300 MB ${met(r.peakMb < 300, `${r.peakMb.toFixed(0)} MB`)}`);
    return parts.filter(Boolean).join(', ');
  };
  console.log(
    `targets, the same aggregation as DuckDB and jq (count + mean per metric): ${targets(
      rows.find((r) => r.name === OURS_READER),
      true,
    )}`,
  );
  console.log(`targets, the full summary (far more work than DuckDB's count + mean): ${targets(ours, true)}`);
  const duckSummary = rows.find((r) => r.name === DUCKDB_SUMMARY);
  if (duckSummary) {
    const req = (r: Row) => /requests=(\d+)/.exec(r.out)?.[1];
    console.log(
      `the full summary beside DuckDB computing part of it: ${ratio(ours, duckSummary)}× its throughput (requests counted: ours ${req(ours)}, DuckDB ${req(duckSummary)})`,
    );
    if (req(ours) !== req(duckSummary)) process.exitCode = 1;
  }
  if (!agree || !sameSummary) process.exitCode = 1;
}

/** {metric: {count, mean}} with means to 6 significant digits, keys sorted. */
function normalize(out: string): string {
  const json = out.split('\n').find((l) => l.startsWith('{')) ?? '{}';
  const o = JSON.parse(json) as Record<string, { count: number; mean: number }>;
  return JSON.stringify(
    Object.keys(o)
      .sort()
      .map((k) => [k, Number(o[k]?.count), Number(o[k]?.mean).toPrecision(6)]),
  );
}

async function generate(file: string, lines: number): Promise<void> {
  const { syntheticRun } = await import('../test/fixtures/k6/synthetic-run.js');
  const out = createWriteStream(file);
  let n = 0;
  let buf: string[] = [];
  for (const l of syntheticRun({ candidates: 100_000_000, quota: 20_000, seed: 1 })) {
    buf.push(l);
    if (++n >= lines) break;
    if (buf.length >= 10_000) {
      if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
      buf = [];
    }
  }
  out.end(buf.join('\n') + '\n');
  await once(out, 'finish');
}

async function child(mode: string, file: string): Promise<void> {
  // Work time is timed the same way for every tool: from loading the tool's own modules
  // (ours; @duckdb/node-api) and creating what it needs (DuckDB's instance) to its answer.
  // Only what every Node child pays alike (Node and tsx start-up) is left out; wall has it.
  if (mode === 'analyze') {
    const t = process.hrtime.bigint();
    const { analyzeRun } = await import('../src/analyze/index.js');
    const { defaultThreads } = await import('../src/analyze/accumulate-run.js');
    const s = await analyzeRun([file]);
    console.log(`work_s=${Number(process.hrtime.bigint() - t) / 1e9}`);
    console.log(`threads=${defaultThreads()}`);
    console.log(`requests=${s.throughput.requests} candidates=${s.journeys?.candidates}`);
    const { createHash } = await import('node:crypto');
    console.log(`summary_sha256=${createHash('sha256').update(JSON.stringify(s)).digest('hex')}`);
  } else if (mode === 'reader') {
    // Two threads like the analyzer (and DuckDB): the same cut, a bundled worker for the
    // second half, bundled before the clock (the analyzer's is cached in node_modules/.cache).
    const esbuild = await import('esbuild');
    const bundle = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./_count-mean.ts', import.meta.url))],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      minify: true,
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]?.text as string;
    const t = process.hrtime.bigint();
    const { countMean } = await import('./_count-mean.js');
    const { addonInUse } = await import('../src/results/read-native.js');
    const { planSplit } = await import('../src/analyze/split-plan.js');
    const { Worker } = await import('node:worker_threads');
    const plan = await planSplit([file], 0);
    const parts = plan ?? { first: [{ path: file }], second: [] };
    const other =
      parts.second.length > 0
        ? new Promise<Sums>((res, rej) =>
            new Worker(code, { eval: true, workerData: { countMeanParts: parts.second, addon: addonInUse() } })
              .once('message', res)
              .once('error', rej),
          )
        : Promise.resolve([] as Sums);
    const sums = new Map<string, [number, number]>();
    for (const [name, n, sum] of [...(await countMean(parts.first)), ...(await other)]) {
      const a = sums.get(name) ?? [0, 0];
      sums.set(name, [a[0] + n, a[1] + sum]);
    }
    console.log(`work_s=${Number(process.hrtime.bigint() - t) / 1e9}`);
    console.log(JSON.stringify(Object.fromEntries([...sums].map(([k, [n, sum]]) => [k, { count: n, mean: sum / n }]))));
  } else if (mode === 'duckdb') {
    const t = process.hrtime.bigint();
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const path = file.replace(/'/g, "''");
    const reader = await con.runAndReadAll(
      `SELECT metric, count(*) AS n, avg(data.value) AS mean FROM read_ndjson('${path}', columns = {type: 'VARCHAR', metric: 'VARCHAR', data: 'STRUCT(value DOUBLE)'}) WHERE type = 'Point' GROUP BY metric`,
    );
    const o: Record<string, { count: number; mean: number }> = {};
    for (const [m, n, mean] of reader.getRows()) o[String(m)] = { count: Number(n), mean: Number(mean) };
    console.log(`work_s=${Number(process.hrtime.bigint() - t) / 1e9}`);
    console.log(JSON.stringify(o));
  } else if (mode === 'duckdb-summary') {
    const t = process.hrtime.bigint();
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const path = file.replace(/'/g, "''");
    // The samples parsed once into a table (DuckDB's own way to run several aggregations), then queried.
    await con.run(
      `CREATE TEMP TABLE p AS SELECT metric, epoch_ms(CAST(data."time" AS TIMESTAMPTZ)) AS ms, data.value AS v, data.tags AS tags FROM read_ndjson('${path}', columns = {type: 'VARCHAR', metric: 'VARCHAR', data: 'STRUCT("time" VARCHAR, value DOUBLE, tags MAP(VARCHAR, VARCHAR))'}) WHERE type = 'Point'`,
    );
    let requests = 0;
    for (const sql of DUCKDB_SUMMARY_SQL) {
      const rows = (await con.runAndReadAll(sql)).getRows();
      if (sql.includes("tags['status']")) requests = rows.reduce((a, r) => a + Number(r[3]), 0);
    }
    console.log(`work_s=${Number(process.hrtime.bigint() - t) / 1e9}`);
    console.log(`requests=${requests}`);
  }
  console.log(`child_maxrss_kb=${process.resourceUsage().maxRSS}`);
}

/**
 * Part of what summary.json holds, as DuckDB computes it: count and mean per metric; request
 * counts by operation, class and status; latency count, min, mean, max and exact p50/p90/p95/p99/
 * p99.9 per operation; p95 per country; requests per second and class; journey outcomes with
 * their time-to-outcome quantiles; the run's time span. (Not: fairness, quota curve, http_*
 * sections, per-second latency, lateness, attempts.) The peer for the analysis as a whole.
 */
const DUCKDB_SUMMARY_SQL = [
  `SELECT metric, count(*), avg(v) FROM p GROUP BY metric`,
  `SELECT tags['op'], tags['class'], tags['status'], count(*) FROM p WHERE metric = 'rehearsal_req' GROUP BY ALL`,
  `SELECT tags['op'], count(*), min(v), avg(v), quantile_cont(v, [0.5, 0.9, 0.95, 0.99, 0.999]), max(v) FROM p WHERE metric = 'rehearsal_req' GROUP BY ALL`,
  `SELECT tags['country'], quantile_cont(v, 0.95) FROM p WHERE metric = 'rehearsal_req' GROUP BY ALL`,
  `SELECT ms // 1000 AS s, tags['class'], count(*) FROM p WHERE metric = 'rehearsal_req' GROUP BY ALL`,
  `SELECT tags['outcome'], count(*), quantile_cont(v, [0.5, 0.9, 0.95, 0.99]) FROM p WHERE metric = 'rehearsal_journey' GROUP BY ALL`,
  `SELECT min(ms), max(ms) FROM p`,
];

// Last, so every constant above is initialised before either path runs.
if (childMode) await child(childMode, args[args.length - 1] as string);
else await main();
