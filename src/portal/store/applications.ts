import type { SqlDb, SqlStatement } from './sqlite.js';
import { randomUUID } from 'node:crypto';

export interface Application {
  applicationId: string;
  accountId: string;
  /** Order of acceptance, 1-based: first come, first served made visible. */
  seq: number;
  status: string;
  createdAt: string;
}

export type SubmitResult =
  | { kind: 'accepted'; status: 201; body: Application }
  | { kind: 'replayed'; status: number; body: unknown }
  | { kind: 'quota_full'; status: 409; body: { error: 'quota_full'; message: string; quota: number } }
  | {
      kind: 'already_applied';
      status: 409;
      body: { error: 'already_applied'; message: string; applicationId: string };
    };

interface Row {
  id: string;
  account_id: string;
  seq: number;
  status: string;
  created_at: number;
}

const toApplication = (r: Row): Application => ({
  applicationId: r.id,
  accountId: r.account_id,
  seq: r.seq,
  status: r.status,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Applications under the quota. `submit` is ONE immediate transaction: look up the
 * idempotency key, take a place with a conditional increment
 * (`UPDATE intake SET accepted = accepted + 1 WHERE accepted < quota`), insert the
 * application and remember the response under the key. SQLite serializes writers,
 * so the quota cannot be over-sold whatever the concurrency, and a retry with the
 * same key gets the stored response without taking a second place.
 */
export class ApplicationStore {
  private readonly takePlace: SqlStatement;
  private readonly takePlaceNoQuota: SqlStatement;
  private readonly insert: SqlStatement;
  private readonly byAccount: SqlStatement;
  private readonly byId: SqlStatement;
  private readonly idemGet: SqlStatement;
  private readonly idemPut: SqlStatement;
  private readonly intake: SqlStatement;
  private readonly setQuota: SqlStatement;

  constructor(private readonly db: SqlDb) {
    this.takePlace = db.prepare(
      'UPDATE intake SET accepted = accepted + 1 WHERE id = 1 AND accepted < quota RETURNING accepted',
    );
    this.takePlaceNoQuota = db.prepare('UPDATE intake SET accepted = accepted + 1 WHERE id = 1 RETURNING accepted');
    this.insert = db.prepare(
      'INSERT INTO applications (id, account_id, seq, status, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.byAccount = db.prepare('SELECT * FROM applications WHERE account_id = ?');
    this.byId = db.prepare('SELECT * FROM applications WHERE id = ?');
    this.idemGet = db.prepare('SELECT status, body FROM idempotency WHERE account_id = ? AND key = ? AND op = ?');
    this.idemPut = db.prepare(
      'INSERT INTO idempotency (account_id, key, op, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.intake = db.prepare('SELECT quota, accepted FROM intake WHERE id = 1');
    this.setQuota = db.prepare('UPDATE intake SET quota = ? WHERE id = 1');
  }

  /**
   * The quota belongs to the database once set, like the count it bounds: a restart
   * without a quota keeps it (a probe restarted a full portal without one and it accepted
   * application 1,501 of 1,500), the same quota is a no-op, and a different one is
   * refused unless `change` says the operator means it. Returns the quota in force.
   */
  configure(quota: number | undefined, change = false): number | null {
    const cur = this.intake.get() as { quota: number | null; accepted: number };
    if (quota === undefined || quota === cur.quota) return cur.quota;
    if (cur.quota !== null && !change) {
      throw new QuotaConflict(
        `expected ${cur.quota}, the quota this database already holds (${cur.accepted} accepted), got ${quota}; ` +
          'leave the quota out to keep it, or change it explicitly (changeQuota, --change-quota)',
      );
    }
    this.setQuota.run(quota);
    return quota;
  }

  submit(accountId: string, idempotencyKey: string | undefined): SubmitResult {
    return this.db
      .transaction((): SubmitResult => {
        if (idempotencyKey) {
          const prior = this.idemGet.get(accountId, idempotencyKey, 'application') as
            | { status: number; body: string }
            | undefined;
          if (prior) return { kind: 'replayed', status: prior.status, body: JSON.parse(prior.body) };
        }
        const existing = this.byAccount.get(accountId) as Row | undefined;
        if (existing) {
          return {
            kind: 'already_applied',
            status: 409,
            body: { error: 'already_applied', message: 'this account has already applied', applicationId: existing.id },
          };
        }
        const { quota } = this.intake.get() as { quota: number | null };
        const taken = (quota === null ? this.takePlaceNoQuota.get() : this.takePlace.get()) as
          | { accepted: number }
          | undefined;
        if (!taken) {
          return {
            kind: 'quota_full',
            status: 409,
            body: { error: 'quota_full', message: 'the intake is closed: the quota is reached', quota: quota ?? 0 },
          };
        }
        const row: Row = {
          id: `app_${randomUUID()}`,
          account_id: accountId,
          seq: taken.accepted,
          status: 'received',
          created_at: Date.now(),
        };
        this.insert.run(row.id, row.account_id, row.seq, row.status, row.created_at);
        const body = toApplication(row);
        if (idempotencyKey)
          this.idemPut.run(accountId, idempotencyKey, 'application', 201, JSON.stringify(body), row.created_at);
        return { kind: 'accepted', status: 201, body };
      })
      .immediate();
  }

  get(id: string): Application | undefined {
    const r = this.byId.get(id) as Row | undefined;
    return r && toApplication(r);
  }

  ofAccount(accountId: string): Application | undefined {
    const r = this.byAccount.get(accountId) as Row | undefined;
    return r && toApplication(r);
  }

  counts(): { quota: number | null; accepted: number } {
    return this.intake.get() as { quota: number | null; accepted: number };
  }
}

/** A quota that disagrees with the one the database holds; the portal reports it as an option problem. */
export class QuotaConflict extends Error {
  constructor(readonly expected: string) {
    super(`portal options: quota: ${expected}`);
  }
}
