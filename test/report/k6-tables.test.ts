import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import { writeReport } from '../../src/report/index.js';
import { HERE } from '../fixtures/k6/plain-script/make.js';

describe("a plain k6 script's report", () => {
  it('shows its checks, groups and custom metrics in tables', async () => {
    const s = await analyzeRun([join(HERE, 'run.ndjson')], { by: 'outcome' });
    const dir = await mkdtemp(join(tmpdir(), 'report-k6-'));
    await writeReport({ summary: s, outDir: dir });
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('**Checks**');
    expect(md).toContain('| apply is 201 | ::apply | 15 | 9 | 62.5 % |');
    expect(md).toContain('| ::apply | 24 | 39 | 9 |');
    expect(md).toContain('| journey_outcomes | counter | 24 (');
    expect(md).toContain('| form_ok | rate | 62.5 % (15 of 24) |');
    expect(md).toContain('| queue_depth | gauge | 0 (min 0, max 14) |');
    expect(md).toMatch(/\| server_ms \| trend \| avg=2\.875 min=0 med=3 max=6 p\(90\)=5\.7 p\(95\)=6 \|/);
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<caption>Checks</caption>');
    expect(html).toContain(
      '<caption>Metrics, as k6&#39;s end-of-test summary gives them</caption>'.replace('&#39;', "'"),
    );
  }, 120_000);
});
