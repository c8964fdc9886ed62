import { seededUniform } from '../../portal/service-time.js';
import { placeInLine, type QueueView } from '../../portal/store/queue.js';

/** One token of the waiting room (the portal keeps it as a row of its `queue` table). */
export interface Ticket {
  rank: number | null;
  /** Run time of the first look after admission (starts the pass's lifetime). */
  admittedAt: number | null;
}

/**
 * The reference portal's waiting room (src/portal/store/queue.ts) in virtual time and
 * in memory: the same frontier that advances at `admitPerSec` only when read and only
 * while someone waits (no banked credit), the same seeded Fisher–Yates draw of the
 * pre-queue at the first look after the opening, the same `placeInLine`. What the
 * portal keeps in SQLite (tickets, the frontier) is kept here in objects; the sequence
 * of reads is the portal's, so the admissions are the same for the same requests.
 */
export class VirtualWaitingRoom {
  private frontier = 0;
  private lastAdvance = 0;
  private ranked = false;
  private nextRank = 0;
  private preQueue: Ticket[] = [];
  issued = 0;

  constructor(
    private readonly cfg: { admitPerSec: number; opensAt: number; shuffle: boolean; seed: number; passTtlMs: number },
  ) {}

  get admitted(): number {
    return Math.min(this.issued, Math.floor(this.frontier));
  }

  private advance(now: number): void {
    if (now < this.cfg.opensAt) return;
    this.rankPreQueue();
    const from = Math.max(this.lastAdvance, this.cfg.opensAt);
    this.lastAdvance = now;
    if (this.frontier >= this.issued) {
      this.frontier = this.issued;
      return;
    }
    this.frontier = Math.min(this.issued, this.frontier + ((now - from) / 1000) * this.cfg.admitPerSec);
  }

  private rankPreQueue(): void {
    if (this.ranked) return;
    this.ranked = true;
    const rows = this.preQueue;
    this.preQueue = [];
    if (this.cfg.shuffle) {
      const u = seededUniform(this.cfg.seed ^ 0x5eed);
      for (let i = rows.length - 1; i > 0; i--) {
        const j = Math.floor(u() * (i + 1));
        [rows[i], rows[j]] = [rows[j] as Ticket, rows[i] as Ticket];
      }
    }
    for (const r of rows) r.rank = this.nextRank++;
  }

  join(now: number): { ticket: Ticket; view: QueueView } {
    this.advance(now);
    const ticket: Ticket = { rank: now >= this.cfg.opensAt ? this.nextRank++ : null, admittedAt: null };
    if (ticket.rank === null) this.preQueue.push(ticket);
    this.issued++;
    return { ticket, view: this.view(ticket, now) };
  }

  view(ticket: Ticket, now: number): QueueView {
    this.advance(now);
    const view = placeInLine(ticket.rank, this.frontier, now, this.cfg);
    if (view.admitted && ticket.admittedAt === null) ticket.admittedAt = now;
    return view;
  }

  passValid(ticket: Ticket | undefined, now: number): boolean {
    if (!ticket) return false;
    const view = this.view(ticket, now);
    return view.admitted && ticket.admittedAt !== null && now - ticket.admittedAt <= this.cfg.passTtlMs;
  }
}
