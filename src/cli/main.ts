/**
 * `rehearse`: one binary, one yargs command module per file in ./commands.
 * The CLI is a thin shell: handlers parse flags and call library functions.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.js';
import { EXIT } from './errors.js';
import { placeMessage } from '../util/output-path.js';

export async function main(argv: string[]): Promise<void> {
  const cli = yargs(argv)
    .scriptName('rehearse')
    .usage(
      '$0 <command> [options]\n\nRehearse the day a public portal is swamped: generate a seeded population, drive it\nagainst a portal (the built-in reference portal or yours), analyze, compare and report.',
    )
    .command(commands)
    .demandCommand(1, 'Name a command; `rehearse demo` runs a complete rehearsal against the built-in portal.')
    .strict()
    .recommendCommands()
    .epilogue(
      'Exit codes: 0 ok, 1 a gate failed, 2 usage or input error, 130 interrupted (what was written is valid), 70 internal error.\nLoad goes to loopback only unless you pass --allow-host for a host you own.',
    )
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`rehearse: ${usageMessage(msg, argv)}\n`);
      process.exit(EXIT.usage);
    });
  await cli.parseAsync();
}

/**
 * yargs' own messages as one line that names what is missing: "Not enough non-option
 * arguments: got 0, need at least 1" becomes "run: missing <scenario> (usage: rehearse run
 * <scenario> [options])", and "Invalid values:\n  Argument: format, …" joins into one line.
 */
export function usageMessage(msg: string, argv: string[]): string {
  const words = argv.filter((a) => !a.startsWith('-'));
  const verb = words[0];
  const spec =
    verb === undefined ? undefined : commands.map((c) => String(c.command)).find((c) => c.split(' ')[0] === verb);
  // Commands with subcommands (`target check`, `k6 export`, `scenarios show`) name both words.
  const hasSub =
    spec !== undefined &&
    !spec.includes(' ') &&
    words.length > 1 &&
    ['target', 'k6', 'scenarios'].includes(verb as string);
  const name = hasSub ? `${verb} ${words[1]}` : verb;
  const positionals =
    spec
      ?.split(' ')
      .slice(1)
      .filter((p) => p.startsWith('<')) ?? [];
  if (/^Not enough non-option arguments/.test(msg) && spec) {
    if (positionals.length) return `${verb}: missing ${positionals.join(' ')} (usage: rehearse ${spec} [options])`;
    if (hasSub) return `${name}: missing an argument; see \`rehearse ${name} --help\``;
  }
  const required = /^Missing required arguments?: (.+)$/.exec(msg.trim());
  if (required) {
    const flags = required[1]!
      .split(/,\s*/)
      .map((f) => `--${f}`)
      .join(', ');
    return `${name ?? 'rehearse'}: ${flags} is required; see \`rehearse ${name ?? ''} --help\``.replace(
      'rehearse  --help',
      'rehearse --help',
    );
  }
  const choice = /^Invalid values:\s*Argument: (\S+), Given: (.+), Choices: (.+)$/s.exec(msg);
  if (choice) return `--${choice[1]}: expected one of ${choice[3]!.trim()}, got ${choice[2]}`;
  const help = name ? `rehearse ${name} --help` : 'rehearse --help';
  return `${msg.replace(/:?\s*\n\s*/g, ': ').replace(/\.$/, '')}; see \`${help}\``;
}

function isCliError(e: unknown): e is Error & { exitCode: number } {
  return e instanceof Error && typeof (e as { exitCode?: unknown }).exitCode === 'number';
}

/** The reader of our output went away (`rehearse population … | head`): like `yes | head`, stop quietly. */
const isEpipe = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
process.stdout.on('error', (e) => {
  if (isEpipe(e)) process.exit(0);
  throw e;
});

main(hideBin(process.argv)).catch((e: unknown) => {
  if (isEpipe(e)) process.exit(0);
  if (isCliError(e)) {
    process.stderr.write(`rehearse: ${e.message}\n`);
    process.exit(e.exitCode);
  }
  // A file-system refusal about a path (read-only, full, a file in the way) that no command
  // checked first: still the user's to fix, so one line and exit 2, not a stack trace.
  const place = placeMessage(e);
  if (place) {
    process.stderr.write(`rehearse: ${place}\n`);
    process.exit(EXIT.usage);
  }
  process.stderr.write(`rehearse: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(EXIT.internal);
});
