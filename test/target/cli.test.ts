import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { rehearseCli } from '../cli/cli.js';

const BIN = fileURLToPath(new URL('../../bin/rehearse.js', import.meta.url));

// The binary loads every command; until the analyzer (imported by `demo`) lands, it cannot start.
describe.skipIf(!existsSync('src/analyze/index.ts'))('rehearse target check / rehearse portal', () => {
  it('lists every problem of a broken target file on stderr and exits 2', async () => {
    const r = await rehearseCli(['target', 'check', 'test/target/fixtures/broken.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rehearse: \d+ problems in the target file:\n/);
    expect(r.stderr).toContain('test/target/fixtures/broken.json: operations: unknown operation "createAcount"');
  });

  it('walks one candidate through the journey against a portal started with `rehearse portal`, which stops on Ctrl-C', async () => {
    const portal = spawn(
      process.execPath,
      [BIN, 'portal', '--strategy', 'throttle', '--quota', '5', '--dev-mailbox', '--json'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((r) => portal.on('close', r));
    const { url } = JSON.parse(
      await new Promise<string>((r) => createInterface({ input: portal.stdout! }).once('line', r)),
    ) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    try {
      const walk = await rehearseCli(['target', 'check', 'targets/reference.json', '--base-url', url]);
      expect(walk.code).toBe(0);
      // Captured values are shown, and the outcome is the word a run uses.
      expect(walk.stdout).toMatch(
        /1\. createAccount +POST +http:\/\/127\.0\.0\.1:\d+\/api\/accounts\n +→ 201 ok in \d+ ms; captured token="[\w-]+", accountId="acc_[\w-]+"/,
      );
      expect(walk.stdout).toMatch(
        /2\. submitApplication +POST +\S+\/api\/applications\n +→ 201 ok in \d+ ms; captured applicationId="app_[\w-]+"/,
      );
      expect(walk.stdout).toContain('outcome: accepted');
      // It says, before it starts, that it is real traffic that takes a place.
      expect(walk.stderr).toMatch(
        /^walking one synthetic candidate \(check-\w+@example\.test\) through launch-day's journey on http:\/\/127\.0\.0\.1:\d+ with real requests: if it is accepted, it takes one real place from the portal's quota\n/,
      );
      const tracker = await rehearseCli([
        'target',
        'check',
        'targets/reference.json',
        '--base-url',
        url,
        '--journey',
        'createAccount,requestCode,readMailbox,signIn,checkStatus',
      ]);
      expect(tracker.stdout).toMatch(/captured code="\d+"/);
      expect(tracker.stdout).toContain('outcome: completed');
      expect(tracker.code).toBe(0);
    } finally {
      portal.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  it('refuses a base URL outside loopback', async () => {
    const r = await rehearseCli(['target', 'check', 'targets/reference.json', '--base-url', 'http://example.com']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a loopback address');
  });
});
