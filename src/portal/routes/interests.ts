import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { bearer, unauthorized, type PortalContext } from '../context.js';
import * as S from '../schemas.js';
import type { AttrValue, RoundCriteria } from '../store/interests.js';

/** Constant-time comparison of the operator token. */
export function isOperator(ctx: PortalContext, req: FastifyRequest): boolean {
  const given = Buffer.from(bearer(req) ?? '');
  const want = Buffer.from(ctx.opts.operatorToken);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * Expressions of interest into a ranked pool, and the operator's invitation rounds.
 * Submitting is always accepted (no quota, no rush); a second submission returns the
 * first. Rounds need the operator's bearer token.
 */
export function interestRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const pool = ctx.interests;

  app.post<{ Body: { score: number; submittedAt?: string | null; attributes?: Record<string, AttrValue> } }>(
    '/api/interests',
    { schema: { body: S.InterestInput } },
    (req, reply) =>
      ctx.serve('interests', req, reply, () => {
        const account = ctx.accounts.authenticate(bearer(req));
        if (!account) return unauthorized;
        const at = req.body.submittedAt ? Date.parse(req.body.submittedAt) : Date.now();
        const { created, interest } = pool.submit(account.id, req.body.score, req.body.attributes ?? {}, at);
        return { status: created ? 201 : 200, body: interest };
      }),
  );

  app.get('/api/interests/mine', (req, reply) =>
    ctx.serve('status', req, reply, () => {
      const account = ctx.accounts.authenticate(bearer(req));
      if (!account) return unauthorized;
      const mine = pool.get(account.id);
      return mine
        ? { status: 200, body: mine }
        : { status: 404, body: { error: 'not_found', message: 'no expression of interest for this account' } };
    }),
  );

  app.post<{ Body: { size: number; criteria?: RoundCriteria | null } }>(
    '/admin/rounds',
    { schema: { body: S.RoundInput } },
    async (req, reply) => {
      if (!isOperator(ctx, req))
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer')
          .send({ error: 'unauthorized', message: 'operator token required' });
      return reply.code(201).send(pool.round(req.body.size, req.body.criteria ?? {}));
    },
  );

  app.get('/admin/rounds', async (req, reply) => {
    if (!isOperator(ctx, req))
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'unauthorized', message: 'operator token required' });
    return { rounds: pool.rounds() };
  });
}
