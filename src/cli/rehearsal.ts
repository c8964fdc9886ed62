/**
 * The one place that wires every stage together for `run` and `demo`:
 *
 *   scenario ─► population ─┐
 *   target ─────────────────┼─► engine ─► run dir ─► analyze ─► summary.json ─► report
 *   (reference portal) ─────┘
 */
import { join, resolve } from 'node:path';
import { engineByName } from '../engine/index.js';
import type { Engine, Progress, RunResult } from '../engine/types.js';
import { generatePopulation, simPopulation } from '../population/generate.js';
import { startPortal, type RunningPortal } from '../portal/index.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { loadTarget } from '../target/load.js';
import { claimRunDir } from '../results/run-dir.js';
import { portalQuota, withPortalQuota } from './portal-quota.js';
import { UsageError } from '../util/usage-error.js';
import { REFERENCE_TARGET } from './reference-target.js';
import type { TargetFile } from '../target/types.js';

/**
 * Whether a journey reads the simulated mailbox (the status tracker's sign-in by e-mailed
 * code): only then is the reference portal's /dev/mailbox served, since it shows anyone
 * any code.
 */
export function readsMail(journey: { steps: ReadonlyArray<{ op: string }> }): boolean {
  return journey.steps.some((s) => s.op === 'readMailbox');
}

export { REFERENCE_TARGET } from './reference-target.js';

export interface RehearsalOptions {
  scenario: string;
  scale?: number;
  timeScale?: number;
  seed: number;
  engine: string;
  outDir: string;
  /** Target file; default: the reference portal's. */
  target?: string;
  /** Base URL of the portal under test; default: the target file's baseUrl; with neither (and no target), the reference portal is started. */
  baseUrl?: string;
  allowHosts?: string[];
  segment?: string;
  startAt?: number;
  maxConcurrent?: number;
  maxDurationMs?: number;
  maxRps?: number;
  graceMs?: number;
  gzip?: boolean;
  workers?: number;
  httpSamples?: 'all' | 'summary';
  /** Multiplies the reference portal's service time (what-if: a slower release). */
  serviceFactor?: number;
  /** An earlier run in `outDir`: `refuse` (default) or `replace` (its files are removed first). */
  existing?: 'refuse' | 'replace';
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  hardSignal?: AbortSignal;
  log?: (line: string) => void;
  /** What the user must see even with --quiet (a quota that differs from the portal's); default: `log`. */
  warn?: (line: string) => void;
}

export interface RehearsalResult {
  scenario: Scenario;
  target: TargetFile;
  run: RunResult;
  portal?: { url: string; stats: Record<string, unknown> };
}

export async function rehearse(o: RehearsalOptions): Promise<RehearsalResult> {
  const scenario = await loadScenario(o.scenario, {
    ...(o.scale !== undefined ? { scale: o.scale } : {}),
    ...(o.timeScale !== undefined ? { timeScale: o.timeScale } : {}),
  });
  const target = await loadTarget(o.target ?? REFERENCE_TARGET);
  const engine = await engineByName(o.engine);
  // The run owns its directory from here on: a second run into it is refused while this
  // one lives (src/results/run-dir.ts).
  const claim = await claimRunDir(resolve(o.outDir), {
    existing: o.existing ?? 'refuse',
    ...(o.log ? { log: o.log } : {}),
  });
  try {
    return await rehearseIn(o, scenario, target, engine, claim.runId);
  } finally {
    await claim.release();
  }
}

async function rehearseIn(
  o: RehearsalOptions,
  scaled: Scenario,
  fileTarget: TargetFile,
  engine: Engine,
  runId: string,
): Promise<RehearsalResult> {
  let target = fileTarget;
  let scenario = scaled;
  const notes: string[] = [];
  if (o.baseUrl) {
    const checked = withPortalQuota(scenario, await portalQuota(o.baseUrl, o.allowHosts));
    scenario = checked.scenario;
    if (checked.note) {
      (o.warn ?? o.log)?.(`note: ${checked.note}`);
      notes.push(checked.note);
    }
  }
  let portal: RunningPortal | undefined;
  // A target file names its portal: --base-url, else the file's baseUrl. The reference
  // portal starts only when no target file is given (its own mapping is the default).
  let baseUrl = o.baseUrl ?? (o.target !== undefined ? target.baseUrl : undefined);
  if (o.target !== undefined && !baseUrl) {
    throw new UsageError(
      `${o.target}: baseUrl: the target names no portal; pass --base-url (the reference portal starts only without --target)`,
    );
  }
  // The opening (run time zero) is fixed up front so the reference portal opens its
  // intake at the same instant the schedule calls the opening; earlier arrivals
  // (account creation) start up to `openingMs` before it.
  const startAt = o.startAt ?? Date.now() + 1000 + scenario.openingMs;
  // The sim engine models the reference portal instead of starting it.
  const simulated = engine.name === 'sim';
  if (!baseUrl && !simulated) {
    portal = await startPortal({
      ...scenario.portal,
      opensAtEpochMs: startAt,
      serviceMs: scenario.portal.serviceMs * (o.serviceFactor ?? 1),
      host: '127.0.0.1',
      port: 0,
      dbPath: join(resolve(o.outDir), 'portal.sqlite'),
      // A rerun into the same directory starts from an empty portal, not the last run's data.
      fresh: true,
      devMailbox: readsMail(scenario.journey),
    });
    baseUrl = portal.url;
    // Operator actions (invitation rounds) authenticate with the portal's operator token.
    target = { ...target, variables: { ...target.variables, operatorToken: portal.operatorToken } };
    o.log?.(
      `reference portal (${scenario.portal.strategy}) listening on ${baseUrl}${readsMail(scenario.journey) ? ' (dev mailbox on: the journey reads its codes there)' : ''}`,
    );
  }
  try {
    const run = await engine.run({
      scenario,
      ...(simulated ? simPopulation(scenario, o.seed) : { population: generatePopulation(scenario, o.seed) }),
      populationSize: scenario.population,
      target,
      baseUrl: baseUrl ?? '',
      ...(simulated
        ? { portalModel: { ...scenario.portal, serviceMs: scenario.portal.serviceMs * (o.serviceFactor ?? 1) } }
        : {}),
      outDir: o.outDir,
      seed: o.seed,
      runId,
      ...(notes.length ? { notes } : {}),
      startAt,
      ...pick(o, [
        'segment',
        'maxConcurrent',
        'maxDurationMs',
        'maxRps',
        'graceMs',
        'gzip',
        'workers',
        'httpSamples',
        'allowHosts',
        'onProgress',
        'signal',
        'hardSignal',
      ]),
      ...(portal
        ? { portalStats: () => (portal as RunningPortal).stats() as unknown as Promise<Record<string, unknown>> }
        : {}),
    });
    return {
      scenario,
      target,
      run,
      ...(portal ? { portal: { url: portal.url, stats: run.manifest.portalStats ?? {} } } : {}),
    };
  } finally {
    await portal?.close();
  }
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
