import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../../util/usage-error.js';

/** One line, for the person at the terminal: what is missing and what to do. */
export const K6_MISSING =
  'k6 was not found on PATH and K6_BIN is not set: install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/ — a package for your OS, or the grafana/k6 container image), or set K6_BIN=/path/to/k6, or use --engine node';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The k6 binary: $K6_BIN, else the first `k6` on PATH; undefined when there is none. */
export function locateK6(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.K6_BIN) {
    if (!executable(env.K6_BIN)) throw new UsageError(`K6_BIN=${env.K6_BIN}: expected an executable k6 binary`);
    return env.K6_BIN;
  }
  const names = process.platform === 'win32' ? ['k6.exe', 'k6'] : ['k6'];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const n of names) if (executable(join(dir, n))) return join(dir, n);
  }
  return undefined;
}

/** Like locateK6, but a missing k6 is a usage error (exit code 2) saying how to install it. */
export function requireK6(env: NodeJS.ProcessEnv = process.env): string {
  const bin = locateK6(env);
  if (!bin) throw new UsageError(K6_MISSING);
  return bin;
}

/** `k6 version` → "v0.47.0" (the whole first line when it does not parse). */
export async function k6Version(bin: string): Promise<string> {
  const { stdout } = await promisify(execFile)(bin, ['version'], { timeout: 15_000 });
  const line = stdout.split('\n')[0]?.trim() ?? '';
  return /\bv?(\d+\.\d+\.\d+[\w.-]*)/.exec(line)?.[0] ?? line;
}

/**
 * The oldest k6 the engine accepts: the oldest it is tested with. Tested: v1.3.0 and v0.47.0
 * (built from source), every k6 test with each. v0.45–v0.46 are untested, and nothing older
 * can run the script: sample metadata (`exec.vu.metrics.metadata`) came in v0.45. (v0.47 once
 * ran the bundle ~100× slower: Babel transforming the ES-module bundle at every start; the
 * bundle is CommonJS now, which goja parses itself: bundle.ts, docs/k6.md "k6 versions".)
 */
export const MIN_K6_VERSION = 'v0.47.0';

function numbers(version: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/**
 * Refuses, with one line, a k6 older than MIN_K6_VERSION. A version that does not parse
 * (a development build) is let through: k6 itself will say what it lacks.
 */
export function assertK6Supported(version: string, bin: string): void {
  const have = numbers(version);
  const need = numbers(MIN_K6_VERSION);
  if (!have || !need) return;
  for (let i = 0; i < 3; i++) {
    const [h, n] = [have[i] as number, need[i] as number];
    if (h > n) return;
    if (h < n)
      throw new UsageError(
        `${bin} is k6 ${version}: the k6 engine needs k6 ${MIN_K6_VERSION} or later (its script writes sample metadata, k6 v0.45+, and is tested with v0.47.0 and v1.3.0); install a current k6 or set K6_BIN to one`,
      );
  }
}
