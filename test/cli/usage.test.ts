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
    ];
    for (const [args, stderr] of cases) {
      const r = await rehearseCli(args);
      expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 2, stderr]);
    }
  });
});
