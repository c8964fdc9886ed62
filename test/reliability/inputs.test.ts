import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { durationFlag } from '../../src/util/duration.js';
import { describe, expect, it } from 'vitest';
import { shellWord } from '../../src/util/display-path.js';
import { MAX_SEED, maxWorkers, numberIn, seedFlag, wholeNumber } from '../../src/cli/flag-numbers.js';
import { rehearsalFlags } from '../../src/cli/run-options.js';
import { budgetFrom } from '../../src/compare/budget/load.js';
import { checkRun } from '../../src/compare/check.js';
import { writeOutputs } from '../../src/compare/write-outputs.js';
import { openDb } from '../../src/portal/store/db.js';
import { MAX_LINE_BYTES } from '../../src/results/read-blocks.js';
import { resolveInputs } from '../../src/results/read-inputs.js';
import { PointScanner } from '../../src/results/read-point-bytes.js';
import { readWholePart } from '../../src/results/read-points.js';
import { loadScenarioInput } from '../../src/scenario/load.js';
import { MAX_POPULATION, normalize } from '../../src/scenario/normalize.js';
import { validateTarget } from '../../src/target/validate.js';
import { outputDir, outputFile } from '../../src/util/output-path.js';
import { UsageError } from '../../src/util/usage-error.js';
import { runFlags } from '../cli/run-flags.js';
import { handBuiltLines, manifestFor, writeRunDir } from '../fixtures/k6/hand-built.js';

/**
 * Issue 19, items 8, 9, 12 and 13: each reproduction of the probe, run through the
 * library functions the CLI calls, must give a UsageError (exit 2) whose message is
 * one line naming the file or flag and what was expected. The CLI's own exit codes for
 * a few of them are checked by spawning it in test/reliability/cli.test.ts.
 */
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `h19-${p}-`));

async function usageError(p: Promise<unknown> | (() => unknown)): Promise<string> {
  let err: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    err = e;
  }
  expect(err, 'expected a UsageError').toBeInstanceOf(UsageError);
  const msg = (err as Error).message;
  expect(msg).not.toContain('\n');
  return msg;
}

describe('item 8: numbers are range-checked, with the largest sensible value in the message', () => {
  it('refuses a quota that cannot be meant: -1, 0, 2.5, abc (NaN)', async () => {
    for (const q of [-1, 0, 2.5, Number.NaN, Infinity]) {
      expect(await usageError(() => wholeNumber(q, '--quota', 1))).toMatch(
        /^--quota: expected a whole number ≥ 1, got /,
      );
    }
    expect(wholeNumber(2800, '--quota', 1)).toBe(2800);
  });

  it('caps --scale at a population of 100 million, naming the largest --scale for the scenario', async () => {
    const input = await loadScenarioInput('launch-day');
    for (const scale of [1e15, 1e308]) {
      expect(await usageError(() => normalize(input, { scale }))).toBe(
        `--scale: expected at most 8,928.57 for launch-day (100,000,000 candidates; 11,200 at --scale 1), got ${scale}`,
      );
    }
    // The bound itself is allowed: exactly MAX_POPULATION candidates.
    expect(normalize(input, { scale: MAX_POPULATION / 11_200 }).population).toBe(MAX_POPULATION);
  });

  it('bounds --time-scale, --workers, --seed, --max-rps and --service-factor', async () => {
    const input = await loadScenarioInput('launch-day');
    expect(await usageError(() => normalize(input, { timeScale: 1e-300 }))).toMatch(
      /^--time-scale: expected a number from 0.001 .* to 1,000,000,000, got 1e-300$/,
    );
    expect(await usageError(() => rehearsalFlags(runFlags({ workers: 100_000 })))).toBe(
      `--workers: expected a whole number from 1 to ${maxWorkers()} (twice this machine's ${maxWorkers() / 2} cores), got 100000`,
    );
    expect(await usageError(() => rehearsalFlags(runFlags({ seed: 1e300 })))).toBe(
      '--seed: expected a whole number from 0 to 4,294,967,295 (seeds are 32-bit), got 1e+300',
    );
    expect(seedFlag(MAX_SEED)).toBe(MAX_SEED);
    expect(await usageError(() => rehearsalFlags(runFlags({ 'max-rps': Infinity })))).toMatch(
      /^--max-rps: expected a number of requests per second > 0 and ≤ 1,000,000,000, got Infinity$/,
    );
    expect(await usageError(() => numberIn(-1, '--service-factor', { min: 0, max: 1000 }))).toBe(
      '--service-factor: expected a number > 0 and ≤ 1,000, got -1',
    );
  });

  it('refuses durations of 1e309 (as digits), -1e300 and beyond a week', async () => {
    const huge = `1${'0'.repeat(309)}s`;
    expect(await usageError(() => durationFlag(huge, '--max-duration'))).toMatch(
      /^--max-duration: expected a duration of at most 168h \(a week\), got "1000.*\.\.\."$/,
    );
    expect(await usageError(() => durationFlag('-1e300', '--grace'))).toMatch(/^--grace: expected a duration like 90s/);
    expect(await usageError(() => durationFlag('169h', '--max-duration'))).toMatch(/at most 168h/);
    expect(durationFlag('168h', '--max-duration')).toBe(7 * 24 * 3_600_000);
    // A budget's limit past the doubles is refused too.
    expect(
      await usageError(() => budgetFrom({ objectives: [`quota.fillTime < ${'9'.repeat(400)}s`] }, 'b.json')),
    ).toMatch(/^b\.json: objectives\[0\] .*: expected a limit below 1e308, got Infinity$/);
  });
});

