import type { FastifyInstance } from 'fastify';
import type { PortalContext } from '../context.js';
import * as S from '../schemas.js';
import type { QueueView } from '../store/queue.js';

/** Poll hint: come back when your turn is estimated, between 100 ms and 5 s. */
const pollHintMs = (v: QueueView) => Math.min(5000, Math.max(100, v.estimatedWaitMs));

/** The queue endpoints' answer for a token's view (the sim's portal model answers with it too). */
export function answer(
  token: string,
  v: QueueView,
): { status: number; body: unknown; headers: Record<string, string> } {
  if (v.admitted) return { status: 200, body: { token, admitted: true, position: 0, estimatedWaitMs: 0 }, headers: {} };
  const hint = pollHintMs(v);
  return {
    status: 202,
    body: { token, admitted: false, position: v.position, estimatedWaitMs: v.estimatedWaitMs },
    headers: {
      'x-queue-position': v.position === null ? 'pre-queue' : String(v.position),
      'x-estimated-wait-ms': String(v.estimatedWaitMs),
      'retry-after': String(Math.ceil(hint / 1000)),
      'x-retry-after-ms': String(hint),
    },
  };
}

/**
 * The waiting room's own endpoints. They are served by the waiting room itself —
 * outside the portal's workers and admission cap, as Queue-it or Cloudflare serve
 * them from their edge — so polling the line does not slow the portal behind it.
 * Under the other strategies a token is admitted at once, so one target file fits all.
 */
export function queueRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app.post('/api/queue', async (req, reply) => {
    const room = ctx.waitingRoom;
    if (!room) return reply.code(200).send({ token: 'no-queue', admitted: true, position: 0, estimatedWaitMs: 0 });
    const { token, view } = room.join(Date.now());
    const out = answer(token, view);
    if (out.status === 202) ctx.classOverride.set(req, 'queued');
    return reply.code(out.status).headers(out.headers).send(out.body);
  });

  app.get<{ Params: { token: string } }>(
    '/api/queue/:token',
    { schema: { params: S.TokenParam } },
    async (req, reply) => {
      const room = ctx.waitingRoom;
      if (!room)
        return reply.code(200).send({ token: req.params.token, admitted: true, position: 0, estimatedWaitMs: 0 });
      const view = room.view(req.params.token, Date.now());
      if (!view)
        return reply.code(404).send({ error: 'not_found', message: 'unknown queue token: join the queue again' });
      const out = answer(req.params.token, view);
      if (out.status === 202) ctx.classOverride.set(req, 'queued');
      return reply.code(out.status).headers(out.headers).send(out.body);
    },
  );
}
