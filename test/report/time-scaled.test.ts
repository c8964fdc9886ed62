import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/analyze/summary.js';
import { type Chart, isMissing } from '../../src/report/chart.js';
import { buildCharts, writeReport } from '../../src/report/index.js';
import { specToSvg } from '../../src/report/render.js';
import { makeSummary } from './fixture.js';

/**
 * The demo's shape: four hours replayed in about 20 s (time scale 720) at 1/28 scale:
 * 400 candidates for 11,200, 100 places for 2,800, filled 3.2 s after opening.
 */
function compressed(): Summary {
  const s = makeSummary({ durationS: 20, arrivalS: 10, fillS: 4, candidates: 400, quota: 100 });
  s.source = { ...s.source, scale: 1 / 28, timeScale: 720, population: 400 };
  s.quota = { ...s.quota!, fillTimeMs: 3200 };
  return s;
}

describe('a time-scaled rehearsal read as the real day', () => {
  it('states scale and time scale at the top of summary.md and the page, with what it can and cannot tell', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-ts-'));
    await writeReport({ summary: compressed(), outDir: dir });
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    const lines = md.split('\n');
    // Title, meta line, then the scale before the headline.
    expect(lines[2]).toContain('scale 1/28, time scale 720×');
    expect(lines[4]).toBe(
      "> This was a 1/28 scale rehearsal replayed 720× faster than the real day (400 candidates for the real day's 11,200, 100 places for 2,800): its 20 s stand for about 4 h of the real day.",
    );
    expect(md).toContain('Service times are not compressed');
    expect(md).toContain('candidates arrived 25.7 times as fast as the real day');
    expect(md).toContain("it cannot tell the real day's latency");
    expect(md.indexOf('> This was a 1/28')).toBeLessThan(md.indexOf('The 100 places filled'));
    // 3.2 s × 720 = 2,304 s = 38 min 24 s.
    expect(md).toContain('The 100 places filled 3.2 s (≈ 38 min 24 s of the real day) after opening');
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html).toMatch(/<section id="scale"[^>]*><p>This was a 1\/28 scale rehearsal replayed 720× faster/);
  });

  it('gives real-day times beside the rehearsal times in the tables', () => {
    const charts = buildCharts({ run: { summary: compressed(), label: 'run' } });
    const tto = charts.find((c) => c.id === 'time-to-outcome') as Chart;
    expect(tto.table.columns).toEqual([
      'Outcome',
      'Candidates',
      'p50',
      'p90',
      'p95',
      'max',
      'p50 (real day)',
      'p95 (real day)',
    ]);
    // accepted: p50 4 s, p95 8 s (fixture) → 48 min and 1 h 36 min of the real day.
    expect(tto.table.rows[0]).toEqual(['accepted', 100, '4 s', '7.2 s', '8 s', '20 s', '48 min', '1 h 36 min']);
    const fill = charts.find((c) => c.id === 'quota-fill') as Chart;
    expect(fill.table.columns).toEqual([
      'Share of quota',
      'Accepted',
      'Time since opening',
      'Time since opening, real day',
    ]);
    expect(fill.description).toContain('3.2 s (≈ 38 min 24 s of the real day)');
  });

  it("labels every time axis with the real day's time under the rehearsal's", async () => {
    const charts = buildCharts({ run: { summary: compressed(), label: 'run' } });
    for (const id of ['quota-fill', 'load', 'classes', 'latency', 'time-to-outcome']) {
      const c = charts.find((x) => x.id === id)!;
      expect(isMissing(c), id).toBe(false);
      expect(JSON.stringify((c as Chart).spec), id).toContain("(below: the real day's");
    }
    // Drawn: 5 s of the rehearsal is 1 h of the real day on the load chart's axis.
    const { svg } = await specToSvg((charts.find((x) => x.id === 'load') as Chart).spec);
    expect(svg).toMatch(/>5 s<\/tspan><tspan[^>]*>1 h</);
  });

  it('adds nothing for a run at full scale in real time', async () => {
    const s = makeSummary();
    s.source = { ...s.source, scale: 1, timeScale: 1 };
    const dir = await mkdtemp(join(tmpdir(), 'report-ts-'));
    await writeReport({ summary: s, outDir: dir });
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(md).not.toContain('real day');
    expect(md.split('\n')[4]).toMatch(/^The 100 places filled 30 s after opening/);
  });
});
