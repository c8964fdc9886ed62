/**
 * The forecast against a measurement: launch-day's quota fill time from `rehearse
 * forecast` (the fluid model, milliseconds of CPU) beside a real node-engine rehearsal
 * of the same scenario, scale and time scale against the reference portal (the same
 * capacity: 2 workers × 30 ms behind a cap of 2). Prints both, their ratio, and the
 * rehearsal's generator lateness — a saturated machine delays arrivals and retries, and
 * then the measurement, not the model, is off. Beside them the sim engine's fill time
 * (the same portal logic per candidate, virtual time, no machine in the way), mean and
 * range over 8 populations (seeds 1–8; the rehearsal is seed 1).
 *
 *   npm run bench -- forecast            (default knobs: 400 candidates, quota 100, 720×)
 *   npm run bench -- forecast --quick    (the default knobs only)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRun } from '../src/analyze/index.js';
import { rehearse } from '../src/cli/rehearsal.js';
import { forecastDay } from '../src/plan/forecast/forecast.js';
import { loadScenario } from '../src/scenario/load.js';
import { simulatedFills } from '../test/engine/sim/node-vs-sim.js';
import { QUICK } from './_harness.js';

const settings: Array<{ scale?: number; timeScale?: number; label: string }> = [
  { label: 'default knobs (400 candidates, quota 100, 720× real time)' },
];
if (!QUICK)
  settings.push({ scale: 0.02, timeScale: 360, label: 'scale 0.02 (224 candidates, quota 56), 360× real time' });

for (const k of settings) {
  const knobs = {
    ...(k.scale !== undefined ? { scale: k.scale } : {}),
    ...(k.timeScale !== undefined ? { timeScale: k.timeScale } : {}),
  };
  const s = await loadScenario('launch-day', knobs);
  const t0 = performance.now();
  const f = forecastDay(s, {
    capacityPerSec: (s.portal.workers * 1000) / s.portal.serviceMs,
    source: 'reference portal',
    runs: 100,
  });
  const forecastMs = performance.now() - t0;
  const out = mkdtempSync(join(tmpdir(), 'bench-forecast-'));
  await rehearse({ scenario: 'launch-day', ...knobs, seed: 1, engine: 'node', outDir: out });
  const summary = await analyzeRun([out]);
  const measured = summary.quota?.fillTimeMs ?? null;
  const filled = summary.quota?.filled ?? false;
  const late = summary.generator.lateness?.p99 ?? Number.NaN;
  const fc = f.point.quotaFillMs;
  process.stdout.write(`\nlaunch-day, ${k.label}\n`);
  process.stdout.write(
    `  forecast (fluid model)   fill ${fc === null ? 'not filled' : `${(fc / 1000).toFixed(2)} s`}  90 % band ${f.monteCarlo.quotaFillMs ? `${(f.monteCarlo.quotaFillMs.p5 / 1000).toFixed(2)}–${(f.monteCarlo.quotaFillMs.p95 / 1000).toFixed(2)} s` : '—'}  amplification ${f.point.retryAmplification.toFixed(1)}  (${forecastMs.toFixed(0)} ms to compute)\n`,
  );
  const sims = await simulatedFills(s, 8, out);
  const simMean = sims.reduce((a, b) => a + b, 0) / Math.max(1, sims.length);
  process.stdout.write(
    `  simulated (sim engine)   fill ${(simMean / 1000).toFixed(2)} s mean of ${sims.length} seeds (${(Math.min(...sims) / 1000).toFixed(2)}–${(Math.max(...sims) / 1000).toFixed(2)} s; seed 1 ${((sims[0] ?? Number.NaN) / 1000).toFixed(2)} s)${fc !== null ? `, forecast ÷ simulated ${(fc / simMean).toFixed(3)}` : ''}\n`,
  );
  const okPeak = Math.max(0, ...summary.timeline.perSecond.map((r) => r[2]));
  process.stdout.write(
    `  measured (node engine)   fill ${measured === null ? '—' : `${(measured / 1000).toFixed(2)} s`}${filled ? '' : ' (quota not filled)'}  amplification ${summary.journeys?.retryAmplification.toFixed(1) ?? '—'}  generator lateness p99 ${late.toFixed(0)} ms\n`,
  );
  process.stdout.write(
    `  the portal as measured   request latency p50 ${summary.latency?.all?.p50.toFixed(0) ?? '—'} ms (service time ${s.portal.serviceMs} ms), best second ${okPeak} ok responses (capacity ${((s.portal.workers * 1000) / s.portal.serviceMs).toFixed(1)}/s)\n`,
  );
  if (fc !== null && measured !== null)
    process.stdout.write(
      `  forecast ÷ measured      ${(fc / measured).toFixed(3)}  (within 15 %: ${Math.abs(fc / measured - 1) <= 0.15 ? 'yes' : 'no'})\n`,
    );
  // The same forecast given the portal as it actually ran: its measured hold time per request
  // (the portal's own meanServiceMs) and the measured mean response time. This separates the
  // model's dynamics from a machine too busy to deliver the configured capacity.
  const stats = (await import('node:fs')).readFileSync(join(out, 'manifest.json'), 'utf8');
  const ps = (JSON.parse(stats) as { portalStats?: { meanServiceMs?: number; workers?: number } }).portalStats;
  if (ps?.meanServiceMs && ps.workers && summary.latency?.all) {
    const cap = (ps.workers * 1000) / ps.meanServiceMs;
    const g = forecastDay(s, {
      capacityPerSec: cap,
      source: 'as measured',
      responseMs: summary.latency.all.mean,
      runs: 20,
    });
    const gf = g.point.quotaFillMs;
    process.stdout.write(
      `  forecast, portal as run  capacity ${cap.toFixed(1)}/s (hold ${ps.meanServiceMs.toFixed(1)} ms), response ${summary.latency.all.mean.toFixed(0)} ms: fill ${gf === null ? 'not filled' : `${(gf / 1000).toFixed(2)} s`}${gf !== null && measured !== null ? `, ÷ measured ${(gf / measured).toFixed(3)} (within 15 %: ${Math.abs(gf / measured - 1) <= 0.15 ? 'yes' : 'no'})` : ''}\n`,
    );
  }
}
