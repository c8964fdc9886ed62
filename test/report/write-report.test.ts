import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeReport, type ReportResult } from '../../src/report/index.js';
import { makeSummary } from './fixture.js';

describe('writeReport: one run', () => {
  const summary = makeSummary();
  let out: string;
  let r: ReportResult;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'report-'));
    r = await writeReport({ summary, outDir: out, title: 'Launch day' });
  });

  it('writes summary.json exactly as given, summary.md and index.html', async () => {
    expect(r.index).toBe(join(out, 'index.html'));
    expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'))).toEqual(summary);
    for (const f of [
      'summary.json',
      'summary.md',
      'index.html',
      'quota-fill.vl.json',
      'quota-fill.png',
      'quota-fill.svg',
    ]) {
      expect(r.files.map((p) => basename(p))).toContain(f);
    }
  });

  it('writes a self-contained page: inline SVG, no script, nothing fetched from the network', async () => {
    const html = await readFile(r.index, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)=["']https?:/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
  });

  it('opens the page and summary.md with the narrative', async () => {
    const headline = 'The 100 places filled 30 s after opening';
    expect(await readFile(r.index, 'utf8')).toContain(headline);
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toContain(headline);
  });

  it('writes PNGs that start with the PNG signature', async () => {
    const png = await readFile(join(out, 'quota-fill.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('writes the same bytes twice for the same summary', async () => {
    const again = await mkdtemp(join(tmpdir(), 'report-'));
    await writeReport({ summary, outDir: again, title: 'Launch day' });
    for (const f of ['index.html', 'summary.md', 'quota-fill.vl.json']) {
      expect(await readFile(join(again, f), 'utf8')).toBe(await readFile(join(out, f), 'utf8'));
    }
  });
});

describe('writeReport: against a baseline, with a comparison', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'report-vs-'));
    await writeReport({
      summary: makeSummary(),
      baseline: makeSummary({ fillS: 45, seed: 2 }),
      baselineLabel: 'before',
      label: 'after',
      comparison: [{ metric: 'Quota fill time', base: '45 s', candidate: '30 s', verdict: 'improved' }],
      outDir: out,
    });
  });

  it('shows the comparison table with its verdicts on the page and in summary.md', async () => {
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<section id="comparison">');
    expect(html).toContain('<td>improved</td>');
    const md = await readFile(join(out, 'summary.md'), 'utf8');
    expect(md).toContain('## Comparison');
    expect(md).toContain('| Quota fill time | 45 s | 30 s | improved |');
    expect(md).toContain('Compared with before: the places filled 15 s sooner (30 s against 45 s)');
  });

  it('gives every element of the page a distinct id, though eight SVGs are inlined', async () => {
    const html = await readFile(join(out, 'index.html'), 'utf8');
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(8);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('writeReport: plain k6 output', () => {
  it('writes the page, saying which charts need journeys', async () => {
    const out = await mkdtemp(join(tmpdir(), 'report-k6-'));
    const r = await writeReport({ summary: makeSummary({ plainK6: true }), outDir: out });
    const html = await readFile(r.index, 'utf8');
    expect([...html.matchAll(/<figure class="chart missing"/g)]).toHaveLength(6);
    expect(html).toContain('Not drawn: the recording has no journeys (plain k6 output).');
    expect(
      r.files
        .map((f) => basename(f))
        .filter((f) => f.endsWith('.png'))
        .sort(),
    ).toEqual(['latency.png', 'load.png']);
  });
});
