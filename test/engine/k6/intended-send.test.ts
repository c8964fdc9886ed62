/**
 * Latency in the k6 script is measured from the intended send time (coordinated
 * omission, Gil Tene, "How NOT to Measure Latency", 2015): a request that goes out
 * late because the generator fell behind counts its lateness. Made deterministic here by
 * an opening 3 s in the past: every candidate (arriving within the first 0.5 s) is
 * started at least 2.5 s behind schedule, against a portal that holds each request
 * 100 ms (constant service time). So the first request of every journey must report
 * ≥ 2.5 s + 100 ms, while the second, sent after the journey's think time, is on
 * schedule again and must report its own 100 ms and nothing of the old delay; so must
 * two status polls sent when their 1.2–1.8 s waits end.
 *
 * Under the Node stand-in for k6 (./shim) always; in real k6 when it is installed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportK6 } from '../../../src/engine/k6/export.js';
import { k6Engine, locateK6 } from '../../../src/engine/k6/index.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { normalize } from '../../../src/scenario/normalize.js';
import { loadTarget } from '../../../src/target/load.js';
import { runBundle } from './shim/run-bundle.js';
import { k6Label } from './have-k6.js';
import { loopbackPortal } from './fixtures.js';
import { tempDirs } from './tmp.js';

const tmp = tempDirs('k6-intended-');

const BEHIND_MS = 3000;
const WINDOW_MS = 500;
const SERVICE_MS = 100;

const late = normalize(
  {
    name: 'late-start',
    title: 'Candidates started behind schedule',
    description: '6 candidates in the first 0.5 s, an open portal that takes 100 ms',
    population: 6,
    windowMin: 0.5,
    curve: [
      { atMin: 0, rate: 1 },
      { atMin: 0.5, rate: 1 },
    ],
    countries: { FR: 1 },
    personas: [{ name: 'steady', share: 1, patienceMin: [60, 60], retry: 'fixed', retryBaseSec: 1, thinkSec: 6 }],
    // Then two status polls 1.2–1.8 s apart (90 s ± 20 % at 60×).
    journey: {
      steps: [{ op: 'createAccount' }, { op: 'submitApplication' }, { op: 'checkStatus', repeat: 2, everyMs: 90_000 }],
      success: 'accepted',
      retryOnError: false,
    },
    portal: { strategy: 'open', quota: 100, workers: 8, serviceMs: SERVICE_MS },
    sources: [],
  },
  { timeScale: 60 },
);

interface Req {
  op: string;
  status: string;
  latency: number;
}

/**
 * The least a request held SERVICE_MS by the portal can report: the portal ends each hold
 * early by its running estimate of timer overshoot, at most 4 ms (src/portal/capacity.ts),
 * so a hold may look up to 4 ms short from the client.
 */
const HELD_MS = SERVICE_MS - 4;

function check(reqs: Req[]): void {
  const first = reqs.filter((r) => r.op === 'createAccount');
  const second = reqs.filter((r) => r.op === 'submitApplication');
  const polls = reqs.filter((r) => r.op === 'checkStatus');
  expect(first).toHaveLength(late.population);
  expect(second).toHaveLength(late.population);
  expect(polls).toHaveLength(2 * late.population);
  expect(
    reqs.every((r) => r.status === (r.op === 'checkStatus' ? '200' : '201')),
    JSON.stringify(reqs),
  ).toBe(true);
  // Sent ≥ 2.5 s after intended, then 100 ms at the portal.
  for (const r of first)
    expect(r.latency, JSON.stringify(first)).toBeGreaterThanOrEqual(BEHIND_MS - WINDOW_MS + SERVICE_MS);
  // On schedule after the think time: the portal's 100 ms, and far less than the old delay
  // (the margin is what a busy 2-core runner needs, not a figure of speed).
  for (const r of second) {
    expect(r.latency, JSON.stringify(second)).toBeGreaterThanOrEqual(HELD_MS);
    expect(r.latency, JSON.stringify(second)).toBeLessThan(BEHIND_MS - WINDOW_MS);
  }
  // Each poll is sent when its wait ends: the ≥ 1.2 s wait is not latency.
  for (const r of polls) {
    expect(r.latency, JSON.stringify(polls)).toBeGreaterThanOrEqual(HELD_MS);
    expect(r.latency, JSON.stringify(polls)).toBeLessThan(1200);
  }
}

async function withPortal<T>(fn: (url: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await tmp();
  const portal = await loopbackPortal({ ...late.portal, serviceDist: 'constant' }, dir);
  try {
    return await fn(portal.url, dir);
  } finally {
    await portal.close();
  }
}

describe('k6 latency from the intended send time', () => {
  it('includes the delay before a late send, and only that send’s (Node stand-in for k6)', async () => {
    const reqs = await withPortal(async (url, dir) => {
      const target = await loadTarget('targets/reference.json');
      await exportK6({
        outDir: join(dir, 'k6'),
        scenario: late,
        target,
        baseUrl: url,
        seed: 3,
        population: generatePopulation(late, 3),
      });
      const run = await runBundle(join(dir, 'k6', 'script.js'), {
        REHEARSAL_OPENING_EPOCH_MS: String(Date.now() - BEHIND_MS),
      });
      expect(run.errors).toEqual([]);
      return run.samples
        .filter((s) => s.metric === 'rehearsal_req')
        .map((s) => ({ op: s.tags.op as string, status: s.tags.status as string, latency: s.value }));
    });
    check(reqs);
  });

  const k6 = (() => {
    try {
      return locateK6();
    } catch {
      return undefined;
    }
  })();
  if (!k6)
    console.log('k6 intended-send test skipped: no k6 on PATH and K6_BIN unset (install k6 or set K6_BIN to run it)');

  it.skipIf(!k6)(`includes the delay before a late send, and only that send’s (real ${k6Label(k6)})`, async () => {
    const reqs = await withPortal(async (url, dir) => {
      const target = await loadTarget('targets/reference.json');
      const r = await k6Engine.run({
        scenario: late,
        population: generatePopulation(late, 3),
        populationSize: late.population,
        target,
        baseUrl: url,
        outDir: join(dir, 'run'),
        seed: 3,
        startAt: Date.now() - BEHIND_MS,
      });
      const out: Req[] = [];
      for (const f of r.samples) {
        for (const line of (await readFile(f, 'utf8')).split('\n')) {
          if (!line.includes('"rehearsal_req"') || !line.includes('"Point"')) continue;
          const p = JSON.parse(line) as { data: { value: number; tags: Record<string, string> } };
          // k6 adds the scenario system tag itself (the shim imitates it; here it is k6's).
          expect(p.data.tags.scenario).toBe('late-start');
          out.push({ op: p.data.tags.op as string, status: p.data.tags.status as string, latency: p.data.value });
        }
      }
      return out;
    });
    check(reqs);
  });
});
