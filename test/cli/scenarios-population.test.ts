import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generatePopulation } from '../../src/population/generate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { rehearseCli } from './cli.js';

/*
 * The normal runs of `rehearse scenarios` and `rehearse population`, through the real
 * binary (their errors are in usage.test.ts). Each spawn has its own margin: tsx
 * compiles the CLI on start, seconds on a busy 2-core runner.
 */
const SPAWN_MARGIN_MS = 180_000;
const BIN = fileURLToPath(new URL('../../bin/rehearse.js', import.meta.url));
const BUILT_IN = [
  'election-night',
  'election-night-quebec',
  'election-night-week-before',
  'eoi-draw',
  'launch-day',
  'status-tracker',
];

describe('rehearse scenarios', () => {
  it(
    'list: the built-in days (four, and two variants of election night), each with its size at default knobs',
    async () => {
      const r = await rehearseCli(['scenarios', 'list'], { timeoutMs: SPAWN_MARGIN_MS - 10_000 });
      expect([r.code, r.stderr]).toEqual([0, '']);
      const names = r.stdout
        .split('\n')
        .filter((l) => /^\S/.test(l))
        .map((l) => l.split(/\s+/)[0]);
      expect(names).toEqual(BUILT_IN);
      // launch-day at its default knobs: 400 candidates, quota 100 (2,800 × scale 0.0357, rounded).
      const s = await loadScenario('launch-day', {});
      expect(r.stdout).toContain(`${s.population} candidates in 20 s run time`);
      expect(r.stdout).toContain(`quota ${s.portal.quota}`);
    },
    SPAWN_MARGIN_MS,
  );

  it(
    'show: the scenario at the knobs given, scaled population and quota',
    async () => {
      const r = await rehearseCli(['scenarios', 'show', 'launch-day', '--scale', '0.01', '--time-scale', '60'], {
        timeoutMs: SPAWN_MARGIN_MS - 10_000,
      });
      expect([r.code, r.stderr]).toEqual([0, '']);
      // 2,800 places × 0.01 = 28; 4 h real at 60× = 4 min.
      expect(r.stdout).toMatch(/^launch-day — Québec quota opening, January 2016\n/);
      expect(r.stdout).toContain('knobs         scale 0.01 · time scale 60× (4 h real → 4 min run)');
      expect(r.stdout).toContain('quota 28');
      const s = await loadScenario('launch-day', { scale: 0.01, timeScale: 60 });
      expect(r.stdout).toContain(`population    ${s.population} candidates`);
    },
    SPAWN_MARGIN_MS,
  );

  it(
    'check: a valid file says ok with its size; schema: the committed schema, byte for byte',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'scenarios-cli-'));
      const check = await rehearseCli(['scenarios', 'check', 'scenarios/status-tracker.ts'], {
        timeoutMs: SPAWN_MARGIN_MS - 10_000,
      });
      expect([check.code, check.stderr]).toEqual([0, '']);
      expect(check.stdout).toMatch(
        /^scenarios\/status-tracker\.ts: ok \(status-tracker, [\d,]+ candidates at default knobs\)\n$/,
      );
      const schema = await rehearseCli(['scenarios', 'schema', '--out', join(dir, 'schema.json')], {
        timeoutMs: SPAWN_MARGIN_MS - 10_000,
      });
      expect([schema.code, schema.stdout, schema.stderr]).toEqual([0, '', '']);
      expect(await readFile(join(dir, 'schema.json'), 'utf8')).toBe(
        await readFile('scenarios/scenario.schema.json', 'utf8'),
      );
    },
    2 * SPAWN_MARGIN_MS,
  );
});

describe('rehearse population', () => {
  it(
    'writes the seeded population: the library’s candidates (so the same bytes for the same seed), in each format',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'population-cli-'));
      const args = (seed: number, out: string, ...more: string[]) => [
        'population',
        'launch-day',
        '--seed',
        String(seed),
        '--scale',
        '0.005',
        '--out',
        join(dir, out),
        ...more,
      ];
      // One after another: four at once on a loaded 2-core runner outlast any sensible margin.
      const outs = ['a.ndjson', 'c.ndjson', 'd.csv', 'e.json'];
      const runs = [];
      for (const out of outs)
        runs.push(await rehearseCli(args(out === 'c.ndjson' ? 8 : 7, out), { timeoutMs: SPAWN_MARGIN_MS - 10_000 }));
      // What was written is said on standard error, so it never mixes with a population on standard output.
      runs.forEach((r, i) => {
        const format = outs[i]!.split('.')[1];
        expect([r.code, r.stdout, r.stderr]).toEqual([
          0,
          '',
          `wrote 56 candidates of launch-day (seed ${i === 1 ? 8 : 7}) to ${join(dir, outs[i]!)} as ${format}\n`,
        ]);
      });
      const a = await readFile(join(dir, 'a.ndjson'), 'utf8');
      expect(await readFile(join(dir, 'c.ndjson'), 'utf8')).not.toBe(a);
      // The same candidates the library generates for that scenario, knobs and seed.
      const expected = [...generatePopulation(await loadScenario('launch-day', { scale: 0.005 }), 7)];
      const lines = a.trimEnd().split('\n');
      expect(lines).toHaveLength(expected.length);
      expect(lines.map((l) => JSON.parse(l))).toEqual(JSON.parse(JSON.stringify(expected)));
      // JSON: an array of the same candidates (k6 SharedArray); CSV: a header and one row each.
      expect(JSON.parse(await readFile(join(dir, 'e.json'), 'utf8'))).toEqual(lines.map((l) => JSON.parse(l)));
      const csv = (await readFile(join(dir, 'd.csv'), 'utf8')).trimEnd().split('\n');
      expect(csv).toHaveLength(expected.length + 1);
      expect(csv[0]!.split(',').slice(0, 4)).toEqual(['id', 'seq', 'seed', 'arrivalMs']);
      expect(csv[1]!.startsWith(`${expected[0]!.id},0,${expected[0]!.seed},`)).toBe(true);
    },
    4 * SPAWN_MARGIN_MS,
  );

  it(
    'writes to standard output by default, and stops quietly when the reader goes away',
    async () => {
      const r = await rehearseCli(['population', 'launch-day', '--seed', '7', '--scale', '0.005'], {
        timeoutMs: SPAWN_MARGIN_MS - 10_000,
      });
      expect([r.code, r.stderr]).toEqual([0, '']);
      const expected = [...generatePopulation(await loadScenario('launch-day', { scale: 0.005 }), 7)];
      expect(
        r.stdout
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l)),
      ).toEqual(JSON.parse(JSON.stringify(expected)));
      // `… | head -c 1000`: the reader closes the pipe after the first chunk of about 1 MB.
      const cut = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'population', 'launch-day', '--seed', '7', '--scale', '0.05'], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.stdout.once('data', () => child.stdout.destroy());
        const timer = setTimeout(() => child.kill('SIGKILL'), SPAWN_MARGIN_MS - 10_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stderr });
        });
      });
      expect(cut).toEqual({ code: 0, stderr: '' });
    },
    2 * SPAWN_MARGIN_MS,
  );
});
