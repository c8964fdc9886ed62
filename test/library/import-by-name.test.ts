import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import { generatePopulation } from '../../src/population/generate.js';
import { loadScenario } from '../../src/scenario/load.js';

/**
 * `import { … } from 'launch-rehearsal'` as a user's script does it: from another
 * directory, through node_modules and the package's `exports` map, in plain Node (no
 * TypeScript loader), against the compiled package (dist/, built by the test setup).
 * Its answers must be the source's own, byte for byte; and its types must resolve for a
 * TypeScript user.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(ROOT, 'test/fixtures/k6/plain-k6.json');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rehearse-library-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'launch-rehearsal'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'a-user', type: 'module', private: true }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function node(script: string): { status: number | null; stdout: string; stderr: string } {
  writeFileSync(join(dir, 'script.mjs'), script);
  const r = spawnSync(process.execPath, [join(dir, 'script.mjs')], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the package imported by name, as a user's script does", () => {
  it('generates the same population, analysis, comparison and report as the source', async () => {
    const r = node(`
import { loadScenario, generatePopulation, analyzeRun, compareRuns, renderReport, formatSummary } from 'launch-rehearsal';
const scenario = await loadScenario('launch-day');
const candidates = [...generatePopulation(scenario, 7)];
const summary = await analyzeRun([${JSON.stringify(FIXTURE)}]);
const comparison = await compareRuns({ base: [${JSON.stringify(FIXTURE)}], candidate: [${JSON.stringify(FIXTURE)}], resamples: 200 });
const report = await renderReport({ summary, outDir: 'report' });
process.stdout.write(JSON.stringify({ candidates, summary, passed: comparison.passed, report: report.index, md: formatSummary(summary, 'md').length }));
`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      candidates: unknown[];
      summary: unknown;
      passed: boolean;
      report: string;
      md: number;
    };
    const scenario = await loadScenario('launch-day');
    expect(out.candidates).toHaveLength(scenario.population);
    expect(JSON.stringify(out.candidates)).toBe(JSON.stringify([...generatePopulation(scenario, 7)]));
    expect(out.summary).toEqual(JSON.parse(JSON.stringify(await analyzeRun([FIXTURE]))));
    expect(out.passed).toBe(true); // a run compared with itself changes nothing
    expect(out.report).toBe(join(dir, 'report', 'index.html'));
    expect(readFileSync(out.report, 'utf8')).toContain('<svg');
    expect(out.md).toBeGreaterThan(0);
  });

  it('offers only what the exports map names', () => {
    const r = node(`await import('launch-rehearsal/src/analyze/index.js');`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('has types a TypeScript user compiles against', () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    // The declarations `npm run build` writes (the test setup builds the JavaScript only).
    const build = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { encoding: 'utf8' });
    expect(build.stdout + build.stderr).toBe('');
    expect(existsSync(join(ROOT, 'dist/types/index.d.ts'))).toBe(true);
    writeFileSync(
      join(dir, 'user.ts'),
      `import { analyzeRun, type Summary, type Comparison, compareRuns } from 'launch-rehearsal';
const s: Summary = await analyzeRun(['run']);
const p50: number | undefined = s.latency.all?.p50;
const c: Comparison = await compareRuns({ base: ['a'], candidate: ['b'] });
const ok: boolean = c.passed;
// @ts-expect-error analyzeRun takes a list of paths
await analyzeRun('run');
export { p50, ok };
`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['user.ts'],
      }),
    );
    const r = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 300_000); // tsc over src/ when the declarations are not built yet: minutes on a busy 2-core machine
});
