import { describe, expect, it } from 'vitest';
import { rehearseCli } from './cli.js';

describe('usage mistakes', () => {
  it('are one line naming what is missing or wrong, exit code 2', async () => {
    const cases: Array<[string[], string]> = [
      [['run'], 'rehearse: run: missing <scenario> (usage: rehearse run <scenario> [options])\n'],
      [['analyze', 'runs/x', '--format', 'xml'], 'rehearse: --format: expected one of "table", "json", "md", got "xml"\n'],
      [['target'], 'rehearse: Name a subcommand: check or schema; see `rehearse target --help`\n'],
      [['k6'], 'rehearse: Name a subcommand: export; see `rehearse k6 --help`\n'],
      [['run', 'launch-day', '--bogus'], 'rehearse: Unknown argument: bogus; see `rehearse run --help`\n'],
      // A seed is a whole number everywhere (1.5 used to pass silently in population and k6 export).
      [['population', 'launch-day', '--seed', '1.5'], 'rehearse: --seed: expected a whole number ≥ 0, got 1.5\n'],
      [['k6', 'export', 'launch-day', '--out', '/tmp/never-written', '--seed', '-1'], 'rehearse: --seed: expected a whole number ≥ 0, got -1\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await rehearseCli(args);
      expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 2, stderr]);
    }
  });
});

describe('rehearse portal with bad settings', () => {
  it('names the flags (not the option fields) and refuses an impossible port before listening', async () => {
    const cases: Array<[string[], string]> = [
      [['portal', '--port', '99999'], 'rehearse: --port: expected an integer from 0 (any free port) to 65535, got 99999\n'],
      [['portal', '--workers', '0', '--service-ms', '-1'], 'rehearse: --workers: expected an integer ≥ 1, got 0; --service-ms: expected a number ≥ 0, got -1\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await rehearseCli(args, { timeoutMs: 20_000 });
      expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 2, stderr]);
    }
  });
});
