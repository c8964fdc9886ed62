import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAddon } from '../../src/results/read-native.js';
import { firstDifference, readAll } from '../fixtures/k6/read-both-ways.js';

/**
 * Differential fuzz of the native line scanner (native/k6-scan.cc) against the
 * JavaScript reader (issue 19): random k6 Point lines — both field orders, numbers from
 * 5e-324 to past 1e308 and spelled every way JSON allows and some it does not, times in
 * odd years, fractions and zones, tag sets from none to 200 pairs, per-sample tags that
 * push the scanner past its tag cache — then mutated at the byte level (NUL, invalid
 * UTF-8, lone surrogates, quotes, backslashes, deletions, cuts). Each batch is read both
 * ways: the same points in the same order (metric, time and value by Object.is, tags),
 * and the same counts of lines, malformed lines and truncation. A crash of the addon
 * would take the test process down, which fails the run too.
 *
 * ~50,000 lines by default; FUZZ_LINES sets the number (`npm run fuzz`: 1,000,000).
 */
const built = loadAddon() !== null;
if (!built) console.warn('native-scanner.fuzz: native/k6-scan.cc is not built (npm install runs node-gyp): skipped');

const LINES = Number(process.env.FUZZ_LINES ?? 50_000);
const BATCH = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 19);

const pad = (n: number, w: number) => String(n).padStart(w, '0');

