/**
 * Little's law, L = λW (Little 1961, "A proof for the queuing formula L = λW", Oper. Res.
 * 9(3)), in the two forms capacity planning uses:
 *
 * - the interactive response-time law for N users who each think Z seconds between
 *   requests that take R seconds (Lazowska et al., "Quantitative System Performance",
 *   1984, §3.3): X = N / (Z + R) requests per second;
 * - and back: the users a request rate X sustains, N = X·(Z + R).
 *
 * Cost O(1). Throws for negative inputs or Z + R = 0.
 */
export function requestRate(users: number, thinkS: number, responseS = 0): number {
  check(users, thinkS, responseS);
  return users / (thinkS + responseS);
}

export function usersSustained(ratePerS: number, thinkS: number, responseS = 0): number {
  check(ratePerS, thinkS, responseS);
  return ratePerS * (thinkS + responseS);
}

function check(v: number, z: number, r: number): void {
  if (!(v >= 0)) throw new RangeError(`little: expected a count or rate ≥ 0, got ${v}`);
  if (!(z >= 0 && r >= 0 && z + r > 0))
    throw new RangeError(`little: expected think + response time > 0, got ${z} + ${r}`);
}
