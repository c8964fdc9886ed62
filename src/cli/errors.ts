/**
 * Exit codes, documented in the README:
 *   0  success
 *   1  a gate failed (check/compare found a regression or a broken objective)
 *   2  usage or input error (bad flag, bad file, missing k6, refused host)
 *   130 interrupted (Ctrl-C or SIGTERM): what was written is valid (the manifest says
 *       `interrupted`, the NDJSON is whole) and can be analyzed
 */
export const EXIT = { ok: 0, gateFailed: 1, usage: 2, interrupted: 130 } as const;

/**
 * An error the user can fix: printed as one line, exit code 2. Name the file, the
 * field and what was expected: `scenario.json: personas[2].share: expected a number ≥ 0`.
 */
export { UsageErrorLike as UsageError } from '../util/usage-error.js';

/** A gate that failed: the verdict is printed by the command; exit code 1. */
export class GateFailed extends Error {
  readonly exitCode: number = EXIT.gateFailed;
}
