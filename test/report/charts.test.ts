import { describe, expect, it } from 'vitest';
import { type Chart, type ChartInput, isMissing } from '../../src/report/chart.js';
import { attemptBins } from '../../src/report/charts/attempts.js';
import { topCountries } from '../../src/report/charts/countries.js';
import { loadChart, observedCapacity } from '../../src/report/charts/load.js';
import { timeToReach } from '../../src/report/charts/quota-fill.js';
import { buildCharts } from '../../src/report/index.js';
import { specToSvg, svgToPng } from '../../src/report/render.js';
import { makeSummary } from './fixture.js';

const IDS = ['quota-fill', 'load', 'classes', 'latency', 'time-to-outcome', 'attempts', 'countries', 'fairness'];
const one: ChartInput = { run: { summary: makeSummary(), label: 'run' } };
const two: ChartInput = {
  run: { summary: makeSummary(), label: 'after' },
  baseline: { summary: makeSummary({ fillS: 45, capacity: 20, seed: 2 }), label: 'before' },
};

function drawn(input: ChartInput): Chart[] {
  const all = buildCharts(input);
  expect(all.filter(isMissing)).toEqual([]);
  return all as Chart[];
}

/** Every inline data set of a spec (top level, layers, nested layers, facets' inner specs). */
function datasets(spec: unknown): Array<Record<string, unknown>[]> {
  const out: Array<Record<string, unknown>[]> = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n !== 'object' || n === null) return;
    const o = n as Record<string, unknown>;
    const d = o.data as { values?: Record<string, unknown>[] } | undefined;
    if (d?.values) out.push(d.values);
    for (const k of ['layer', 'vconcat', 'hconcat', 'spec']) if (k in o) walk(o[k]);
  };
  walk(spec);
  return out;
}

/** Every x/y encoding of a spec, wherever it sits. */
function axes(spec: unknown): Array<{ field?: string; title?: string; channel: string }> {
  const out: Array<{ field?: string; title?: string; channel: string }> = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n !== 'object' || n === null) return;
    const o = n as Record<string, unknown>;
    const enc = o.encoding as Record<string, { field?: string; title?: string }> | undefined;
    for (const ch of ['x', 'y']) if (enc?.[ch]?.title) out.push({ ...enc[ch], channel: ch });
    for (const k of ['layer', 'vconcat', 'hconcat', 'spec']) if (k in o) walk(o[k]);
  };
  walk(spec);
  return out;
}

describe('chart specs', () => {
  it('builds every chart of the issue, in page order, each with title, description, data and a table', () => {
    const charts = drawn(one);
    expect(charts.map((c) => c.id)).toEqual(IDS);
    for (const c of charts) {
      expect(c.spec.$schema, c.id).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      expect((c.spec.title as { text: string }).text, c.id).toBe(c.title);
      expect(c.description.length, c.id).toBeGreaterThan(30);
      expect(
        datasets(c.spec).some((d) => d.length > 0),
        c.id,
      ).toBe(true);
      expect(c.table.rows.length, c.id).toBeGreaterThan(0);
      for (const r of c.table.rows) expect(r, c.id).toHaveLength(c.table.columns.length);
    }
  });

  it('titles both axes of every chart, with units on time and latency axes', () => {
    for (const c of drawn(one)) {
      const ax = axes(c.spec);
      expect(
        ax.some((a) => a.channel === 'x'),
        c.id,
      ).toBe(true);
      expect(
        ax.some((a) => a.channel === 'y'),
        c.id,
      ).toBe(true);
      for (const a of ax) {
        if (a.field === 't') expect(a.title, c.id).toMatch(/\((s|min)\)$/);
        if (a.field === 'ms') expect(a.title, c.id).toBe('Latency (ms)');
      }
    }
  });

  it('draws the quota as a rule at its size and the fill time in seconds', () => {
    const q = drawn(one)[0]!;
    const sets = datasets(q.spec);
    expect(sets).toContainEqual([{ run: 'run', size: 100, label: 'quota 100' }]);
    expect(sets).toContainEqual([{ run: 'run', t: 30, label: 'filled 30 s after opening' }]);
    const curve = sets[0]!;
    expect(curve[0]).toEqual({ run: 'run', t: 0, accepted: 0 });
    expect(curve.at(-1)).toEqual({ run: 'run', t: 60, accepted: 100 });
    // The table: the tenth place went at 2 s + 10 % of the 28 s fill.
    expect(q.table.rows[0]).toEqual(['10 %', '10', '4.8 s']);
    expect(q.table.rows[9]).toEqual(['100 %', '100', '30 s']);
  });

  it('adds the baseline to every chart, named in the data', () => {
    for (const c of drawn(two)) {
      const runs = new Set(
        datasets(c.spec)
          .flat()
          .map((v) => v.run)
          .filter((r) => r !== undefined),
      );
      expect([...runs].sort(), c.id).toEqual(['after', 'before']);
    }
  });

  it('says why each journey chart is missing for plain k6 output, and still draws the rest', () => {
    const all = buildCharts({ run: { summary: makeSummary({ plainK6: true }), label: 'k6' } });
    expect(all.filter((c) => !isMissing(c)).map((c) => c.id)).toEqual(['load', 'latency']);
    for (const c of all.filter(isMissing)) expect(c.missing.length, c.id).toBeGreaterThan(10);
  });
});

