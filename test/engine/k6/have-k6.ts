import { execFileSync } from 'node:child_process';
import { locateK6 } from '../../../src/engine/k6/index.js';

/** The k6 binary (k6 on PATH or K6_BIN), or undefined: tests that need real k6 skip without it. */
export function haveK6(): string | undefined {
  try {
    return locateK6();
  } catch {
    return undefined;
  }
}

/**
 * "k6 v1.3.0" for the k6 the tests run with, or "no k6" — for test names, so a test
 * report says which k6 a passing test proved something about.
 */
export function k6Label(bin: string | undefined = haveK6()): string {
  if (!bin) return 'no k6';
  try {
    const line = execFileSync(bin, ['version'], { encoding: 'utf8', timeout: 15_000 }).split('\n')[0] ?? '';
    return `k6 ${/\bv?\d+\.\d+\.\d+[\w.-]*/.exec(line)?.[0] ?? line.trim()}`;
  } catch {
    return 'k6 (version unknown)';
  }
}
