import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintInputs, staleReason } from '../../src/results/fingerprint.js';
import type { RunManifest } from '../../src/results/manifest.js';
import { rehearseCli } from '../cli/cli.js';
import { handBuiltLines, manifestFor, writeRunDir } from '../fixtures/k6/hand-built.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'fingerprint-'));

function setManifest(dir: string, patch: Partial<RunManifest>): void {
  const m = { ...manifestFor(['samples.ndjson'], 3), ...patch };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
}

describe('a summary names what it was computed from', () => {
  it('holds while nothing changed, and names the file that did', async () => {
    const dir = writeRunDir(join(fresh(), 'run'), handBuiltLines());
    setManifest(dir, { runId: 'run-1', status: 'completed' });
    const fp = await fingerprintInputs([dir], dir);
    expect(fp.runId).toBe('run-1');
    expect(fp.status).toBe('completed');
    expect(fp.files.map((f) => f.path)).toEqual(['manifest.json', 'samples.ndjson']);
    expect(await staleReason(fp, dir)).toBeUndefined();
    appendFileSync(join(dir, 'samples.ndjson'), handBuiltLines()[0] + '\n');
    expect(await staleReason(fp, dir)).toBe('samples.ndjson changed since it was computed');
  });

  it('is stale when the directory now holds another run, or when it records nothing', async () => {
    const dir = writeRunDir(join(fresh(), 'run'), handBuiltLines());
    setManifest(dir, { runId: 'run-1' });
    const fp = await fingerprintInputs([dir], dir);
    setManifest(dir, { runId: 'run-2' });
    // Same size: the manifest's mtime or its run id tells them apart.
    const reason = await staleReason({ ...fp, files: fp.files.filter((f) => f.path !== 'manifest.json') }, dir);
    expect(reason).toBe('it was computed from run run-1, the directory now holds run run-2');
    expect(await staleReason(undefined, dir)).toBe('it does not record what it was computed from');
  });

  it('paths are relative to the summary, so a summary written elsewhere (--out) still finds its samples', async () => {
    const root = fresh();
    const dir = writeRunDir(join(root, 'run'), handBuiltLines());
    const out = join(root, 'reports', 'x');
    const fp = await fingerprintInputs([join(dir, 'samples.ndjson')], out);
    expect(fp.files.map((f) => f.path)).toEqual(['../../run/manifest.json', '../../run/samples.ndjson']);
    expect(await staleReason(fp, out)).toBeUndefined();
  });
});

describe('`report` does not report a stale summary.json', () => {
  it('analyzed mid-run, reported after the run ended: the report is of the whole run', async () => {
    const dir = join(fresh(), 'run');
    const lines = handBuiltLines();
    const metrics = lines.filter((l) => l.includes('"type":"Metric"'));
    const points = lines.filter((l) => !l.includes('"type":"Metric"'));
    const partial = [...metrics, ...points.slice(0, Math.floor(points.length / 3))];
    writeRunDir(dir, partial);
    setManifest(dir, { runId: 'r', status: 'running' });
    expect((await rehearseCli(['analyze', dir, '--quiet'])).code).toBe(0);
    const midRun = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { source: { lines: number } };
    expect(midRun.source.lines).toBe(partial.length);

    // The run goes on and ends: more samples, the manifest rewritten.
    writeFileSync(join(dir, 'samples.ndjson'), lines.join('\n') + '\n');
    setManifest(dir, { runId: 'r', status: 'completed' });
    const out = join(fresh(), 'report');
    const r = await rehearseCli(['report', dir, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /note: .*summary\.json is out of date \(manifest\.json changed since it was computed\): analyzing the run afresh/,
    );
    const reported = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { source: { lines: number } };
    expect(reported.source.lines).toBe(lines.length);
  }, 120_000);
});
