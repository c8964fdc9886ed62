import { readFile } from 'node:fs/promises';
import { displayPath } from '../../util/display-path.js';
import { UsageError } from '../../util/usage-error.js';
import { describeIssue, fieldName } from '../../util/zod-problems.js';
import { ParseProblem, parseRef } from './parse-ref.js';
import { parseObjective } from './parse-objective.js';
import { BudgetSchema } from './schema.js';
import type { MetricRef, Objective } from './types.js';

export interface Budget {
  objectives: Objective[];
  /** Extra metrics to show in a comparison. */
  metrics: MetricRef[];
  alpha?: number;
  confidence?: number;
}

/**
 * Parses objective lines, collecting EVERY problem (k6's Validate() habit) as
 * `where[i] "text": expected …`; returns the objectives or the problems.
 */
export function parseObjectives(
  lines: readonly string[],
  where: string,
  field = 'objectives',
): { objectives: Objective[]; problems: string[] } {
  const objectives: Objective[] = [];
  const problems: string[] = [];
  lines.forEach((text, i) => {
    try {
      objectives.push(...parseObjective(text, `${where}: ${field}[${i}]`));
    } catch (e) {
      if (!(e instanceof ParseProblem)) throw e;
      problems.push(`${field}[${i}] ${JSON.stringify(text)}: ${e.message}`);
    }
  });
  return { objectives, problems };
}

/** Budget data (already parsed JSON) → Budget, or a UsageError listing every problem on one line. */
export function budgetFrom(data: unknown, file: string): Budget {
  const parsed = BudgetSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((i) => {
      if (i.code === 'unrecognized_keys')
        return [
          `${fieldName(i.path)}: unknown field ${i.keys.map((k) => `"${k}"`).join(', ')}: expected objectives, metrics, alpha, confidence, description`,
        ];
      return describeIssue(i, data).map(
        (p) =>
          `${p.field}: ${p.field === 'objectives' ? p.expected.replace('a list', 'a list of objective strings') : p.expected}`,
      );
    });
    throw new UsageError(`${file}: ${problems.join('; ')}`);
  }
  const b = parsed.data;
  const { objectives, problems } = parseObjectives(b.objectives, file);
  const metrics: MetricRef[] = [];
  (b.metrics ?? []).forEach((text, i) => {
    try {
      metrics.push(parseRef(text));
    } catch (e) {
      if (!(e instanceof ParseProblem)) throw e;
      problems.push(`metrics[${i}] ${JSON.stringify(text)}: ${e.message}`);
    }
  });
  if (problems.length > 0) throw new UsageError(`${file}: ${problems.join('; ')}`);
  return {
    objectives,
    metrics,
    ...(b.alpha !== undefined ? { alpha: b.alpha } : {}),
    ...(b.confidence !== undefined ? { confidence: b.confidence } : {}),
  };
}

/** Reads and validates a budget file. */
export async function loadBudget(path: string): Promise<Budget> {
  const shown = displayPath(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(
      `${shown}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): expected a budget JSON file`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(
      `${shown}: not valid JSON (${(e as Error).message}): expected {"objectives": ["http_req_failed: rate<0.01", …]}`,
    );
  }
  return budgetFrom(data, shown);
}
