import { describe, expect, it } from 'vitest';
import { bytesOf } from '../../src/results/read-byte-match.js';
import { parseJsonLine } from '../../src/results/read-json-line.js';
import { scanNumber } from '../../src/results/read-number.js';
import { PointScanner, type ScannedPoint } from '../../src/results/read-point-bytes.js';
import { parseRfc3339, rfc3339FromBytes } from '../../src/results/read-time.js';
import { ParsedTags, TagCache, TagKeys, type TagSet } from '../../src/results/read-tag-sets.js';
import { draw, seedState } from '../../src/journey/rng.js';

/**
 * The byte-level reader must give, for every line it accepts, exactly what the string
 * parser (parseJsonLine) gives, and leave every other line to it. Random inputs come
 * from the journey's seeded generator, so every run tests the same cases.
 */
function uniforms(seed: number): () => number {
  const it = (function* () {
    for (let s = seedState(seed); ; ) {
      const [next, u] = draw(s);
      s = next;
      yield u;
    }
  })();
  return () => it.next().value as number;
}

/** What the byte path makes of one line: the same shape as parseJsonLine's Sample, or null when it declines. */
function scanLine(
  scanner: PointScanner,
  line: string,
): { metric: string; timeMs: number; value: number; tags: Record<string, string> } | null {
  const buf = Buffer.from(line + '\n');
  const p = {} as ScannedPoint;
  if (!scanner.scan(buf, 0, buf.length - 1, p)) return null;
  return { metric: p.metric.name, timeMs: p.timeMs, value: p.value, tags: { ...p.tags.tags } };
}