const time = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.constantFrom('', '.5', '.123', '.123456', '.123456789', '.1234567891'),
        fc.constantFrom('Z', 'Z', '+01:00', '-05:30'),
      )
      .map(([d, frac, zone]) => `${d.toISOString().slice(0, 19)}${frac}${zone}`),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({
        y: fc.oneof(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 0, max: 9999 })),
        mo: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
        h: fc.integer({ min: 0, max: 25 }),
        mi: fc.integer({ min: 0, max: 60 }),
        s: fc.integer({ min: 0, max: 60 }),
        frac: fc.oneof(fc.constant(''), fc.constant('.'), fc.stringMatching(/^\.[0-9]{1,12}$/)),
        zone: fc.oneof(
          fc.constant('Z'),
          fc.constantFrom('z', '+0100', '+24:00', '-00:00', ''),
          fc
            .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }))
            .map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`),
        ),
      })
      .map(
        (t) =>
          `${pad(t.y, 4)}-${pad(t.mo, 2)}-${pad(t.d, 2)}T${pad(t.h, 2)}:${pad(t.mi, 2)}:${pad(t.s, 2)}${t.frac}${t.zone}`,
      ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

const value = fc.oneof(
  { weight: 4, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 2, arbitrary: fc.stringMatching(/^-?(0|[1-9][0-9]{0,30})(\.[0-9]{1,25})?([eE][+-]?[0-9]{1,3})?$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '1e308',
      '1.7976931348623157e308',
      '1.7976931348623159e308',
      '1e309',
      '5e-324',
      '2e-324',
      '1e-400',
      '-0',
      '0.0',
      '007',
      '.5',
      '1.',
      '+1',
      '0x10',
      'NaN',
      'Infinity',
      '"1"',
      'null',
      '9007199254740993',
      '1E+2',
      '1e',
      '--1',
      '',
    ),
  },
);

const tagText = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9_./:-]{0,12}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'a"b', 'a\\b', '\u0000', '\u00e9', '\ud83d\ude00'),
  },
);
const flatTags = fc.dictionary(tagText, tagText, { maxKeys: 200 }).map((o) => JSON.stringify(o));
const tags = fc.oneof(
  { weight: 6, arbitrary: flatTags },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{}',
      'null',
      '[]',
      '{"a":',
      '{"a":"1","a":"2"}',
      '{"a":"1", "b":"2"}',
      '{"n":5}',
      '{"u":"\\u00e9"}',
    ),
  },
);
const name = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('http_reqs', 'http_req_duration', 'rehearsal_req', 'rehearsal_journey', 'vus'),
  },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_]{0,40}$/) },
  { weight: 1, arbitrary: fc.constantFrom('my-metric', 'a b', '', 'x'.repeat(300), 'é') },
);

const DECLARATION = Buffer.from(
  '{"type":"Metric","data":{"name":"vus","type":"gauge","contains":"default","thresholds":[],"submetrics":null},"metric":"vus"}',
);

/** A Point line in either field order; a third of them per-sample (a fresh candidate tag each). */
const pointLine = fc
  .record({ modern: fc.boolean(), time, value, tags, name, perSample: fc.integer({ min: 0, max: 2 }), id: fc.nat() })
  .map((p) => {
    const t = p.perSample === 0 ? `{"candidate":"c${p.id}","arrival":"${p.id % 977}","outcome":"accepted"}` : p.tags;
    const n = p.perSample === 0 ? 'per_sample' : p.name;
    const data = `{"time":"${p.time}","value":${p.value},"tags":${t}}`;
    return p.modern
      ? `{"metric":"${n}","type":"Point","data":${data}}`
      : `{"type":"Point","data":${data},"metric":"${n}"}`;
  });

type Mut = { at: number; kind: 'insert' | 'flip' | 'delete' | 'cut'; bytes: Uint8Array };
const BAD = [
  Uint8Array.of(0),
  Uint8Array.of(0xff),
  Uint8Array.of(0xc3),
  Uint8Array.of(0xed, 0xa0, 0x80),
  Uint8Array.of(0x22),
  Uint8Array.of(0x5c),
  Uint8Array.of(0x0d),
  Uint8Array.of(0x20),
  Uint8Array.of(0x2c),
];
const mut: fc.Arbitrary<Mut> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('insert', 'flip', 'delete', 'cut'),
  bytes: fc.oneof(fc.constantFrom(...BAD), fc.uint8Array({ minLength: 1, maxLength: 4 })),
});

const line = fc
  .tuple(
    pointLine,
    fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as Mut[]) },
      { weight: 1, arbitrary: fc.array(mut, { minLength: 1, maxLength: 3 }) },
    ),
  )
  .map(([text, muts]) => {
    let b = Buffer.from(text);
    for (const m of muts) {
      const at = m.at % Math.max(1, b.length);
      if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
      else if (m.kind === 'flip') b[at] = (b[at] ?? 0) ^ (m.bytes[0] as number);
      else if (m.kind === 'delete')
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + ((m.bytes[0] as number) % 8))]);
      else b = b.subarray(0, at);
    }
    return b;
  });

describe.skipIf(!built)('the native line scanner against the JavaScript reader', () => {
  it(`reads ${LINES.toLocaleString('en-US')} random and mutated k6 lines identically`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuzz-scan-'));
    const batches = Math.ceil(LINES / BATCH);
    let lines = 0;
    let points = 0;
    let malformed = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(line, { minLength: BATCH, maxLength: BATCH }),
          fc.boolean(),
          async (ls, terminated) => {
            const path = join(dir, 'batch.ndjson');
            const nl = Buffer.from('\n');
            writeFileSync(
              path,
              Buffer.concat([
                // A file is told k6 JSON by its first line, which a mutation may break: the fuzz is
                // of the scanner's lines, so every batch opens with a valid declaration.
                DECLARATION,
                nl,
                ...ls.flatMap((l) => [l, nl]),
                terminated ? Buffer.alloc(0) : Buffer.from('{"type":"Point","data":{"ti'),
              ]),
            );
            const js = await readAll(path, false);
            const nat = await readAll(path, true);
            const i = firstDifference(nat.rows, js.rows);
            if (i >= 0)
              expect({ native: nat.rows[i], js: js.rows[i] }, `point ${i}`).toEqual({
                native: js.rows[i],
                js: js.rows[i],
              });
            expect(nat.stats).toEqual(js.stats);
            lines += js.stats.lines;
            points += js.rows.length;
            malformed += js.stats.malformedLines;
          },
        ),
        { numRuns: batches, seed: SEED, endOnFailure: true },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The mix reaches both paths: most lines are points, and some are not.
    expect(lines).toBeGreaterThanOrEqual(LINES);
    expect(points).toBeGreaterThan(LINES / 2);
    expect(malformed).toBeGreaterThan(LINES / 100);
    console.log(
      `native scanner fuzz: ${lines.toLocaleString('en-US')} lines, ${points.toLocaleString('en-US')} points, ${malformed.toLocaleString('en-US')} malformed: identical`,
    );
  }, 1_800_000);
});
