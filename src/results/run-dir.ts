import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../util/usage-error.js';
import { resolveInputs } from './read-inputs.js';

/**
 * A run owns its directory. Two runs writing into one `--out` would interleave their
 * samples and overwrite each other's manifest (a probe got 725 candidates from a
 * 400-candidate scenario and an "over-sold" quota), so a run first takes a lock:
 *
 *   DIR/run.lock  created with O_EXCL (one creator wins, even between processes)
 *                 { runId, pid, host, startedAt }
 *
 * and then refuses a directory that holds an earlier run unless told to replace it,
 * which removes that run's files first (only the files a run writes: never anything
 * else a user keeps there). A lock left by a process that died (kill -9, power loss)
 * is stale: its pid is gone on this host, so the next run takes it over and says so.
 * A lock from another host (a shared file system) is never judged stale: it is refused.
 */
export const LOCK_FILE = 'run.lock';

interface LockInfo {
  runId: string;
  pid: number;
  host: string;
  startedAt: string;
}

export interface RunDirClaim {
  /** A fresh id for this run, written in its manifest (and in the fingerprint of its summary). */
  runId: string;
  /** Removes the lock (idempotent). Also done at process exit if the run never got to it. */
  release(): Promise<void>;
}

export interface ClaimOptions {
  /** `refuse` (default): a directory holding an earlier run is an error. `replace`: that run's files are removed first. */
  existing?: 'refuse' | 'replace';
  /** What to tell the user when replacing a run or taking over a stale lock. */
  log?: (line: string) => void;
  /** How the user asks to replace, for the refusal message (default `--overwrite`). */
  replaceFlag?: string;
}

/** Files a run writes into its directory: what `--overwrite` removes, and what marks a directory as holding a run. */
const RUN_FILE =
  /^(manifest\.json|summary\.json|k6\.log|script\.js|population(-\d+)?\.json|portal\.sqlite(-wal|-shm)?|samples[\w.-]*\.(ndjson|csv)(\.gz)?)$/;

/** Whether a process with this pid exists (EPERM: it exists but is not ours to signal). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(path: string): Promise<{ text: string; info: LockInfo | undefined } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    return { text, info: typeof info.pid === 'number' ? info : undefined };
  } catch {
    // A lock being written this very instant reads empty: judge it live, not stale.
    return { text, info: undefined };
  }
}

function isStale(info: LockInfo | undefined): info is LockInfo {
  return info !== undefined && info.host === hostname() && info.pid !== process.pid && !processAlive(info.pid);
}

function busy(dir: string, info: LockInfo | undefined): UsageError {
  const who = info ? `run ${info.runId} (pid ${info.pid} on ${info.host}, started ${info.startedAt})` : 'another run';
  return new UsageError(
    `${dir}: ${who} is writing here (${LOCK_FILE}); choose another --out, or wait for it to finish`,
  );
}

/** Creates the lock or explains who holds it; a stale lock is moved aside once and the claim retried. */
async function takeLock(dir: string, info: LockInfo, log: (l: string) => void): Promise<void> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(JSON.stringify(info) + '\n');
      } finally {
        await fh.close();
      }
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const held = await readLock(path);
    if (!held) continue; // released between our create and our read: try again
    if (!isStale(held.info)) throw busy(dir, held.info);
    // Rename is atomic: of two runs taking over the same stale lock, one moves it. The
    // winner then checks that what it moved is the stale lock it judged (not a fresh
    // lock the other run created in between), and puts it back if not.
    const aside = `${path}.stale-${process.pid}`;
    try {
      await rename(path, aside);
    } catch {
      continue;
    }
    const moved = await readFile(aside, 'utf8').catch(() => '');
    if (moved !== held.text) {
      await rename(aside, path).catch(() => undefined);
      throw busy(dir, undefined);
    }
    await unlink(aside).catch(() => undefined);
    log(
      `${dir}: took over the lock of run ${held.info.runId} (pid ${held.info.pid} is gone: it was killed before it finished)`,
    );
  }
  throw busy(dir, undefined);
}

/** The run files in a directory (empty when it holds no run). */
export async function runFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => RUN_FILE.test(n)).sort();
}

/**
 * Claims `dir` for a new run: creates it, takes the lock, and checks for an earlier run
 * (refused, or its files removed with `existing: 'replace'`). Throws a one-line
 * UsageError (exit 2) when another live run holds the directory.
 */
export async function claimRunDir(dir: string, opts: ClaimOptions = {}): Promise<RunDirClaim> {
  const log = opts.log ?? (() => undefined);
  await mkdir(dir, { recursive: true });
  const info: LockInfo = {
    runId: randomUUID(),
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
  };
  await takeLock(dir, info, log);
  const lockPath = join(dir, LOCK_FILE);
  let released = false;
  // If the process exits without releasing (an uncaught error, process.exit on a usage
  // error), the lock goes with it; only a kill -9 leaves a stale one behind.
  const onExit = () => releaseSync(lockPath, info.runId);
  process.once('exit', onExit);
  const release = async () => {
    if (released) return;
    released = true;
    process.off('exit', onExit);
    releaseSync(lockPath, info.runId);
  };
  try {
    const earlier = await runFiles(dir);
    if (earlier.length > 0) {
      if (opts.existing !== 'replace') {
        throw new UsageError(
          `${dir}: holds an earlier run (${earlier.slice(0, 3).join(', ')}${earlier.length > 3 ? ', …' : ''}); pass ${opts.replaceFlag ?? '--overwrite'} to replace it, or choose another --out`,
        );
      }
      await Promise.all(earlier.map((n) => rm(join(dir, n), { force: true })));
      log(`${dir}: replaced the earlier run (${earlier.length} file${earlier.length === 1 ? '' : 's'} removed)`);
    }
  } catch (e) {
    await release();
    throw e;
  }
  return { runId: info.runId, release };
}

/** Removes the lock only if it is still ours (a stale-lock takeover may have replaced it). */
function releaseSync(lockPath: string, runId: string): void {
  try {
    const info = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockInfo>;
    if (info.runId === runId) rmSync(lockPath, { force: true });
  } catch {
    // already gone
  }
}

/** The live run holding `dir`, if any (for analyze: "a run is still writing here"). */
export function lockHolder(dir: string): LockInfo | undefined {
  if (!readdirSync(dir).includes(LOCK_FILE)) return undefined;
  try {
    const info = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockInfo;
    return isStale(info) ? undefined : info;
  } catch {
    return undefined;
  }
}

/**
 * A note for each input whose manifest still says `running`: either a run is writing it
 * now (its lock is live), or it was killed before it could say how it ended. Either way
 * what it wrote is analyzable, but it is not a whole run, and `analyze` and `compare` say so.
 */
export async function unfinishedRunNotes(inputs: string[]): Promise<string[]> {
  const notes: string[] = [];
  for (const input of inputs) {
    const { manifest, runDir } = await resolveInputs([input]);
    if (manifest?.status !== 'running') continue;
    const holder = lockHolder(runDir);
    notes.push(
      holder
        ? `note: ${input}: the run is still being written (pid ${holder.pid}, started ${holder.startedAt}): this covers it so far`
        : `note: ${input}: manifest.json still says running: the run stopped before it finished (killed?); what it wrote is used`,
    );
  }
  return notes;
}
