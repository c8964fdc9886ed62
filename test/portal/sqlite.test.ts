import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/portal/store/sqlite.js';

const fresh = () => {
  const db = openSqlite(join(mkdtempSync(join(tmpdir(), 'sqlite-')), 'db.sqlite'));
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  return db;
};
const count = (db: ReturnType<typeof fresh>) => (db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;

describe('the portal’s SQLite driver', () => {
  it('is node:sqlite from Node 23 on (better-sqlite3 12 aborts on Node 24.19+), better-sqlite3 before', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(fresh().driver).toBe(major >= 23 ? 'node:sqlite' : 'better-sqlite3');
  });

  it('commits a transaction, and rolls it back whole when it throws', () => {
    const db = fresh();
    const insert = db.prepare('INSERT INTO t (k, n) VALUES (?, ?)');
    db.transaction(() => {
      insert.run('a', 1);
      insert.run('b', 2);
    }).immediate();
    expect(count(db)).toBe(2);
    expect(() =>
      db.transaction(() => {
        insert.run('c', 3);
        insert.run('a', 4); // primary key violation
      })(),
    ).toThrow();
    expect(count(db)).toBe(2);
  });

  it('nests transactions as savepoints: an inner failure caught by the outer keeps the outer work', () => {
    const db = fresh();
    const insert = db.prepare('INSERT INTO t (k, n) VALUES (?, ?)');
    db.transaction(() => {
      insert.run('outer', 1);
      try {
        db.transaction(() => {
          insert.run('inner', 2);
          throw new Error('inner fails');
        })();
      } catch {
        // the outer transaction goes on
      }
    }).immediate();
    expect((db.prepare('SELECT k FROM t ORDER BY k').all() as Array<{ k: string }>).map((r) => r.k)).toEqual(['outer']);
    expect(db.prepare('UPDATE t SET n = n + 1').run().changes).toBe(1);
    expect([...db.prepare('SELECT n FROM t').iterate()].map((r) => (r as { n: number }).n)).toEqual([2]);
  });
});
