import { count, num } from '../report/format.js';
import type { Plan } from './schema.js';

export const PLAN_FORMATS = ['table', 'json', 'md'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** A plan as an aligned table, Markdown or JSON. Returns the text; never prints. */
export function formatPlan(plan: Plan, format: PlanFormat): string {
  if (format === 'json') return JSON.stringify(plan, null, 2) + '\n';
  const rows = planRows(plan);
  if (format === 'md') {
    const body = rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n');
    const warn = plan.warnings.length ? `\n\n**Warnings**\n\n${plan.warnings.map((w) => `- ${w}`).join('\n')}` : '';
    return `| quantity | value |\n|---|---|\n${body}${warn}\n`;
  }
  const w = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`);
  for (const x of plan.warnings) lines.push(`warning: ${x}`);
  return lines.join('\n') + '\n';
}

const sig = (v: number) => (v !== 0 && Math.abs(v) < 0.001 ? v.toExponential(3) : num(v, 4));
const iv = (i: { low: number | null; high: number | null }, f: (v: number) => string) =>
  `[${i.low === null ? '∞' : f(i.low)}, ${i.high === null ? '∞' : f(i.high)}]`;

/** The rows every format shares: label and value. */
export function planRows(p: Plan): Array<[string, string]> {
  const u = p.usl;
  const rows: Array<[string, string]> = [
    [
      'input',
      `${p.input.file} (${p.input.levels} levels, up to N = ${num(p.input.maxConcurrency, 1)}, ${num(p.input.maxThroughput, 1)} ok/s)`,
    ],
    ['σ contention', `${sig(u.sigma)}  95 % ${iv(u.sigmaInterval, sig)}`],
    ['κ coherency', `${sig(u.kappa)}  95 % ${iv(u.kappaInterval, sig)}`],
    ['λ (X at N = 1)', `${num(u.lambda, 2)}/s  95 % ${iv(u.lambdaInterval, (v) => num(v, 2))}`],
    ['R²', num(u.r2, 4)],
    [
      'N* (knee)',
      u.nStar === null
        ? '∞ (no retrograde throughput)'
        : `${num(u.nStar, 1)}  95 % ${iv(u.nStarInterval, (v) => num(v, 1))}`,
    ],
    ['X(N*) peak', u.xMax === null ? '∞' : `${num(u.xMax, 1)}/s  95 % ${iv(u.xMaxInterval, (v) => num(v, 1))}`],
    [
      'bound',
      `${u.bound === 'coherency' ? 'coherency-bound (crosstalk dominates at the largest measured load)' : u.bound === 'contention' ? 'contention-bound (serialisation dominates at the largest measured load)' : 'linear (no limit seen)'}${u.nStar !== null ? `; throughput falls past N*` : ''}`,
    ],
  ];
  if (p.objective)
    rows.push([
      'objective',
      `${p.objective.text}: ${p.objective.maxConcurrency === null ? 'not met at any measured level, or not measured (see warnings)' : `met up to N = ${num(p.objective.maxConcurrency, 1)}`}`,
    ]);
  const c = p.capacity;
  rows.push([
    'capacity per instance',
    `${num(c.perInstance, 1)} ok/s (${c.basis === 'objective' ? 'at the objective' : c.basis === 'peak' ? 'at the peak of the curve' : 'largest measured'})${c.workersPerInstance !== null ? `, ${c.workersPerInstance} workers, ${num(c.serviceMs ?? 0, 1)} ms each` : ''}`,
  ]);
  rows.push(['usable with headroom', `${num(c.usablePerInstance, 1)} ok/s (${num(c.headroom * 100, 0)} %)`]);
  if (p.peak)
    rows.push([
      'peak',
      `${count(p.peak.users)} users, one request every ${num(p.peak.thinkTimeS, 1)} s → ${num(p.peak.requestRate, 1)} requests/s (${p.peak.source})`,
    ]);
  if (p.instances)
    rows.push([
      'instances',
      `${count(p.instances.needed)} (range ${count(p.instances.interval.low)}–${count(p.instances.interval.high)}; ${count(p.instances.atFullCapacity)} at 100 % load)`,
    ]);
  const q = p.queueing;
  if (q) {
    rows.push([
      'queueing (M/M/c)',
      `${num(q.offeredErlangs, 1)} erlangs offered; ${count(q.instancesForWait)} instances keep p95 wait ≤ ${num(q.waitObjectiveS, 2)} s; one pooled queue would need ${count(q.serversForWaitPooled)} servers`,
    ]);
    const a = q.atPlannedInstances;
    rows.push([
      `at ${p.instances ? count(p.instances.needed) : '?'} instances`,
      `utilisation ${num(a.utilisation * 100, 0)} %, P(wait) ${num(a.probWait * 100, 1)} %, mean wait ${a.meanWaitMs === null ? '∞' : `${num(a.meanWaitMs, 2)} ms`}, p95 ${a.p95WaitMs === null ? '∞' : `${num(a.p95WaitMs, 2)} ms`}, turned away with ${a.queueRoom} waiting places ${sig(a.blocking)}`,
    ]);
  }
  return rows;
}
