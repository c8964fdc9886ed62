import type { FastifyInstance } from 'fastify';
import type { PortalContext } from '../context.js';
import type { PortalStats } from '../stats.js';

export function portalStats(ctx: PortalContext): PortalStats {
  const { quota, accepted } = ctx.applications.counts();
  const c = ctx.counters.byClass;
  const base: PortalStats = {
    strategy: ctx.opts.strategy,
    quota,
    accepted,
    accounts: ctx.accounts.count(),
    rejected: { throttled: c.throttled, quota_full: c.quota_full, invalid: c.invalid, timeout: c.timeout },
    requests: ctx.counters.requests,
    byStatus: { ...ctx.counters.byStatus },
    inService: ctx.pool.inService,
    queued: ctx.pool.queued,
    workers: ctx.opts.workers,
    peakInService: ctx.pool.peak,
    served: ctx.pool.served,
    meanServiceMs: ctx.pool.served ? ctx.pool.busyMs / ctx.pool.served : 0,
    startedAt: new Date(ctx.startedAt).toISOString(),
  };
  return Object.assign(base, ...ctx.statsExtras.map((e) => e()));
}

/**
 * GET /admin/stats: the portal's own counts. Read-only and free of personal data, so
 * it needs no token (engines record it in the run manifest); it is served outside
 * the worker pool, so asking does not disturb the rehearsal.
 */
export function adminRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app.get('/admin/stats', async () => portalStats(ctx));
}
