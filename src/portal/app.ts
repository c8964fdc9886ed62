import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { PortalContext } from './context.js';
import { accountRoutes } from './routes/accounts.js';
import { adminRoutes } from './routes/admin.js';
import { applicationRoutes } from './routes/applications.js';
import { codeRoutes } from './routes/codes.js';
import { infoRoutes } from './routes/info.js';
import { interestRoutes } from './routes/interests.js';
import { queueRoutes } from './routes/queue.js';
import { openapiRoutes } from './routes/openapi.js';
import { applyStrategy } from './strategies.js';

/** Paths that are not part of the rehearsed API and are not counted as requests. */
const UNCOUNTED = /^\/(admin|dev|openapi)/;

/**
 * Builds the Fastify app: limits, error handling, request counting, and the routes
 * the strategy needs. Client mistakes are 4xx with a JSON message; a 500 means a
 * bug in the portal, never bad input.
 */
export function buildApp(ctx: PortalContext): FastifyInstance {
  const app = Fastify({
    logger: ctx.opts.logger,
    bodyLimit: ctx.opts.bodyLimit,
    // Many concurrent candidates on few connections each: no idle kick-outs mid-rehearsal.
    keepAliveTimeout: 65_000,
    forceCloseConnections: true,
    ajv: { customOptions: { allErrors: false, removeAdditional: false, coerceTypes: 'array', allowUnionTypes: true } },
  });

  app.addHook('onRequest', async (req) => {
    if (!UNCOUNTED.test(req.url)) ctx.counters.requests++;
  });
  app.addHook('onResponse', async (req, reply) => {
    if (!UNCOUNTED.test(req.url)) ctx.counters.record(reply.statusCode, ctx.classOverride.get(req));
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.validation) {
      return reply.code(400).send({
        error: 'invalid',
        message:
          `${err.validationContext ?? 'request'} ${err.validation[0]?.instancePath ?? ''} ${err.validation[0]?.message ?? err.message}`
            .replace(/\s+/g, ' ')
            .trim(),
      });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error(err);
    return reply.code(status).send({
      error: status === 500 ? 'internal' : 'invalid',
      message: status === 500 ? 'internal error' : err.message,
    });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` }),
  );

  applyStrategy(ctx);
  infoRoutes(app, ctx);
  accountRoutes(app, ctx);
  codeRoutes(app, ctx);
  queueRoutes(app, ctx);
  applicationRoutes(app, ctx);
  interestRoutes(app, ctx);
  adminRoutes(app, ctx);
  openapiRoutes(app);
  return app;
}
