import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forecastDay } from '../../src/plan/forecast/forecast.js';
import { ForecastSchema, forecastJsonSchema } from '../../src/plan/forecast/schema.js';
import { loadScenario } from '../../src/scenario/load.js';

describe('forecast.json schema', () => {
  it('accepts what forecastDay writes (a quota day, and a collapsing night), after a JSON round trip', async () => {
    const day = await loadScenario('launch-day');
    const night = await loadScenario('election-night', { scale: 1, timeScale: 1 });
    for (const f of [
      forecastDay(day, { capacityPerSec: 66.7, source: 'test', runs: 5 }),
      forecastDay(night, { capacityPerSec: 2356, source: 'test', runs: 3 }),
    ]) {
      const parsed = ForecastSchema.safeParse(JSON.parse(JSON.stringify({ $schema: 'x', ...f })));
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    }
  }, 60_000);

  it('names the field of a forecast that is not one: a missing figure, another version, an unknown field', async () => {
    const f = JSON.parse(
      JSON.stringify(forecastDay(await loadScenario('launch-day'), { capacityPerSec: 66.7, source: 'test', runs: 3 })),
    );
    const paths = (x: unknown) => {
      const r = ForecastSchema.safeParse(x);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ ...f, point: { ...f.point, quotaFillMs: undefined } })).toEqual(['point.quotaFillMs']);
    expect(paths({ ...f, version: 2 })).toEqual(['version']);
    expect(paths({ ...f, monteCarlo: { ...f.monteCarlo, extra: 1 } })).toEqual(['monteCarlo']);
  }, 60_000);

  it('src/plan/forecast/forecast.schema.json is current (regenerate: npx tsx src/plan/forecast/schema.ts)', () => {
    const file = JSON.parse(
      readFileSync(new URL('../../src/plan/forecast/forecast.schema.json', import.meta.url), 'utf8'),
    );
    expect(file).toEqual(JSON.parse(JSON.stringify(forecastJsonSchema())));
    expect(file.properties.version).toEqual({ type: 'number', const: 1 });
  });
});
