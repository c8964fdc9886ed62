import type { SqlDb, SqlStatement } from './sqlite.js';
import { randomInt, timingSafeEqual } from 'node:crypto';
import { sha256 } from './accounts.js';

/** Wrong guesses allowed before a code is void (6 digits: 5 guesses give a 1-in-200,000 chance). */
export const MAX_FAILURES = 5;

export interface MailMessage {
  id: number;
  subject: string;
  code: string;
  sentAt: string;
}

/**
 * One-time sign-in codes sent by (simulated) e-mail, as the IRCC tracker does
 * (seeds/003_e8960d32567b7182.txt). Codes are stored hashed, single-use, expire,
 * and are voided after MAX_FAILURES wrong guesses. The mailbox holds what was "sent".
 */
export class CodeStore {
  private readonly upsert: SqlStatement;
  private readonly get: SqlStatement;
  private readonly markUsed: SqlStatement;
  private readonly fail: SqlStatement;
  private readonly mail: SqlStatement;
  private readonly inbox: SqlStatement;

  constructor(
    private readonly db: SqlDb,
    private readonly ttlMs: number,
  ) {
    this.upsert = db.prepare(
      'INSERT INTO codes (email, code_hash, expires_at, used, failures) VALUES (?, ?, ?, 0, 0) ON CONFLICT(email) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, used = 0, failures = 0',
    );
    this.get = db.prepare('SELECT code_hash AS hash, expires_at AS expiresAt, used, failures FROM codes WHERE email = ?');
    this.markUsed = db.prepare('UPDATE codes SET used = 1 WHERE email = ?');
    this.fail = db.prepare('UPDATE codes SET failures = failures + 1 WHERE email = ?');
    this.mail = db.prepare('INSERT INTO mailbox (email, subject, code, created_at) VALUES (?, ?, ?, ?)');
    this.inbox = db.prepare('SELECT id, subject, code, created_at AS createdAt FROM mailbox WHERE email = ? ORDER BY id DESC LIMIT 10');
  }

  /** Issues a new code (replacing any earlier one) and "e-mails" it. */
  issue(email: string): void {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = Date.now();
    this.db.transaction(() => {
      this.upsert.run(email, sha256(`${email}:${code}`), now + this.ttlMs);
      this.mail.run(email, 'Your one-time sign-in code', code, now);
    })();
  }

  /** Consumes a code: true once for the right, unexpired, unused code. */
  consume(email: string, code: string): boolean {
    return this.db.transaction(() => {
      const row = this.get.get(email) as { hash: string; expiresAt: number; used: number; failures: number } | undefined;
      if (!row || row.used || row.failures >= MAX_FAILURES || Date.now() > row.expiresAt) return false;
      const ok = timingSafeEqual(Buffer.from(row.hash), Buffer.from(sha256(`${email}:${code}`)));
      if (ok) this.markUsed.run(email);
      else this.fail.run(email);
      return ok;
    }).immediate();
  }

  messages(email: string): MailMessage[] {
    return (this.inbox.all(email) as Array<{ id: number; subject: string; code: string; createdAt: number }>).map((m) => ({
      id: m.id,
      subject: m.subject,
      code: m.code,
      sentAt: new Date(m.createdAt).toISOString(),
    }));
  }
}
