/**
 * A user's own files, as a user runs them: `.ts` scenario and target files in a folder
 * with no package.json (so Node would treat them as CommonJS), and `run --target FILE`
 * driving the portal the file names in its baseUrl instead of starting the reference
 * portal (issue 15, points 6 and 7).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rehearse } from '../../src/cli/rehearsal.js';
import { UsageError } from '../../src/util/usage-error.js';
import { rehearseCli } from '../cli/cli.js';
import { fixtureServer } from '../engine/node/fixtures.js';

const scenarioTs = `import type { ScenarioInput } from '${process.cwd()}/src/scenario/types.js';
const tiny = {
  name: 'tiny', title: 'Tiny', description: 'three candidates', population: 3, windowMin: 0.02,
  curve: [{ atMin: 0, rate: 1 }], countries: { FR: 1 },
  personas: [{ name: 'p', share: 1, patienceMin: [0.05, 0.05], retry: 'fixed', retryBaseSec: 0.05, thinkSec: 0 }],
  journey: { steps: [{ op: 'submitApplication' }], success: 'accepted', retryOnError: false },
  portal: { strategy: 'open', workers: 1, serviceMs: 1, quota: 3 },
  sources: [{ publisher: 'none', title: 'a test scenario', date: '2024', figure: 'a test scenario' }],
} satisfies ScenarioInput;
export default tiny;
`;

const targetTs = (
  baseUrl: string,
) => `const target: { name: string; baseUrl: string; operations: Record<string, unknown> } = {
  name: 'mine', baseUrl: '${baseUrl}',
  operations: { submitApplication: { method: 'POST', path: '/apply', json: { id: '{{candidate.id}}' } } },
};
export default target;
`;

describe("a user's own files", () => {
  it('.ts scenario and target files load outside a "type": "module" folder, and run --target drives the portal the file names', async () => {
    const srv = await fixtureServer((_b, _req, res) => res.writeHead(201).end('{}'));
    const dir = await mkdtemp(join(tmpdir(), 'user-files-'));
    try {
      await writeFile(join(dir, 'tiny.ts'), scenarioTs);
      await writeFile(join(dir, 'mine.target.ts'), targetTs(srv.url));
      const r = await rehearseCli([
        'run',
        join(dir, 'tiny.ts'),
        '--target',
        join(dir, 'mine.target.ts'),
        '--out',
        join(dir, 'run'),
      ]);
      expect(r.stderr).not.toMatch(/cannot load|could not be loaded/);
      expect(r.stderr).not.toMatch(/reference portal/);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^run completed: /);
      expect(srv.requests).toBe(3);
    } finally {
      await srv.close();
    }
  }, 120_000);

  it('refuses a target file without baseUrl when --base-url is absent, instead of aiming it at the reference portal', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'user-files-'));
    await writeFile(
      join(dir, 't.json'),
      JSON.stringify({ name: 'no-url', operations: { submitApplication: { method: 'POST', path: '/apply' } } }),
    );
    const err = await rehearse({
      scenario: 'launch-day',
      seed: 1,
      engine: 'node',
      outDir: join(dir, 'run'),
      target: join(dir, 't.json'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(
      `${join(dir, 't.json')}: baseUrl: the target names no portal; pass --base-url (the reference portal starts only without --target)`,
    );
  });
});
