import type { SqlDb, SqlStatement } from './sqlite.js';

export type AttrValue = string | number | boolean | null;

export interface Interest {
  accountId: string;
  score: number;
  attributes: Record<string, AttrValue>;
  submittedAt: string;
  invitedRound: number | null;
}

export interface RoundCriteria {
  /** ISO date-time: the interest was submitted strictly before it. */
  submittedBefore?: string;
  minScore?: number;
  /** Attributes that must equal these values (e.g. { inQuebec: true, permit: "work" }). */
  attributes?: Record<string, string | number | boolean>;
}

export interface Round {
  /** Candidate ids of the invited accounts, in rank order (round responses only). */
  candidates?: string[];
  round: number;
  size: number;
  criteria: RoundCriteria;
  invited: string[];
  createdAt: string;
}

interface Row {
  account_id: string;
  seq: number;
  score: number;
  attributes: string;
  created_at: number;
  invited_round: number | null;
}

const toInterest = (r: Row): Interest => ({
  accountId: r.account_id,
  score: r.score,
  attributes: JSON.parse(r.attributes) as Record<string, AttrValue>,
  submittedAt: new Date(r.created_at).toISOString(),
  invitedRound: r.invited_round,
});

/**
 * The expression-of-interest pool (Québec's Arrima, CIC News, 20 Feb 2020):
 * every profile is accepted into a pool ranked by score; an operator's round invites
 * the top `size` uninvited profiles that meet the round's criteria. Ties are broken
 * by submission order, so the invited set is a pure function of the pool.
 */
export class InterestPool {
  private readonly insert: SqlStatement;
  private readonly byAccount: SqlStatement;
  private readonly uninvited: SqlStatement;
  private readonly invite: SqlStatement;
  private readonly newRound: SqlStatement;
  private readonly counts: SqlStatement;
  private readonly allRounds: SqlStatement;
  private readonly invitedIn: SqlStatement;
  private readonly setInvited: SqlStatement;
  private readonly candidateOf: SqlStatement;

  constructor(private readonly db: SqlDb) {
    this.insert = db.prepare(
      'INSERT INTO interests (account_id, seq, score, attributes, created_at) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM interests), ?, ?, ?) ON CONFLICT(account_id) DO NOTHING',
    );
    this.byAccount = db.prepare('SELECT * FROM interests WHERE account_id = ?');
    this.uninvited = db.prepare('SELECT * FROM interests WHERE invited_round IS NULL ORDER BY score DESC, seq ASC');
    this.invite = db.prepare('UPDATE interests SET invited_round = ? WHERE account_id = ?');
    this.newRound = db.prepare(
      'INSERT INTO rounds (size, criteria, invited, created_at) VALUES (?, ?, 0, ?) RETURNING id',
    );
    this.counts = db.prepare(
      'SELECT (SELECT COUNT(*) FROM interests) AS interests, (SELECT COUNT(*) FROM interests WHERE invited_round IS NOT NULL) AS invited, (SELECT COUNT(*) FROM rounds) AS rounds',
    );
    this.allRounds = db.prepare('SELECT id, size, criteria, created_at AS createdAt FROM rounds ORDER BY id');
    this.setInvited = db.prepare('UPDATE rounds SET invited = ? WHERE id = ?');
    this.invitedIn = db.prepare(
      'SELECT account_id FROM interests WHERE invited_round = ? ORDER BY score DESC, seq ASC',
    );
    this.candidateOf = db.prepare('SELECT candidate_id AS candidateId FROM accounts WHERE id = ?');
  }

  /** Adds a profile to the pool; a second submission returns the first unchanged. */
  submit(
    accountId: string,
    score: number,
    attributes: Record<string, AttrValue>,
    submittedAt = Date.now(),
  ): { created: boolean; interest: Interest } {
    return this.db
      .transaction(() => {
        const created = this.insert.run(accountId, score, JSON.stringify(attributes), submittedAt).changes === 1;
        return { created, interest: toInterest(this.byAccount.get(accountId) as Row) };
      })
      .immediate();
  }

  get(accountId: string): Interest | undefined {
    const r = this.byAccount.get(accountId) as Row | undefined;
    return r && toInterest(r);
  }

  /** Runs an invitation round in one transaction. */
  round(size: number, criteria: RoundCriteria): Round {
    const before = criteria.submittedBefore ? Date.parse(criteria.submittedBefore) : Infinity;
    const wanted = Object.entries(criteria.attributes ?? {});
    return this.db
      .transaction(() => {
        const now = Date.now();
        const { id } = this.newRound.get(size, JSON.stringify(criteria), now) as { id: number };
        const invited: string[] = [];
        for (const row of this.uninvited.iterate() as Iterable<Row>) {
          if (invited.length >= size) break;
          if (row.created_at >= before) continue;
          if (criteria.minScore !== undefined && row.score < criteria.minScore) continue;
          if (wanted.length) {
            const attrs = JSON.parse(row.attributes) as Record<string, AttrValue>;
            if (!wanted.every(([k, v]) => attrs[k] === v)) continue;
          }
          invited.push(row.account_id);
        }
        for (const a of invited) this.invite.run(id, a);
        this.setInvited.run(invited.length, id);
        // The rehearsal's candidate ids (when accounts carry one), so a rehearsal can check
        // the invited set against its own ranking of the population.
        const candidates = invited
          .map((a) => (this.candidateOf.get(a) as { candidateId: string | null } | undefined)?.candidateId)
          .filter((c): c is string => typeof c === 'string');
        return { round: id, size, criteria, invited, candidates, createdAt: new Date(now).toISOString() };
      })
      .immediate();
  }

  rounds(): Round[] {
    return (this.allRounds.all() as Array<{ id: number; size: number; criteria: string; createdAt: number }>).map(
      (r) => ({
        round: r.id,
        size: r.size,
        criteria: JSON.parse(r.criteria) as RoundCriteria,
        invited: (this.invitedIn.all(r.id) as Array<{ account_id: string }>).map((x) => x.account_id),
        createdAt: new Date(r.createdAt).toISOString(),
      }),
    );
  }

  stats(): { interests: number; invited: number; rounds: number } {
    return this.counts.get() as { interests: number; invited: number; rounds: number };
  }
}
