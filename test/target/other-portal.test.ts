import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { classify } from '../../src/target/classify.js';
import { loadTarget } from '../../src/target/load.js';
import { buildRequest } from '../../src/target/request.js';
import type { TargetResponse } from '../../src/target/types.js';
import { walkJourney } from '../../src/target/walk.js';
import { startOtherPortal } from '../fixtures/other-portal/server.js';

const TARGET = 'test/fixtures/other-portal/target.json';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function portal(o: Partial<Parameters<typeof startOtherPortal>[0]> = {}) {
  const p = await startOtherPortal({ quota: 1, workers: 2, serviceMs: 1, maxActive: 50, ...o });
  closers.push(p.close);
  return p;
}

const candidate = (i: number) => ({
  id: `c${i}`,
  email: `c${i}@example.test`,
  firstName: 'Zoé',
  lastName: `N°${i}`,
  country: 'FR',
});
const def = {
  steps: [{ op: 'createAccount' as const }, { op: 'submitApplication' as const }],
  success: 'accepted' as const,
  retryOnError: false,
  timeScale: 1,
};

describe('a differently shaped portal, reached through its target file', () => {
  it('captures the CSRF token and session from a form page, and reads a 303 as success', async () => {
    const target = await loadTarget(TARGET);
    const p = await portal();
    const walk = await walkJourney({ target, baseUrl: p.url, def, candidate: candidate(1) });
    expect(walk.outcome).toBe('accepted');
    expect(walk.steps.map((s) => [s.op, s.status, s.class])).toEqual([
      ['createAccount', 200, 'ok'],
      ['submitApplication', 303, 'ok'],
    ]);
    expect(Object.keys(walk.steps[0]!.captured).sort()).toEqual(['csrf', 'session']);
    expect(walk.steps[1]!.requestBody).toMatch(/^csrf_token=[0-9a-f]{24}&consent=yes$/);
    expect(p.accepted()).toBe(1);
  });

  it('classifies closure announced in the body of a 200 as quota_full', async () => {
    const target = await loadTarget(TARGET);
    const p = await portal({ quota: 1 });
    await walkJourney({ target, baseUrl: p.url, def, candidate: candidate(1) });
    const late = await walkJourney({ target, baseUrl: p.url, def, candidate: candidate(2) });
    expect(late.outcome).toBe('quota_full');
    expect(late.steps.at(-1)).toMatchObject({ status: 200, class: 'quota_full' });
    expect(p.accepted()).toBe(1);
  });

  it('classifies the redirect to the busy page under load as throttled', async () => {
    const target = await loadTarget(TARGET);
    const p = await portal({ workers: 1, maxActive: 2, serviceMs: 1_000 });
    const pool = new Pool(p.url, { connections: 20 });
    const responses = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const req = buildRequest(target, 'createAccount', p.url, { candidate: candidate(i), vars: {} });
        const r = await pool.request({
          method: 'POST',
          path: new URL(req.url).pathname,
          headers: req.headers,
          body: req.body ?? null,
        });
        const res: TargetResponse = {
          status: r.statusCode,
          headers: r.headers as TargetResponse['headers'],
          body: await r.body.text(),
        };
        return [res.status, res.headers.location, classify(target, 'createAccount', res)];
      }),
    );
    // Ten at once against room for two (each held a second, so all ten arrive while the
    // first two are in service, even on a loaded machine): two served, eight sent away.
    expect(responses.filter(([s]) => s === 200).map(([, , c]) => c)).toEqual(['ok', 'ok']);
    expect(responses.filter(([s]) => s === 302)).toEqual(
      Array.from({ length: 8 }, () => [302, '/busy.html', 'throttled']),
    );
    await pool.close();
  });

  it('classifies a forged CSRF token as invalid', async () => {
    const target = await loadTarget(TARGET);
    const p = await portal();
    const forged = {
      ...target,
      operations: {
        ...target.operations,
        submitApplication: { ...target.operations.submitApplication!, form: { csrf_token: 'forged', consent: 'yes' } },
      },
    };
    const walk = await walkJourney({ target: forged, baseUrl: p.url, def, candidate: candidate(3) });
    expect(walk.outcome).toBe('invalid');
    expect(walk.steps.at(-1)).toMatchObject({ status: 403, class: 'invalid' });
  });
});
