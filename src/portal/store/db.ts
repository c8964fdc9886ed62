import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../util/usage-error.js';
import { openSqlite, type SqlDb } from './sqlite.js';

/**
 * Opens the portal's SQLite file in WAL mode. With `synchronous=NORMAL` a committed
 * transaction survives a crash of the process (kill -9): the WAL is written before
 * the commit returns and only the checkpoint is deferred; `FULL` also fsyncs each
 * commit so it survives power loss (https://www.sqlite.org/wal.html, "Durability").
 * Every statement is prepared with parameters: no SQL is built from input.
 */
export function openDb(
  path: string | undefined,
  durability: 'normal' | 'full',
  fresh = false,
): { db: SqlDb; path: string } {
  const file = path ?? join(mkdtempSync(join(tmpdir(), 'rehearse-portal-')), 'portal.db');
  if (fresh && path) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  let db: SqlDb;
  try {
    db = openSqlite(file);
    db.exec('PRAGMA journal_mode = WAL');
  } catch (e) {
    throw notADatabase(e, file);
  }
  db.exec(`PRAGMA synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec(SCHEMA);
  return { db, path: file };
}

/**
 * A --db that SQLite cannot use (not a database, a directory, unwritable) is the user's
 * to fix: one line, exit 2. SQLite's result codes: https://www.sqlite.org/rescode.html.
 */
function notADatabase(e: unknown, file: string): unknown {
  const code = sqliteCode(e);
  const why: Record<string, string> = {
    SQLITE_NOTADB: 'not a SQLite database',
    SQLITE_CORRUPT: 'a corrupt SQLite database',
    SQLITE_CANTOPEN: 'cannot be opened',
    SQLITE_READONLY: 'read-only',
    SQLITE_IOERR: 'cannot be read or written',
    SQLITE_PERM: 'permission denied',
  };
  const key = Object.keys(why).find((k) => code === k || code.startsWith(`${k}_`));
  if (!key) return e;
  return new UsageError(
    `--db ${file}: ${why[key]} (${code}): expected a database written by \`rehearse portal\`, or a new file's path`,
  );
}

/**
 * better-sqlite3 names the result code (`code: 'SQLITE_NOTADB'`); node:sqlite (Node ≥ 23)
 * gives `code: 'ERR_SQLITE_ERROR'` and the number (`errcode: 26`), whose low byte is the
 * primary result code (https://www.sqlite.org/rescode.html#primary_result_code_list).
 */
const PRIMARY: Record<number, string> = {
  3: 'SQLITE_PERM',
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  14: 'SQLITE_CANTOPEN',
  26: 'SQLITE_NOTADB',
};

function sqliteCode(e: unknown): string {
  const { code, errcode } = e as { code?: unknown; errcode?: unknown };
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number') return PRIMARY[errcode & 0xff] ?? String(code);
  return String(code ?? '');
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS intake (id INTEGER PRIMARY KEY CHECK (id = 1), quota INTEGER, accepted INTEGER NOT NULL DEFAULT 0);
INSERT OR IGNORE INTO intake (id, quota, accepted) VALUES (1, NULL, 0);
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, country TEXT,
  candidate_id TEXT, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS applications (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL UNIQUE REFERENCES accounts(id), seq INTEGER NOT NULL UNIQUE,
  status TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
  account_id TEXT NOT NULL, key TEXT NOT NULL, op TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL,
  created_at INTEGER NOT NULL, PRIMARY KEY (account_id, key));
CREATE TABLE IF NOT EXISTS codes (
  email TEXT PRIMARY KEY, code_hash TEXT NOT NULL, expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS code_guesses (email TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS code_guesses_email ON code_guesses (email, at);
CREATE TABLE IF NOT EXISTS mailbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL, subject TEXT NOT NULL, code TEXT NOT NULL,
  created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS mailbox_email ON mailbox (email, id);
CREATE TABLE IF NOT EXISTS queue (
  token_hash TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, rank INTEGER UNIQUE, created_at INTEGER NOT NULL,
  admitted_at INTEGER);
CREATE TABLE IF NOT EXISTS interests (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id), seq INTEGER NOT NULL UNIQUE, score REAL NOT NULL,
  attributes TEXT NOT NULL, created_at INTEGER NOT NULL, invited_round INTEGER);
CREATE TABLE IF NOT EXISTS rounds (
  id INTEGER PRIMARY KEY AUTOINCREMENT, size INTEGER NOT NULL, criteria TEXT NOT NULL, invited INTEGER NOT NULL,
  created_at INTEGER NOT NULL);
`;
