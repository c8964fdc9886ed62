import type { FastifyRequest } from 'fastify';
import { bearer, type Outcome, type PortalContext } from './context.js';
import type { ServedOp } from './options.js';
import { WaitingRoom } from './store/queue.js';

/**
 * What each admission design adds on top of the common contract. Every endpoint
 * exists under every strategy (one target file fits all); the strategy decides who
 * gets through:
 *
 * | strategy     | in front of the workers                      | extra rule                                  |
 * |--------------|----------------------------------------------|---------------------------------------------|
 * | open         | nothing: an unbounded FIFO line               | —                                           |
 * | throttle     | cap of maxActive (default: workers), 503 else | —                                           |
 * | waiting-room | maxActive if set                             | accounts and applications need a queue pass |
 * | eoi          | maxActive if set                             | applications need an invitation             |
 */
export function applyStrategy(ctx: PortalContext): void {
  const o = ctx.opts;
  if (o.strategy === 'waiting-room') {
    const room = new WaitingRoom(ctx.db, {
      admitPerSec: o.admitPerSec,
      opensAt: ctx.opensAt,
      shuffle: o.shufflePreQueue,
      seed: o.seed,
      passTtlMs: o.passTtlMs,
    });
    ctx.waitingRoom = room;
    ctx.statsExtras.push(() => ({
      queue: {
        issued: room.issued,
        admitted: room.admitted,
        admitPerSec: o.admitPerSec,
        open: Date.now() >= ctx.opensAt,
      },
    }));
    const guarded = new Set<ServedOp>(['accounts', 'applications']);
    ctx.guard = (op: ServedOp, req: FastifyRequest): Outcome | undefined => {
      if (!guarded.has(op)) return undefined;
      const token = req.headers['x-queue-token'];
      if (room.passValid(typeof token === 'string' ? token : undefined, Date.now())) return undefined;
      return {
        status: 403,
        body: {
          error: 'queue_required',
          message: 'join the waiting room first (POST /api/queue) and send its token in x-queue-token once admitted',
        },
      };
    };
  }
  if (o.strategy === 'eoi') {
    ctx.guard = (op: ServedOp, req: FastifyRequest): Outcome | undefined => {
      if (op !== 'applications') return undefined;
      const account = ctx.accounts.authenticate(bearer(req));
      if (!account) return undefined; // the route answers 401
      if (ctx.interests.get(account.id)?.invitedRound) return undefined;
      return {
        status: 403,
        body: {
          error: 'not_invited',
          message: 'applications are by invitation: submit an expression of interest and wait for a round',
        },
      };
    };
  }
  ctx.statsExtras.push(() => ({ pool: ctx.interests.stats() }));
}
