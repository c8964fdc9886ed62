import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateK6 } from '../../src/engine/k6/find-k6.js';
import { k6Label } from '../engine/k6/have-k6.js';
import { analyzeRun } from '../../src/analyze/index.js';
import type { MetricSummary, Summary } from '../../src/analyze/summary.js';
import { HERE, makeK6Fixture } from '../fixtures/k6/plain-script/make.js';

/**
 * A plain k6 script (test/fixtures/k6/plain-script/script.js: groups, checks, custom
 * Counter/Rate/Trend/Gauge, per-VU metadata) summarised with the numbers k6's own
 * `--summary-export` gives for the same run. The committed run.ndjson and
 * summary-export.json were made by real k6 v1.3.0 (make.ts says how); where k6 is
 * present (PATH or K6_BIN) the test also makes a fresh pair and compares those.
 */
interface K6Export {
  metrics: Record<string, Record<string, number>>;
  root_group: K6Group;
}
interface K6Group {
  path: string;
  groups: Record<string, K6Group>;
  checks: Record<string, { name: string; path: string; passes: number; fails: number }>;
}

function k6Checks(g: K6Group, out: Array<{ group: string; name: string; passes: number; fails: number }> = []) {
  for (const c of Object.values(g.checks)) out.push({ group: g.path, name: c.name, passes: c.passes, fails: c.fails });
  for (const sub of Object.values(g.groups)) k6Checks(sub, out);
  return out;
}

const close = (ours: number, theirs: number) => expect(ours).toBeCloseTo(theirs, 5);

function compare(s: Summary, k6: K6Export): void {
  const ours = s.metrics!;
  for (const [name, theirs] of Object.entries(k6.metrics)) {
    const m = ours[name] as MetricSummary | undefined;
    expect(m, name).toBeDefined();
    switch (m!.type) {
      case 'counter':
        expect(m!.count, name).toBe(theirs.count);
        // k6 divides by its own run time, which the output file does not hold; ours is the samples' span.
        expect(Math.abs(m!.rate / theirs.rate! - 1), `${name} rate`).toBeLessThan(0.1);
        expect(m!.rate).toBeCloseTo(m!.count / (s.durationMs / 1000), 3);
        break;
      case 'rate':
        expect([m!.passes, m!.fails], name).toEqual([theirs.passes, theirs.fails]);
        close(m!.rate, theirs.value!);
        break;
      case 'gauge':
        expect([m!.value, m!.min, m!.max], name).toEqual([theirs.value, theirs.min, theirs.max]);
        break;
      case 'trend':
        for (const [k, key] of [
          ['avg', 'avg'],
          ['min', 'min'],
          ['med', 'med'],
          ['max', 'max'],
          ['p90', 'p(90)'],
          ['p95', 'p(95)'],
        ] as const) {
          expect(Math.abs(m![k] - theirs[key]!), `${name} ${k}: ${m![k]} against ${theirs[key]}`).toBeLessThan(1e-5);
        }
        break;
    }
  }
  const checks = k6Checks(k6.root_group).sort((a, b) => (a.group + a.name < b.group + b.name ? -1 : 1));
  const mine = s
    .checks!.map(({ group, name, passes, fails }) => ({ group, name, passes, fails }))
    .sort((a, b) => (a.group + a.name < b.group + b.name ? -1 : 1));
  expect(mine).toEqual(checks);
  expect(s.groups!.map((g) => g.path).sort()).toEqual(
    Object.values(k6.root_group.groups)
      .map((g) => g.path)
      .sort(),
  );
}

describe('a plain k6 script summarised as k6 does', () => {
  it('gives the numbers of k6 --summary-export for the committed run (made by real k6)', async () => {
    const s = await analyzeRun([join(HERE, 'run.ndjson')]);
    const k6 = JSON.parse(readFileSync(join(HERE, 'summary-export.json'), 'utf8')) as K6Export;
    compare(s, k6);
    // The script's own metrics by type, as a k6 user declared them.
    expect(s.metrics!.journey_outcomes).toMatchObject({ type: 'counter', count: 24 });
    expect(s.metrics!.form_ok).toEqual({ type: 'rate', rate: 0.625, passes: 15, fails: 9 });
    expect(s.metrics!.queue_depth).toEqual({ type: 'gauge', value: 0, min: 0, max: 14 });
    expect(s.metrics!.server_ms?.type).toBe('trend');
    expect(s.checks!.find((c) => c.name === 'apply is 201')).toEqual({
      name: 'apply is 201',
      group: '::apply',
      passes: 15,
      fails: 9,
      share: 0.625,
    });
    expect(s.groups).toEqual([
      { path: '::login', name: 'login', requests: 24, checks: { passes: 24, fails: 0 } },
      { path: '::apply', name: 'apply', requests: 24, checks: { passes: 39, fails: 9 } },
    ]);
  });

  it('breaks requests and latency down by a tag, or by a key of the sample metadata', async () => {
    const byName = await analyzeRun([join(HERE, 'run.ndjson')], { by: 'name' });
    expect(byName.by?.tag).toBe('name');
    expect(byName.by?.rows.map((r) => [r.value, r.requests, r.failedRate])).toEqual([
      ['apply', 24, 0.375],
      ['login', 24, 0],
    ]);
    expect(byName.by?.rows[0]?.latency.count).toBe(24);
    // The script's Counter tagged `outcome`, by outcome.
    const byOutcome = await analyzeRun([join(HERE, 'run.ndjson')], { by: 'outcome' });
    expect(byOutcome.by?.counters).toEqual({ journey_outcomes: { accepted: 15, quota_full: 9 } });
    // `candidate` is metadata (exec.vu.metrics.metadata), not a tag: 24 iterations, 2 requests each.
    const byCandidate = await analyzeRun([join(HERE, 'run.ndjson')], { by: 'candidate' });
    expect(byCandidate.by?.rows).toHaveLength(24);
    expect(byCandidate.by?.rows.every((r) => r.requests === 2 && /^c\d+$/.test(r.value))).toBe(true);
  });

  const k6 = locateK6();
  if (!k6) console.warn('k6 summary test: making a fresh run skipped: k6 not found on PATH and K6_BIN not set');
  it.skipIf(!k6)(
    `gives the numbers of k6 --summary-export for a fresh run of real ${k6Label(k6)}`,
    async () => {
      const out = await mkdtemp(join(tmpdir(), 'k6-summary-'));
      const r = await makeK6Fixture(k6!, out);
      compare(await analyzeRun([r.ndjson]), JSON.parse(readFileSync(r.exported, 'utf8')) as K6Export);
    },
    90_000,
  );
});