describe('chart rendering', () => {
  it('renders every chart to SVG and PNG without a warning, alone and beside a baseline', async () => {
    for (const input of [one, two]) {
      for (const c of drawn(input)) {
        const { svg, warnings } = await specToSvg(c.spec);
        expect(warnings, c.id).toEqual([]);
        expect(svg.startsWith('<svg'), c.id).toBe(true);
        expect(svg, c.id).toContain('<text');
        const png = svgToPng(svg, 1);
        expect(png.readUInt32BE(16), c.id).toBeGreaterThan(300); // IHDR width
        expect(png.readUInt32BE(20), c.id).toBeGreaterThan(150); // IHDR height
      }
    }
  });
});

describe('time to outcome', () => {
  it('draws a line for every outcome in its legend, even one that a single candidate had', async () => {
    const s = makeSummary();
    // One candidate gave up: a CDF of one point, which a line mark alone draws as nothing.
    s.timeToOutcomeCdf = [...s.timeToOutcomeCdf!.filter((r) => r[0] !== 'gave_up'), ['gave_up', 5000, 1]];
    const c = buildCharts({ run: { summary: s, label: 'run' } }).find((x) => x.id === 'time-to-outcome') as Chart;
    const legend = (c.spec as { encoding: { color: { scale: { domain: string[] } } } }).encoding.color.scale.domain;
    expect(legend).toEqual(['accepted', 'quota full', 'gave up']);
    const { svg } = await specToSvg(c.spec);
    // Each drawn line: its outcome (from the path's aria label) and its distinct points.
    const drawn = new Map<string, number>();
    for (const m of svg.matchAll(
      /<path aria-label="[^"]*Outcome: ([^";]*)"[^>]*aria-roledescription="line mark" d="([^"]*)"/g,
    )) {
      drawn.set(m[1]!, new Set(m[2]!.slice(1).split('L')).size);
    }
    for (const o of legend) expect(drawn.get(o), o).toBeGreaterThanOrEqual(2);
  });
});

