/**
 * Exit codes, documented in the README and printed by `rehearse --help`:
 *   0   success
 *   1   a gate failed (check/compare found a regression or a broken objective)
 *   2   usage or input error (bad flag, bad file, missing k6, refused host): UsageError
 *   70  internal error: a bug in the toolkit (EX_SOFTWARE of BSD's sysexits.h)
 *   130 interrupted (Ctrl-C or SIGTERM; 128 + SIGINT, as shells report it): what was
 *       written is valid (the manifest says `interrupted`, the NDJSON is whole) and can
 *       be analyzed
 */
export const EXIT = { ok: 0, gateFailed: 1, usage: 2, internal: 70, interrupted: 130 } as const;

/** An error the user can fix: printed as one line, exit code 2. See util/usage-error.ts. */
export { UsageError } from '../util/usage-error.js';

/** A gate that failed: the verdict is printed by the command; exit code 1. */
export class GateFailed extends Error {
  readonly exitCode: number = EXIT.gateFailed;
}
