import type { SqlDb, SqlStatement } from './sqlite.js';
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export interface Account {
  id: string;
  email: string;
  name: string;
  country: string | null;
  candidateId: string | null;
}

/** Only a hash of a bearer token is stored: a leaked database yields no live session. */
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Accounts and bearer sessions. */
export class AccountStore {
  private readonly insert: SqlStatement;
  private readonly byEmail: SqlStatement;
  private readonly bySession: SqlStatement;
  private readonly newSession: SqlStatement;
  private readonly countAll: SqlStatement;

  constructor(private readonly db: SqlDb) {
    this.insert = db.prepare(
      'INSERT INTO accounts (id, email, name, country, candidate_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.byEmail = db.prepare(
      'SELECT id, email, name, country, candidate_id AS candidateId FROM accounts WHERE email = ?',
    );
    this.bySession = db.prepare(
      'SELECT a.id, a.email, a.name, a.country, a.candidate_id AS candidateId FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?',
    );
    this.newSession = db.prepare('INSERT INTO sessions (token_hash, account_id, created_at) VALUES (?, ?, ?)');
    this.countAll = db.prepare('SELECT COUNT(*) AS n FROM accounts');
  }

  /** Creates an account and a session; `undefined` when the e-mail is taken. */
  create(input: {
    email: string;
    name: string;
    country?: string;
    candidateId?: string;
  }): { account: Account; token: string } | undefined {
    const email = input.email.toLowerCase();
    return this.db
      .transaction(() => {
        if (this.byEmail.get(email)) return undefined;
        const account: Account = {
          id: `acc_${randomUUID()}`,
          email,
          name: input.name,
          country: input.country ?? null,
          candidateId: input.candidateId ?? null,
        };
        this.insert.run(account.id, email, account.name, account.country, account.candidateId, Date.now());
        return { account, token: this.session(account.id) };
      })
      .immediate();
  }

  findByEmail(email: string): Account | undefined {
    return this.byEmail.get(email.toLowerCase()) as Account | undefined;
  }

  /** A new bearer token for an account. */
  session(accountId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.newSession.run(sha256(token), accountId, Date.now());
    return token;
  }

  /** The account behind a bearer token, if any. */
  authenticate(token: string | undefined): Account | undefined {
    if (!token) return undefined;
    return this.bySession.get(sha256(token)) as Account | undefined;
  }

  count(): number {
    return (this.countAll.get() as { n: number }).n;
  }
}
