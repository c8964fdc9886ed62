import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { staleReason } from '../results/fingerprint.js';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { analyzeRun } from '../analyze/index.js';
import { SUMMARY_VERSION, type Summary } from '../analyze/summary.js';
import type { RunManifest } from '../results/manifest.js';
import { readSamples } from '../results/reader.js';
import { UsageError } from '../util/usage-error.js';
import type { RunRef } from './types.js';
import { WindowCollector, type CollectedRun } from './windows/collect.js';
import type { SeriesSpec } from './windows/series-spec.js';

/** A run as the comparison needs it: its windows and, when asked, its summary. */
export interface LoadedRun {
  ref: RunRef;
  manifest?: RunManifest;
  collected: CollectedRun;
  summary?: Summary;
}

/**
 * Run arguments → run directories (or sample files): comma-separated, each a path or
 * a glob with `*` and `?` in any segment (`runs/base-*`). Sorted, so sets are stable.
 */
export async function expandRuns(arg: string, what: string): Promise<string[]> {
  const out: string[] = [];
  for (const part of arg
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const found = /[*?]/.test(part) ? await glob(part) : existsSync(part) ? [part] : [];
    if (found.length === 0) {
      throw new UsageError(
        `${what} ${part}: no such run${/[*?]/.test(part) ? ' matches' : ''}: expected a run directory (with manifest.json), a k6 output file, or a glob such as 'runs/base-*' (quoted)`,
      );
    }
    out.push(...found);
  }
  return [...new Set(out)].sort();
}

async function glob(pattern: string): Promise<string[]> {
  const abs = resolve(pattern);
  const parts = abs.split(sep);
  let bases = [parts[0] === '' ? sep : (parts[0] as string)];
  for (const seg of parts.slice(1)) {
    if (!seg) continue;
    const next: string[] = [];
    if (!/[*?]/.test(seg)) {
      for (const b of bases) if (existsSync(join(b, seg))) next.push(join(b, seg));
    } else {
      const re = new RegExp(
        `^${seg
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      );
      for (const b of bases) {
        const names = await readdir(b).catch(() => [] as string[]);
        for (const n of names.sort()) if (re.test(n)) next.push(join(b, n));
      }
    }
    bases = next;
  }
  const shown = (p: string) => relative(process.cwd(), p) || p;
  return bases.map(shown);
}

/**
 * Reads one run: a single streaming pass over its samples into time windows (bounded
 * memory), plus summary.json — the run's own if present and current, else computed
 * by the analyzer — when toolkit metrics are asked for.
 */
export async function loadRun(input: string, specs: readonly SeriesSpec[], wantSummary: boolean): Promise<LoadedRun> {
  const source = readSamples([input]);
  const { manifest, runDir } = await source.inputs();
  const collector = new WindowCollector(specs, manifest?.openingEpochMs);
  for await (const batch of source.batches()) for (const s of batch) collector.add(s);
  const ref: RunRef = {
    dir: input,
    ...(manifest
      ? {
          scenario: manifest.scenario.name,
          seed: manifest.seed,
          engine: manifest.engine.name,
          startedAt: manifest.startedAt,
        }
      : {}),
  };
  const run: LoadedRun = { ref, collected: collector.result(), ...(manifest ? { manifest } : {}) };
  if (wantSummary) run.summary = await summaryOf(input, runDir);
  return run;
}

async function summaryOf(input: string, runDir: string): Promise<Summary> {
  const isDir = (await stat(input)).isDirectory();
  const path = join(isDir ? runDir : dirname(resolve(input)), 'summary.json');
  if (isDir && existsSync(path)) {
    try {
      const s = JSON.parse(await readFile(path, 'utf8')) as Summary;
      if (s.version === SUMMARY_VERSION && (await staleReason(s.source?.fingerprint, dirname(path))) === undefined)
        return s;
    } catch {
      // unreadable or stale: analyze afresh below
    }
  }
  return analyzeRun([input]);
}
