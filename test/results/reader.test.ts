import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseTime } from '../../src/results/k6-format.js';
import { parseCsvLine, csvLayout, splitCsv } from '../../src/results/read-csv-line.js';
import { parseJsonLine } from '../../src/results/read-json-line.js';
import { parseCsvTime, parseRfc3339 } from '../../src/results/read-time.js';
import { readSamples, type Sample } from '../../src/results/reader.js';
import { UsageError } from '../../src/util/usage-error.js';
import { handBuiltLines, T0, writeRunDir } from '../fixtures/k6/hand-built.js';

const FIXTURES = new URL('../fixtures/k6/', import.meta.url).pathname;
const tmp = () => mkdtempSync(join(tmpdir(), 'reader-'));

async function all(inputs: string[]) {
  const src = readSamples(inputs);
  const samples: Sample[] = [];
  for await (const s of src) samples.push(s);
  return { samples, stats: src.stats };
}

async function failure(inputs: string[]): Promise<string> {
  try {
    await all(inputs);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('k6 JSON lines', () => {
  const tags = { expected_response: 'true', name: 'http://x/a"b', status: '200' };
  const modern = `{"metric":"http_reqs","type":"Point","data":{"time":"2026-01-18T10:00:00.123456789+01:00","value":1,"tags":${JSON.stringify(tags)}}}`;
  const older = `{"type":"Point","data":{"time":"2026-01-18T10:00:00.123456789+01:00","value":1,"tags":${JSON.stringify(tags)}},"metric":"http_reqs"}`;
  const spaced = `{ "type": "Point", "metric": "http_reqs", "data": { "tags": ${JSON.stringify(tags)}, "value": 1, "time": "2026-01-18T09:00:00.123456789Z" } }`;
  const expected = { metric: 'http_reqs', timeMs: T0 + 123.456789, value: 1, tags };

  it('reads both field orders k6 has used, and any other order through the full parser, identically', () => {
    for (const line of [modern, older, spaced]) {
      const s = parseJsonLine(line) as Sample;
      expect({ ...s, timeMs: Math.round(s.timeMs * 1e6) / 1e6 }).toEqual(expected);
    }
  });

  it('reads metadata as tags (a tag of the same name wins), and null tags, through the full parser', () => {
    const withMeta = `{"metric":"m","type":"Point","data":{"time":"2026-01-18T09:00:00Z","value":2.5,"tags":{"a":"1"},"metadata":{"trace_id":"x","a":"meta"}}}`;
    expect(parseJsonLine(withMeta)).toEqual({ metric: 'm', timeMs: T0, value: 2.5, tags: { a: '1', trace_id: 'x' } });
    const journey = `{"metric":"rehearsal_journey","type":"Point","data":{"time":"2026-01-18T09:00:00Z","value":900,"tags":{"outcome":"accepted"},"metadata":{"candidate":"c7","arrival":"7","attempts":3}}}`;
    expect(parseJsonLine(journey)).toEqual({
      metric: 'rehearsal_journey',
      timeMs: T0,
      value: 900,
      tags: { outcome: 'accepted', candidate: 'c7', arrival: '7', attempts: '3' },
    });
    expect(
      parseJsonLine(`{"type":"Point","data":{"time":"2026-01-18T09:00:00Z","value":3,"tags":null},"metric":"m"}`),
    ).toEqual({ metric: 'm', timeMs: T0, value: 3, tags: {} });
  });

  it('tells Metric declarations, and rejects lines that are not k6 records', () => {
    expect(
      parseJsonLine(
        '{"type":"Metric","data":{"name":"vus","type":"gauge","contains":"default","thresholds":[],"submetrics":null},"metric":"vus"}',
      ),
    ).toBe('metric');
    for (const bad of [
      'not json',
      '[]',
      '{"type":"Point"}',
      modern.slice(0, -5),
      older.replace('"value":1', '"value":"x"'),
      older.replace('2026-01-18T', '2026-01-18 '),
    ]) {
      expect(parseJsonLine(bad)).toBeNull();
    }
  });

  it('parses RFC 3339 times exactly as k6-format parseTime does', () => {
    for (const t of [
      '2026-01-18T09:00:00Z',
      '2026-01-18T09:00:00.5Z',
      '2026-01-18T09:00:00.123456Z',
      '2026-01-18T10:00:00.123456789+01:00',
      '2024-03-19T14:59:30.714081-04:00',
    ]) {
      expect(parseRfc3339(t)).toBeCloseTo(parseTime(t), 6);
    }
    expect(parseRfc3339('2026-01-18')).toBeNaN();
  });

  it('parses k6 CSV timestamps in seconds, milliseconds, microseconds and RFC 3339', () => {
    expect(parseCsvTime('1768726800')).toBe(T0);
    expect(parseCsvTime('1768726800123')).toBe(T0 + 123);
    expect(parseCsvTime('1768726800123456')).toBe(T0 + 123.456);
    expect(parseCsvTime('2026-01-18T09:00:00Z')).toBe(T0);
  });
});

describe('k6 CSV lines', () => {
  it('splits quoted fields as Go encoding/csv writes them', () => {
    expect(splitCsv('a,"b,c","say ""hi""",')).toEqual(['a', 'b,c', 'say "hi"', '']);
    expect(splitCsv('a,"unclosed')).toBeNull();
  });

  it('maps columns to tags and extra_tags to further tags', () => {
    const l = csvLayout('metric_name,timestamp,metric_value,status,extra_tags,metadata');
    expect(l).not.toBeNull();
    expect(
      parseCsvLine('rehearsal_req,1768726800,12.5,201,op=createAccount&class=ok,', l as NonNullable<typeof l>),
    ).toEqual({
      metric: 'rehearsal_req',
      timeMs: T0,
      value: 12.5,
      tags: { status: '201', op: 'createAccount', class: 'ok' },
    });
  });

  it('reads a hand-written k6 CSV file', async () => {
    const { samples, stats } = await all([join(FIXTURES, 'plain-k6.csv')]);
    expect(stats.files[0]?.format).toBe('csv');
    expect(samples).toHaveLength(9);
    expect(stats.malformedLines).toBe(0);
    const search = samples.find((s) => s.metric === 'http_reqs' && s.tags.status === '404');
    expect(search?.tags).toEqual({
      expected_response: 'false',
      group: '::search',
      method: 'GET',
      name: 'http://127.0.0.1:3000/search?q=a,b',
      proto: 'HTTP/1.1',
      scenario: 'default',
      status: '404',
      url: 'http://127.0.0.1:3000/search?q=a,b',
      team: 'portal',
      run: 'rc1',
    });
    expect(samples.find((s) => s.metric === 'checks')?.tags.check).toBe('status is "200"');
  });
});

describe('reading files', () => {
  it('reads a run directory through its manifest, and gzip the same as plain text', async () => {
    const lines = handBuiltLines();
    const dir = writeRunDir(join(tmp(), 'run'), lines);
    const gz = join(tmp(), 'samples.ndjson.gz');
    writeFileSync(gz, gzipSync(lines.join('\n') + '\n'));
    const a = await all([dir]);
    const b = await all([gz]);
    expect(a.samples).toHaveLength(lines.length - 6);
    expect(b.samples).toEqual(a.samples);
    expect(a.stats.lines).toBe(lines.length);
    expect(a.stats.malformedLines).toBe(0);
  });

  it('reports a truncated last line (a killed run) and skips it, in plain and gzip files', async () => {
    const lines = handBuiltLines();
    const cut = lines.join('\n').slice(0, -20); // the last line loses its end, and there is no final newline
    const plain = join(tmp(), 'cut.ndjson');
    writeFileSync(plain, cut);
    const gz = join(tmp(), 'cut.ndjson.gz');
    // A gzip stream cut short too: the reader keeps what it holds.
    const full = gzipSync(cut);
    writeFileSync(gz, full.subarray(0, full.length - 8));
    for (const f of [plain, gz]) {
      const r = await all([f]);
      expect(r.stats.truncatedLastLine).toBe(true);
      expect(r.stats.malformedLines).toBe(0);
      expect(r.samples).toHaveLength(lines.length - 6 - 1);
    }
  });

  it('counts malformed lines with their line numbers and goes on below the threshold', async () => {
    const lines = handBuiltLines();
    lines.splice(10, 0, 'garbage');
    lines.splice(20, 0, '{"type":"Point","data":{"time":"yesterday","value":1,"tags":{}},"metric":"x"}');
    const f = join(tmp(), 'bad.ndjson');
    writeFileSync(f, lines.join('\n') + '\n');
    const r = await all([f]);
    expect(r.stats.malformedLines).toBe(2);
    expect(r.stats.malformed.map((m) => m.line)).toEqual([11, 21]);
    expect(r.stats.truncatedLastLine).toBe(false);
  });

  it('fails past the threshold: more than max(10, 1 % of lines) malformed', async () => {
    const lines = handBuiltLines();
    for (let i = 0; i < 11; i++) lines.push(`oops ${i}`);
    const f = join(tmp(), 'worse.ndjson');
    writeFileSync(f, lines.join('\n') + '\n');
    const msg = await failure([f]);
    expect(msg).toMatch(
      /^11 of 93 lines are not k6 samples \(first: .*worse\.ndjson:83, .*worse\.ndjson:84, .*worse\.ndjson:85\); more than the 10 tolerated/,
    );
  });

  it('refuses an empty file, a file that is not k6 output, and a missing file in one line', async () => {
    const d = tmp();
    writeFileSync(join(d, 'empty.json'), '');
    writeFileSync(join(d, 'blank.json'), '\n\n');
    writeFileSync(join(d, 'other.json'), '{"hello":"world"}\n');
    writeFileSync(join(d, 'other.csv'), 'a,b,c\n1,2,3\n');
    expect(await failure([join(d, 'empty.json')])).toMatch(/empty\.json: empty file: expected k6 output/);
    expect(await failure([join(d, 'blank.json')])).toMatch(/blank\.json: empty file/);
    expect(await failure([join(d, 'other.json')])).toMatch(
      /other\.json: line 1 is not k6 output: expected k6 --out json lines/,
    );
    expect(await failure([join(d, 'other.csv')])).toMatch(/other\.csv: line 1 is not k6 output/);
    expect(await failure([join(d, 'nope.json')])).toMatch(/nope\.json: no such file or directory/);
    expect(await failure([d])).toMatch(/no manifest\.json/);
    for (const m of [await failure([join(d, 'other.json')])]) expect(m.includes('\n')).toBe(false);
  });

  it('refuses a .gz file that is not gzip in one line', async () => {
    const f = join(tmp(), 'fake.ndjson.gz');
    writeFileSync(f, 'not gzip at all\n');
    expect(await failure([f])).toMatch(
      /fake\.ndjson\.gz: cannot read \(Z_DATA_ERROR\): expected a readable k6 output file \(gzip\)/,
    );
  });
});
