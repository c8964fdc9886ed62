import { busy, type Rejection } from '../../portal/admission.js';
import { PAGES, eligibility } from '../../portal/routes/info.js';
import type { TargetResponse } from '../../target/types.js';

/**
 * The reference portal's responses as a client receives them (status, headers, body
 * text), so the target file classifies them exactly as it classifies the real ones
 * (src/target/classify.ts). Bodies and headers are the routes' own (src/portal/routes/*.ts),
 * with fixed stand-ins where the portal puts random identifiers; responses that never
 * change are built once and their class is cached per operation (`fixed`).
 */
export interface SimResponse extends TargetResponse {
  /** Index of a response that never changes, for the class cache; -1 for one built per request. */
  fixed: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';
let fixedCount = 0;

export function response(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  fixed = true,
): SimResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/html; charset=utf-8' : JSON_TYPE;
  return { status, headers: { 'content-type': type, ...headers }, body: text, fixed: fixed ? fixedCount++ : -1 };
}

export function fromRejection(r: Rejection, fixed = true): SimResponse {
  return response(r.status, r.body, r.headers, fixed);
}

/** Responses that never change, by what they say. */
export const R = {
  page: response(200, PAGES.home as string, { 'cache-control': 'no-store' }),
  eligibility: response(200, eligibility({})),
  accountCreated: response(201, { accountId: 'acc_sim', token: 'sim-token' }),
  accountExists: response(409, {
    error: 'account_exists',
    message: 'an account with this e-mail exists: sign in instead',
  }),
  invalidBody: response(400, { error: 'invalid', message: 'body/email must match format "email"' }),
  codeSent: response(202, { sent: true, message: 'if this address is on file, a code is on its way' }),
  noRoute: response(404, { error: 'not_found', message: 'no route GET /dev/mailbox' }),
  noMail: response(404, { error: 'not_found', message: 'no mail for this address' }),
  mail: response(200, {
    messages: [{ id: 1, subject: 'Your one-time sign-in code', code: '000000', sentAt: '1970-01-01T00:00:00.000Z' }],
  }),
  signedIn: response(200, { accountId: 'acc_sim', token: 'sim-token' }),
  invalidCode: response(401, {
    error: 'invalid_code',
    message: 'the code is wrong, used or expired: ask for a new one',
  }),
  unauthorized: response(
    401,
    { error: 'unauthorized', message: 'sign in first: send Authorization: Bearer <token>' },
    { 'www-authenticate': 'Bearer' },
  ),
  applied: response(201, {
    applicationId: 'app_sim',
    accountId: 'acc_sim',
    seq: 1,
    status: 'received',
    createdAt: '1970-01-01T00:00:00.000Z',
  }),
  quotaFull: (quota: number) =>
    response(409, { error: 'quota_full', message: 'the intake is closed: the quota is reached', quota }),
  alreadyApplied: response(409, {
    error: 'already_applied',
    message: 'this account has already applied',
    applicationId: 'app_sim',
  }),
  notFound: response(404, { error: 'not_found', message: 'no such application for this account' }),
  interestCreated: response(201, {
    accountId: 'acc_sim',
    score: 0,
    attributes: {},
    submittedAt: '1970-01-01T00:00:00.000Z',
    invitedRound: null,
  }),
  interestSame: response(200, {
    accountId: 'acc_sim',
    score: 0,
    attributes: {},
    submittedAt: '1970-01-01T00:00:00.000Z',
    invitedRound: null,
  }),
  noInterest: response(404, { error: 'not_found', message: 'no expression of interest for this account' }),
  queueRequired: response(403, {
    error: 'queue_required',
    message: 'join the waiting room first (POST /api/queue) and send its token in x-queue-token once admitted',
  }),
  notInvited: response(403, {
    error: 'not_invited',
    message: 'applications are by invitation: submit an expression of interest and wait for a round',
  }),
  noQueue: response(200, { token: 'no-queue', admitted: true, position: 0, estimatedWaitMs: 0 }),
  unknownToken: response(404, { error: 'not_found', message: 'unknown queue token: join the queue again' }),
  gatewayTimeout: response(504, { error: 'timeout', message: 'the portal did not answer in time' }),
  busy: (retryAfterSec: number) => fromRejection(busy(retryAfterSec)),
};

/** What the client sees when its own timeout passes first: no response (status 0, cause timeout). */
export const CLIENT_TIMEOUT: SimResponse = { status: 0, headers: {}, body: '', fixed: -1 };
