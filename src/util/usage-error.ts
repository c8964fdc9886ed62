/**
 * Input the user can fix (a bad flag, file or field): library code throws it where it
 * finds the mistake, and the CLI prints its message as one line and exits 2 (EXIT.usage
 * in cli/errors.ts). Kept outside cli/ so library modules need not import the CLI.
 */
export class UsageError extends Error {
  readonly exitCode: number = 2;
}
