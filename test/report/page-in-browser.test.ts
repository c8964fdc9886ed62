import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/index.js';
import { makeSummary } from './fixture.js';

/**
 * The page as a reader sees it: Debian's chromium, headless, offline. Skipped (with the
 * reason printed) where /usr/bin/chromium is absent; CI installs it with
 * `apt-get install -y chromium`.
 */
const CHROMIUM = '/usr/bin/chromium';
const have = existsSync(CHROMIUM);
if (!have)
  console.warn(
    `report browser test skipped: ${CHROMIUM} not found (install it: apt-get update && apt-get install -y chromium)`,
  );

const SHOTS = resolve('test-output/report');

describe.skipIf(!have)('index.html in headless Chromium', () => {
  let ctx: BrowserContext;
  let profile: string;
  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'chromium-profile-'));
    // A persistent context is how playwright takes a fresh --user-data-dir.
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      offline: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1100, height: 900 },
    });
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await ctx?.close();
    await rm(profile, { recursive: true, force: true });
  });

  async function open(name: string, opts: Parameters<typeof writeReport>[0]) {
    const r = await writeReport(opts);
    const page = await ctx.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (q) => requests.push(q.url()));
    await page.goto(pathToFileURL(r.index).href, { waitUntil: 'load' });
    const charts = await page.$$eval('figure.chart', (figs) =>
      figs.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: f.getAttribute('data-chart'),
          missing: f.classList.contains('missing'),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg ? svg.querySelectorAll('path, rect, line').length : 0,
          label: f.querySelector('[role="img"]')?.getAttribute('aria-label') ?? '',
          tableRows: f.querySelectorAll('details table tbody tr').length,
        };
      }),
    );
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    await page.close();
    return { charts, problems, requests };
  }

  it('draws every chart, with no console errors and no request beyond the page', async () => {
    const out = await mkdtemp(join(tmpdir(), 'report-browser-'));
    const { charts, problems, requests } = await open('index', {
      summary: makeSummary(),
      outDir: out,
      title: 'Launch day (fixture)',
    });
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(join(out, 'index.html')).href]);
    expect(charts.map((c) => c.id)).toEqual([
      'quota-fill',
      'load',
      'classes',
      'latency',
      'time-to-outcome',
      'attempts',
      'countries',
      'fairness',
    ]);
    for (const c of charts) {
      expect(c.missing, c.id!).toBe(false);
      expect(c.width, c.id!).toBeGreaterThan(300);
      expect(c.height, c.id!).toBeGreaterThan(150);
      expect(c.marks, c.id!).toBeGreaterThan(5);
      expect(c.label.length, c.id!).toBeGreaterThan(20);
      expect(c.tableRows, c.id!).toBeGreaterThan(0);
    }
  });

  it('draws every chart with a baseline beside this run', async () => {
    const out = await mkdtemp(join(tmpdir(), 'report-browser-'));
    const { charts, problems } = await open('vs-baseline', {
      summary: makeSummary(),
      baseline: makeSummary({ fillS: 45, capacity: 20, seed: 2 }),
      baselineLabel: 'before',
      outDir: out,
    });
    expect(problems).toEqual([]);
    expect(charts.filter((c) => !c.missing && c.width > 300 && c.marks > 5)).toHaveLength(8);
  });

  it("opens a time-scaled run with its scale and the real day's times, as a reader sees them", async () => {
    const out = await mkdtemp(join(tmpdir(), 'report-browser-'));
    const summary = makeSummary({ durationS: 20, arrivalS: 10, fillS: 4 });
    summary.source = { ...summary.source, scale: 1 / 28, timeScale: 720, population: 400 };
    summary.quota = { ...summary.quota!, fillTimeMs: 3200 };
    const r = await writeReport({ summary, outDir: out });
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(r.index).href, { waitUntil: 'load' });
    // The scale comes before anything else the page says, and is on screen at the top.
    const scale = await page.$eval('#scale', (e) => ({
      text: e.textContent ?? '',
      top: e.getBoundingClientRect().top,
    }));
    expect(scale.text).toContain('1/28 scale rehearsal replayed 720× faster than the real day');
    expect(scale.top).toBeLessThan(300);
    expect(await page.$eval('.headline', (e) => e.textContent ?? '')).toContain(
      '3.2 s (≈ 38 min 24 s of the real day)',
    );
    // The fill chart's axis labels carry the real day's hours under the rehearsal's seconds.
    const labels = await page.$$eval('#chart-quota-fill svg text', (ts) => ts.map((t) => t.textContent ?? ''));
    expect(labels.some((l) => /^\d+ s\d(\.\d+)? h$/.test(l))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'time-scaled.png') });
    await page.close();
  });
});