describe('chart arithmetic', () => {
  it('finds when the cumulative curve first reaches a count', () => {
    const curve: Array<[number, number]> = [
      [100, 1],
      [250, 2],
      [900, 3],
    ];
    expect(timeToReach(curve, 2)).toBe(250);
    expect(timeToReach(curve, 4)).toBeNull();
  });

  it('takes the observed capacity as the best 10-second mean of ok responses', () => {
    // ok: 10/s for 20 s, then 40/s for 5 s: the best 10 s window holds 5×40 + 5×10 = 250.
    const ps = Array.from(
      { length: 25 },
      (_, s) => [s, 50, s < 20 ? 10 : 40, null, null] as [number, number, number, null, null],
    );
    expect(observedCapacity(ps)).toBe(25);
  });

  const rows = (ok: Record<number, number>) =>
    Object.entries(ok).map(([s, o]) => [Number(s), 100, o, null, null] as [number, number, number, null, null]);

  it('never lets one busy first second set the capacity: only whole 10-second windows count', () => {
    // second:  -3  -2  (-1 absent = 0)  0   1   2   3   4   5   6   7   8   9  10  11
    // ok:       2   4                  90  10  10  20  30  30  30  30  30  20   5   5
    // windows: [-3..6] 226, [-2..7] 254, [-1..8] 280, [0..9] 300, [1..10] 215, [2..11] 210
    // best: 300 / 10 = 30 (a mean over the first seconds alone would say 90).
    const table = rows({
      '-3': 2,
      '-2': 4,
      0: 90,
      1: 10,
      2: 10,
      3: 20,
      4: 30,
      5: 30,
      6: 30,
      7: 30,
      8: 30,
      9: 20,
      10: 5,
      11: 5,
    });
    expect(observedCapacity(table)).toBe(30);
  });

  it('counts the seconds before the opening', () => {
    // 50/s for the 4 s before the opening, then 10/s for 10 s:
    // [-4..5] = 4×50 + 6×10 = 260 is the best window: 26 (from the opening on it would be 10).
    const table = rows({
      '-4': 50,
      '-3': 50,
      '-2': 50,
      '-1': 50,
      0: 10,
      1: 10,
      2: 10,
      3: 10,
      4: 10,
      5: 10,
      6: 10,
      7: 10,
      8: 10,
      9: 10,
    });
    expect(observedCapacity(table)).toBe(26);
  });

  it('draws a day of per-second latencies and classes (status-tracker at full scale: 24 h)', () => {
    // 200,000 seconds of latency rows: their span was taken with Math.max(...rows), past the call stack's depth.
    const day = makeSummary({ durationS: 200_000 });
    day.timeline.latency = Array.from({ length: 200_000 }, (_, s) => [s, 'a', 1, 2, 3 + (s % 7)]);
    day.classes!.overTime = Array.from({ length: 200_000 }, (_, s) => [s, 'ok', 1 + (s % 3)]);
    const charts = buildCharts({ run: { summary: day, label: 'run' } });
    for (const id of ['latency', 'classes']) {
      const c = charts.find((x) => x.id === id)!;
      expect(isMissing(c)).toBe(false);
    }
  });

  it('takes rows of several seconds (a timeline past 100,000 seconds) as means per second over them', () => {
    // Rows of 2 s: five rows cover 10 s. ok means 10, 10, 10, 10, 10, 40: the best five hold 80.
    const two = rows({ 0: 10, 2: 10, 4: 10, 6: 10, 8: 10, 10: 40 });
    expect(observedCapacity(two, 10, 2)).toBe(16);
    // Rows of 5 minutes: one row is the shortest window, so the best row's mean.
    expect(observedCapacity(rows({ 0: 3, 300: 7, 600: 5 }), 10, 300)).toBe(7);
    expect(observedCapacity(rows({ 0: 10, 2: 10, 4: 10, 6: 10 }), 10, 2)).toBeNull();
  });

  it('says a run shorter than 10 seconds is too short for a 10-second mean', () => {
    const nine = rows({ 0: 50, 1: 50, 2: 50, 3: 50, 4: 50, 5: 50, 6: 50, 7: 50, 8: 50 });
    expect(observedCapacity(nine)).toBeNull();
    expect(observedCapacity(rows({ 0: 50, 8: 50, 9: 50 }))).toBe(15);
    const short = makeSummary({ durationS: 8, arrivalS: 4, fillS: 5 });
    const c = loadChart({ run: { summary: short, label: 'run' } });
    expect(isMissing(c)).toBe(false);
    if (!isMissing(c)) {
      expect(c.description).toContain('too short to take a 10-second mean');
      expect(JSON.stringify(c.spec)).not.toContain('capacity ≈');
    }
  });

  it('bins attempts in ranges only when there are more than 30 distinct counts', () => {
    expect(
      attemptBins([
        [1, 5],
        [2, 3],
      ]).map((b) => b.label),
    ).toEqual(['1', '2']);
    const wide = Array.from({ length: 90 }, (_, i) => [i + 1, 1] as [number, number]);
    const bins = attemptBins(wide);
    expect(bins).toHaveLength(30);
    expect(bins[0]).toEqual({ label: '1–3', from: 1, candidates: 3 });
  });

  it('slants the attempts axis labels only when bars are ranges (they would overlap level)', () => {
    const angle = (hist: Array<[number, number]>) => {
      const s = makeSummary();
      s.journeys!.attempts.histogram = hist;
      const c = buildCharts({ run: { summary: s, label: 'run' } }).find((x) => x.id === 'attempts') as Chart;
      return (c.spec as { encoding: { x: { axis: { labelAngle: number } } } }).encoding.x.axis.labelAngle;
    };
    expect(
      angle([
        [1, 5],
        [2, 3],
      ]),
    ).toBe(0);
    expect(angle(Array.from({ length: 90 }, (_, i) => [i + 1, 1] as [number, number]))).toBe(-45);
  });

  it('folds the smallest countries into "other" past twelve', () => {
    const by = Object.fromEntries(
      Array.from({ length: 15 }, (_, i) => [
        `C${String(i).padStart(2, '0')}`,
        { candidates: 100 - i, outcomes: { accepted: 1 }, latencyP95: null },
      ]),
    );
    const top = topCountries(by);
    expect(top).toHaveLength(12);
    expect(top.at(-1)).toEqual([
      'other (4)',
      { candidates: 89 + 88 + 87 + 86, outcomes: { accepted: 4 }, latencyP95: null },
    ]);
  });
});

