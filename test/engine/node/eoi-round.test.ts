import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../src/analyze/index.js';
import { rehearse } from '../../../src/cli/rehearsal.js';

describe('the EOI invitation round in a node-engine rehearsal', () => {
  it('sends the operator round at its time and records who was invited, eligible and their score', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'eoi-'));
    // 160 expressions of interest over seven months, replayed in about six seconds.
    const r = await rehearse({
      scenario: 'eoi-draw',
      scale: 0.01,
      timeScale: 3_081_600,
      seed: 5,
      engine: 'node',
      outDir,
    });
    expect(r.run.manifest.status).toBe('completed');
    const summary = await analyzeRun([r.run.outDir]);
    const eoi = summary.fairness?.eoi;
    expect(eoi).toBeTruthy();
    // The round invites min(23, eligible) candidates, and exactly the top-ranked eligible ones.
    expect(eoi?.invited).toBe(Math.min(23, eoi?.eligible ?? 0));
    expect(eoi?.eligible).toBeGreaterThan(0);
    expect(eoi?.invitedIneligible).toBe(0);
    expect(eoi?.skippedHigherScores).toBe(0);
    expect(eoi?.topRanked).toBe(true);
    expect(summary.classes?.byOp.inviteRound?.ok).toBe(1);
  }, 60_000);
});
