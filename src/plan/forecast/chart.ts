import type { TopLevelSpec } from 'vega-lite';
import { specHead } from '../../report/charts/common.js';
import { OKABE_ITO } from '../../report/palette.js';
import { CHART_HEIGHT, CHART_WIDTH } from '../../report/vl-config.js';
import type { Forecast } from './forecast.js';

/** Attempts per second over the day (point forecast and 90 % Monte Carlo band), fresh arrivals, and capacity. */
export function forecastChart(f: Forecast): TopLevelSpec {
  const s = (ms: number) => ms / 1000;
  return {
    ...specHead(
      'Attempts against capacity',
      `${f.scenario.name} at ${f.capacity.perSec.toFixed(0)} requests/s; band: 90 % of ${f.monteCarlo.runs} Monte Carlo runs`,
      'Forecast attempts per second over time with a Monte Carlo band, fresh arrivals per second and the capacity line.',
    ),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values: f.monteCarlo.attemptsBand.map(([t, lo, , hi]) => ({ t: s(t), lo, hi })) },
        mark: { type: 'area', opacity: 0.25, color: OKABE_ITO.skyBlue },
        encoding: {
          x: { field: 't', type: 'quantitative', title: 'Time since the opening (s, run time)' },
          y: { field: 'lo', type: 'quantitative', title: 'Per second' },
          y2: { field: 'hi' },
        },
      },
      {
        data: {
          values: f.series.flatMap(([t, fresh, att, , ok]) => [
            { t: s(t), v: att, what: 'attempts' },
            { t: s(t), v: fresh, what: 'fresh arrivals' },
            { t: s(t), v: ok, what: 'ok responses' },
          ]),
        },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: 't', type: 'quantitative' },
          y: { field: 'v', type: 'quantitative' },
          color: {
            field: 'what',
            type: 'nominal',
            title: null,
            scale: {
              domain: ['attempts', 'fresh arrivals', 'ok responses'],
              range: [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen],
            },
          },
        },
      },
      {
        data: { values: [{ c: f.capacity.perSec }] },
        mark: { type: 'rule', strokeDash: [6, 4], color: OKABE_ITO.vermillion },
        encoding: { y: { field: 'c', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}