describe('item 9: no native assertion, no heap exhaustion', () => {
  it(`reads /dev/zero to ${MAX_LINE_BYTES >> 20} MiB and stops with a line naming the file and the line`, async () => {
    const msg = await usageError(readWholePart({ path: '/dev/zero' }, new PointScanner(), { point() {} }));
    expect(msg).toBe(
      '/dev/zero: line 1: 64 MiB or more with no newline: expected k6 output, one record a line (k6 run --out json=FILE or --out csv=FILE)',
    );
  });

  it('names the line of an over-long line after good ones, in a gzip file too', async () => {
    const dir = tmp('long');
    const good = handBuiltLines().slice(0, 3).join('\n') + '\n';
    const path = join(dir, 'run.ndjson.gz');
    writeFileSync(path, gzipSync(Buffer.concat([Buffer.from(good), Buffer.alloc(MAX_LINE_BYTES + 1, 0x41)])));
    const msg = await usageError(readWholePart({ path }, new PointScanner(), { point() {} }));
    expect(msg).toMatch(/run\.ndjson\.gz: line 4: 64 MiB or more with no newline/);
  });

  it('refuses a manifest whose openingEpochMs is 1e300 (it ran out of heap after 51 s), or whose fields have the wrong type', async () => {
    const dir = tmp('manifest');
    writeRunDir(dir, handBuiltLines());
    const m = manifestFor(['samples.ndjson'], 3) as unknown as Record<string, unknown>;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, openingEpochMs: 1e300 }));
    expect(await usageError(resolveInputs([dir]))).toBe(
      `${join(dir, 'manifest.json')}: openingEpochMs: expected a number ≤ 8,640,000,000,000,000, got 1e+300 (a run manifest, as \`rehearse run\` writes it)`,
    );
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, engine: 'node', samples: [7] }));
    const msg = await usageError(resolveInputs([dir]));
    expect(msg).toContain('engine: expected an object, got a string ("node")');
    expect(msg).toContain('samples[0]: expected a string, got a number (7)');
  });
});

