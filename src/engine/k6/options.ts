/**
 * The options compiler: a normalized scenario and its population → k6 options.
 *
 *   curve ──► stages (stages.ts) ──► iteration start times (schedule.ts) ──┐
 *   population arrivals ─────────────────────────────────────────────────┼─► lead
 *   patience, polls, timeout ─► time in system W ──► peak VUs (vus.ts) ◄──┘
 *   objectives ──► thresholds (thresholds.ts)
 *
 * Why `ramping-arrival-rate` and not `shared-iterations` or explicit start times:
 * it is k6's open-model executor (iterations start on schedule whether or not earlier
 * ones finished, and k6 itself counts `dropped_iterations` when VUs run out), it
 * follows a piecewise-linear curve exactly, and it splits across execution
 * segments by itself. Iteration n carries candidate n; the stages only have to
 * start each iteration at or before its candidate's arrival, and the driver sleeps
 * the rest, so candidates start at their own scheduled times as in the node engine.
 */
import type { Scenario } from '../../scenario/types.js';
import { iterationStartTimes } from './schedule.js';
import { goDuration } from '../../util/duration.js';
import { compileStages, type Stage } from './stages.js';
import { compileThresholds } from './thresholds.js';
import { peakOverlap, sizeVus, type VuSizing } from './vus.js';

export interface RampingArrivalRateScenario {
  executor: 'ramping-arrival-rate';
  startRate: number;
  timeUnit: string;
  stages: Stage[];
  preAllocatedVUs: number;
  maxVUs: number;
  gracefulStop: string;
  tags?: Record<string, string>;
}

export interface K6Options {
  scenarios: Record<string, RampingArrivalRateScenario>;
  thresholds: Record<string, string[]>;
  summaryTrendStats: string[];
  setupTimeout: string;
}

/** The part of a candidate the compiler reads. */
export interface ArrivalInfo {
  arrivalMs: number;
  persona: { patienceMs: number };
}

export interface CompileInput {
  scenario: Scenario;
  /** Candidates in arrival order (the whole population, whatever segment runs). */
  population: ArrayLike<ArrivalInfo>;
  /** Longest a single request may take (the target's timeout). */
  requestTimeoutMs: number;
  /** Hard cap on VUs (--max-concurrent). */
  maxConcurrent?: number;
}

export interface CompiledOptions {
  options: K6Options;
  /** ms from the k6 scenario's start to the opening (run time zero). */
  openingOffsetMs: number;
  /** How far ahead of the latest-starting candidate's arrival its iteration begins. */
  leadMs: number;
  vus: VuSizing;
}

/** Slack for k6's timers and VU hand-over, so no iteration starts after its candidate's arrival. */
export const LEAD_MARGIN_MS = 100;

/**
 * k6 activates the pre-allocated VUs after `exec.scenario.startTime` and only then
 * starts the schedule's clock (lib/executor/ramping_arrival_rate.go, Run): measured
 * at about 0.17 ms per VU with k6 v0.47 on a small machine; three times that is allowed.
 */
export const ACTIVATION_MS_PER_VU = 0.5;

/** k6 scenario names: letters, digits, `-` and `_`. */
export function k6ScenarioName(name: string): string {
  return name.replace(/[^\w-]/g, '_') || 'rehearsal';
}

/**
 * Longest journey a scenario allows past its candidate's arrival: patience (the
 * machine gives up at the deadline), the poll intervals of repeated steps (which do
 * not check the deadline, +20 % jitter), and one request in flight at the end.
 */
export function extraJourneyMs(scenario: Scenario, requestTimeoutMs: number): number {
  const polls = scenario.journey.steps.reduce((s, st) => s + Math.max(0, (st.repeat ?? 1) - 1) * (st.everyMs ?? 0) * 1.2, 0);
  return polls / scenario.journey.timeScale + requestTimeoutMs;
}

export function compileOptions(input: CompileInput): CompiledOptions {
  const { scenario, population } = input;
  const n = population.length;
  const stages = compileStages(scenario.curve, scenario.windowMs, Math.max(1, n));
  const starts = iterationStartTimes(stages, n);
  // Arrivals are relative to the opening; the curve is relative to the window's start.
  let lead = 0;
  for (let i = 0; i < starts.length; i++) {
    const rel = (population[i] as ArrivalInfo).arrivalMs + scenario.openingMs;
    lead = Math.max(lead, (starts[i] as number) - rel);
  }
  const extra = extraJourneyMs(scenario, input.requestTimeoutMs);
  let longest = 0;
  const size = (leadMs: number) => {
    const ends = new Float64Array(starts.length);
    for (let i = 0; i < starts.length; i++) {
      const c = population[i] as ArrivalInfo;
      const w = c.persona.patienceMs / scenario.journey.timeScale + extra;
      longest = Math.max(longest, w);
      ends[i] = leadMs + scenario.openingMs + c.arrivalMs + w;
    }
    // Ends are sorted when patience is constant; sort anyway (patience varies per candidate).
    ends.sort();
    return sizeVus(peakOverlap(starts, ends), Math.max(1, n), input.maxConcurrent);
  };
  // The lead depends on the VUs (their activation delays the schedule) and the VUs a
  // little on the lead: size once, allow for activation, size again.
  const first = size(Math.ceil(lead) + LEAD_MARGIN_MS);
  const leadMs = Math.ceil(lead) + LEAD_MARGIN_MS + Math.ceil(first.preAllocatedVUs * ACTIVATION_MS_PER_VU);
  const vus = size(leadMs);
  const name = k6ScenarioName(scenario.name);
  return {
    options: {
      scenarios: {
        [name]: {
          executor: 'ramping-arrival-rate',
          startRate: stages.startRate,
          timeUnit: stages.timeUnit,
          stages: stages.stages,
          preAllocatedVUs: vus.preAllocatedVUs,
          maxVUs: vus.maxVUs,
          // Journeys that start near the end may run their whole patience: let them.
          gracefulStop: goDuration(Math.ceil(leadMs + longest)),
        },
      },
      thresholds: compileThresholds(scenario.objectives, `scenario ${scenario.name}`),
      summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
      setupTimeout: '60s',
    },
    openingOffsetMs: leadMs + scenario.openingMs,
    leadMs,
    vus,
  };
}
