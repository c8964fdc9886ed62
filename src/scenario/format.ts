import { clock } from '../util/clock.js';
import { wrapWords } from '../util/wrap-words.js';
import { describeScenario } from './describe.js';
import { portalCapacityFactor } from './portal-scale.js';
import { sparkline } from './sparkline.js';
import type { Scenario } from './types.js';

/**
 * Text for `rehearse scenarios show`: returns a string, never touches the terminal
 * (the printer/terminal split autocannon keeps).
 */
export function formatScenario(s: Scenario): string {
  const p = describeScenario(s);
  const real = (runMs: number) => clock(s.startsAt, runMs * s.knobs.timeScale);
  const lines: string[] = [];
  lines.push(`${s.name} — ${s.title}`, `  ${s.description}`, '');
  lines.push(
    `knobs         scale ${num(s.knobs.scale, 4)} · time scale ${num(s.knobs.timeScale, 1)}× (${duration(s.windowMs * s.knobs.timeScale)} real → ${duration(s.windowMs)} run)`,
  );
  lines.push(
    `population    ${int(s.population)} candidates${s.arrivals === 'poisson' ? ' (Poisson count, mean)' : ''}`,
  );
  lines.push(
    `portal        ${s.portal.strategy}, ${s.portal.workers} worker${s.portal.workers === 1 ? '' : 's'} × ${num(s.portal.serviceMs, 3)} ms` +
      (s.portal.maxActive !== undefined ? `, cap ${s.portal.maxActive} at once` : '') +
      (s.portal.quota !== undefined ? `, quota ${int(s.portal.quota)}` : '') +
      (s.portal.retryAfterSec !== undefined ? `, Retry-After ${num(s.portal.retryAfterSec, 3)} s` : ''),
  );
  const at = s.portalFittedAt;
  if (at && (at.scale !== s.knobs.scale || at.timeScale !== s.knobs.timeScale))
    lines.push(
      `              fitted at scale ${num(at.scale, 4)} · ${num(at.timeScale, 1)}×, the same real-day portal at these knobs: ` +
        `capacity × ${num(portalCapacityFactor({ ...s.portal, fittedAt: at }, s.knobs), 4)}, Retry-After and lifetimes × ${num(at.timeScale / s.knobs.timeScale, 4)}`,
    );
  lines.push(
    `journey       ${s.journey.steps.map((st) => (st.repeat && st.repeat > 1 ? `${st.op}×${st.repeat}` : st.op)).join(' → ')} (success: ${s.journey.success})`,
    '',
  );

  lines.push('timeline (real clock · run time)');
  const events = [
    { atMs: 0, text: 'arrivals start' },
    ...(s.openingMs > 0 ? [{ atMs: s.openingMs, text: 'intake opens' }] : []),
    ...s.phases.map((ph) => ({ atMs: ph.atMs, text: `${ph.name}: ${ph.description}` })),
    ...s.operator.map((o) => ({
      atMs: o.atMs,
      text: `operator ${o.op} of ${o.size}${o.criteria ? ` (${criteria(o.criteria)})` : ''}`,
    })),
    { atMs: s.windowMs, text: 'arrivals end' },
  ].sort((a, b) => a.atMs - b.atMs);
  for (const e of events) lines.push(`  ${real(e.atMs)}  +${duration(e.atMs).padEnd(8)} ${e.text}`);
  lines.push('');

  lines.push(`arrivals per second (run time), ${p.rates.length} slices of ${duration(p.bucketMs)}`);
  lines.push(`  ${sparkline(p.rates)}  peak ${num(p.peakRatePerSec, 1)}/s`);
  lines.push(`  ${real(0)}${' '.repeat(Math.max(1, p.rates.length - 2 * real(0).length))}${real(s.windowMs)}`, '');

  lines.push(
    `peak arrival rate     ${num(p.peakRatePerSec, 1)}/s run time (${realRate(p.peakRatePerSec / s.knobs.timeScale)} real) at ${real(p.peakAtMs)}`,
  );
  lines.push(
    `time in system        ${duration(p.visitMs)} run time per visit, unimpeded (${num(p.requestsPerVisit, 0)} requests)`,
  );
  lines.push(
    `peak concurrency      ${int(p.peakConcurrency)} visitors at once at ${real(p.peakConcurrencyAtMs)} (Little's law: arrivals in the last ${duration(p.visitMs)})`,
  );
  lines.push(
    `  if all stay         ${int(p.peakConcurrencyPatience)} (everyone turned away keeps trying for their mean patience, ${duration(p.patienceMs)})`,
  );
  lines.push(`peak requests         ${num(p.peakRequestsPerSec, 1)}/s with nobody turned away`, '');

  if (s.calibration.length) {
    lines.push('calibration (each default fitted to a sourced fact)');
    for (const c of s.calibration)
      lines.push(`  ${c.setting}: fitted to ${c.fact}`, ...wrapWords(c.how, 96).map((l) => `      ${l}`));
    lines.push('');
  }
  lines.push('sources');
  for (const src of s.sources) lines.push(`  ${src.figure}`, `      ${citation(src)}`);
  return `${lines.join('\n')}\n`;
}

/** `Agence QMI, “Douze fois plus …”, 2016-11-09, URL`: a citation a reader can find. */
export function citation(src: Scenario['sources'][number]): string {
  const title = src.title.startsWith('[') ? src.title : `“${src.title}”`;
  return [src.publisher, title, src.date, src.url].filter(Boolean).join(', ');
}

/** One line per scenario for `rehearse scenarios list`. */
export function formatScenarioList(rows: Array<{ name: string; scenario: Scenario }>): string {
  const w = Math.max(...rows.map((r) => r.name.length));
  return `${rows
    .map(({ name, scenario: s }) => {
      const p = describeScenario(s, 10);
      return `${name.padEnd(w)}  ${s.title}\n${' '.repeat(w)}  ${int(s.population)} candidates in ${duration(s.windowMs)} run time, peak ${int(p.peakConcurrency)} at once${s.portal.quota !== undefined ? `, quota ${int(s.portal.quota)}` : ''} (default knobs: scale ${num(s.knobs.scale, 4)}, time scale ${num(s.knobs.timeScale, 1)}×)`;
    })
    .join('\n')}\n`;
}

function criteria(c: NonNullable<Scenario['operator'][number]['criteria']>): string {
  const parts: string[] = [];
  if (c.submittedBefore) parts.push(`submitted before ${c.submittedBefore.slice(0, 10)}`);
  if (c.minScore !== undefined) parts.push(`score ≥ ${c.minScore}`);
  for (const [k, v] of Object.entries(c.attributes ?? {})) parts.push(`${k} = ${String(v)}`);
  return parts.join(', ');
}

export function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 1) return `${Math.round(ms)} ms`;
  if (s < 120) return `${num(s, s < 10 ? 1 : 0)} s`;
  if (s < 7_200) return `${num(s / 60, 0)} min`;
  if (s < 172_800) return `${num(s / 3600, 1)} h`;
  return `${num(s / 86_400, 0)} d`;
}

/** Arrivals per real second as the most readable unit. */
function realRate(perSec: number): string {
  for (const [unit, k] of [
    ['s', 1],
    ['min', 60],
    ['h', 3_600],
  ] as const)
    if (perSec * k >= 1) return `${num(perSec * k, 1)}/${unit}`;
  return `${num(perSec * 86_400, 1)}/day`;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const num = (n: number, digits: number) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
