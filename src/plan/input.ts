import { readFile } from 'node:fs/promises';
import { SweepSchema, type Sweep } from '../results/sweep.js';
import { UsageError } from '../util/usage-error.js';

/** One level as the plan sees it, whatever wrote it. */
export interface PlanPoint {
  /** Concurrency N (closed loop), or the mean number in flight (open loop, by Little's law). */
  n: number;
  /** Throughput: ok responses per second. */
  x: number;
  /** p95 response time, ms, when measured. */
  p95Ms?: number;
}

export interface PlanInput {
  file: string;
  kind: 'sweep' | 'csv';
  points: PlanPoint[];
  /** The sweep itself, when the input was a sweep.json (it knows the reference portal's capacity). */
  sweep?: Sweep;
}

/**
 * Reads what `rehearse plan` plans from: a sweep.json (validated against its schema, every
 * problem listed), or a CSV with a header row and at least the columns `concurrency` and
 * `throughput` (optionally `p95_ms`), so measurements from any tool can be planned from.
 * Throws a UsageError naming the file, the line or field and what was expected.
 */
export async function readPlanInput(file: string): Promise<PlanInput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (/^\s*\{/.test(text)) return fromSweep(file, text);
  return fromCsv(file, text);
}

function fromSweep(file: string, text: string): PlanInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const r = SweepSchema.safeParse(json);
  if (!r.success) {
    const problems = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new UsageError(`${file}: not a sweep.json: ${problems.join('; ')}`);
  }
  const sweep = r.data;
  const points = sweep.levels
    .filter((l) => l.steadyMs > 0)
    .map((l) => ({
      n: l.concurrency ?? l.inFlightMean,
      x: l.throughput,
      ...(l.latencyMs ? { p95Ms: l.latencyMs.p95 } : {}),
    }));
  return { file, kind: 'sweep', points, sweep };
}

function fromCsv(file: string, text: string): PlanInput {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0)
    throw new UsageError(
      `${file}: empty; expected a CSV with a header row and the columns concurrency,throughput (optionally p95_ms)`,
    );
  const header = (lines[0] as string).split(',').map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [cn, cx, cp] = [col('concurrency'), col('throughput'), col('p95_ms')];
  if (cn < 0 || cx < 0) {
    const missing = [cn < 0 ? 'concurrency' : '', cx < 0 ? 'throughput' : ''].filter(Boolean).join(' and ');
    throw new UsageError(
      `${file}: line 1: header has no ${missing} column; expected at least concurrency,throughput (optionally p95_ms), got "${lines[0]}"`,
    );
  }
  const points: PlanPoint[] = [];
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',').map((c) => c.trim());
    const at = `${file}: line ${i + 2}`;
    const num = (idx: number, name: string, min: number, strict: boolean): number => {
      const v = Number(cells[idx]);
      if (cells[idx] === undefined || cells[idx] === '' || !Number.isFinite(v) || (strict ? v <= min : v < min)) {
        throw new UsageError(
          `${at}: ${name}: expected a number ${strict ? '>' : '≥'} ${min}, got "${cells[idx] ?? ''}"`,
        );
      }
      return v;
    };
    const p: PlanPoint = { n: num(cn, 'concurrency', 0, true), x: num(cx, 'throughput', 0, false) };
    if (cp >= 0 && cells[cp] !== undefined && cells[cp] !== '') p.p95Ms = num(cp, 'p95_ms', 0, false);
    points.push(p);
  });
  return { file, kind: 'csv', points };
}
