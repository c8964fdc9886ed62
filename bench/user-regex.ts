/**
 * The cost of linear-time patterns: target-file patterns on re2js (src/target/user-regex.ts)
 * beside V8's backtracking RegExp on the same patterns and bodies, in the same run. The
 * shapes target files use — a literal (what the reference target has, behind a status
 * check), a case-insensitive phrase, an alternation — on a small JSON answer and a 16 KiB
 * HTML form; then the catastrophic `(a+)+$` on 40 × "a" + "!", which only re2js can be
 * timed on (V8 needs ~2^40 steps).
 *
 *   npx tsx bench/user-regex.ts [--quick]
 */
import { userRegex } from '../src/target/user-regex.js';
import { QUICK } from './_harness.js';

const patterns = ['quota_full', '(?i)try again later', '/(maintenance|busy)'];
const bodies: Record<string, string> = {
  'json 37 B': '{"accountId":"a-123","token":"t-456"}',
  'html 16 KiB': `<form>${'<input name="x" value="y">'.repeat(600)}<input name="csrf" value="t0k3n"></form>`,
};
const native = (p: string) => (p.startsWith('(?i)') ? new RegExp(p.slice(4), 'i') : new RegExp(p));
const rounds = QUICK ? 300 : 3_000;

function usPerMatch(test: (s: string) => boolean, body: string): number {
  for (let i = 0; i < rounds; i++) test(body); // warm-up: both engines JIT-compiled before timing
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) test(body);
  return Number(process.hrtime.bigint() - t0) / rounds / 1000;
}

console.log('pattern                     body          re2js µs   V8 µs   ratio');
for (const p of patterns) {
  const re2 = userRegex(p);
  const v8 = native(p);
  for (const [name, body] of Object.entries(bodies)) {
    const a = usPerMatch((s) => re2.test(s), body);
    const b = usPerMatch((s) => v8.test(s), body);
    console.log(
      `${p.padEnd(27)} ${name.padEnd(12)} ${a.toFixed(2).padStart(9)} ${b.toFixed(2).padStart(7)} ${(a / b).toFixed(0).padStart(6)}×`,
    );
  }
}
const evil = userRegex('(a+)+$');
console.log(
  `(a+)+$ on 40 × "a" + "!": re2js ${usPerMatch((s) => evil.test(s), 'a'.repeat(40) + '!').toFixed(2)} µs; V8 RegExp: ~2^40 steps, not run`,
);
