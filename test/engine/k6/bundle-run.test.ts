/**
 * The exported k6 script, run unmodified under a Node stand-in for k6's APIs
 * (./shim: worker-thread VUs, blocking HTTP, k6's arrival schedule) against the real
 * reference portal on loopback. This is evidence about the bundle's own logic, not
 * about k6: goja, k6's HTTP client and its executor are exercised only by
 * k6-run.test.ts, which runs when k6 is installed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { analyzeRun } from '../../../src/analyze/index.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportK6 } from '../../../src/engine/k6/export.js';
import { nodeEngine } from '../../../src/engine/node/index.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { loadTarget } from '../../../src/target/load.js';
import { k6JsonLine, runBundle } from './shim/run-bundle.js';
import { rush, loopbackPortal } from './fixtures.js';
import { tempDirs } from './tmp.js';

const tmp = tempDirs('k6-bundle-run-');

function count(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

describe('the bundled k6 script, under a Node stand-in for k6', () => {
  let bundleOutcomes: Record<string, number> | undefined;

  it('runs every candidate once over real HTTP, fills the quota exactly, and emits the toolkit metrics', async () => {
    const dir = await tmp();
    const portal = await loopbackPortal(rush.portal, dir);
    try {
      const target = await loadTarget('targets/reference.json');
      await exportK6({
        outDir: join(dir, 'k6'),
        scenario: rush,
        target,
        baseUrl: portal.url,
        seed: 4,
        population: generatePopulation(rush, 4),
      });
      const run = await runBundle(join(dir, 'k6', 'script.js'));
      expect(run.errors).toEqual([]);
      expect(run.dropped).toBe(0);
      expect(run.iterations).toBe(rush.population);

      const journeys = run.samples.filter((s) => s.metric === 'rehearsal_journey');
      expect(journeys).toHaveLength(rush.population);
      expect(new Set(journeys.map((j) => j.metadata?.candidate)).size).toBe(rush.population);
      // Iteration n ran candidate n: arrival orders 0…N−1, each once.
      expect(journeys.map((j) => Number(j.metadata?.arrival)).sort((a, b) => a - b)).toEqual([
        ...Array(rush.population).keys(),
      ]);
      const outcomes = count(journeys.map((j) => j.tags.outcome as string));
      bundleOutcomes = outcomes;
      expect(outcomes.accepted).toBe(rush.portal.quota);
      expect((await portal.stats()) as unknown).toMatchObject({ accepted: rush.portal.quota });

      // The tags src/results/k6-format.ts documents, on every sample, as the bundle sets
      // them: the `scenario` system tag is k6's (the stand-in adds it as k6 does, so it is
      // left out here and checked on real k6 output in intended-send.test.ts).
      const own = (tags: Record<string, string>) =>
        Object.keys(tags)
          .filter((k) => k !== 'scenario')
          .sort();
      // Per-candidate values as metadata (k6 makes no time series of it), only low-cardinality tags.
      for (const j of journeys) {
        expect(own(j.tags)).toEqual(['country', 'outcome']);
        expect(Object.keys(j.metadata ?? {}).sort()).toEqual(['arrival', 'attempts', 'candidate']);
      }
      // The VU's metadata is cleared after the journey point: no other sample carries it.
      expect(run.samples.filter((s) => s.metric !== 'rehearsal_journey' && s.metadata)).toEqual([]);
      const reqs = run.samples.filter((s) => s.metric === 'rehearsal_req');
      for (const r of reqs) {
        expect(own(r.tags)).toEqual(
          r.tags.status === '0' ? ['cause', 'class', 'country', 'op', 'status'] : ['class', 'country', 'op', 'status'],
        );
        expect(['createAccount', 'submitApplication']).toContain(r.tags.op);
        expect(r.tags.status).toMatch(/^\d+$/);
        expect(['ok', 'throttled', 'quota_full', 'error', 'invalid', 'queued']).toContain(r.tags.class);
      }
      // Attempts per journey add up to the requests sent.
      expect(journeys.reduce((s, j) => s + Number(j.metadata?.attempts), 0)).toBe(reqs.length);
      expect(run.samples.filter((s) => s.metric === 'rehearsal_lateness')).toHaveLength(rush.population);

      // Written as k6 writes them (metadata beside the tags), the samples give the analyzer
      // the summary they give with those values as tags.
      const asMetadata = join(dir, 'metadata.ndjson');
      const asTags = join(dir, 'tags.ndjson');
      await writeFile(asMetadata, run.samples.map((s) => k6JsonLine(s)).join('\n') + '\n');
      await writeFile(asTags, run.samples.map((s) => k6JsonLine(s, true)).join('\n') + '\n');
      const a = await analyzeRun([asMetadata], { quota: rush.portal.quota });
      const b = await analyzeRun([asTags], { quota: rush.portal.quota });
      expect({ ...a, source: null }).toEqual({ ...b, source: null });
      expect(a.fairness, 'fairness needs every journey’s arrival').toBeDefined();
      expect(a.journeys?.attempts.histogram.reduce((n, [, c]) => n + c, 0)).toBe(rush.population);
    } finally {
      await portal.close();
    }
  });

  it('reaches exactly the same outcomes as the node engine on the same population', async () => {
    const dir = await tmp();
    const portal = await loopbackPortal(rush.portal, dir);
    let node: Record<string, number>;
    try {
      const target = await loadTarget('targets/reference.json');
      const r = await nodeEngine.run({
        scenario: rush,
        population: generatePopulation(rush, 4),
        populationSize: rush.population,
        target,
        baseUrl: portal.url,
        outDir: join(dir, 'node'),
        seed: 4,
      });
      const lines = (await readFile(r.samples[0] as string, 'utf8'))
        .split('\n')
        .filter((l) => l.includes('"rehearsal_journey"') && l.includes('"Point"'));
      node = count(lines.map((l) => (JSON.parse(l) as { data: { tags: { outcome: string } } }).data.tags.outcome));
    } finally {
      await portal.close();
    }
    const bundle = bundleOutcomes;
    expect(bundle, 'the first test ran the bundle').toBeDefined();
    // The rush's patience outlasts it (fixtures.ts), so the outcomes are fixed by the
    // population and the quota, not by timing: a candidate with no e-mail on file
    // (the scenario's emailOnFile share) is refused its account (400, invalid); of the
    // rest, the quota's worth are accepted and the others told it is full.
    const noEmail = [...generatePopulation(rush, 4)].filter((c) => c.email === null).length;
    expect(noEmail, 'seed 4 draws some candidates without e-mail').toBeGreaterThan(0);
    const quota = rush.portal.quota as number;
    const expected = { accepted: quota, invalid: noEmail, quota_full: rush.population - quota - noEmail };
    expect(node, 'node engine').toEqual(expected);
    expect(bundle, 'bundle').toEqual(expected);
  });
});
