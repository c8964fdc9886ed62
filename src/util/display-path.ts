import { relative } from 'node:path';

/** A path as printed to the user: relative to the working directory when inside it, else absolute (never `../../tmp/…`). */
export function displayPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}

/**
 * A word as typed in a POSIX shell: unchanged when it holds only safe characters,
 * else in single quotes (a quote inside becomes '\''), so a printed `next:` command
 * can be pasted as is: `rehearse analyze 'runs/my run'`.
 */
export function shellWord(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_./:@%+=,-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
