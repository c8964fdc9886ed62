import { z } from 'zod';
import { OUTCOMES, RESULT_CLASSES } from '../journey/types.js';
import { SUMMARY_VERSION, type Summary } from './summary.js';

/**
 * The JSON schema of summary.json, written from this zod mirror of the Summary type
 * (`npx tsx src/analyze/schema.ts` regenerates src/analyze/summary.schema.json; a test
 * checks the committed file is current and that real summaries validate). The
 * `satisfies` line at the end fails to compile when the two drift apart.
 */
const num = z.number();
const cls = z.enum(RESULT_CLASSES);
const outcome = z.enum(OUTCOMES);
const byClass = z.partialRecord(cls, num);
const byOutcome = z.partialRecord(outcome, num);

const latencyStats = z
  .object({ count: num, min: num, mean: num, p50: num, p90: num, p95: num, p99: num, p999: num, max: num })
  .describe(
    'Latency in ms: exact count, min, mean and max; percentiles from an HdrHistogram (3 significant digits: within 0.1 %)',
  );

const metricSummary = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('counter'),
      count: num,
      rate: num.describe('count ÷ the span of the samples, per second'),
    }),
    z.object({ type: z.literal('rate'), rate: num.describe('Share of non-zero samples'), passes: num, fails: num }),
    z.object({ type: z.literal('gauge'), value: num.describe('The latest sample'), min: num, max: num }),
    z.object({
      type: z.literal('trend'),
      count: num,
      avg: num,
      min: num,
      med: num,
      max: num,
      p90: num,
      p95: num,
      time: z.boolean().optional().describe('Values are times in ms'),
    }),
  ])
  .describe("A metric as k6's --summary-export gives it; trend percentiles exact, interpolated as k6 does");

const eoi = z.object({
  invited: num,
  eligible: num,
  invitedIneligible: num.describe('Invited candidates that were not eligible'),
  lateForRound: num
    .optional()
    .describe(
      "Eligible candidates whose journey finished after the round was sent: not in its draw, not in 'eligible'",
    ),
  skippedHigherScores: num.describe(
    'Eligible, uninvited candidates who scored strictly above the lowest invited score',
  ),
  lowestInvitedScore: num.nullable(),
  highestUninvitedScore: num.nullable(),
  topRanked: z.boolean().describe('The invited set is exactly the top-ranked eligible candidates'),
});