describe('item 12: exit 2 and one line where a stack trace was', () => {
  it('names a sample file the manifest lists but the directory lacks, and the .gz beside it', async () => {
    const dir = tmp('missing');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestFor(['samples.ndjson'], 3)));
    writeFileSync(join(dir, 'samples.ndjson.gz'), gzipSync(handBuiltLines().join('\n')));
    expect(await usageError(resolveInputs([dir]))).toBe(
      `${join(dir, 'manifest.json')}: samples[0]: "samples.ndjson" is missing from the run directory; "samples.ndjson.gz" is there: list that name in the manifest, or analyze the file itself`,
    );
  });

  it('reads what a killed --workers run wrote, leaving out the files its workers never opened; nothing at all is one line', async () => {
    const dir = tmp('killed-early');
    mkdirSync(dir, { recursive: true });
    const running = { ...manifestFor(['samples-0-0.5.ndjson', 'samples-0.5-1.ndjson'], 3), status: 'running' };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(running));
    expect(await usageError(resolveInputs([dir]))).toBe(
      `${dir}: the run stopped before it wrote any samples (manifest.json still says running: killed?): nothing to analyze`,
    );
    writeFileSync(join(dir, 'samples-0-0.5.ndjson'), handBuiltLines().join('\n'));
    expect((await resolveInputs([dir])).files).toEqual([join(dir, 'samples-0-0.5.ndjson')]);
    // A finished run that lacks a file it listed is still refused: something removed it.
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...running, status: 'completed' }));
    expect(await usageError(resolveInputs([dir]))).toMatch(
      /samples\[1\]: "samples-0\.5-1\.ndjson" is missing from the run directory: expected the sample files the run wrote$/,
    );
  });

  it('refuses --out on a file, and a place that cannot be written, before any work', async () => {
    const dir = tmp('out');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    expect(await usageError(outputDir(file, '--out'))).toMatch(
      /^--out .*a-file: is a file: expected a directory you can write/,
    );
    expect(await usageError(outputDir(join(file, 'below'), '--out'))).toMatch(
      /^--out .*a-file\/below: cannot write there \((ENOTDIR|EEXIST): a file is in the way of a directory\)/,
    );
    expect(await usageError(outputFile(dir, '--json'))).toMatch(/^--json .*: is a directory: expected a file path$/);
    // /sys refuses new entries to everyone, root included (EPERM or EACCES): a stand-in for a read-only file system.
    expect(await usageError(outputDir('/sys/rehearse-h19', '--out'))).toMatch(
      /^--out \/sys\/rehearse-h19: cannot write there \((EPERM|EACCES|EROFS): /,
    );
  });

  it('names the flag for --junit, --json and $GITHUB_STEP_SUMMARY it cannot write', async () => {
    const dir = tmp('gate');
    const c = await checkRun({ run: writeRunDir(join(dir, 'run'), handBuiltLines()), resamples: 100, seed: 1 });
    expect(await usageError(writeOutputs(c, { format: 'json', json: dir }))).toMatch(
      /^--json .*: is a directory: expected a file path$/,
    );
    expect(await usageError(writeOutputs(c, { format: 'json', stepSummary: '/sys/rehearse-h19/summary.md' }))).toMatch(
      /^\$GITHUB_STEP_SUMMARY \/sys\/rehearse-h19\/summary\.md: cannot write there/,
    );
  });

  it('says a --db that is not SQLite is not a database', async () => {
    const path = join(tmp('db'), 'not.sqlite');
    writeFileSync(path, 'this is not a database, just some text long enough to fill a header page'.repeat(20));
    expect(await usageError(() => openDb(path, 'normal'))).toBe(
      `--db ${path}: not a SQLite database (SQLITE_NOTADB): expected a database written by \`rehearse portal\`, or a new file's path`,
    );
  });
});

describe('item 13: a wrong type is not "required"; printed commands quote paths', () => {
  it('says "expected a string, got a number" for a target name of the wrong type, and "required" only when absent', () => {
    const wrong = validateTarget({ name: 5, operations: { createAccount: { method: 'POST', path: '/a' } } }, 't.json');
    expect(wrong.problems).toContain('t.json: name: expected a string, got a number (5)');
    const absent = validateTarget({ operations: { createAccount: { method: 'POST', path: '/a' } } }, 't.json');
    expect(absent.problems).toContain('t.json: name: required, expected a string');
  });

  it('says the same in a budget file', async () => {
    expect(await usageError(() => budgetFrom({ objectives: 'p95' }, 'b.json'))).toBe(
      'b.json: objectives: expected a list of objective strings, got a string ("p95")',
    );
  });

  it('quotes a path with spaces (and one with a quote) in a next: hint', () => {
    expect(shellWord('runs/latest')).toBe('runs/latest');
    expect(shellWord('runs/my run')).toBe("'runs/my run'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord('')).toBe("''");
  });
});
