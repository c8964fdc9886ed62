import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { durationFlag } from '../../src/util/duration.js';
import { describe, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import { numberIn, seedFlag, wholeNumber } from '../../src/cli/flag-numbers.js';
import { parseStartAt, rehearsalFlags } from '../../src/cli/run-options.js';
import { withDefaults } from '../../src/compare/options.js';
import { PointScanner } from '../../src/results/read-point-bytes.js';
import { readWholePart } from '../../src/results/read-points.js';
import { checkMalformed, newReadStats, addPartStats } from '../../src/results/reader.js';
import { loadScenarioInput } from '../../src/scenario/load.js';
import { normalize } from '../../src/scenario/normalize.js';
import { runFlags } from '../cli/run-flags.js';
import { handBuiltLines } from '../fixtures/k6/hand-built.js';
import { toCsv } from '../fixtures/k6/to-csv.js';
import { FACTOR, inputErrorOrOk, nastyNumber, nastyString, params } from './arbitraries.js';

/** Thousands of cases on a busy 2-core runner (and ten times more with FUZZ_RUNS=10): a budget against hangs, not a timing assertion. */
const TIMEOUT = 600_000 * FACTOR;

/**
 * Property tests over corrupted sample files and command-line numbers (issue 19). A
 * k6 NDJSON, CSV or gzip file with bytes flipped, inserted (NUL, 0xFF, newlines, quotes)
 * or cut is read to counts, or refused in one line naming the file; the analyzer makes
 * a summary of whatever was read (a tenth of the cases, it costs more). Every numeric
 * flag either passes its check or is refused in one line naming the flag.
 */
const JSON_TEXT = Buffer.from(handBuiltLines().join('\n') + '\n');
const CSV_TEXT = Buffer.from(toCsv(handBuiltLines(), 'unix_milli').join('\n') + '\n');
const dir = mkdtempSync(join(tmpdir(), 'prop-samples-'));

type Edit = { at: number; kind: 'flip' | 'insert' | 'delete' | 'cut'; bytes: Uint8Array; len: number };
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('flip', 'insert', 'delete', 'cut'),
  bytes: fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 8 }),
    fc.constantFrom(
      Uint8Array.of(0),
      Uint8Array.of(0xff, 0xfe),
      Uint8Array.of(10),
      Uint8Array.of(0x22),
      Uint8Array.of(0xc3),
      Uint8Array.of(0x2c, 0x2c),
    ),
  ),
  len: fc.integer({ min: 1, max: 64 }),
});

function corrupt(src: Buffer, edits: Edit[]): Buffer {
  let b = Buffer.from(src);
  for (const e of edits) {
    const at = b.length === 0 ? 0 : e.at % b.length;
    if (e.kind === 'flip')
      for (let i = 0; i < e.bytes.length && at + i < b.length; i++)
        b[at + i] = (b[at + i] as number) ^ (e.bytes[i] as number);
    else if (e.kind === 'insert') b = Buffer.concat([b.subarray(0, at), e.bytes, b.subarray(at)]);
    else if (e.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + e.len)]);
    else b = b.subarray(0, at);
  }
  return b;
}

const sampleFile = fc.record({
  format: fc.constantFrom('ndjson', 'csv'),
  gzip: fc.boolean(),
  // Edits to the text, and (gzip only) to the compressed bytes.
  edits: fc.array(edit, { minLength: 1, maxLength: 6 }),
  gzEdits: fc.array(edit, { maxLength: 2 }),
});

describe('corrupted sample files: counted, or refused in one line naming the file', () => {
  it(
    'NDJSON, CSV and gzip with flipped, inserted, deleted and cut bytes',
    async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(sampleFile, async (f) => {
          n++;
          let bytes = corrupt(f.format === 'csv' ? CSV_TEXT : JSON_TEXT, f.edits);
          if (f.gzip) bytes = corrupt(gzipSync(bytes), f.gzEdits);
          const path = join(dir, `${n}.${f.format === 'csv' ? 'csv' : 'ndjson'}${f.gzip ? '.gz' : ''}`);
          writeFileSync(path, bytes);
          // Outside the working directory, the path is shown absolute: at the start, or as the first malformed line's place.
          const esc = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          const name = new RegExp(`^${esc}: |lines are not k6 samples \\(first: ${esc}:\\d+`);
          await inputErrorOrOk(async () => {
            const part = await readWholePart({ path }, new PointScanner(), { point() {} });
            const stats = newReadStats();
            addPartStats(stats, part);
            checkMalformed(stats);
          }, name);
          if (n % 10 === 0)
            await inputErrorOrOk(
              () => analyzeRun([path], { threads: 1 }),
              /\d+\.(ndjson|csv)(\.gz)?|lines are not k6 samples/,
            );
        }),
        params(1200),
      );
    },
    TIMEOUT,
  );
});