export const SummarySchema = z
  .object({
    version: z.literal(SUMMARY_VERSION).describe('Bumped when a field is removed or renamed; adding a field does not'),
    source: z.object({
      files: z.array(z.string()),
      lines: num,
      malformedLines: num,
      truncatedLastLine: z.boolean(),
      engine: z.string().optional(),
      scenario: z.string().optional(),
      target: z.string().optional(),
      seed: num.optional(),
      toolkitMetrics: z
        .boolean()
        .describe("Whether the toolkit's own metrics were present (false for plain k6 output)"),
      scale: num
        .optional()
        .describe("The scenario's scale: the fraction of the real day's population and quota sent (manifest)"),
      timeScale: num
        .optional()
        .describe(
          'How many times faster than the real day the run replayed it (manifest); run times × timeScale are times of the real day',
        ),
      population: num.optional().describe('Candidates generated for the run: the scaled population (manifest)'),
      samples: num.optional(),
      formats: z.array(z.enum(['json', 'csv'])).optional(),
      malformed: z.array(z.object({ file: z.string(), line: num })).optional(),
      fingerprint: z
        .object({
          runId: z.string().optional(),
          status: z.enum(['running', 'completed', 'interrupted', 'failed']).optional(),
          files: z.array(z.object({ path: z.string(), size: num, mtimeMs: num })),
        })
        .optional()
        .describe(
          'What the summary was computed from (manifest and sample files: size and mtime, run id and status), written by `rehearse analyze`; readers recompute when it no longer holds',
        ),
    }),
    openingEpochMs: num.describe("Time zero: the manifest's opening, else the first sample's time"),
    durationMs: num.describe('Last sample − min(time zero, first sample)'),
    throughput: z.object({
      requests: num,
      rps: num.describe('Requests ÷ duration'),
      peakRps1s: num.describe('Most requests in one second since time zero'),
      peakRps10s: num.describe('Most requests in 10 consecutive seconds, ÷ 10'),
      goodputRps: num.describe('ok-class responses (k6: expected_response=true) ÷ duration'),
      acceptedPerSec: num.nullable().describe('Accepted journeys ÷ duration'),
      source: z.enum(['toolkit', 'k6']).optional(),
    }),
    classes: z
      .object({
        total: byClass,
        rates: byClass,
        byOp: z.record(z.string(), byClass),
        timeouts: num,
        overTime: z.array(z.tuple([num, cls, num])),
      })
      .nullable(),
    http: z.object({
      failedRate: num,
      statuses: z.record(z.string(), num),
      requests: num.optional(),
      duration: latencyStats.nullable().optional(),
      durationByName: z.record(z.string(), latencyStats).optional(),
    }),
    latency: z.object({
      all: latencyStats.nullable(),
      byOp: z.record(z.string(), latencyStats),
      fromIntendedSend: z.boolean(),
    }),
    quota: z
      .object({
        size: num.nullable(),
        accepted: num,
        oversold: z.boolean(),
        fillTimeMs: num
          .nullable()
          .describe(
            'ms from the opening (or from the first acceptance, when places were taken before the opening) to the last acceptance',
          ),
        filled: z.boolean(),
        curve: z.array(z.tuple([num, num])),
        fillRatePerSec: num.nullable().optional().describe('Accepted ÷ fill time in seconds'),
        fillStartMs: num
          .optional()
          .describe(
            'ms since opening the fill time is counted from: 0, or the first acceptance when it came before the opening',
          ),
        acceptedBeforeOpening: num.optional().describe('Acceptances before the opening (time zero)'),
      })
      .nullable(),
    journeys: z
      .object({
        candidates: num,
        outcomes: byOutcome,
        shares: byOutcome,
        timeToOutcome: z.partialRecord(outcome, latencyStats),
        attempts: z.object({
          mean: num,
          p50: num,
          p90: num,
          max: num,
          histogram: z.array(z.tuple([num, num])),
          acceptedP50: num.nullable().optional(),
        }),
        retryAmplification: num,
        abandonment: num,
      })
      .nullable(),
    fairness: z
      .object({
        kendallTau: num.nullable(),
        inversions: num,
        firstQAcceptedShare: num.nullable(),
        ranks: z.array(z.tuple([num, num])),
        firstQ: num.optional(),
        eoi: eoi.nullable().optional(),
      })
      .nullable(),
    byCountry: z
      .record(z.string(), z.object({ candidates: num, outcomes: byOutcome, latencyP95: num.nullable() }))
      .nullable(),
    generator: z.object({ droppedIterations: num, lateness: latencyStats.nullable(), warnings: z.array(z.string()) }),
    timeline: z.object({
      step: num.optional(),
      perSecond: z.array(z.tuple([num, num, num, num.nullable(), num.nullable()])),
      latency: z.array(z.tuple([num, z.string(), num, num, num])),
    }),
    timeToOutcomeCdf: z.array(z.tuple([z.string(), num, num])).nullable(),
    portal: z.record(z.string(), z.unknown()).optional(),
    metrics: z
      .record(z.string(), metricSummary)
      .nullable()
      .optional()
      .describe("Every metric but the toolkit's own, summarised as k6's end-of-test summary does"),
    checks: z
      .array(z.object({ name: z.string(), group: z.string(), passes: num, fails: num, share: num }))
      .nullable()
      .optional(),
    groups: z
      .array(
        z.object({ path: z.string(), name: z.string(), requests: num, checks: z.object({ passes: num, fails: num }) }),
      )
      .nullable()
      .optional(),
    by: z
      .object({
        tag: z.string(),
        rows: z.array(z.object({ value: z.string(), requests: num, failedRate: num, latency: latencyStats })),
        counters: z.record(z.string(), z.record(z.string(), num)).optional(),
      })
      .optional(),
    warnings: z
      .array(z.string())
      .optional()
      .describe('What the run warned about (e.g. no journey reached its goal: the target mapping may be wrong)'),
  })
  .describe(
    'summary.json: a launch-rehearsal run reduced to the numbers that decide a launch (README: rehearse analyze)',
  );

// Compile-time check both ways: the schema accepts every Summary, and what it accepts is a Summary.
type Parsed = z.infer<typeof SummarySchema>;
export const typeCheck = [(s: Summary): Parsed => s, (p: Parsed): Summary => p] as const;

export function summaryJsonSchema(): Record<string, unknown> {
  return {
    title: 'launch-rehearsal summary.json',
    ...z.toJSONSchema(SummarySchema),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(new URL('./summary.schema.json', import.meta.url), JSON.stringify(summaryJsonSchema(), null, 2) + '\n');
}
