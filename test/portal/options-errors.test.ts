import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startPortal } from '../../src/portal/index.js';
import { PortalOptionsError, resolveOptions } from '../../src/portal/options.js';
import { UsageError } from '../../src/util/usage-error.js';

/** Bad portal settings are one error type, thrown where they are found, with every problem by field. */
describe('portal option errors', () => {
  it('lists every bad field, as a usage error (exit code 2)', () => {
    let err: unknown;
    try {
      resolveOptions({ strategy: 'throttle', workers: 0, serviceMs: -1, port: 99999 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PortalOptionsError);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as PortalOptionsError).problems.map((p) => p.field)).toEqual(['workers', 'serviceMs', 'port']);
  });

  it('names a port already in use as the port’s problem, not a crash', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      const e = await startPortal({ strategy: 'open', workers: 1, serviceMs: 1, host: '127.0.0.1', port }).catch(
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(PortalOptionsError);
      expect((e as PortalOptionsError).problems).toEqual([
        { field: 'port', expected: `expected a free port; 127.0.0.1:${port} is in use (0 picks a free one)` },
      ]);
    } finally {
      taken.close();
    }
  });
});
