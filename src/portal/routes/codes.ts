import type { FastifyInstance } from 'fastify';
import type { PortalContext } from '../context.js';
import * as S from '../schemas.js';
import { CodeStore } from '../store/codes.js';

/**
 * One-time codes by simulated e-mail and sign-in. POST /api/codes answers the same
 * whether or not the address has an account (no account enumeration); only
 * addresses on file receive a code. GET /dev/mailbox/:email is the simulated inbox
 * a journey reads (the `readMailbox` operation): it hands anyone anyone's code, so it is
 * served only when asked for (`devMailbox`, `--dev-mailbox`). Wrong guesses are limited
 * per account and window (store/codes.ts), so a new code buys no new guesses.
 */
export function codeRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const codes = new CodeStore(ctx.db, ctx.opts.codeTtlMs, ctx.opts.guessWindowMs, ctx.opts.clock);

  app.post<{ Body: { email: string } }>('/api/codes', { schema: { body: S.CodeInput } }, (req, reply) =>
    ctx.serve('codes', req, reply, () => {
      const email = req.body.email.toLowerCase();
      if (ctx.accounts.findByEmail(email)) codes.issue(email);
      return { status: 202, body: { sent: true, message: 'if this address is on file, a code is on its way' } };
    }),
  );

  app.post<{ Body: { email: string; code: string } }>(
    '/api/sessions',
    { schema: { body: S.SessionInput } },
    (req, reply) =>
      ctx.serve('sessions', req, reply, () => {
        const email = req.body.email.toLowerCase();
        const account = ctx.accounts.findByEmail(email);
        const check = account ? codes.consume(email, req.body.code) : { ok: false as const };
        if (!check.ok && check.retryAfterMs !== undefined) {
          const ms = Math.ceil(check.retryAfterMs);
          return {
            status: 429,
            body: {
              error: 'too_many_guesses',
              message: `too many wrong codes for this account: try again in ${Math.ceil(ms / 60_000)} min`,
            },
            headers: { 'retry-after': String(Math.ceil(ms / 1000)), 'x-retry-after-ms': String(ms) },
          };
        }
        if (!account || !check.ok) {
          return {
            status: 401,
            body: { error: 'invalid_code', message: 'the code is wrong, used or expired: ask for a new one' },
          };
        }
        return { status: 200, body: { accountId: account.id, token: ctx.accounts.session(account.id) } };
      }),
  );

  if (ctx.opts.devMailbox) {
    app.get<{ Params: { email: string } }>(
      '/dev/mailbox/:email',
      { schema: { params: S.EmailParam } },
      async (req, reply) => {
        const messages = codes.messages(req.params.email.toLowerCase());
        if (messages.length === 0)
          return reply.code(404).send({ error: 'not_found', message: 'no mail for this address' });
        return { messages };
      },
    );
  }
}
