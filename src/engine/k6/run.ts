/**
 * `rehearse run --engine k6`: the same rehearsal driven by the real k6 binary.
 *
 *   population ─► population.json ─┐
 *   scenario ─► options compiler ──┼─► script.js ─► k6 run --out json=samples.ndjson
 *   target ────────────────────────┘                  │ stdout/stderr ─► k6.log (+ warnings relayed)
 *                                                     │ samples ─► progress (tail)
 *                                                     └ exit ─► manifest.json
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { assertTargetHosts } from '../../target/hosts.js';
import { assertAllowedTarget, HostRefused } from '../../util/loopback.js';
import { startManifest, writeManifest } from '../manifest.js';
import type { RunOptions, RunResult } from '../types.js';
import { OPENING_MARKER } from './config.js';
import { assertK6Supported, k6Version, requireK6 } from './find-k6.js';
import { SampleTail } from './sample-tail.js';
import { prepareScript } from './script.js';
import { k6Sequence, parseSegment } from '../segment.js';

/** k6's exit code when thresholds were crossed: the run itself completed (cmd/exit_codes.go). */
const THRESHOLDS_CROSSED = 99;

export async function runK6(opts: RunOptions): Promise<RunResult> {
  const url = assertAllowedTarget(opts.baseUrl, opts.allowHosts);
  assertTargetHosts(opts.target, opts.allowHosts ?? []);
  const bin = requireK6();
  const version = await k6Version(bin);
  assertK6Supported(version, bin);
  const outDir = resolve(opts.outDir);
  await mkdir(outDir, { recursive: true });
  const seg = opts.segment ? parseSegment(opts.segment) : undefined;
  const sampleName = `samples${seg ? `-${seg.from}-${seg.to}` : ''}.ndjson${opts.gzip ? '.gz' : ''}`;
  await prepareScript({
    dir: outDir,
    scenario: opts.scenario,
    target: opts.target,
    baseUrl: url.href,
    ...(opts.allowHosts ? { allowHosts: opts.allowHosts } : {}),
    population: opts.population,
    ...(opts.maxConcurrent !== undefined ? { maxConcurrent: opts.maxConcurrent } : {}),
  });

  const notes: string[] = [];
  if (opts.httpSamples === 'summary')
    notes.push('--http-samples summary does not apply to k6: every request sample was kept');
  const manifest = startManifest(
    opts,
    { name: 'k6', version, ...(seg ? { segment: seg.text } : {}) },
    {
      baseUrl: url.href,
      openingEpochMs: opts.startAt ?? Date.now(),
      samples: [sampleName],
    },
  );
  await writeManifest(outDir, manifest);

  // The script sees only the -e values we pass, not the caller's environment (a stray
  // REHEARSAL_BASE_URL in a shell must not redirect a run).
  const args = ['run', '--out', `json=${sampleName}`, '--no-color', '--include-system-env-vars=false'];
  if (seg) args.push('--execution-segment', seg.text, '--execution-segment-sequence', k6Sequence(seg));
  if (opts.maxRps !== undefined) args.push('--rps', String(Math.floor(opts.maxRps)));
  if (opts.startAt !== undefined) args.push('--env', `REHEARSAL_OPENING_EPOCH_MS=${opts.startAt}`);
  args.push('script.js');
  const env: NodeJS.ProcessEnv = { ...process.env, K6_NO_USAGE_REPORT: 'true' };
  // Processes that share a start time wait for it in setup(); give setup the time.
  if (opts.startAt !== undefined)
    env.K6_SETUP_TIMEOUT = `${Math.max(60, Math.ceil((opts.startAt - Date.now()) / 1000) + 60)}s`;
  const child = spawn(bin, args, { cwd: outDir, env, stdio: ['ignore', 'pipe', 'pipe'] });

  const log = createWriteStream(join(outDir, 'k6.log'));
  let openingFromK6: number | undefined;
  const lastErrors: string[] = [];
  const onLine = (line: string) => {
    log.write(line + '\n');
    const at = line.indexOf(OPENING_MARKER);
    if (at >= 0 && openingFromK6 === undefined)
      openingFromK6 = Number(/\d+/.exec(line.slice(at + OPENING_MARKER.length))?.[0]);
    else if (/level=(error|warning)/.test(line)) {
      lastErrors.push(line);
      if (lastErrors.length > 5) lastErrors.shift();
      process.stderr.write(`k6: ${line}\n`);
    }
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);

  let interrupted = false;
  const soft = () => {
    interrupted = true;
    child.kill('SIGINT'); // k6: first interrupt stops gracefully, as Ctrl-C does
  };
  const hard = () => {
    interrupted = true;
    child.kill('SIGINT'); // a second interrupt makes k6 stop at once
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5_000).unref();
  };
  opts.signal?.addEventListener('abort', soft, { once: true });
  opts.hardSignal?.addEventListener('abort', hard, { once: true });
  const timers: NodeJS.Timeout[] = [];
  if (opts.maxDurationMs !== undefined) {
    timers.push(
      setTimeout(() => {
        notes.push(`stopped by --max-duration ${opts.maxDurationMs} ms`);
        soft();
      }, opts.maxDurationMs),
    );
  }

  const tail = new SampleTail(join(outDir, sampleName));
  const tailing = !opts.gzip;
  let last = { requests: 0, rejected: 0 };
  const t0 = Date.now();
  const tick = async () => {
    if (tailing) await tail.poll();
    opts.onProgress?.({
      elapsedMs: Date.now() - (openingFromK6 ?? t0),
      totalMs: opts.scenario.windowMs - opts.scenario.openingMs,
      arrived: tail.arrived,
      population: opts.populationSize,
      inFlight: tail.arrived - tail.finished,
      accepted: tail.accepted,
      finished: tail.finished,
      ...(opts.scenario.portal.quota !== undefined ? { quota: opts.scenario.portal.quota } : {}),
      requestsPerSec: tail.requests - last.requests,
      rejectedPerSec: tail.rejected - last.rejected,
      latenessP99Ms: tail.latenessP99(),
      dropped: tail.dropped,
    });
    last = { requests: tail.requests, rejected: tail.rejected };
  };
  const progress = setInterval(() => void tick(), 1000);

  const code: number = await new Promise((res, rej) => {
    child.on('error', rej);
    child.on('close', (c, signal) => res(c ?? (signal ? 128 : 1)));
  });
  clearInterval(progress);
  for (const t of timers) clearTimeout(t);
  await tick();
  if (!tailing) await tail.readGzip().catch(() => undefined); // a truncated file leaves the counts partial
  await tail.close();
  await new Promise((r) => log.end(r));

  manifest.openingEpochMs = opts.startAt ?? openingFromK6 ?? tail.firstEpochMs ?? manifest.openingEpochMs;
  if (opts.startAt === undefined && openingFromK6 === undefined)
    notes.push('k6 reported no opening time: time zero is the first sample');
  if (tail.dropped > 0)
    notes.push(
      `k6 dropped ${tail.dropped} iterations for want of VUs: later candidates started late and the last ones did not run`,
    );
  if (code === THRESHOLDS_CROSSED) notes.push('k6 reported thresholds crossed (exit code 99)');
  if (opts.portalStats) {
    try {
      manifest.portalStats = await opts.portalStats();
    } catch (e) {
      notes.push(`portal stats unavailable: ${String(e)}`);
    }
  }
  const warning = tail.tally.warning(opts.scenario.journey.success, url.href, opts.scenario.name);
  if (warning) notes.push(warning);
  const ok = code === 0 || code === THRESHOLDS_CROSSED;
  manifest.status = interrupted ? 'interrupted' : ok ? 'completed' : 'failed';
  manifest.finishedAt = new Date().toISOString();
  if (notes.length > 0) manifest.notes = [...(manifest.notes ?? []), ...notes];
  await writeManifest(outDir, manifest);
  // The driver aborts the test before a request to a host nobody allowed (the loopback rule).
  const refusal = lastErrors.map((l) => /refused to send to [^"]*/.exec(l)?.[0]).find(Boolean);
  if (refusal) {
    manifest.status = 'failed';
    manifest.notes = [...(manifest.notes ?? []), refusal];
    await writeManifest(outDir, manifest);
    throw new HostRefused((refusal.split(' at ')[0] as string).trim());
  }
  if (manifest.status === 'failed') {
    throw new Error(
      `k6 exited with code ${code}${lastErrors.length ? `: ${lastErrors.at(-1)}` : ''} (see ${join(outDir, 'k6.log')})`,
    );
  }
  return { outDir, manifest, samples: [join(outDir, sampleName)] };
}
