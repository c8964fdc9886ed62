import type { SqlDb, SqlStatement } from './sqlite.js';
import { randomInt, timingSafeEqual } from 'node:crypto';
import { sha256 } from './accounts.js';

/**
 * Wrong guesses allowed per account in any window of `guessWindowMs` (default 15 min).
 * Counted per account, not per code: asking for a new code does not buy new guesses (a
 * probe reset a per-code limit that way and signed in by guessing). With 6 digits, 5
 * guesses a window give an attacker a 1-in-200,000 chance per window, 96 windows a day:
 * about 1 in 2,000 a day for one account, the rate limit NIST SP 800-63B §5.2.2 asks a
 * verifier to enforce on any authenticator output ("rate limiting (throttling)").
 */
export const MAX_FAILURES = 5;

/** A sign-in attempt: the right code, or not (and then, when locked, how long until a guess is allowed again). */
export type CodeCheck = { ok: true } | { ok: false; retryAfterMs?: number };

export interface MailMessage {
  id: number;
  subject: string;
  code: string;
  sentAt: string;
}

/**
 * One-time sign-in codes sent by (simulated) e-mail, as the IRCC tracker does
 * (IRCC, "New tracker for family-class permanent residence applications", 8 Feb 2022).
 * Codes are stored hashed, single-use and expire; wrong guesses are limited per account
 * and window (MAX_FAILURES). The mailbox holds what was "sent".
 */
export class CodeStore {
  private readonly upsert: SqlStatement;
  private readonly get: SqlStatement;
  private readonly markUsed: SqlStatement;
  private readonly fail: SqlStatement;
  private readonly recentFailures: SqlStatement;
  private readonly forgive: SqlStatement;
  private readonly mail: SqlStatement;
  private readonly inbox: SqlStatement;

  constructor(
    private readonly db: SqlDb,
    private readonly ttlMs: number,
    private readonly guessWindowMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.upsert = db.prepare(
      'INSERT INTO codes (email, code_hash, expires_at, used, failures) VALUES (?, ?, ?, 0, 0) ON CONFLICT(email) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, used = 0, failures = 0',
    );
    this.get = db.prepare(
      'SELECT code_hash AS hash, expires_at AS expiresAt, used, failures FROM codes WHERE email = ?',
    );
    this.markUsed = db.prepare('UPDATE codes SET used = 1 WHERE email = ?');
    this.fail = db.prepare('INSERT INTO code_guesses (email, at) VALUES (?, ?)');
    this.recentFailures = db.prepare(
      'SELECT COUNT(*) AS n, MIN(at) AS oldest FROM code_guesses WHERE email = ? AND at > ?',
    );
    this.forgive = db.prepare('DELETE FROM code_guesses WHERE email = ?');
    this.mail = db.prepare('INSERT INTO mailbox (email, subject, code, created_at) VALUES (?, ?, ?, ?)');
    this.inbox = db.prepare(
      'SELECT id, subject, code, created_at AS createdAt FROM mailbox WHERE email = ? ORDER BY id DESC LIMIT 10',
    );
  }

  /** Issues a new code (replacing any earlier one) and "e-mails" it. */
  issue(email: string): void {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.clock();
    this.db.transaction(() => {
      this.upsert.run(email, sha256(`${email}:${code}`), now + this.ttlMs);
      this.mail.run(email, 'Your one-time sign-in code', code, now);
    })();
  }

  /**
   * Checks a code: ok once for the right, unexpired, unused code. After MAX_FAILURES wrong
   * guesses within the window every guess is refused, the right code too, until the
   * oldest of them leaves the window. A success forgives earlier typos.
   */
  consume(email: string, code: string): CodeCheck {
    return this.db
      .transaction((): CodeCheck => {
        const now = this.clock();
        const recent = this.recentFailures.get(email, now - this.guessWindowMs) as { n: number; oldest: number | null };
        if (recent.n >= MAX_FAILURES)
          return { ok: false, retryAfterMs: (recent.oldest ?? now) + this.guessWindowMs - now };
        const row = this.get.get(email) as { hash: string; expiresAt: number; used: number } | undefined;
        const ok =
          row !== undefined &&
          !row.used &&
          now <= row.expiresAt &&
          timingSafeEqual(Buffer.from(row.hash), Buffer.from(sha256(`${email}:${code}`)));
        if (ok) {
          this.markUsed.run(email);
          this.forgive.run(email);
        } else this.fail.run(email, now);
        return { ok };
      })
      .immediate();
  }

  messages(email: string): MailMessage[] {
    return (this.inbox.all(email) as Array<{ id: number; subject: string; code: string; createdAt: number }>).map(
      (m) => ({
        id: m.id,
        subject: m.subject,
        code: m.code,
        sentAt: new Date(m.createdAt).toISOString(),
      }),
    );
  }
}
