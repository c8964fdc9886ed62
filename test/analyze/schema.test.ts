import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import { SummarySchema, summaryJsonSchema } from '../../src/analyze/schema.js';
import { handBuiltLines, writeRunDir } from '../fixtures/k6/hand-built.js';

const FIXTURES = new URL('../fixtures/k6/', import.meta.url).pathname;

describe('summary.json schema', () => {
  it('the committed src/analyze/summary.schema.json is the one generated from the type (run `npx tsx src/analyze/schema.ts`)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../src/analyze/summary.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(summaryJsonSchema())));
  });

  it('accepts the summaries of a toolkit run and of plain k6 output', async () => {
    const dir = writeRunDir(join(mkdtempSync(join(tmpdir(), 'schema-')), 'run'), handBuiltLines());
    for (const s of [await analyzeRun([dir]), await analyzeRun([join(FIXTURES, 'plain-k6.json')])]) {
      const r = SummarySchema.safeParse(JSON.parse(JSON.stringify(s)));
      expect(r.error?.issues ?? []).toEqual([]);
    }
  });
});
