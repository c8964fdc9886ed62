import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { portalQuota, withPortalQuota } from '../../src/cli/portal-quota.js';
import { startPortal } from '../../src/portal/index.js';
import type { RunManifest } from '../../src/results/manifest.js';
import { loadScenario, loadScenarioInput } from '../../src/scenario/load.js';
import { rehearseCli } from './cli.js';

describe('a rehearsal against a running portal analyzes against the quota the portal enforces', () => {
  it('takes the portal quota when it differs from the scaled scenario, and says so', async () => {
    const s = await loadScenario('launch-day');
    expect(s.portal.quota).toBe(100);
    expect(withPortalQuota(s, 100)).toEqual({ scenario: s });
    expect(withPortalQuota(s, undefined)).toEqual({ scenario: s });
    const full = withPortalQuota(s, 2800);
    expect(full.scenario.portal.quota).toBe(2800);
    expect(full.note).toBe(
      "the portal reports quota 2800 (GET /admin/stats), the scenario's is 100 at scale 0.0357: analyzing against the portal's; start the portal with the same scale (rehearse portal --scenario launch-day) to rehearse the scenario's",
    );
    expect(withPortalQuota(s, null).scenario.portal.quota).toBeUndefined();
  });

  it('reads /admin/stats of the reference portal; another portal (no such route) says nothing', async () => {
    const p = await startPortal({ strategy: 'open', workers: 2, serviceMs: 0, quota: 42 });
    try {
      expect(await portalQuota(p.url)).toBe(42);
      expect(await portalQuota(`${p.url}/nowhere/`)).toBe(42); // the route is at the root
    } finally {
      await p.close();
    }
    expect(await portalQuota('http://127.0.0.1:9/')).toBeUndefined(); // nothing listens: no answer
  });

  it('the README recipe: a full-day portal and a scaled run agree, no false over-sell', async () => {
    // What `rehearse portal --scenario launch-day --scale 1` starts: the full day's 2,800 places.
    const spec = (await loadScenarioInput('launch-day')).portal;
    const p = await startPortal({ ...spec, quota: 2800 });
    const out = join(await mkdtemp(join(tmpdir(), 'recipe-')), 'run');
    try {
      const r = await rehearseCli([
        'run',
        'launch-day',
        '--target',
        'targets/reference.json',
        '--base-url',
        p.url,
        '--max-duration',
        '3s',
        '--grace',
        '2s',
        '--quiet',
        '--out',
        out,
      ]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        "note: the portal reports quota 2800 (GET /admin/stats), the scenario's is 100 at scale",
      );
    } finally {
      await p.close();
    }
    const m = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as RunManifest;
    expect(m.scenario.quota).toBe(2800);
    expect(m.notes?.[0]).toMatch(/^the portal reports quota 2800/);
    const a = await rehearseCli(['analyze', out, '--format', 'json']);
    const summary = JSON.parse(a.stdout) as { quota: { size: number; oversold: boolean } };
    expect(summary.quota).toMatchObject({ size: 2800, oversold: false });
  }, 180_000);
});
