import { writeFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { OPERATIONS, type JourneyStep, type Operation } from '../../journey/types.js';
import { assertAllowedTarget } from '../../util/loopback.js';
import { GateFailed, UsageError } from '../errors.js';

interface CheckArgs {
  file: string;
  'base-url'?: string;
  scenario: string;
  journey?: string;
  var: string[];
  'allow-host': string[];
  'max-requests': number;
  json: boolean;
}

const check: CommandModule<object, CheckArgs> = {
  command: 'check <file>',
  describe:
    "Validate a target file against a scenario's journey (every problem listed, including values used before they are captured) and, with --base-url, walk one candidate through it",
  builder: (y) =>
    y
      .positional('file', {
        type: 'string',
        demandOption: true,
        describe: 'Target file (.json, or .ts with a default export)',
      })
      .option('base-url', {
        type: 'string',
        describe: "Portal to walk against (default: the file's baseUrl); loopback unless --allow-host",
      })
      .option('scenario', { type: 'string', default: 'launch-day', describe: 'Scenario whose journey is walked' })
      .option('journey', {
        type: 'string',
        describe: `Walk these operations instead, comma-separated (${OPERATIONS.join(', ')})`,
      })
      .option('var', {
        type: 'string',
        array: true,
        default: [],
        describe: 'Set a template variable: --var operatorToken=s3cret',
      })
      .option('allow-host', {
        type: 'string',
        array: true,
        default: [],
        describe: 'A non-loopback host you own and mean to reach',
      })
      .option('max-requests', { type: 'number', default: 30, describe: 'Stop the walk after this many requests' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the walk as JSON' })
      .example('$0 target check targets/reference.json', 'Validate only')
      .example(
        '$0 target check my-portal.json --base-url http://127.0.0.1:3000',
        'Validate, then walk the launch-day journey on your portal',
      )
      .example(
        '$0 target check targets/reference.json --base-url http://127.0.0.1:8080 --journey requestCode,readMailbox,signIn,checkStatus',
        'Walk a status-tracker visit',
      ),
  handler: async (a) => {
    const vars: Record<string, string> = {};
    for (const kv of a.var) {
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new UsageError(`--var: expected name=value, got "${kv}"`);
      vars[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    // The subsystems load when the command runs, not at every start (see ./index.ts).
    const { loadTarget, TargetError } = await import('../../target/load.js');
    const { dataFlowProblems } = await import('../../target/data-flow.js');
    const { assertTargetHosts } = await import('../../target/hosts.js');
    const { formatWalk, walkJourney } = await import('../../target/walk.js');
    const loaded = await loadTarget(a.file);
    const target = { ...loaded, variables: { ...loaded.variables, ...vars } };
    const baseUrl = a['base-url'] ?? target.baseUrl;
    const { steps, success, name } = await journeyOf(a);
    // Valid on its own is not enough: every value the journey's requests use must be captured before.
    const flow = dataFlowProblems(
      target,
      steps.map((s) => s.op),
      name,
    ).map((p) => `${a.file}: ${p}`);
    if (flow.length > 0) throw new TargetError(flow);
    if (!a['base-url']) {
      process.stdout.write(
        `${a.file}: valid (${Object.keys(target.operations).length} operations; ${name}: ${steps.map((s) => s.op).join(' → ')})\n`,
      );
      return;
    }
    assertAllowedTarget(baseUrl as string, a['allow-host']);
    assertTargetHosts(target, a['allow-host']);
    const tag = Date.now().toString(36);
    const email = `check-${tag}@example.test`;
    // The walk is real traffic: say so before it starts, on stderr so --json stays clean.
    const real = steps.some((s) => s.op === 'submitApplication')
      ? ": if it is accepted, it takes one real place from the portal's quota"
      : '';
    process.stderr.write(
      `walking one synthetic candidate (${email}) through ${name} on ${baseUrl} with real requests${real}\n`,
    );
    const walk = await walkJourney({
      target,
      baseUrl: baseUrl as string,
      allowHosts: a['allow-host'],
      def: { steps: steps.map((s) => ({ op: s.op })), success, retryOnError: false, timeScale: 1 },
      // A synthetic candidate, unique per check so repeated checks do not collide.
      candidate: {
        id: `check-${tag}`,
        seq: 0,
        seed: 1,
        arrivalMs: 0,
        firstName: 'Ada',
        lastName: 'Check',
        email,
        country: 'FR',
        locale: 'fr',
        attributes: {
          age: 31,
          french: 'advanced',
          english: 'intermediate',
          education: 'master',
          residence: 'CA',
          presentInQuebec: true,
          permit: 'work',
          presentInQuebecWithPermit: true,
          jobOffer: false,
          eoiScore: 52,
          eoiSubmittedAt: '2019-11-04T10:00:00.000Z',
        },
      },
      maxRequests: a['max-requests'],
    });
    process.stdout.write(a.json ? JSON.stringify(walk) + '\n' : formatWalk(walk) + '\n');
    if (walk.outcome !== success) throw new GateFailed(`the walk ended ${walk.outcome}, not ${success}`);
  },
};

/**
 * The journey walked and the outcome that means it worked, in the words a run uses:
 * `accepted` for a journey that submits an application, `completed` for a visit.
 */
async function journeyOf(
  a: CheckArgs,
): Promise<{ steps: JourneyStep[]; success: 'accepted' | 'completed'; name: string }> {
  if (a.journey) {
    const ops = a.journey.split(',').map((s) => s.trim());
    const bad = ops.filter((o) => !(OPERATIONS as readonly string[]).includes(o));
    if (bad.length)
      throw new UsageError(`--journey: unknown operation ${bad.join(', ')}; expected ${OPERATIONS.join(', ')}`);
    return {
      steps: ops.map((op) => ({ op: op as Operation })),
      success: ops.includes('submitApplication') ? 'accepted' : 'completed',
      name: 'the given journey',
    };
  }
  const { loadScenarioInput } = await import('../../scenario/load.js');
  const scenario = await loadScenarioInput(a.scenario);
  return { steps: scenario.journey.steps, success: scenario.journey.success, name: `${scenario.name}'s journey` };
}

const schema: CommandModule<object, { out?: string }> = {
  command: 'schema',
  describe: 'Print the JSON Schema of target files (the one in targets/target.schema.json)',
  builder: (y) =>
    y
      .option('out', { type: 'string', describe: 'Write it to this file instead of stdout' })
      .example('$0 target schema --out targets/target.schema.json', 'Regenerate the schema file'),
  handler: async (a) => {
    const { targetJsonSchema } = await import('../../target/schema.js');
    const text = JSON.stringify(targetJsonSchema(), null, 2) + '\n';
    if (a.out) writeFileSync(a.out, text);
    else process.stdout.write(text);
  },
};

export const targetCommand: CommandModule = {
  command: 'target',
  describe: "Target files: how the journey's operations map onto a portal's HTTP API",
  builder: (y: Argv) => y.command(check).command(schema).demandCommand(1, 'Name a subcommand: check or schema'),
  handler: () => undefined,
};
