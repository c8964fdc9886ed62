import type { TopLevelSpec } from 'vega-lite';
import { specHead } from '../report/charts/common.js';
import { num } from '../report/format.js';
import { OKABE_ITO } from '../report/palette.js';
import { CHART_HEIGHT, CHART_WIDTH } from '../report/vl-config.js';
import type { PlanResult } from './plan.js';

/**
 * The capacity chart: measured throughput per level (points), the fitted USL curve with
 * its 95 % bootstrap band, the knee N* and the largest concurrency that met the latency
 * objective (vertical rules), in the report's look (src/report's spec head, palette and
 * renderer: `specToSvg`, `svgToPng`).
 */
export function capacityChart(r: PlanResult, points: ReadonlyArray<{ n: number; x: number }>): TopLevelSpec {
  const { plan } = r;
  const u = plan.usl;
  const subtitle = `σ = ${fmt(u.sigma)}, κ = ${fmt(u.kappa)}, λ = ${num(u.lambda, 1)}/s, R² = ${num(u.r2, 3)}; band: 95 % residual bootstrap`;
  const rules: Array<{ n: number; what: string }> = [];
  const maxDrawn = r.curve[r.curve.length - 1]?.n ?? 0;
  if (u.nStar !== null && u.nStar <= maxDrawn) rules.push({ n: u.nStar, what: `knee N* = ${num(u.nStar, 0)}` });
  if (plan.objective?.maxConcurrency != null)
    rules.push({
      n: plan.objective.maxConcurrency,
      what: `${plan.objective.text} up to N = ${num(plan.objective.maxConcurrency, 0)}`,
    });
  const band = r.curve.filter((c) => Number.isFinite(c.low) && Number.isFinite(c.high));
  return {
    ...specHead(
      'Throughput against concurrency',
      subtitle,
      'Measured throughput per load level with the fitted Universal Scalability Law curve, its 95 % band, the knee and the latency objective.',
    ),
    width: CHART_WIDTH,
    height: CHART_HEIGHT + 60,
    layer: [
      {
        data: { values: band },
        mark: { type: 'area', opacity: 0.25, color: OKABE_ITO.skyBlue },
        encoding: {
          x: { field: 'n', type: 'quantitative', title: 'Concurrency N (journeys in flight)' },
          y: { field: 'low', type: 'quantitative', title: 'Throughput (ok responses/s)' },
          y2: { field: 'high' },
        },
      },
      {
        data: { values: r.curve.map((c) => ({ n: c.n, x: c.x, series: 'USL fit' })) },
        mark: { type: 'line', color: OKABE_ITO.blue },
        encoding: { x: { field: 'n', type: 'quantitative' }, y: { field: 'x', type: 'quantitative' } },
      },
      {
        data: { values: points.map((p) => ({ n: p.n, x: p.x })) },
        mark: { type: 'point', filled: true, size: 60, color: OKABE_ITO.black },
        encoding: {
          x: { field: 'n', type: 'quantitative' },
          y: { field: 'x', type: 'quantitative' },
          tooltip: [
            { field: 'n', title: 'N' },
            { field: 'x', title: 'ok/s', format: '.1f' },
          ],
        },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', strokeDash: [6, 4], color: OKABE_ITO.vermillion },
        encoding: { x: { field: 'n', type: 'quantitative' } },
      },
      {
        data: { values: rules.map((rule, i) => ({ ...rule, i })) },
        mark: { type: 'text', align: 'left', dx: 4, baseline: 'top', color: OKABE_ITO.vermillion, fontSize: 11 },
        encoding: {
          x: { field: 'n', type: 'quantitative' },
          y: { value: { expr: '6 + datum.i * 16' } as unknown as number },
          text: { field: 'what' },
        },
      },
    ],
  } as TopLevelSpec;
}

function fmt(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) < 0.001 ? v.toExponential(2) : num(v, 4);
}
