import { constants } from 'node:fs';
import { access, appendFile, mkdir, open, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * Where the toolkit writes what the user asked for (`--out`, `--junit`, `--json`,
 * `$GITHUB_STEP_SUMMARY`, …), checked up front and with failures said in one line:
 *
 *   --out runs/x: cannot write there (ENOTDIR: a file is in the way): expected a directory
 *
 * A read-only file system, a file where a directory belongs (or the reverse), a
 * missing permission: each is the user's to fix (exit 2), never an internal error
 * with a stack trace (exit 70). Checking before a long run also means a rehearsal
 * is not run only to find at the end that its output cannot be kept.
 */

/** Errno codes that mean "this place cannot be written", with what they mean to the user. */
const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a file is in the way of a directory',
  EEXIST: 'a file is in the way of a directory',
  EISDIR: 'it is a directory',
  ENOENT: 'no such directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EFBIG: 'file too large',
};

/** True when `e` is a file-system error about the place written, not a bug. */
export function isPlaceError(e: unknown): e is NodeJS.ErrnoException {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code in WHY;
}

/** `PATH: cannot open (EROFS: read-only file system)` for a file-system refusal naming a path; undefined for anything else. */
export function placeMessage(e: unknown): string | undefined {
  if (!isPlaceError(e) || typeof e.path !== 'string') return undefined;
  const code = e.code as string;
  return `${shownPath(e.path)}: cannot ${e.syscall ?? 'use'} (${code}: ${WHY[code]})`;
}

function shownPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}

/** A UsageError for an error writing `path` (given as `what`, e.g. `--junit`, or '' for a default place); other errors unchanged. */
export function cannotWrite(e: unknown, path: string, what: string, expected: string): unknown {
  if (!isPlaceError(e)) return e;
  const code = e.code as string;
  return new UsageError(
    `${what ? `${what} ` : ''}${shownPath(path)}: cannot write there (${code}: ${WHY[code]}): expected ${expected}`,
  );
}

/** Creates directory `dir` (and its parents) and checks it can be written; returns its absolute path. */
export async function outputDir(dir: string, what: string, expected = 'a directory you can write'): Promise<string> {
  const abs = resolve(dir);
  const st = await stat(abs).catch(() => undefined);
  if (st && !st.isDirectory())
    throw new UsageError(
      `${what ? `${what} ` : ''}${shownPath(abs)}: is a file: expected ${expected} (give another path, or remove the file)`,
    );
  try {
    await mkdir(abs, { recursive: true });
    await access(abs, constants.W_OK);
  } catch (e) {
    throw cannotWrite(e, abs, what, expected);
  }
  return abs;
}

/** Checks that file `path` can be written (its directory created) without changing an existing file. */
export async function outputFile(path: string, what: string, expected = 'a file path you can write'): Promise<string> {
  const abs = resolve(path);
  const st = await stat(abs).catch(() => undefined);
  if (st?.isDirectory())
    throw new UsageError(`${what ? `${what} ` : ''}${shownPath(abs)}: is a directory: expected a file path`);
  try {
    await mkdir(dirname(abs), { recursive: true });
    await access(st ? abs : dirname(abs), constants.W_OK);
  } catch (e) {
    throw cannotWrite(e, abs, what, expected);
  }
  return abs;
}

/** Writes (or with `append`, appends) `data` to `path`, creating its directory; errors said as above. */
export async function writeOutput(
  path: string,
  data: string | Buffer,
  what: string,
  opts: { append?: boolean; expected?: string } = {},
): Promise<void> {
  const expected = opts.expected ?? 'a file path you can write';
  const abs = await outputFile(path, what, expected);
  try {
    await (opts.append ? appendFile(abs, data) : writeFile(abs, data));
  } catch (e) {
    throw cannotWrite(e, abs, what, expected);
  }
}

/** Opens `path` for writing (created or truncated), its directory created; errors said as above. */
export async function openOutput(path: string, what: string): Promise<FileHandle> {
  const abs = await outputFile(path, what);
  try {
    return await open(abs, 'w');
  } catch (e) {
    throw cannotWrite(e, abs, what, 'a file path you can write');
  }
}
