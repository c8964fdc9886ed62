import { locateK6 } from '../../../src/engine/k6/index.js';

/** The k6 binary (k6 on PATH or K6_BIN), or undefined: tests that need real k6 skip without it. */
export function haveK6(): string | undefined {
  try {
    return locateK6();
  } catch {
    return undefined;
  }
}
