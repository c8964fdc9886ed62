import { relative } from 'node:path';

/** A path as printed to the user: relative to the working directory when inside it, else absolute (never `../../tmp/…`). */
export function displayPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}
