import { describe, expect, it } from 'vitest';
import { rehearseCli } from './cli.js';

/*
 * Each case spawns the real binary (tsx compiles the CLI on start: about 1 s idle, 10 s
 * or more on a busy 2-core runner), so each case is its own test with its own
 * margin, rather than seven spawns sharing one 60 s budget.
 */
const SPAWN_MARGIN_MS = 180_000;

describe('usage mistakes are one line naming what is missing or wrong, exit code 2', () => {
  const cases: Array<[string[], string]> = [
    [['run'], 'rehearse: run: missing <scenario> (usage: rehearse run <scenario> [options])\n'],
    [
      ['analyze', 'runs/x', '--format', 'xml'],
      'rehearse: --format: expected one of "table", "json", "md", got "xml"\n',
    ],
    [['target'], 'rehearse: Name a subcommand: check or schema; see `rehearse target --help`\n'],
    [['k6'], 'rehearse: Name a subcommand: export; see `rehearse k6 --help`\n'],
    [['run', 'launch-day', '--bogus'], 'rehearse: Unknown argument: bogus; see `rehearse run --help`\n'],
    // A seed is a whole number everywhere (1.5 used to pass silently in population and k6 export).
    [
      ['population', 'launch-day', '--seed', '1.5'],
      'rehearse: --seed: expected a whole number from 0 to 4,294,967,295 (seeds are 32-bit), got 1.5\n',
    ],
    [
      ['k6', 'export', 'launch-day', '--out', '/tmp/never-written', '--seed', '-1'],
      'rehearse: --seed: expected a whole number from 0 to 4,294,967,295 (seeds are 32-bit), got -1\n',
    ],
  ];
  it.each(cases)(
    'rehearse %j',
    async (args, stderr) => {
      const r = await rehearseCli(args, { timeoutMs: SPAWN_MARGIN_MS - 10_000 });
      expect([r.code, r.stderr]).toEqual([2, stderr]);
    },
    SPAWN_MARGIN_MS,
  );
});

describe('rehearse portal with bad settings names the flags (not the option fields) and refuses an impossible port before listening', () => {
  const cases: Array<[string[], string]> = [
    [
      ['portal', '--port', '99999'],
      'rehearse: --port: expected an integer from 0 (any free port) to 65535, got 99999\n',
    ],
    [
      ['portal', '--workers', '0', '--service-ms', '-1'],
      'rehearse: --workers: expected an integer ≥ 1, got 0; --service-ms: expected a number ≥ 0, got -1\n',
    ],
  ];
  // A portal that started listening instead of refusing would be killed (code null) and fail.
  it.each(cases)(
    'rehearse %j',
    async (args, stderr) => {
      const r = await rehearseCli(args, { timeoutMs: 60_000 });
      expect([r.code, r.stderr]).toEqual([2, stderr]);
    },
    SPAWN_MARGIN_MS,
  );
});
