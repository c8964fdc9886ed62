import type { FastifyInstance } from 'fastify';
import type { PortalContext } from '../context.js';
import * as S from '../schemas.js';

interface AccountBody {
  email: string;
  name: string;
  country?: string;
  candidateId?: string;
}

/** POST /api/accounts: create an account, get a bearer token. */
export function accountRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app.post<{ Body: AccountBody }>(
    '/api/accounts',
    { schema: { body: S.AccountInput, response: { 201: S.AccountCreated } } },
    (req, reply) =>
      ctx.serve('accounts', req, reply, () => {
        const made = ctx.accounts.create(req.body);
        if (!made)
          return {
            status: 409,
            body: { error: 'account_exists', message: 'an account with this e-mail exists: sign in instead' },
          };
        return { status: 201, body: { accountId: made.account.id, token: made.token } };
      }),
  );
}
