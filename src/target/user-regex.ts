import { RE2JS } from 're2js';

/**
 * Regular expressions from target files (classification rules, captures) run on every
 * response a portal sends, so they run on RE2: matching takes time linear in the body
 * whatever the pattern. JavaScript's backtracking RegExp takes exponential time on
 * patterns like `(a+)+$` against "aaaa…!" (ReDoS: https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS);
 * a probe hung a run past 60 s that way, deaf to Ctrl-C because matching never yields.
 *
 * re2js is a pure-JavaScript port of RE2 (https://github.com/le0pard/re2js), so the
 * same engine runs in node and inside the k6 bundle, and both classify alike. RE2's
 * syntax (https://github.com/google/re2/wiki/Syntax) has what target files need —
 * classes, alternation, groups, anchors, `\d \w \s`, `(?i)` — and none of what can
 * backtrack: no backreferences (`\1`) and no lookaround (`(?=…)`, `(?<=…)`).
 */
export interface UserRegex {
  /** Whether the pattern matches anywhere in `text`. */
  test(text: string): boolean;
  /** The text of group `group` (0: the whole match) of the first match, if any. */
  group(text: string, group: number): string | undefined;
}

/** A pattern RE2 cannot run; `message` says why, for validation to put after the file and field. */
export class UnsupportedPattern extends Error {}

const compiled = new Map<string, UserRegex>();

/**
 * Compiles a target file's pattern once (classification runs on every response). Throws
 * UnsupportedPattern for a pattern that is not valid RE2 syntax. Cost: compile O(pattern),
 * match O(pattern × text).
 */
export function userRegex(pattern: string): UserRegex {
  let re = compiled.get(pattern);
  if (re) return re;
  let p: RE2JS;
  try {
    p = RE2JS.compile(pattern);
  } catch (e) {
    const why = (e as Error).message.replace(/^error parsing regexp: /, '');
    const hint = /\\[1-9]|\(\?<?[=!]/.test(pattern)
      ? ': backreferences and lookaround are not supported, they can take exponential time'
      : '';
    throw new UnsupportedPattern(`${why}${hint}`);
  }
  re = {
    // `test` takes re2js's DFA path (no capture positions); `group` needs the matcher.
    test: (text) => p.test(text),
    group: (text, group) => {
      const m = p.matcher(text);
      if (!m.find() || group > m.groupCount()) return undefined;
      return m.group(group) ?? undefined;
    },
  };
  if (compiled.size > 1000) compiled.clear();
  compiled.set(pattern, re);
  return re;
}
