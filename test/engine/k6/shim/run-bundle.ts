/**
 * Runs an exported k6 script — the real bundle, unmodified — under Node, with
 * stand-ins for k6's APIs: one worker thread per VU (blocking sleep and blocking
 * HTTP, as in k6), real HTTP through a helper thread, and the ramping-arrival-rate
 * schedule computed by k6's formula. It is NOT k6: it checks the bundle's own logic
 * (loading, SharedArray, iteration → candidate, the journey over real HTTP, the
 * metrics it emits) when no k6 binary is at hand. Bounded: every VU is terminated
 * after the scenario's gracefulStop.
 */
import { Worker } from 'node:worker_threads';
import { MessageChannel } from 'node:worker_threads';
import type { K6Options, OperatorScenario, RampingArrivalRateScenario } from '../../../../src/engine/k6/options.js';
import { iterationStartTimes } from '../../../../src/scenario/arrival-clock.js';
import { stagesArea } from '../../../../src/scenario/arrival-stages.js';

export interface ShimSample {
  metric: string;
  time: number;
  value: number;
  tags: Record<string, string>;
  /** The VU's metadata when the sample was added (k6 writes it as `data.metadata`). */
  metadata?: Record<string, string>;
}

export interface ShimRun {
  options: K6Options;
  samples: ShimSample[];
  dropped: number;
  errors: string[];
  iterations: number;
}

/** A sample as k6's --out json writes it (metadata beside the tags), or with its metadata merged into the tags. */
export function k6JsonLine(s: ShimSample, merge = false): string {
  return JSON.stringify({
    metric: s.metric,
    type: 'Point',
    data: {
      time: new Date(s.time).toISOString(),
      value: s.value,
      tags: merge ? { ...s.tags, ...s.metadata } : s.tags,
      ...(s.metadata && !merge ? { metadata: s.metadata } : {}),
    },
  });
}

const here = (f: string) => new URL(`./${f}`, import.meta.url);

/** Go durations as this toolkit writes them: "833.333ms", "1m", "24h". */
export function goMs(d: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(d);
  if (!m) throw new Error(`unexpected duration ${d}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms'];
}

interface Vu {
  worker: Worker;
  busy: boolean;
}

export async function runBundle(script: string, env: Record<string, string> = {}): Promise<ShimRun> {
  const helper = new Worker(here('http-helper.mjs'));
  const vus: Vu[] = [];
  const oneShotVus: Vu[] = [];
  const samples: ShimSample[] = [];
  const errors: string[] = [];
  let options: K6Options | undefined;
  let scenarioName = '';
  const pending = new Set<() => void>();

  const startVu = (id: number, scenario: string) =>
    new Promise<Vu>((resolve, reject) => {
      const { port1, port2 } = new MessageChannel();
      const flag = new Int32Array(new SharedArrayBuffer(4));
      helper.postMessage({ port: port2, flag }, [port2]);
      const worker = new Worker(here('vu.mjs'), {
        workerData: { script, env, http: { port: port1, flag }, scenario, vuId: id },
        transferList: [port1],
      });
      const vu: Vu = { worker, busy: false };
      worker.once('error', reject);
      worker.on('message', (m: { type: string; options?: K6Options; samples?: ShimSample[]; error?: string }) => {
        if (m.type === 'ready') {
          options ??= m.options;
          resolve(vu);
        } else if (m.type === 'done') {
          samples.push(...(m.samples ?? []));
          if (m.error) errors.push(m.error);
          vu.busy = false;
          for (const p of pending) p();
        }
      });
    });

  try {
    // VU 1 reads the options (k6 does the same from the init context), then the rest start.
    const first = await startVu(1, '');
    const opts = options as unknown as K6Options;
    const all = Object.entries(opts.scenarios);
    const [main, sc] = all.find(([, o]) => o.executor === 'ramping-arrival-rate') as [
      string,
      RampingArrivalRateScenario,
    ];
    scenarioName = main;
    // Operator actions: one-shot scenarios (one VU, one iteration of their `exec` at `startTime`).
    const oneShots = all.filter((e): e is [string, OperatorScenario] => e[1].executor === 'shared-iterations');
    await first.worker.terminate();
    vus.push(
      ...(await Promise.all(Array.from({ length: sc.preAllocatedVUs }, (_, i) => startVu(i + 1, scenarioName)))),
    );
    const operatorVus = await Promise.all(oneShots.map(([name], i) => startVu(sc.preAllocatedVUs + i + 1, name)));
    oneShotVus.push(...operatorVus);

    // setup() runs once before the scenario starts.
    await new Promise<void>((resolve) => {
      const w = vus[0]!.worker;
      const on = (m: { type: string }) => m.type === 'setup-done' && (w.off('message', on), resolve());
      w.on('message', on);
      w.postMessage({ type: 'setup' });
    });

    const schedule = {
      startRate: sc.startRate,
      stages: sc.stages,
      unitMs: goMs(sc.timeUnit),
      stageMs: sc.stages.map((s) => goMs(s.duration)),
    };
    const times = iterationStartTimes(schedule, Math.floor(stagesArea(schedule) + 1e-9));
    const startTime = Date.now();
    const operatorRuns = oneShots.map(([, o], i) => {
      const vu = operatorVus[i] as Vu;
      return new Promise<void>((resolve) => {
        const start = () => {
          vu.busy = true;
          vu.worker.on('message', (m: { type: string }) => m.type === 'done' && resolve());
          vu.worker.postMessage({ type: 'iter', exec: o.exec, startTime, iterationInTest: 0, iterationInInstance: 0 });
        };
        setTimeout(start, Math.max(0, startTime + goMs(o.startTime) - Date.now()));
      });
    });
    let counter = 0;
    let dropped = 0;
    for (const t of times) {
      const wait = startTime + t - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const vu = vus.find((v) => !v.busy);
      // As in k6, an iteration with no free VU is dropped and does not take a number.
      if (!vu) {
        dropped++;
        continue;
      }
      vu.busy = true;
      vu.worker.postMessage({ type: 'iter', startTime, iterationInTest: counter, iterationInInstance: counter });
      counter++;
    }
    const deadline = Date.now() + goMs(sc.gracefulStop);
    while (vus.some((v) => v.busy) && Date.now() < deadline) {
      await new Promise<void>((r) => {
        const done = () => (pending.delete(done), r());
        pending.add(done);
        setTimeout(done, 250);
      });
    }
    // Bounded: an operator action gets its gracefulStop after its start.
    const last = Math.max(0, ...oneShots.map(([, o]) => goMs(o.startTime) + goMs(o.gracefulStop)));
    await Promise.race([
      Promise.all(operatorRuns),
      new Promise((r) => setTimeout(r, Math.max(0, startTime + last - Date.now()))),
    ]);
    return { options: opts, samples, dropped, errors, iterations: counter };
  } finally {
    await Promise.all([...vus, ...oneShotVus].map((v) => v.worker.terminate()));
    await helper.terminate();
  }
}
