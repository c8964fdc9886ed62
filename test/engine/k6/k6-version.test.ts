/**
 * The k6 engine refuses a k6 older than the oldest it is tested with (MIN_K6_VERSION), in
 * one line naming the binary, its version and the one needed, exit code 2, before it
 * writes anything; newer ones, and versions that do not parse, go ahead.
 */
import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertK6Supported, MIN_K6_VERSION } from '../../../src/engine/k6/find-k6.js';
import { UsageError } from '../../../src/util/usage-error.js';
import { k6RunError } from './fixtures.js';
import { tempDirs } from './tmp.js';

const tmp = tempDirs('k6-version-');

const refusal = (version: string) => {
  try {
    assertK6Supported(version, '/opt/k6');
    return undefined;
  } catch (e) {
    return e;
  }
};

describe('the k6 version check', () => {
  it(`lets ${MIN_K6_VERSION} and later through, and development builds`, () => {
    for (const v of ['v0.47.0', 'v0.47.1', 'v0.52.0', 'v1.0.0', 'v1.3.0', 'v2.0.0-rc1', '1.1.0', 'k6 (devel)'])
      expect(refusal(v), v).toBeUndefined();
  });

  it('refuses older k6 in one line, exit code 2', () => {
    for (const v of ['v0.46.9', 'v0.45.0', 'v0.44.1', 'v0.0.1']) {
      const e = refusal(v);
      expect(e, v).toBeInstanceOf(UsageError);
      expect((e as UsageError).exitCode).toBe(2);
      expect((e as Error).message).toContain(`/opt/k6 is k6 ${v}: the k6 engine needs k6 ${MIN_K6_VERSION} or later`);
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('stops `rehearse run --engine k6` with an old k6 before it writes anything', async () => {
    const dir = await tmp();
    const fake = join(dir, 'k6');
    // A stand-in that answers `k6 version` as k6 v0.44.1 does, and fails anything else.
    await writeFile(
      fake,
      '#!/bin/sh\n[ "$1" = version ] && { echo "k6 v0.44.1 ((devel), go1.20.3, linux/amd64)"; exit 0; }\nexit 3\n',
    );
    await chmod(fake, 0o755);
    const saved = process.env.K6_BIN;
    process.env.K6_BIN = fake;
    const outDir = join(dir, 'run');
    try {
      const err = await k6RunError(outDir);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toBe(
        `${fake} is k6 v0.44.1: the k6 engine needs k6 ${MIN_K6_VERSION} or later (its script writes sample metadata, k6 v0.45+, and is tested with v0.47.0 and v1.3.0); install a current k6 or set K6_BIN to one`,
      );
      expect(existsSync(outDir)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.K6_BIN;
      else process.env.K6_BIN = saved;
    }
  });
});
