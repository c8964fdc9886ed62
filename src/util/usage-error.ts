/**
 * Library code throws this for input the user can fix; the CLI prints its message
 * as one line and exits 2. (Kept outside cli/ so library modules need not import the CLI.)
 */
export class UsageErrorLike extends Error {
  readonly exitCode = 2;
}
