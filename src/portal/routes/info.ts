import type { FastifyInstance } from 'fastify';
import type { PortalContext } from '../context.js';
import * as S from '../schemas.js';

/** A plain information page, about the weight of a real one's HTML (the surge of election night is read-heavy). */
const PAGE = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} — reference portal</title></head>
<body><main><h1>${title}</h1>
<p>This is the launch-rehearsal reference portal. Programmes, eligibility, fees and processing times are described here.</p>
${'<p>Synthetic information paragraph for page weight.</p>\n'.repeat(40)}</main></body></html>`;

export const PAGES: Record<string, string> = {
  home: PAGE('Immigrate'),
  programs: PAGE('Programmes'),
  eligibility: PAGE('Who can apply'),
  fees: PAGE('Fees'),
};

interface EligibilityQuery {
  country?: string;
  age?: number;
  french?: 'none' | 'basic' | 'intermediate' | 'advanced';
  education?: 'secondary' | 'diploma' | 'bachelor' | 'master' | 'doctorate';
}

/**
 * A small points test in the spirit of skilled-worker grids: age, French and
 * education each add points; 50 or more is eligible. The rule is synthetic: the
 * rehearsal needs the request's cost and shape, not a real immigration policy.
 */
export function eligibility(q: EligibilityQuery): { eligible: boolean; points: number; reasons: string[] } {
  const reasons: string[] = [];
  let points = 0;
  if (q.age !== undefined) {
    if (q.age >= 18 && q.age <= 35) points += 16;
    else if (q.age > 35 && q.age <= 45) points += 8;
    else reasons.push('age outside 18–45');
  }
  points += { none: 0, basic: 6, intermediate: 12, advanced: 16 }[q.french ?? 'none'];
  if ((q.french ?? 'none') === 'none') reasons.push('no French');
  points += { secondary: 2, diploma: 6, bachelor: 10, master: 12, doctorate: 14 }[q.education ?? 'secondary'];
  points += 20; // work experience, assumed for every candidate in this synthetic grid
  const eligible = points >= 50;
  if (!eligible) reasons.push(`${points} points, 50 needed`);
  return { eligible, points, reasons: eligible ? [] : reasons };
}

/** Information pages and the eligibility check (election-night surge, seeds 001/002). */
export function infoRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const page =
    (name: string) => (req: Parameters<PortalContext['serve']>[1], reply: Parameters<PortalContext['serve']>[2]) =>
      ctx.serve('info', req, reply, () => ({
        status: 200,
        body: PAGES[name],
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      }));
  app.get('/', page('home'));
  app.get<{ Params: { page: string } }>('/info/:page', (req, reply) => {
    const name = req.params.page;
    if (!Object.hasOwn(PAGES, name)) return reply.code(404).send({ error: 'not_found', message: `no page ${name}` });
    return page(name)(req, reply);
  });
  app.get<{ Querystring: EligibilityQuery }>(
    '/api/eligibility',
    {
      schema: { querystring: S.EligibilityQuery },
      // An empty parameter (a template whose value the candidate lacks) means "not given".
      preValidation: async (req) => {
        const q = req.query as Record<string, unknown>;
        for (const k of Object.keys(q)) if (q[k] === '') delete q[k];
      },
    },
    (req, reply) => ctx.serve('eligibility', req, reply, () => ({ status: 200, body: eligibility(req.query) })),
  );
}
