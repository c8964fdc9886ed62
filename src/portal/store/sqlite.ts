import { createRequire } from 'node:module';

/**
 * The few SQLite calls the portal makes, over whichever driver suits the running Node:
 *
 * - Node ≥ 23: the built-in `node:sqlite` (DatabaseSync). better-sqlite3 below 13 aborts
 *   the process on Node ≥ 24.19 when a garbage-collected Statement is finalized outside a
 *   V8 context (`RemoveEnvironmentCleanupHook` assertion; WiseLibs/better-sqlite3#1515),
 *   and better-sqlite3 13 no longer supports Node 20.
 * - Node 20 and 22: better-sqlite3 12 (node:sqlite is absent, or behind a flag, there).
 *
 * Both are synchronous and run the same SQL; transactions keep better-sqlite3's
 * semantics (`transaction(fn)()` is BEGIN DEFERRED, `.immediate()` BEGIN IMMEDIATE,
 * nested calls use savepoints, an exception rolls back).
 */
export interface SqlStatement {
  run(...params: unknown[]): { changes: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): Iterable<unknown>;
}

export interface Transaction<T> {
  (): T;
  immediate(): T;
}

export interface SqlDb {
  readonly driver: 'node:sqlite' | 'better-sqlite3';
  prepare(sql: string): SqlStatement;
  exec(sql: string): void;
  transaction<T>(fn: () => T): Transaction<T>;
  close(): void;
}

const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split('.')[0]);

export function openSqlite(file: string): SqlDb {
  return major >= 23 ? openNodeSqlite(file) : openBetterSqlite(file);
}

function openBetterSqlite(file: string): SqlDb {
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Database(file);
  return {
    driver: 'better-sqlite3',
    prepare: (sql) => db.prepare(sql) as unknown as SqlStatement,
    exec: (sql) => void db.exec(sql),
    transaction: <T>(fn: () => T) => db.transaction(fn) as unknown as Transaction<T>,
    close: () => void db.close(),
  };
}

function openNodeSqlite(file: string): SqlDb {
  const { DatabaseSync } = require('node:sqlite') as { DatabaseSync: new (path: string) => NodeSqliteDb };
  const db = new DatabaseSync(file);
  let depth = 0;
  const run = <T>(fn: () => T, begin: string): T => {
    const savepoint = `tx${depth}`;
    db.exec(depth === 0 ? begin : `SAVEPOINT ${savepoint}`);
    depth++;
    try {
      const result = fn();
      depth--;
      db.exec(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
      return result;
    } catch (e) {
      depth--;
      db.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      throw e;
    }
  };
  return {
    driver: 'node:sqlite',
    prepare: (sql) => db.prepare(sql),
    exec: (sql) => db.exec(sql),
    transaction: <T>(fn: () => T) =>
      Object.assign(() => run(fn, 'BEGIN'), { immediate: () => run(fn, 'BEGIN IMMEDIATE') }),
    close: () => db.close(),
  };
}

interface NodeSqliteDb {
  prepare(sql: string): SqlStatement;
  exec(sql: string): void;
  close(): void;
}
