import { z } from 'zod';

/**
 * A budget file (JSON): the objectives `rehearse check` and `rehearse compare` gate
 * on. The JSON Schema users get in their editor (src/compare/budget.schema.json) is
 * generated from this zod schema by `budgetJsonSchema()`; a test keeps the file in step.
 */
export const BudgetSchema = z
  .strictObject({
    $schema: z.string().optional(),
    description: z.string().optional(),
    objectives: z
      .array(z.string().min(1))
      .min(1)
      .describe(
        'One objective per line. Absolute (checked on the candidate run): k6 thresholds such as "http_req_duration{op:submitApplication}: p(95)<800", "http_req_failed: rate<0.01", or toolkit metrics such as "quota.fillTime < 15m", "fairness.kendallTau > 0.9", "journeys.gaveUp rate < 5%". Relative (compare only; fails only on a statistically significant change): "http_req_duration: p(95) may not grow more than 10%", "fairness.kendallTau may not drop more than 0.05", "http_req_failed: rate may not grow more than 1pp".',
      ),
    metrics: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Extra metrics `compare` shows (with a verdict but no gate), e.g. "http_req_duration{op:checkStatus}: p(99)"',
      ),
    alpha: z.number().gt(0).lt(0.5).optional().describe('Significance level of the tests (default 0.05)'),
    confidence: z.number().gt(0.5).lt(1).optional().describe('Confidence of the intervals of change (default 0.95)'),
  })
  .describe('launch-rehearsal budget: objectives that gate a run (rehearse check) or a change (rehearse compare)');

export type BudgetFile = z.infer<typeof BudgetSchema>;

/** The JSON Schema (draft 2020-12) for editors, generated from the zod schema. */
export function budgetJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(BudgetSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'https://launch-rehearsal.dev/budget.schema.json',
    title: 'launch-rehearsal budget file',
  };
}
