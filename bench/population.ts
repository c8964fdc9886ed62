/**
 * Population generation: candidates per second and peak memory for 1,000,000
 * candidates (100,000 with --quick / BENCH_QUICK=1), beside a baseline of plain
 * Faker calls for the same fields, measured in the same run.
 *
 * - ours: `generatePopulation` (sorted Poisson arrivals, persona, country, locale
 *   Faker with a per-candidate reseed, every attribute, EOI score) → `writePopulation`
 *   NDJSON into a sink that drops the bytes.
 * - plain faker: Faker's ready-made locale instances (default Mersenne Twister,
 *   seeded once), the same Faker fields (sex, first and last name, e-mail, birth
 *   date, job title), Math.random for the other fields, JSON.stringify into the
 *   same sink; no arrival process, no per-candidate determinism.
 *
 * Each contender runs in its own child process so its peak RSS is its own
 * (process.resourceUsage().maxRSS); heap is sampled every 10,000 candidates.
 */
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { QUICK } from './_harness.js';

const N = QUICK ? 100_000 : 1_000_000;
const SCENARIO = 'election-night';

interface Result {
  name: string;
  n: number;
  ms: number;
  bytes: number;
  maxRssMb: number;
  peakHeapMb: number;
}

async function child(which: string, n: number): Promise<void> {
  const { loadScenario } = await import('../src/scenario/load.js');
  const full = await loadScenario(SCENARIO, { scale: 1 });
  const scenario = await loadScenario(SCENARIO, { scale: n / full.population });
  let bytes = 0;
  let count = 0;
  let peakHeap = 0;
  const sample = () => {
    if (++count % 10_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      bytes += chunk.length;
      cb();
    },
  });
  const t0 = performance.now();
  if (which === 'ours') {
    const { generatePopulation } = await import('../src/population/generate.js');
    const { writePopulation } = await import('../src/population/write.js');
    const gen = generatePopulation(scenario, 1);
    const counted = (function* () {
      for (const c of gen) {
        sample();
        yield c;
      }
    })();
    await writePopulation(counted, sink, 'ndjson');
  } else {
    const f = await import('@faker-js/faker');
    const fakers: Record<string, InstanceType<typeof f.Faker>> = {
      US: f.fakerEN_US,
      CA: f.fakerEN_CA,
      AU: f.fakerEN_AU,
      GB: f.fakerEN_GB,
      MX: f.fakerES_MX,
      FR: f.fakerFR,
      IN: f.fakerEN_IN,
      DE: f.fakerDE,
      CN: f.fakerZH_CN,
    };
    for (const x of Object.values(fakers)) x.seed(1);
    const codes = scenario.countries;
    const levels = ['none', 'basic', 'intermediate', 'advanced'];
    for (let i = 0; i < scenario.population; i++) {
      let u = Math.random();
      let code = codes[codes.length - 1]!.code;
      for (const c of codes)
        if ((u -= c.share) < 0) {
          code = c.code;
          break;
        }
      const fk = fakers[code]!;
      const sex = fk.person.sexType();
      const firstName = fk.person.firstName(sex);
      const lastName = fk.person.lastName(sex);
      const row = {
        id: `c${String(i).padStart(6, '0')}`,
        seq: i,
        seed: (Math.random() * 2 ** 32) >>> 0,
        arrivalMs: Math.random() * scenario.windowMs,
        firstName,
        lastName,
        email: Math.random() < 0.8 ? fk.internet.email({ firstName, lastName }).toLowerCase() : null,
        country: code,
        locale: code,
        persona: {
          name: 'curious',
          patienceMs: Math.round(Math.random() * 1e6),
          retry: 'hammer',
          retryBaseMs: 5000,
          retryCapMs: 300_000,
          thinkMs: 120_000,
        },
        attributes: {
          birthDate: fk.date.birthdate({ mode: 'age', min: 18, max: 50 }).toISOString().slice(0, 10),
          occupation: fk.person.jobTitle(),
          education: 'bachelor',
          french: levels[Math.floor(Math.random() * 4)],
          english: levels[Math.floor(Math.random() * 4)],
          eoiScore: Math.floor(Math.random() * 76),
        },
      };
      sample();
      if (!sink.write(`${JSON.stringify(row)}\n`)) await new Promise((r) => sink.once('drain', r));
    }
  }
  const ms = performance.now() - t0;
  const r: Result = {
    name: which,
    n: scenario.population,
    ms,
    bytes,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 2 ** 20,
  };
  process.stdout.write(`${JSON.stringify(r)}\n`);
}

function run(which: string): Result {
  const script = fileURLToPath(import.meta.url);
  const p = spawnSync(process.execPath, ['--import', 'tsx', script, '--child', which, String(N)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (p.status !== 0) throw new Error(`${which} failed: ${p.stderr}`);
  return JSON.parse(p.stdout.trim().split('\n').at(-1)!) as Result;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--child');
  if (i >= 0) return child(process.argv[i + 1]!, Number(process.argv[i + 2]));
  process.stdout.write(
    `population: ${N.toLocaleString('en-US')} candidates of ${SCENARIO}, NDJSON into a null sink, one child process each\n`,
  );
  const ours = run('ours');
  const base = run('plain-faker');
  const rate = (r: Result) => (r.n / r.ms) * 1000;
  for (const r of [ours, base]) {
    process.stdout.write(
      `  ${r.name.padEnd(12)} ${Math.round(rate(r)).toLocaleString('en-US').padStart(9)} candidates/s  ${(r.ms / 1000).toFixed(1).padStart(5)} s  peak RSS ${r.maxRssMb.toFixed(0).padStart(4)} MB  peak heap ${r.peakHeapMb.toFixed(0).padStart(4)} MB  ${(r.bytes / r.n).toFixed(0)} B/candidate\n`,
    );
  }
  process.stdout.write(
    `  ratio ours/plain-faker: speed ${(rate(ours) / rate(base)).toFixed(2)}×, peak RSS ${(ours.maxRssMb / base.maxRssMb).toFixed(2)}×\n`,
  );
}

await main();
