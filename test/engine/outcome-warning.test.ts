/**
 * A rehearsal whose mapping is wrong says so (issue 15.5): when no journey reaches its
 * goal, or one class swallows nearly every operation, the run's manifest carries a
 * warning with the most common answer and a hint; `rehearse run` prints it, the summary
 * keeps it (`warnings`) and the report shows it first.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analyze/index.js';
import { k6Engine } from '../../src/engine/k6/index.js';
import { SampleTail } from '../../src/engine/k6/sample-tail.js';
import { nodeEngine } from '../../src/engine/node/index.js';
import { narrate } from '../../src/report/narrative.js';
import { outcomeWarning } from '../../src/engine/outcome-warning.js';
import { haveK6, k6Label } from './k6/have-k6.js';
import { candidates, fixtureServer, scenario, target } from './node/fixtures.js';

const hint = 'rehearse target check F --base-url U';

describe('the mapping warning', () => {
  it('is silent for a healthy run, even one where most were turned away', () => {
    expect(
      outcomeWarning({
        outcomes: { accepted: 10, quota_full: 30 },
        success: 'accepted',
        classes: { ok: 50, throttled: 40, quota_full: 30 },
        hint,
      }),
    ).toBeUndefined();
  });

  it('speaks when no journey reached its goal, with the most common answer', () => {
    expect(
      outcomeWarning({
        outcomes: { invalid: 400 },
        success: 'accepted',
        classes: { invalid: 400 },
        commonFailure: { status: 403, count: 400, body: '<h1>Forbidden</h1>\n<p>CSRF</p>' },
        hint,
      }),
    ).toBe(
      'warning: no journey reached accepted (400 invalid of 400); most common answer: 403 (400×) "<h1>Forbidden</h1> <p>CSRF</p>"; the target mapping may be wrong: check one journey with rehearse target check F --base-url U',
    );
  });

  it('is silent when a throttling portal answers nearly every request busy and the goal is still reached', () => {
    // launch-day as calibrated: 99 % throttled, a quarter of the candidates accepted.
    expect(
      outcomeWarning({
        outcomes: { accepted: 100, quota_full: 210, gave_up: 90 },
        success: 'accepted',
        classes: { ok: 299, throttled: 31_587 },
        hint,
      }),
    ).toBeUndefined();
    expect(
      outcomeWarning({
        outcomes: { accepted: 4, gave_up: 96 },
        success: 'accepted',
        classes: { ok: 2, throttled: 98 },
        hint,
      }),
    ).toMatch(/^warning: 98 of 100 operations were throttled/);
  });

  it('speaks when one class swallows 95 % or more of the operations and almost no journey reached its goal', () => {
    const w = outcomeWarning({
      outcomes: { accepted: 1, gave_up: 99 },
      success: 'accepted',
      classes: { ok: 2, throttled: 98 },
      hint,
    });
    expect(w).toMatch(/^warning: 98 of 100 operations were throttled; the target mapping may be wrong/);
    expect(
      outcomeWarning({
        outcomes: { accepted: 1, gave_up: 99 },
        success: 'accepted',
        classes: { ok: 6, throttled: 94 },
        hint,
      }),
    ).toBeUndefined();
  });

  it('is written into the run manifest by the node engine', async () => {
    const srv = await fixtureServer((_b, _req, res) =>
      res.writeHead(403, { 'content-type': 'text/html' }).end('<p>Your session has expired.</p>'),
    );
    try {
      const r = await nodeEngine.run({
        scenario: scenario(),
        population: candidates(5, 5),
        populationSize: 5,
        target,
        baseUrl: srv.url,
        outDir: await mkdtemp(join(tmpdir(), 'warn-')),
        seed: 1,
      });
      const line = `no journey reached accepted (5 invalid of 5); most common answer: 403 (5×) "<p>Your session has expired.</p>"; the target mapping may be wrong: check one journey with rehearse target check <target file> --base-url ${srv.url}/ --scenario engine-test`;
      expect(r.manifest.notes).toContain(`warning: ${line}`);
      // The summary carries it, and the report puts it first.
      const summary = await analyzeRun([r.outDir]);
      expect(summary.warnings).toEqual([line]);
      expect(narrate(summary).warnings[0]).toBe(`N${line.slice(1)}.`);
    } finally {
      await srv.close();
    }
  });

  it('is counted by the k6 engine from the samples k6 writes, plain or gzip-compressed', async () => {
    // Two journeys: one accepted after a 200, one invalid after two 403s.
    const point = (metric: string, tags: Record<string, string>) =>
      JSON.stringify({ type: 'Point', metric, data: { time: '2026-11-30T12:00:00Z', value: 1, tags } });
    const lines = [
      point('rehearsal_req', { op: 'createAccount', class: 'ok', status: '200' }),
      point('rehearsal_journey', { outcome: 'accepted' }),
      point('rehearsal_req', { op: 'createAccount', class: 'invalid', status: '403' }),
      point('rehearsal_req', { op: 'createAccount', class: 'invalid', status: '403' }),
      point('rehearsal_req', { op: 'createAccount', class: 'server_error', status: '502' }),
      point('rehearsal_journey', { outcome: 'invalid' }),
    ].join('\n');
    const dir = await mkdtemp(join(tmpdir(), 'warn-tail-'));
    await writeFile(join(dir, 's.ndjson'), `${lines}\n`);
    await writeFile(join(dir, 's.ndjson.gz'), gzipSync(`${lines}\n`));
    const plain = new SampleTail(join(dir, 's.ndjson'));
    await plain.poll();
    const gz = new SampleTail(join(dir, 's.ndjson.gz'));
    await gz.readGzip();
    for (const t of [plain, gz]) {
      expect(t.tally.classes).toEqual({ ok: 1, invalid: 2, server_error: 1 });
      expect(t.tally.outcomes).toEqual({ accepted: 1, invalid: 1 });
      expect(t.tally.commonFailure()).toEqual({ status: 403, count: 2, body: '' });
      await t.close();
    }
  });

  const k6 = haveK6();
  if (!k6) console.log('the k6 engine mapping-warning test skipped: no k6 on PATH and K6_BIN unset');
  it.skipIf(!k6)(`is written into the run manifest by the k6 engine (${k6Label(k6)})`, async () => {
    const srv = await fixtureServer((_b, _req, res) =>
      res.writeHead(403, { 'content-type': 'text/html' }).end('<p>Your session has expired.</p>'),
    );
    try {
      const r = await k6Engine.run({
        scenario: scenario(),
        population: candidates(5, 5),
        populationSize: 5,
        target,
        baseUrl: srv.url,
        outDir: await mkdtemp(join(tmpdir(), 'warn-k6-')),
        seed: 1,
      });
      // k6's samples carry no response bodies: the same line as the node engine's, without the snippet.
      const line = `no journey reached accepted (5 invalid of 5); most common answer: 403 (5×); the target mapping may be wrong: check one journey with rehearse target check <target file> --base-url ${srv.url}/ --scenario engine-test`;
      expect(r.manifest.notes).toContain(`warning: ${line}`);
      expect((await analyzeRun([r.outDir])).warnings).toEqual([line]);
    } finally {
      await srv.close();
    }
  });
});
