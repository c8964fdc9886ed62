import type { Operation } from '../../journey/types.js';
import type { ServedOp } from '../../portal/options.js';
import { DEFAULT_TIMEOUT_MS, requestsOf } from '../../target/request.js';
import { rulesFor } from '../../target/classify.js';
import type { ClassifyRule, TargetFile } from '../../target/types.js';
import { UsageError } from '../../util/usage-error.js';

/**
 * Which reference-portal route each of the target's operations reaches, found the way
 * the portal finds it: by method and path (src/portal/routes/*.ts). The model answers
 * for the route, not for the operation's name, so a target file that maps
 * `checkStatus` onto `/api/interests/mine` is modelled as the portal would serve it.
 *
 * `served`: the worker-pool route name whose service time the request holds (the
 * portal's `ctx.serve(name, …)`); undefined for the routes the portal answers outside
 * its workers (the waiting room's endpoints, the simulated mailbox).
 */
export type RouteKind =
  | 'page'
  | 'eligibility'
  | 'createAccount'
  | 'requestCode'
  | 'mailbox'
  | 'signIn'
  | 'enterQueue'
  | 'pollQueue'
  | 'submitApplication'
  | 'applicationStatus'
  | 'submitInterest'
  | 'interestStatus'
  | 'inviteRound';

export interface Route {
  /** Dense index of the route among all the run's requests (a key for the simulator's per-route caches). */
  id: number;
  /** Dense index of the operation the request belongs to. */
  opId: number;
  /** The request's place in its operation's sequence (0 for an operation of one request). */
  index: number;
  /** The operation's next request, sent when this one is `ok`; undefined for the last. */
  next: Route | undefined;
  /** How this request's answers are classified: its own rules, the operation's, the file's (classify.ts rulesFor). */
  rules: readonly ClassifyRule[];
  /** The request's HTTP method (for k6's http_* tags). */
  method: string;
  kind: RouteKind;
  served: ServedOp | undefined;
  /** The client's timeout for this operation (the target file's, as buildRequest reads it). */
  timeoutMs: number;
  /** A retried request carries the same idempotency key (no {{attempt}} or {{uuid}} in it). */
  stableIdempotencyKey: boolean;
}

const TABLE: Array<{ method: string; path: RegExp; kind: RouteKind; served: ServedOp | undefined }> = [
  { method: 'GET', path: /^\/(info\/[^/]+)?$/, kind: 'page', served: 'info' },
  { method: 'GET', path: /^\/api\/eligibility$/, kind: 'eligibility', served: 'eligibility' },
  { method: 'POST', path: /^\/api\/accounts$/, kind: 'createAccount', served: 'accounts' },
  { method: 'POST', path: /^\/api\/codes$/, kind: 'requestCode', served: 'codes' },
  { method: 'GET', path: /^\/dev\/mailbox\/[^/]+$/, kind: 'mailbox', served: undefined },
  { method: 'POST', path: /^\/api\/sessions$/, kind: 'signIn', served: 'sessions' },
  { method: 'POST', path: /^\/api\/queue$/, kind: 'enterQueue', served: undefined },
  { method: 'GET', path: /^\/api\/queue\/[^/]+$/, kind: 'pollQueue', served: undefined },
  { method: 'POST', path: /^\/api\/applications$/, kind: 'submitApplication', served: 'applications' },
  { method: 'GET', path: /^\/api\/applications\/[^/]+$/, kind: 'applicationStatus', served: 'status' },
  { method: 'POST', path: /^\/api\/interests$/, kind: 'submitInterest', served: 'interests' },
  { method: 'GET', path: /^\/api\/interests\/mine$/, kind: 'interestStatus', served: 'status' },
  { method: 'POST', path: /^\/admin\/rounds$/, kind: 'inviteRound', served: undefined },
];

/** A path template with every `{{…}}` replaced by a stand-in segment value. */
function concretePath(template: string): string {
  const path = template.replace(/^https?:\/\/[^/]+/, '').split('?')[0] as string;
  return path.replace(/\{\{[^}]*\}\}/g, 'x');
}

/**
 * Resolves the routes of the operations a run uses — an operation of several requests
 * (a `requests` list) as its sequence of routes, each a route of the reference portal;
 * throws one line naming what matches no route.
 */
export function resolveRoutes(
  target: TargetFile,
  ops: Iterable<Operation>,
  file = target.name,
): Map<Operation, Route[]> {
  const out = new Map<Operation, Route[]>();
  const problems: string[] = [];
  let ids = 0;
  for (const op of ops) {
    if (out.has(op)) continue;
    const mapped = target.operations[op];
    if (!mapped) {
      problems.push(`operations.${op}: the journey needs it but the target does not map it`);
      continue;
    }
    const requests = requestsOf(mapped);
    const seq: Route[] = [];
    for (const [index, spec] of requests.entries()) {
      const where =
        requests.length > 1 || 'requests' in mapped ? `operations.${op}.requests[${index}]` : `operations.${op}`;
      const path = concretePath(spec.path);
      const row = TABLE.find((r) => r.method === spec.method && r.path.test(path));
      if (!row) {
        problems.push(
          `${where}: ${spec.method} ${spec.path} is not a route of the reference portal, which is what the sim models`,
        );
        continue;
      }
      const key = Object.entries({ ...target.headers, ...spec.headers }).find(
        ([k]) => k.toLowerCase() === 'idempotency-key',
      )?.[1];
      seq.push({
        id: ids++,
        opId: out.size,
        index,
        next: undefined,
        rules: rulesFor(target, op, index),
        method: spec.method,
        kind: row.kind,
        served: row.served,
        timeoutMs: spec.timeoutMs ?? target.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        stableIdempotencyKey: key !== undefined && !/\{\{\s*(attempt|uuid)\s*\}\}/.test(key),
      });
    }
    for (let i = 0; i + 1 < seq.length; i++) (seq[i] as Route).next = seq[i + 1];
    if (seq.length === requests.length) out.set(op, seq);
  }
  if (problems.length) throw new UsageError(`${file}: ${problems.join('; ')}`);
  return out;
}
