import type { Argv } from 'yargs';
import type { PortalOptions } from '../portal/index.js';
import { type PortalOptionsError, STRATEGIES, type Strategy } from '../portal/options.js';
import { SERVICE_DISTS, type ServiceDist } from '../portal/service-time.js';
import type { PortalSpec } from '../scenario/types.js';

/**
 * The reference portal's design flags, shared by `rehearse portal` (the real server)
 * and `rehearse simulate` (its model), so a flag means the same in both; `quota`
 * may say more where the quota lives on (the portal's database).
 */
export function withPortalFlags<T>(y: Argv<T>, describe: { quota?: string } = {}) {
  return y
    .option('strategy', {
      type: 'string',
      choices: STRATEGIES as unknown as string[],
      describe: "Admission design (default: the scenario's, else throttle)",
    })
    .option('quota', {
      type: 'number',
      describe: describe.quota ?? 'Applications accepted before the intake closes (none if absent)',
    })
    .option('max-active', {
      type: 'number',
      describe: 'Cap on requests admitted at once (throttle: default = workers); beyond it 503 + Retry-After',
    })
    .option('workers', { type: 'number', describe: 'Concurrent service slots (default 4)' })
    .option('service-ms', {
      type: 'number',
      describe: 'Mean service time per request, ms (default 15); capacity = workers ÷ service time',
    })
    .option('service-dist', {
      type: 'string',
      choices: SERVICE_DISTS as unknown as string[],
      describe: 'Shape of service times around the mean (default uniform)',
    })
    .option('retry-after', {
      type: 'number',
      describe: 'Seconds to tell turned-away visitors to wait (default 1; x-retry-after-ms carries the exact value)',
    })
    .option('admit-per-sec', {
      type: 'number',
      describe: 'waiting-room: visitors admitted per second (default half the capacity)',
    })
    .option('queue-timeout', {
      type: 'number',
      describe: 'open: a request that waited longer than this for a worker is answered 504, ms (default 30000)',
    })
    .option('shuffle', {
      type: 'boolean',
      default: true,
      describe: 'waiting-room: shuffle the pre-queue at the opening (--no-shuffle keeps arrival order)',
    });
}

export interface PortalFlags {
  strategy?: string;
  quota?: number;
  'max-active'?: number;
  workers?: number;
  'service-ms'?: number;
  'service-dist'?: string;
  'retry-after'?: number;
  'admit-per-sec'?: number;
  'queue-timeout'?: number;
  shuffle: boolean;
}

/** The portal's options: a scenario's (or a model file's) settings, then the flags over them. */
export function portalOptionsFromFlags(
  a: PortalFlags,
  spec?: Partial<PortalSpec> | Partial<PortalOptions>,
): PortalOptions {
  return {
    ...spec,
    strategy: (a.strategy ?? spec?.strategy ?? 'throttle') as Strategy,
    workers: a.workers ?? spec?.workers ?? 4,
    serviceMs: a['service-ms'] ?? spec?.serviceMs ?? 15,
    shufflePreQueue: a.shuffle,
    ...(a['service-dist'] !== undefined ? { serviceDist: a['service-dist'] as ServiceDist } : {}),
    ...(a.quota !== undefined ? { quota: a.quota } : {}),
    ...(a['max-active'] !== undefined ? { maxActive: a['max-active'] } : {}),
    ...(a['retry-after'] !== undefined ? { retryAfterSec: a['retry-after'] } : {}),
    ...(a['admit-per-sec'] !== undefined ? { admitPerSec: a['admit-per-sec'] } : {}),
    ...(a['queue-timeout'] !== undefined ? { queueTimeoutMs: a['queue-timeout'] } : {}),
  } as PortalOptions;
}

/** The portal's option names, as the flags that set them. */
const FLAG_OF: Record<string, string> = {
  strategy: '--strategy',
  workers: '--workers',
  maxActive: '--max-active',
  quota: '--quota',
  serviceMs: '--service-ms',
  retryAfterSec: '--retry-after',
  opensInMs: '--opens-in',
  admitPerSec: '--admit-per-sec',
  port: '--port',
  host: '--host',
  queueTimeoutMs: '--queue-timeout',
};

/** The portal's problems named by the flags the user typed: `--service-ms: expected …`. */
export function asFlags(e: PortalOptionsError): string {
  return e.problems.map((p) => `${FLAG_OF[p.field] ?? p.field}: ${p.expected}`).join('; ');
}
