import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PortalOptions } from '../../src/portal/index.js';
import { startPortal, type RunningPortal } from '../../src/portal/index.js';
import type { PortalSpec } from '../../src/scenario/types.js';
import launchDay from '../../scenarios/launch-day.js';
import { captureValues, classify } from '../../src/target/classify.js';
import { buildRequest } from '../../src/target/request.js';
import type { TargetFile, TargetResponse } from '../../src/target/types.js';
import { Pool } from 'undici';

let portal: RunningPortal | undefined;
afterEach(async () => {
  await portal?.close();
  portal = undefined;
});

// Compile-time proof that a scenario's PortalSpec can be spread into PortalOptions.
const fromSpec = (spec: PortalSpec): PortalOptions => ({ ...spec });

async function send(
  pool: Pool,
  target: TargetFile,
  op: 'createAccount' | 'submitApplication',
  base: string,
  ctx: Record<string, unknown>,
): Promise<TargetResponse> {
  const req = buildRequest(target, op, base, ctx);
  const url = new URL(req.url);
  const r = await pool.request({
    method: req.method as 'POST',
    path: url.pathname,
    headers: req.headers,
    ...(req.body ? { body: req.body } : {}),
  });
  return { status: r.statusCode, headers: r.headers as TargetResponse['headers'], body: await r.body.text() };
}

describe('targets/reference.json drives the reference portal', () => {
  it('walks createAccount → submitApplication, then classifies the closed intake as quota_full', async () => {
    const target = JSON.parse(readFileSync('targets/reference.json', 'utf8')) as TargetFile;
    portal = await startPortal({ ...fromSpec(launchDay.portal), quota: 1 });
    const pool = new Pool(portal.url);
    const outcomes: string[] = [];
    for (const id of ['c000001', 'c000002']) {
      const candidate = { id, email: `${id}@example.test`, firstName: 'Ana', lastName: 'Lima', country: 'BR' };
      const a = await send(pool, target, 'createAccount', portal.url, { candidate, vars: {} });
      outcomes.push(classify(target, 'createAccount', a));
      const vars = captureValues(target, 'createAccount', a);
      expect(vars.token).toMatch(/^[\w-]{20,}$/);
      const s = await send(pool, target, 'submitApplication', portal.url, { candidate, vars });
      outcomes.push(classify(target, 'submitApplication', s));
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'quota_full']);
    expect((await portal.stats()).accepted).toBe(1);
    await pool.close();
  });
});
