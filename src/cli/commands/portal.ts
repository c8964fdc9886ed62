import { writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import type { PortalOptions, RunningPortal } from '../../portal/index.js';
import { PortalOptionsError } from '../../portal/options.js';
import { isLoopback } from '../../util/loopback.js';
import { UsageError } from '../errors.js';
import { asFlags, type PortalFlags, portalOptionsFromFlags, withPortalFlags } from '../portal-flags.js';

interface PortalArgs extends PortalFlags {
  scenario?: string;
  scale?: number;
  'time-scale'?: number;
  'change-quota': boolean;
  'opens-in'?: number;
  host: string;
  port: number;
  db?: string;
  fresh: boolean;
  durability: string;
  'operator-token'?: string;
  'dev-mailbox'?: boolean;
  seed: number;
  json: boolean;
  openapi?: string;
}

export const portalCommand: CommandModule<object, PortalArgs> = {
  command: 'portal',
  describe:
    'Start the reference portal (open, throttle, waiting-room or eoi) on loopback and print its URL; Ctrl-C stops it',
  builder: (y) =>
    withPortalFlags(y, {
      quota:
        'Applications accepted before the intake closes (none if absent). It belongs to the database once set: a restart on the same --db keeps it',
    })
      .option('scenario', {
        type: 'string',
        describe:
          'Take the portal settings from this scenario (built-in name or file), scaled as `rehearse run` scales it (its default scale, or --scale); flags override them',
      })
      .option('scale', {
        type: 'number',
        describe:
          "With --scenario: the fraction of the day, as `run --scale` (the quota scales with it, and a calibrated portal's capacity); give both commands the same",
      })
      .option('time-scale', {
        type: 'number',
        describe:
          "With --scenario: how much faster than real time the run replays the day, as `run --time-scale` (a calibrated portal's capacity and Retry-After follow it); give both commands the same",
      })
      .option('change-quota', {
        type: 'boolean',
        default: false,
        describe:
          'With --db and --quota: replace the quota the database holds (a different --quota is refused otherwise)',
      })
      .option('opens-in', {
        type: 'number',
        describe:
          'The intake opens this many ms after start (default 0); the waiting room shuffles those who came before',
      })
      .option('host', {
        type: 'string',
        default: '127.0.0.1',
        describe: 'Address to listen on (loopback unless you mean otherwise)',
      })
      .option('port', { type: 'number', default: 0, describe: 'Port (0: a free one)' })
      .option('db', {
        type: 'string',
        describe:
          'SQLite file to keep (default: a temporary file removed at exit); reuse it to restart on the same data',
      })
      .option('fresh', {
        type: 'boolean',
        default: false,
        describe: 'With --db: start from an empty database instead of resuming on it',
      })
      .option('durability', {
        type: 'string',
        choices: ['normal', 'full'],
        default: 'normal',
        describe: 'normal survives a crash of the process; full also fsyncs each commit (power loss)',
      })
      .option('operator-token', {
        type: 'string',
        describe: 'Bearer token for invitation rounds (default: random, printed)',
      })
      .option('dev-mailbox', {
        type: 'boolean',
        describe:
          "Serve the simulated mailbox at /dev/mailbox/:email, where anyone reads anyone's sign-in code (default: on only with a --scenario whose journey reads mail, status-tracker)",
      })
      .option('seed', { type: 'number', default: 1, describe: 'Seed for service times and the pre-queue shuffle' })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'Print one JSON line { url, operatorToken, dbPath, strategy } instead of text',
      })
      .option('openapi', {
        type: 'string',
        describe: 'Write the OpenAPI 3.1 document of the contract to this file and exit (- for stdout)',
      })
      .example(
        '$0 portal --strategy throttle --quota 100 --workers 4 --service-ms 15',
        'The Québec 2016 design: cap on users in service, 503 beyond it',
      )
      .example(
        '$0 portal --scenario launch-day',
        'The settings `rehearse run launch-day` rehearses against (its default scale: quota 100)',
      )
      .example(
        '$0 portal --scenario launch-day --scale 1',
        'The full day: quota 2,800, and the calibrated capacity × 28 (run with --scale 1 too)',
      )
      .example('$0 portal --db p.sqlite', 'Restart on the same data: the quota and the places taken are kept')
      .example(
        '$0 portal --strategy waiting-room --admit-per-sec 50 --opens-in 60000',
        'A waiting room that opens in a minute and shuffles the early birds',
      )
      .example(
        '$0 portal --strategy eoi --operator-token s3cret',
        'An expression-of-interest pool; POST /admin/rounds with the token invites the top',
      )
      .example(
        '$0 portal --openapi targets/reference-portal.openapi.json',
        'Write the contract (also served at /openapi.json)',
      ),
  handler: async (a) => {
    if (a.openapi !== undefined) {
      const { openapiDocument } = await import('../../portal/openapi.js');
      const text = JSON.stringify(openapiDocument(), null, 2) + '\n';
      if (a.openapi === '-') process.stdout.write(text);
      else writeFileSync(a.openapi, text);
      return;
    }
    const { startPortal } = await import('../../portal/index.js');
    const { loadScenario } = await import('../../scenario/load.js');
    const { readsMail } = await import('../rehearsal.js');
    if (a.scale !== undefined && a.scenario === undefined)
      throw new UsageError("--scale: needs --scenario (it scales the scenario's quota)");
    if (a['time-scale'] !== undefined && a.scenario === undefined)
      throw new UsageError("--time-scale: needs --scenario (it scales the scenario's calibrated portal)");
    // Scaled exactly as `rehearse run` scales it, so a run against this portal analyzes
    // against the quota the portal enforces (the full day's 2,800 against a scaled 100
    // read as an over-sold quota).
    const scenario = a.scenario
      ? await loadScenario(a.scenario, {
          ...(a.scale !== undefined ? { scale: a.scale } : {}),
          ...(a['time-scale'] !== undefined ? { timeScale: a['time-scale'] } : {}),
        })
      : undefined;
    const spec = scenario?.portal;
    const opts: PortalOptions = {
      ...portalOptionsFromFlags(a, spec),
      host: a.host,
      port: a.port,
      durability: a.durability as 'normal' | 'full',
      fresh: a.fresh,
      changeQuota: a['change-quota'],
      devMailbox: a['dev-mailbox'] ?? (scenario !== undefined && readsMail(scenario.journey)),
      seed: a.seed,
      ...(a['opens-in'] !== undefined ? { opensInMs: a['opens-in'] } : {}),
      ...(a.db !== undefined ? { dbPath: a.db } : {}),
      ...(a['operator-token'] !== undefined ? { operatorToken: a['operator-token'] } : {}),
    };
    let portal: RunningPortal;
    try {
      portal = await startPortal(opts);
    } catch (e) {
      if (e instanceof PortalOptionsError) throw new UsageError(asFlags(e));
      throw e;
    }
    // Listening on every interface exposes the portal to the network; rehearsals still
    // reach it on loopback, so print that address rather than one `run` would refuse.
    if (!isLoopback(a.host)) {
      process.stderr.write(
        `warning: --host ${a.host} listens beyond loopback: anyone who can reach this machine can load the portal\n`,
      );
    }
    const { quota, accepted } = await portal.stats();
    const url =
      a.host === '0.0.0.0'
        ? portal.url.replace('//0.0.0.0:', '//127.0.0.1:')
        : a.host === '::'
          ? portal.url.replace('//[::]:', '//[::1]:')
          : portal.url;
    if (a.json) {
      process.stdout.write(
        JSON.stringify({
          url,
          operatorToken: portal.operatorToken,
          dbPath: portal.dbPath,
          strategy: opts.strategy,
          quota,
          devMailbox: opts.devMailbox === true,
        }) + '\n',
      );
    } else {
      process.stdout.write(
        `reference portal (${opts.strategy}) listening on ${url}\n` +
          `  contract:       ${url}/openapi.json\n  stats:          ${url}/admin/stats\n` +
          `  operator token: ${portal.operatorToken}\n  database:       ${portal.dbPath}\n` +
          `  capacity:       ${opts.workers} worker${opts.workers === 1 ? '' : 's'} × ${opts.serviceMs} ms${opts.maxActive !== undefined ? `, cap ${opts.maxActive} at once` : ''}${opts.retryAfterSec !== undefined ? `, Retry-After ${opts.retryAfterSec} s` : ''}` +
          (scenario?.portalFittedAt
            ? ` (${scenario.name}'s calibrated portal at scale ${Number(scenario.knobs.scale.toPrecision(3))}, ${Number(scenario.knobs.timeScale.toPrecision(4))}×: run it with the same knobs)\n`
            : '\n') +
          `  quota:          ${quota === null ? 'none' : `${quota} (${accepted} accepted${a.quota === undefined && a.db !== undefined && !a.fresh ? ', kept from the database' : ''})`}` +
          (scenario && quota === spec?.quota
            ? `, ${scenario.name} at scale ${Number(scenario.knobs.scale.toPrecision(3))}: run it with the same scale\n`
            : '\n') +
          (opts.devMailbox
            ? `  dev mailbox:    ${url}/dev/mailbox/<email>  (on: anyone can read anyone's sign-in code; for rehearsals only)\n`
            : `  dev mailbox:    off (--dev-mailbox serves it, for journeys that read their code: status-tracker)\n`) +
          `Ctrl-C to stop.\n`,
      );
    }
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    const s = await portal.stats();
    await portal.close();
    if (!a.json)
      process.stderr.write(
        `stopped: ${s.requests} requests, ${s.accepted} accepted, ${s.rejected.throttled} throttled\n`,
      );
  },
};
