import type { FastifyInstance } from 'fastify';
import { busy } from '../admission.js';
import { bearer, unauthorized, type Outcome, type PortalContext } from '../context.js';
import * as S from '../schemas.js';

const notFound: Outcome = {
  status: 404,
  body: { error: 'not_found', message: 'no such application for this account' },
};

/**
 * Applications under the quota, and each candidate's view of their own.
 * Someone else's application is a 404, exactly like one that does not exist, so
 * identifiers cannot be probed.
 */
export function applicationRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app.post<{ Body: { accountId?: string } }>(
    '/api/applications',
    { schema: { body: S.ApplicationInput, response: { 201: S.Application } } },
    (req, reply) =>
      ctx.serve('applications', req, reply, () => {
        const account = ctx.accounts.authenticate(bearer(req));
        if (!account) return unauthorized;
        if (req.body?.accountId !== undefined && req.body.accountId !== account.id) {
          return {
            status: 403,
            body: { error: 'forbidden', message: 'accountId does not match the signed-in account' },
          };
        }
        const untilOpen = ctx.opensAt - Date.now();
        if (untilOpen > 0)
          return busy(
            Math.min(untilOpen, 60_000) / 1000,
            'not_open',
            'the intake is not open yet: come back at the opening',
          );
        const key = req.headers['idempotency-key'];
        const r = ctx.applications.submit(
          account.id,
          typeof key === 'string' && key.length > 0 ? key.slice(0, 200) : undefined,
        );
        return { status: r.status, body: r.body, ...(r.kind === 'quota_full' ? { cls: 'quota_full' as const } : {}) };
      }),
  );

  app.get('/api/applications/mine', (req, reply) =>
    ctx.serve('status', req, reply, () => {
      const account = ctx.accounts.authenticate(bearer(req));
      if (!account) return unauthorized;
      const own = ctx.applications.ofAccount(account.id);
      return own ? { status: 200, body: own } : notFound;
    }),
  );

  app.get<{ Params: { id: string } }>('/api/applications/:id', { schema: { params: S.IdParam } }, (req, reply) =>
    ctx.serve('status', req, reply, () => {
      const account = ctx.accounts.authenticate(bearer(req));
      if (!account) return unauthorized;
      const found = ctx.applications.get(req.params.id);
      return found && found.accountId === account.id ? { status: 200, body: found } : notFound;
    }),
  );
}
