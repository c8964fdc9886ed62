/**
 * Analyzer benchmark: one generated 2,000,000-line k6 NDJSON file (node-engine format,
 * test/fixtures/k6/synthetic-run.ts), read by
 *   - ours:   `analyzeRun` (the whole summary), and our reader alone computing per-metric count and mean;
 *   - jq:     per-metric count and mean (`reduce inputs …`);
 *   - DuckDB: the same aggregation over `read_ndjson` (@duckdb/node-api, all cores).
 * Each runs in its own process, one after the other, timed by wall clock; peak RSS via
 * /usr/bin/time -f %M (GNU time) when present, else the Node child's own maxRSS.
 * Targets (issue 7): ours ≥ DuckDB's throughput, ≥ 5× jq's, peak memory < 300 MB.
 *
 *   npx tsx bench/analyze.ts            # 2,000,000 lines
 *   npx tsx bench/analyze.ts --quick    # 200,000 lines (or BENCH_QUICK=1)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync, unlinkSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const childMode = args.find((a) => a.startsWith('--child='))?.slice('--child='.length);


async function main(): Promise<void> {
  const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
  const lines = quick ? 200_000 : 2_000_000;
  const file = join(tmpdir(), `rehearse-bench-analyze-${process.pid}.ndjson`);
  try {
    await generate(file, lines);
    const bytes = statSync(file).size;
    console.log(`input: ${lines.toLocaleString('en')} lines, ${(bytes / 1e6).toFixed(0)} MB (${file})`);
    const rows: Row[] = [];
    rows.push(measure('ours: analyzeRun (full summary)', nodeCmd('analyze', file), lines, bytes));
    rows.push(measure('ours: reader, count+mean per metric', nodeCmd('reader', file), lines, bytes));
    rows.push(measure('DuckDB read_ndjson, count+mean per metric', nodeCmd('duckdb', file), lines, bytes));
    const jq = spawnSync('jq', ['--version']);
    if (jq.status === 0) {
      rows.push(measure('jq, count+mean per metric', ['jq', '-n', '-c', JQ, file], lines, bytes));
    } else {
      console.log('jq not found (apt-get install -y jq): skipped');
    }
    print(rows);
  } finally {
    if (existsSync(file)) unlinkSync(file);
  }
}

const JQ = 'reduce (inputs | select(.type == "Point")) as $p ({}; .[$p.metric] |= {n: ((.n // 0) + 1), s: ((.s // 0) + $p.data.value)}) | map_values({count: .n, mean: (.s / .n)})';

interface Row {
  name: string;
  seconds: number;
  linesPerSec: number;
  mbPerSec: number;
  peakMb: number | null;
  out: string;
}

function nodeCmd(mode: string, file: string): string[] {
  return [process.execPath, '--import', 'tsx', self, `--child=${mode}`, file];
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function measure(name: string, cmd: string[], lines: number, bytes: number): Row {
  const full = GNU_TIME ? [GNU_TIME, '-f', 'maxrss_kb=%M', ...cmd] : cmd;
  const t = process.hrtime.bigint();
  const r = spawnSync(full[0] as string, full.slice(1), { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
  const rss = /maxrss_kb=(\d+)/.exec(r.stderr)?.[1] ?? /child_maxrss_kb=(\d+)/.exec(r.stdout)?.[1];
  return { name, seconds, linesPerSec: lines / seconds, mbPerSec: bytes / 1e6 / seconds, peakMb: rss ? Number(rss) / 1024 : null, out: r.stdout.trim() };
}

function print(rows: Row[]): void {
  const duck = rows.find((r) => r.name.startsWith('DuckDB'));
  const jq = rows.find((r) => r.name.startsWith('jq'));
  console.log('\n' + ['tool', 'seconds', 'lines/s', 'MB/s', 'peak RSS MB', '× DuckDB', '× jq'].join(' | '));
  for (const r of rows) {
    console.log(
      [
        r.name,
        r.seconds.toFixed(2),
        Math.round(r.linesPerSec).toLocaleString('en'),
        r.mbPerSec.toFixed(1),
        r.peakMb === null ? '–' : r.peakMb.toFixed(0),
        duck ? (r.linesPerSec / duck.linesPerSec).toFixed(2) : '–',
        jq ? (r.linesPerSec / jq.linesPerSec).toFixed(2) : '–',
      ].join(' | '),
    );
  }
  // The three count+mean answers must agree (a benchmark of wrong answers proves nothing).
  const answers = rows.filter((r) => !r.name.includes('analyzeRun')).map((r) => normalize(r.out));
  const agree = answers.every((a) => a === answers[0]);
  console.log(`\ncount+mean per metric agree across tools: ${agree ? 'yes' : 'NO'}`);
  const ours = rows[0] as Row;
  console.log(`targets: ≥ DuckDB ${duck ? (ours.linesPerSec >= duck.linesPerSec ? 'met' : 'missed') : '–'}, ≥ 5× jq ${jq ? (ours.linesPerSec >= 5 * jq.linesPerSec ? 'met' : 'missed') : '–'}, peak < 300 MB ${ours.peakMb === null ? '–' : ours.peakMb < 300 ? 'met' : 'missed'}`);
  if (!agree) process.exitCode = 1;
}

/** {metric: {count, mean}} with means to 6 significant digits, keys sorted. */
function normalize(out: string): string {
  const json = out.split('\n').find((l) => l.startsWith('{')) ?? '{}';
  const o = JSON.parse(json) as Record<string, { count: number; mean: number }>;
  return JSON.stringify(Object.keys(o).sort().map((k) => [k, Number(o[k]?.count), Number(o[k]?.mean).toPrecision(6)]));
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
  if (mode === 'analyze') {
    const { analyzeRun } = await import('../src/analyze/index.js');
    const s = await analyzeRun([file]);
    console.log(`requests=${s.throughput.requests} candidates=${s.journeys?.candidates}`);
  } else if (mode === 'reader') {
    const { readSamples } = await import('../src/results/reader.js');
    const agg = new Map<string, { n: number; s: number }>();
    for await (const batch of readSamples([file]).batches()) {
      for (const x of batch) {
        let a = agg.get(x.metric);
        if (!a) agg.set(x.metric, (a = { n: 0, s: 0 }));
        a.n++;
        a.s += x.value;
      }
    }
    console.log(JSON.stringify(Object.fromEntries([...agg].map(([k, a]) => [k, { count: a.n, mean: a.s / a.n }]))));
  } else if (mode === 'duckdb') {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const path = file.replace(/'/g, "''");
    const reader = await con.runAndReadAll(
      `SELECT metric, count(*) AS n, avg(data.value) AS mean FROM read_ndjson('${path}', columns = {type: 'VARCHAR', metric: 'VARCHAR', data: 'STRUCT(value DOUBLE)'}) WHERE type = 'Point' GROUP BY metric`,
    );
    const o: Record<string, { count: number; mean: number }> = {};
    for (const [m, n, mean] of reader.getRows()) o[String(m)] = { count: Number(n), mean: Number(mean) };
    console.log(JSON.stringify(o));
  }
  console.log(`child_maxrss_kb=${process.resourceUsage().maxRSS}`);
}

// Last, so every constant above is initialised before either path runs.
if (childMode) await child(childMode, args[args.length - 1] as string);
else await main();
