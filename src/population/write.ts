import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Candidate } from './types.js';

export const POPULATION_FORMATS = ['ndjson', 'json', 'csv'] as const;
export type PopulationFormat = (typeof POPULATION_FORMATS)[number];

/**
 * Writes a population to a stream, one candidate at a time, waiting for `drain` when
 * the stream's buffer is full, so memory stays flat however large the population.
 *
 * - `ndjson`: one JSON object per line (what the engines and `rehearse run` read).
 * - `json`: one JSON array, one candidate per line, for k6's
 *   `new SharedArray('pop', () => JSON.parse(open('pop.json')))`.
 * - `csv`: RFC 4180 with a header row, nested fields flattened as `persona.retry`,
 *   `attributes.eoiScore`, for k6's papaparse (`papaparse.parse(open(f), { header: true })`).
 *   A null becomes an empty field.
 *
 * Returns the number of candidates written. Does not end the stream.
 */
export async function writePopulation(
  population: Iterable<Candidate> | AsyncIterable<Candidate>,
  out: Writable,
  format: PopulationFormat = 'ndjson',
): Promise<number> {
  let n = 0;
  let columns: string[] | undefined;
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  for await (const c of population) {
    if (format === 'ndjson') await write(`${JSON.stringify(c)}\n`);
    else if (format === 'json') await write(`${n === 0 ? '[\n' : ',\n'}${JSON.stringify(c)}`);
    else {
      const flat = flatten(c);
      if (!columns) {
        columns = Object.keys(flat);
        await write(`${columns.map(csvField).join(',')}\r\n`);
      }
      await write(`${columns.map((k) => csvField(flat[k])).join(',')}\r\n`);
    }
    n++;
  }
  if (format === 'json') await write(n === 0 ? '[]\n' : '\n]\n');
  return n;
}

/** `{ persona: { retry: 'x' } }` → `{ 'persona.retry': 'x' }`, keys in object order. */
export function flatten(value: object, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as object, key, out);
    else out[key] = v;
  }
  return out;
}

/** RFC 4180: quote fields holding a comma, quote, CR or LF; double inner quotes. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
