import type { SqlDb, SqlStatement } from './sqlite.js';
import { randomBytes } from 'node:crypto';
import { seededUniform } from '../service-time.js';
import { sha256 } from './accounts.js';

export interface QueueView {
  /** Rank in the line, 0-based; null before the opening (pre-queue, order not drawn yet). */
  rank: number | null;
  /** 1-based place among those still waiting; 0 once admitted; null before the opening. */
  position: number | null;
  admitted: boolean;
  estimatedWaitMs: number;
}

/**
 * A FIFO waiting room with an admission rate, as Queue-it and Cloudflare Waiting
 * Room run them. The admission frontier advances at `admitPerSec` while someone is
 * waiting (credit is not banked while the line is empty), and a token of rank r is
 * admitted once the frontier passes r. Everyone who queued before the opening gets
 * a rank drawn by a seeded shuffle at the opening (Fisher–Yates), so arriving early
 * buys a place in the draw, not the head of the line.
 */
export class WaitingRoom {
  private frontier = 0;
  private lastAdvance = 0;
  /**
   * Restarted on a database that holds a frontier: the first look sets the clock the line
   * moves from. Without it the first advance counted from the opening again and a portal
   * restarted ten minutes in admitted ten minutes' worth of the line at once (600 of 1,000
   * at 1/s became 1,000 a millisecond after the restart). The line stands still while the
   * portal is down: it never admits faster than admitPerSec.
   */
  private resumed: boolean;
  private ranked = false;
  private issuedCount: number;
  private readonly insert: SqlStatement;
  private readonly byHash: SqlStatement;
  private readonly unranked: SqlStatement;
  private readonly setRank: SqlStatement;
  private readonly maxRank: SqlStatement;
  private readonly setMeta: SqlStatement;
  private readonly setAdmitted: SqlStatement;

  constructor(
    private readonly db: SqlDb,
    private readonly cfg: { admitPerSec: number; opensAt: number; shuffle: boolean; seed: number; passTtlMs: number },
  ) {
    this.insert = db.prepare('INSERT INTO queue (token_hash, seq, rank, created_at) VALUES (?, ?, ?, ?)');
    this.byHash = db.prepare('SELECT seq, rank, admitted_at AS admittedAt FROM queue WHERE token_hash = ?');
    this.setAdmitted = db.prepare('UPDATE queue SET admitted_at = ? WHERE token_hash = ? AND admitted_at IS NULL');
    this.unranked = db.prepare('SELECT token_hash AS hash FROM queue WHERE rank IS NULL ORDER BY seq');
    this.setRank = db.prepare('UPDATE queue SET rank = ? WHERE token_hash = ?');
    this.maxRank = db.prepare('SELECT COALESCE(MAX(rank) + 1, 0) AS n, COUNT(*) AS issued FROM queue');
    this.setMeta = db.prepare(
      "INSERT INTO meta (key, value) VALUES ('queue_frontier', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    );
    const saved = db.prepare("SELECT value FROM meta WHERE key = 'queue_frontier'").get() as
      | { value: string }
      | undefined;
    this.frontier = saved ? Number(saved.value) : 0;
    this.resumed = saved !== undefined;
    this.issuedCount = (this.maxRank.get() as { issued: number }).issued;
  }

  get issued(): number {
    return this.issuedCount;
  }

  get admitted(): number {
    return Math.min(this.issuedCount, Math.floor(this.frontier));
  }

  private isOpen(now: number): boolean {
    return now >= this.cfg.opensAt;
  }

  /** Draws the pre-queue's order once, at the first look after the opening. */
  private rankPreQueue(): void {
    if (this.ranked) return;
    this.ranked = true;
    this.db.transaction(() => {
      const rows = this.unranked.all() as Array<{ hash: string }>;
      const base = (this.maxRank.get() as { n: number }).n;
      if (this.cfg.shuffle) {
        const u = seededUniform(this.cfg.seed ^ 0x5eed);
        for (let i = rows.length - 1; i > 0; i--) {
          const j = Math.floor(u() * (i + 1));
          [rows[i], rows[j]] = [rows[j]!, rows[i]!];
        }
      }
      rows.forEach((r, i) => this.setRank.run(base + i, r.hash));
    })();
  }

  /** Moves the frontier to `now`; called before every read. */
  private advance(now: number): void {
    if (!this.isOpen(now)) return;
    this.rankPreQueue();
    if (this.resumed) {
      this.resumed = false;
      this.lastAdvance = now;
    }
    const from = Math.max(this.lastAdvance, this.cfg.opensAt);
    this.lastAdvance = now;
    if (this.frontier >= this.issuedCount) {
      this.frontier = this.issuedCount; // nobody waiting: no credit is banked
      return;
    }
    const before = Math.floor(this.frontier);
    this.frontier = Math.min(this.issuedCount, this.frontier + ((now - from) / 1000) * this.cfg.admitPerSec);
    if (Math.floor(this.frontier) !== before) this.setMeta.run(String(this.frontier));
  }

  /** Issues a token: ranked at once after the opening, drawn at the opening before it. */
  join(now: number): { token: string; view: QueueView } {
    this.advance(now);
    const token = randomBytes(18).toString('base64url');
    this.db
      .transaction(() => {
        const { n, issued } = this.maxRank.get() as { n: number; issued: number };
        this.insert.run(sha256(token), issued, this.isOpen(now) ? n : null, now);
        this.issuedCount = issued + 1;
      })
      .immediate();
    return { token, view: this.view(token, now)! };
  }

  /** Where a token stands; undefined for an unknown token. */
  view(token: string, now: number): QueueView | undefined {
    return this.lookup(token, now)?.view;
  }

  private lookup(token: string, now: number): { view: QueueView; admittedAt: number | null } | undefined {
    this.advance(now);
    const hash = sha256(token);
    const row = this.byHash.get(hash) as { seq: number; rank: number | null; admittedAt: number | null } | undefined;
    if (!row) return undefined;
    const view = this.place(row.rank, now);
    let admittedAt = row.admittedAt;
    if (view.admitted && admittedAt === null) {
      // The first look after admission starts the pass's lifetime.
      admittedAt = now;
      this.setAdmitted.run(now, hash);
    }
    return { view, admittedAt };
  }

  private place(rank: number | null, now: number): QueueView {
    return placeInLine(rank, this.frontier, now, this.cfg);
  }

  /** A pass is an admitted token first seen admitted no longer than passTtlMs ago. */
  passValid(token: string | undefined, now: number): boolean {
    if (!token) return false;
    const found = this.lookup(token, now);
    return !!found?.view.admitted && found.admittedAt !== null && now - found.admittedAt <= this.cfg.passTtlMs;
  }
}

/** Where rank `rank` stands when the admission frontier is at `frontier` (shared with the sim's model). */
export function placeInLine(
  rank: number | null,
  frontier: number,
  now: number,
  cfg: { opensAt: number; admitPerSec: number },
): QueueView {
  if (rank === null) {
    return { rank: null, position: null, admitted: false, estimatedWaitMs: Math.max(0, cfg.opensAt - now) };
  }
  const ahead = rank - Math.floor(frontier);
  if (ahead < 0) return { rank, position: 0, admitted: true, estimatedWaitMs: 0 };
  // A line served at a fixed rate: wait = place ÷ rate.
  return {
    rank,
    position: ahead + 1,
    admitted: false,
    estimatedWaitMs: Math.round(((ahead + 1) / cfg.admitPerSec) * 1000),
  };
}