const durationText = fc.oneof(
  nastyString,
  fc
    .tuple(
      fc.oneof(nastyNumber.map(String), fc.constantFrom('1' + '0'.repeat(309), '0.5', '007')),
      fc.constantFrom('', 'ms', 's', 'm', 'h', 'd', ' s', 'S'),
    )
    .map(([n, u]) => n + u),
);

describe('command-line numbers: accepted, or refused in one line naming the flag', () => {
  it(
    'run flags (seed, workers, max-concurrent, max-rps, durations, start-at)',
    async () => {
      const flags = fc.record(
        {
          seed: nastyNumber,
          workers: nastyNumber,
          'max-concurrent': nastyNumber,
          'max-rps': nastyNumber,
          'max-duration': durationText,
          grace: durationText,
          'start-at': fc.oneof(
            nastyString,
            nastyNumber.map(String),
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          ),
        },
        { requiredKeys: ['seed', 'workers', 'grace'] },
      );
      await fc.assert(
        fc.asyncProperty(flags, async (f) => {
          const o = await inputErrorOrOk(() => rehearsalFlags(runFlags(f)), /^--[a-z-]+: /);
          if (!o) return;
          // What passes is usable: finite, in range, whole where counted.
          if (!(Number.isInteger(o.seed) && o.seed >= 0 && o.seed < 2 ** 32)) throw new Error(`seed ${o.seed} passed`);
          if (!(Number.isInteger(o.workers) && (o.workers as number) >= 1))
            throw new Error(`workers ${o.workers} passed`);
          for (const ms of [o.graceMs, o.maxDurationMs])
            if (ms !== undefined && !(ms >= 0 && ms < 2 ** 31)) throw new Error(`duration ${ms} passed`);
          if (o.startAt !== undefined && !Number.isFinite(o.startAt)) throw new Error(`start-at ${o.startAt} passed`);
        }),
        params(2000),
      );
    },
    TIMEOUT,
  );

  it(
    '--scale and --time-scale on every built-in scenario, analyze and gate numbers',
    async () => {
      const inputs = await Promise.all(
        ['launch-day', 'election-night', 'status-tracker', 'eoi-draw'].map((s) => loadScenarioInput(s)),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.nat(3),
          nastyNumber,
          nastyNumber,
          nastyNumber,
          nastyNumber,
          async (i, scale, timeScale, quota, share) => {
            const s = await inputErrorOrOk(
              () => normalize(inputs[i]!, { scale, timeScale }),
              /^--(scale|time-scale): /,
            );
            if (s && !(s.population >= 1 && s.population <= 100_000_000 && Number.isFinite(s.windowMs)))
              throw new Error(`scale ${scale} gave ${s.population}`);
            await inputErrorOrOk(() => wholeNumber(quota, '--quota', 1), '--quota: ');
            await inputErrorOrOk(
              () => numberIn(share, '--max-malformed', { min: 0, max: 1, inclusive: true }),
              '--max-malformed: ',
            );
            await inputErrorOrOk(() => seedFlag(quota), '--seed: ');
            await inputErrorOrOk(
              () => withDefaults({ alpha: share, confidence: scale, resamples: quota, seed: timeScale }),
              /^--(alpha|confidence|resamples|seed): /,
            );
            await inputErrorOrOk(() => parseStartAt(String(scale)), '--start-at: ');
            await inputErrorOrOk(() => durationFlag(String(timeScale), '--grace'), '--grace: ');
          },
        ),
        params(2000),
      );
    },
    TIMEOUT,
  );
});
