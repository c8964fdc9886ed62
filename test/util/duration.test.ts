import { describe, expect, it } from 'vitest';
import { parseObjective } from '../../src/compare/budget/parse-objective.js';
import { durationFlag, goDuration, parseDuration } from '../../src/util/duration.js';

/** One reading of durations for the flags, the budgets and the k6 options, in k6's (Go's) syntax. */
describe('durations', () => {
  it("reads k6's forms, compound ones included", () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('2m500ms')).toBe(120_500);
    for (const bad of ['', '90', '1m30', 'm', '1 m', '5d', '-1s', '1m-30s'])
      expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('reads back what it writes for k6', () => {
    for (const ms of [0, 1, 833.333, 17_500, 90_000]) expect(parseDuration(goDuration(ms))).toBeCloseTo(ms, 3);
  });

  it('takes a bare number as milliseconds in flags, and names the flag otherwise', () => {
    expect(durationFlag('1m30s', '--max-duration')).toBe(90_000);
    expect(durationFlag('2500', '--grace')).toBe(2500);
    expect(() => durationFlag('ten seconds', '--grace')).toThrow(
      '--grace: expected a duration like 90s, 1m30s or 250ms, got "ten seconds"',
    );
  });

  it('reads the same durations in budget objectives, absolute and relative', () => {
    expect(parseObjective('quota.fillTime < 1m30s', 'b.json')[0]).toMatchObject({ limit: 90_000 });
    expect(parseObjective('quota.fillTime < 15m', 'b.json')[0]).toMatchObject({ limit: 900_000 });
    expect(parseObjective('http_req_duration: p(95) may not grow more than 1m30s', 'b.json')[0]).toMatchObject({
      limit: 90_000,
      limitKind: 'absolute',
    });
    expect(() => parseObjective('journeys.gaveUp rate < 1m30s', 'b.json')).toThrow(
      /a duration \(1m30s\) fits only a time metric/,
    );
  });
});