describe('the byte-level reader against the string parser', () => {
  const tags = '{"scenario":"s","op":"submitApplication","class":"ok","status":"201","country":"FR"}';
  const older = (time: string, value: string, t = tags, name = 'rehearsal_req') =>
    `{"type":"Point","data":{"time":"${time}","value":${value},"tags":${t}},"metric":"${name}"}`;
  const modern = (time: string, value: string, t = tags, name = 'http_reqs') =>
    `{"metric":"${name}","type":"Point","data":{"time":"${time}","value":${value},"tags":${t}}}`;

  it('accepts both field orders and gives the same metric, time, value and tags', () => {
    const scanner = new PointScanner();
    const lines = [
      older('2026-01-18T09:00:00.123456Z', '12.5'),
      modern('2026-01-18T10:00:00.123456789+01:00', '1'),
      older('2026-01-18T09:00:00Z', '77.83906286879885'),
      older('2026-01-18T09:00:01.5Z', '-0.25', '{}'),
      modern('2026-01-18T09:00:01.5-05:30', '1e3', '{"a":"x","n":5,"b":true}'),
      older('2026-01-18T09:00:02Z', '0', '{"url":"http://x/é?q=\\"1\\""}'),
    ];
    for (const line of lines) {
      const s = scanLine(scanner, line);
      expect(s, line).not.toBeNull();
      expect(s).toEqual(parseJsonLine(line));
    }
  });

  it('declines what it does not read exactly, so the string parser decides', () => {
    const scanner = new PointScanner();
    const declined = [
      older('2026-01-18T09:00:00Z', '1') + '\r',
      older('2026-01-18 09:00:00Z', '1'),
      older('2026-01-18T09:00:60Z', '1'),
      older('2026-01-18T24:00:00Z', '1'),
      older('2026-01-18T09:00:00.Z', '1'),
      older('2026-01-18T09:00:00z', '1'),
      older('2026-01-18T09:00:00+24:00', '1'),
      older('2026-01-18T09:00:00Z', '"1"'),
      older('2026-01-18T09:00:00Z', 'NaN'),
      older('2026-01-18T09:00:00Z', '1', '[1]'),
      older('2026-01-18T09:00:00Z', '1', '{"a":'),
      older('2026-01-18T09:00:00Z', '1', tags, 'my-metric'),
      older('2026-01-18T09:00:01.5Z', '3', 'null'), // no `}}` before "metric": the string parser reads it
      `{"type":"Point","metric":"vus","data":{"time":"2026-01-18T09:00:00Z","value":1,"tags":{}}}`,
      `{ "type": "Point", "data": {"time":"2026-01-18T09:00:00Z","value":1,"tags":{}},"metric":"vus"}`,
      '{"type":"Metric","data":{"name":"vus","type":"gauge","contains":"default","thresholds":[],"submetrics":null},"metric":"vus"}',
      '',
      'not json',
    ];
    for (const line of declined) expect(scanLine(scanner, line), line).toBeNull();
  });

  it('agrees with the string parser on every line of a seeded mix of shapes', () => {
    const rnd = uniforms(11);
    const scanner = new PointScanner();
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)] as T;
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const sec = String(Math.floor(rnd() * 60)).padStart(2, '0');
      const frac = pick(['', '.5', '.123', '.123456', '.123456789', '.1234567891']);
      const zone = pick(['Z', '+01:00', '-05:30', '+00:00']);
      const time = `2026-0${1 + Math.floor(rnd() * 9)}-${String(1 + Math.floor(rnd() * 31)).padStart(2, '0')}T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:0${Math.floor(rnd() * 10)}:${sec}${frac}${zone}`;
      const value = pick([
        String(Math.floor(rnd() * 1000)),
        String(rnd() * 1000),
        String(-rnd()),
        String(rnd() * 1e-7),
        '0',
        '1.50',
      ]);
      const t = pick([tags, '{}', `{"candidate":"c${i}","arrival":"${i}","outcome":"accepted"}`, '{"a":"1","a":"2"}']);
      const name = pick(['rehearsal_req', 'http_reqs', 'rehearsal_journey', 'vus']);
      const line = rnd() < 0.5 ? older(time, value, t, name) : modern(time, value, t, name);
      const s = scanLine(scanner, line);
      if (s === null) continue;
      accepted++;
      expect(s, line).toEqual(parseJsonLine(line));
    }
    expect(accepted).toBeGreaterThan(2900);
  });

  it('reads numbers exactly as Number() does', () => {
    const rnd = uniforms(5);
    const out = { value: 0, end: 0 };
    const texts = [
      '0',
      '-0',
      '1',
      '12.5',
      '0.1',
      '0.30000000000000004',
      '123456789012345',
      '1234567890123456789',
      '9007199254740993',
      '1e21',
      '.5',
      '1.',
      '00012',
      '5e-324',
      '1.7976931348623157e308',
    ];
    // Midpoints between two doubles (ties to even), 16–19 digits, and 19-digit expansions that sit near midpoints.
    texts.push(
      '9007199254740993',
      '9007199254740995',
      '123456789012345.67',
      '0.1000000000000000055',
      '2.220446049250313e-16',
    );
    for (let i = 0; i < 20000; i++) texts.push(String((rnd() - 0.3) * 10 ** Math.floor(rnd() * 12 - 4)));
    for (let i = 0; i < 5000; i++) texts.push((rnd() * 100).toPrecision(19 - (i % 4)));
    for (const text of texts) {
      const b = bytesOf(Buffer.from(`${text},"tags"`));
      expect(scanNumber(b, 0, b.buf.length, out), text).toBe(true);
      expect(Object.is(out.value, Number(text)), text).toBe(true);
      expect(out.end).toBe(text.length);
    }
    const b = bytesOf(Buffer.from('1e999,'));
    expect(scanNumber(b, 0, b.buf.length, out)).toBe(false);
  });

  it('reads RFC 3339 times as parseRfc3339 does, from one second to the next and back', () => {
    const rnd = uniforms(3);
    for (let i = 0; i < 5000; i++) {
      // Runs of samples in the same second, as in a run, so the last-second shortcut is taken.
      const base = `2026-01-18T09:0${Math.floor(i / 500)}:${String(Math.floor(i / 100) % 60).padStart(2, '0')}`;
      const t = `${base}${rnd() < 0.9 ? `.${String(Math.floor(rnd() * 1e6)).padStart(6, '0')}` : ''}${rnd() < 0.8 ? 'Z' : '+02:00'}`;
      const buf = Buffer.from(t);
      expect(rfc3339FromBytes(buf, bytesOf(buf).dv, 0, buf.length), t).toBe(parseRfc3339(t));
    }
  });
});

describe('picking tags from a tag set read in place', () => {
  it('gives what the parsed object gives: strings, and numbers as Number() reads them', () => {
    const keys = new TagKeys(['outcome', 'country', 'eligible', 'invited'], ['attempts', 'arrival', 'score']);
    const sets = [
      '{"scenario":"s","outcome":"accepted","candidate":"c1","arrival":"12","attempts":"3","country":"FR"}',
      '{"outcome":"gave_up","arrival":"007","attempts":"","score":"61.5","eligible":"false","invited":"true"}',
      '{"arrival":"-4","attempts":"0x1f","score":"1e3","country":"MA","country":"DZ"}',
      '{"arrival":" 12 ","attempts":"1234567890123456789","score":"abc"}',
      '{"a":"1","outcomes":"x","countr":"y"}',
      '{}',
    ];
    for (const json of sets) {
      const buf = Buffer.from(json);
      const raw = new TagCache(false).get(bytesOf(buf), 0, buf.length) as TagSet;
      const parsed = new ParsedTags(JSON.parse(json) as Record<string, string>);
      expect(raw).not.toBeInstanceOf(ParsedTags); // read in place
      const [rs, rn, ps, pn] = [[], [], [], []] as [
        Array<string | undefined>,
        number[],
        Array<string | undefined>,
        number[],
      ];
      raw.pick(keys, rs, rn);
      parsed.pick(keys, ps, pn);
      expect(rs, json).toEqual(ps);
      expect(rn.map(String), json).toEqual(pn.map(String));
    }
  });
});
