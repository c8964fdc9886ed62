/**
 * The options compiler: a normalized scenario and its population → k6 options.
 *
 *   curve ──► stages ──► iteration start times (src/scenario/arrival-clock.ts) ──┐
 *   patience, polls, timeout ─► time in system W ──► peak VUs (vus.ts) ◄──┘
 *   objectives ──► thresholds (thresholds.ts)
 *
 * Why `ramping-arrival-rate` and not `shared-iterations` or explicit start times:
 * it is k6's open-model executor (iterations start on schedule whether or not earlier
 * ones finished, and k6 itself counts `dropped_iterations` when VUs run out), it
 * follows a piecewise-linear curve exactly, and it splits across execution
 * segments by itself. Iteration n carries candidate n and the executor paces the
 * arrivals: the stages are the shared arrival clock's (src/scenario/arrival-clock.ts),
 * so k6 starts iteration n at the instant candidate n arrives in every engine, and no
 * iteration sleeps to its arrival. `arrivals: 'poisson'` (random times, a random
 * count) is refused: no k6 executor starts iterations at random times.
 */
import type { Scenario } from '../../scenario/types.js';
import { arrivalStages, iterationStartTimes, type StageNumbers } from '../../scenario/arrival-clock.js';
import { goDuration } from '../../util/duration.js';
import type { Stage } from '../../scenario/arrival-stages.js';
import { UsageError } from '../../util/usage-error.js';
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

/** One run of an operator action (an invitation round) at its time: k6's one-shot executor. */
export interface OperatorScenario {
  executor: 'shared-iterations';
  vus: 1;
  iterations: 1;
  /** When the action runs, from the test's start. */
  startTime: string;
  /** The script's exported function that performs it (driver.ts `operator`). */
  exec: 'operator';
  gracefulStop: string;
}

export interface K6Options {
  scenarios: Record<string, RampingArrivalRateScenario | OperatorScenario>;
  thresholds: Record<string, string[]>;
  summaryTrendStats: string[];
  setupTimeout: string;
}

/** The part of a candidate the compiler reads. */
export interface ArrivalInfo {
  arrivalMs?: number;
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
  /** The stages in numbers: the driver computes each iteration's scheduled start from them (arrival-clock.ts). */
  schedule: StageNumbers;
  /** Iterations that carry a candidate (the stages may start one spare). */
  count: number;
  /**
   * How long k6 may take to activate the pre-allocated VUs before its schedule's clock
   * starts: processes that share a time zero start their scenario this much earlier.
   */
  activationMs: number;
  vus: VuSizing;
  /** k6 scenario name → index in `scenario.operator` (the driver's `operator` reads it). */
  operatorScenarios: Record<string, number>;
}

/**
 * k6 activates the pre-allocated VUs after `exec.scenario.startTime` and only then
 * starts the schedule's clock (lib/executor/ramping_arrival_rate.go, Run): measured
 * at about 0.17 ms per VU with k6 v0.47 and 0.63 ms per VU with k6 v1.3.0 on a busy
 * 2-core machine (3,000 VUs: the first iteration 1.9 s after startTime).
 */
export const ACTIVATION_MS_PER_VU = 0.7;

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
  const polls = scenario.journey.steps.reduce(
    (s, st) => s + Math.max(0, (st.repeat ?? 1) - 1) * (st.everyMs ?? 0) * 1.2,
    0,
  );
  return polls / scenario.journey.timeScale + requestTimeoutMs;
}

export function compileOptions(input: CompileInput): CompiledOptions {
  const { scenario, population } = input;
  if (scenario.arrivals === 'poisson')
    throw new UsageError(
      `scenario ${scenario.name}: arrivals: expected 'exact' for the k6 engine ('poisson' draws random arrival times, which no k6 executor can start; run it with --engine node or sim)`,
    );
  const n = population.length;
  const stages = arrivalStages(scenario, n);
  const starts = iterationStartTimes(stages, n);
  const extra = extraJourneyMs(scenario, input.requestTimeoutMs);
  // Iteration i is candidate i and starts at its arrival (the executor paces arrivals):
  // it holds a VU from its start to the end of its longest journey.
  let longest = 0;
  const ends = new Float64Array(starts.length);
  for (let i = 0; i < starts.length; i++) {
    const w = (population[i] as ArrivalInfo).persona.patienceMs / scenario.journey.timeScale + extra;
    longest = Math.max(longest, w);
    ends[i] = (starts[i] as number) + w;
  }
  // Ends are sorted when patience is constant; sort anyway (patience varies per candidate).
  ends.sort();
  const vus = sizeVus(peakOverlap(starts, ends), Math.max(1, n), input.maxConcurrent);
  const name = k6ScenarioName(scenario.name);
  const activationMs = Math.ceil(vus.preAllocatedVUs * ACTIVATION_MS_PER_VU);
  // Operator actions (an invitation round) each get a one-shot scenario that starts at the
  // action's time: k6 starts the arrivals' clock after activating their VUs, so the action,
  // like the node engine's, runs `atMs` after the opening on that clock (within the
  // activation estimate; with a shared opening the driver waits for the exact instant).
  const operatorScenarios: Record<string, number> = {};
  const operators: Record<string, OperatorScenario> = {};
  scenario.operator.forEach((a, i) => {
    const key = `${name}-operator-${i}`;
    operatorScenarios[key] = i;
    operators[key] = {
      executor: 'shared-iterations',
      vus: 1,
      iterations: 1,
      startTime: goDuration(Math.max(0, activationMs + scenario.openingMs + a.atMs)),
      exec: 'operator',
      gracefulStop: goDuration(Math.ceil(input.requestTimeoutMs)),
    };
  });
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
          gracefulStop: goDuration(Math.ceil(longest)),
        },
        ...operators,
      },
      thresholds: compileThresholds(scenario.objectives, `scenario ${scenario.name}`),
      summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
      setupTimeout: '60s',
    },
    schedule: { startRate: stages.startRate, stages: stages.stages, unitMs: stages.unitMs, stageMs: stages.stageMs },
    count: n,
    activationMs,
    vus,
    operatorScenarios,
  };
}