describe('traffic before the opening', () => {
  it('draws and tabulates seconds before time zero (candidates who arrive early)', async () => {
    const s = makeSummary();
    s.timeline.perSecond = s.timeline.perSecond.map(([t, ...rest]) => [t - 4, ...rest]);
    s.timeline.latency = s.timeline.latency.map(([t, ...rest]) => [t - 4, ...rest]);
    s.classes!.overTime = s.classes!.overTime.map(([t, c, n]) => [t - 4, c, n]);
    const charts = drawn({ run: { summary: s, label: 'run' } });
    for (const id of ['load', 'classes', 'latency']) {
      const c = charts.find((x) => x.id === id)!;
      expect(c.table.rows[0]![0], id).toMatch(/^−4 s/);
      expect((await specToSvg(c.spec)).warnings, id).toEqual([]);
    }
    // 60 seconds from −4 to 55 in rows of 2 seconds.
    expect(charts.find((x) => x.id === 'load')!.table.rows).toHaveLength(30);
    expect(charts.find((x) => x.id === 'classes')!.table.rows.at(-1)![0]).toBe('54 s to 55 s');
  });
});

describe('long runs', () => {
  const hour = makeSummary({ durationS: 3600, arrivalS: 600, candidates: 20_000, quota: 2800, fillS: 900 });
  const charts = drawn({ run: { summary: hour, label: 'run' } });
  const values = (id: string) => datasets(charts.find((c) => c.id === id)!.spec).flat();

  it('draws per-second series as means over 6 s steps, at most 600 points a series', () => {
    const requests = values('load').filter((v) => v.series === 'Requests sent');
    expect(requests).toHaveLength(600);
    const first6 = hour.timeline.perSecond.slice(0, 6).reduce((a, r) => a + r[1], 0) / 6;
    expect(requests[0]).toEqual({ run: 'run', t: 0, series: 'Requests sent', value: first6 });
    // Minutes on the time axis past ten minutes: the step starting at second 6 is at 0.1 min.
    expect(requests[1]!.t).toBeCloseTo(0.1, 12);
    expect(values('classes').filter((v) => v.class === 'ok')).toHaveLength(600);
  });

  it('keeps latency series under 400 points per operation and percentile, keeping the worst second', () => {
    const p95 = values('latency').filter((v) => v.op === 'createAccount' && v.p === 'p95');
    expect(p95).toHaveLength(400);
    // Steps of 9 s: the worst p95 of seconds 0–8 is second 8's, 2 × (20 + 8) ms.
    expect(p95[0]!.ms).toBe(56);
  });
});
