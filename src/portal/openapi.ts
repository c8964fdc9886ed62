import * as S from './schemas.js';

/**
 * The OpenAPI 3.1 document of the reference portal's contract, built from the same
 * JSON Schemas Fastify validates with. Served at GET /openapi.json and written to
 * targets/reference-portal.openapi.json (a test keeps the file in step).
 */
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const err = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });
const busy = {
  description: 'Turned away (busy, or not_open before the intake opens): try again later',
  headers: {
    'Retry-After': { schema: { type: 'integer' }, description: 'seconds, rounded up' },
    'x-retry-after-ms': { schema: { type: 'integer' }, description: 'the exact hint in ms' },
  },
  ...json({ $ref: '#/components/schemas/Error' }),
};
const bearer = [{ bearer: [] }];
const operator = [{ operator: [] }];
const queueState = {
  type: 'object',
  required: ['token', 'admitted'],
  properties: {
    token: { type: 'string' },
    admitted: { type: 'boolean' },
    position: { type: ['integer', 'null'], description: '1-based place among those waiting; null in the pre-queue' },
    estimatedWaitMs: { type: 'integer' },
  },
};
const queued = {
  description: 'Waiting: poll GET /api/queue/{token}',
  headers: {
    'x-queue-position': { schema: { type: 'string' }, description: 'place in line, or "pre-queue" before the opening' },
    'x-estimated-wait-ms': { schema: { type: 'integer' } },
    'Retry-After': { schema: { type: 'integer' } },
    'x-retry-after-ms': { schema: { type: 'integer' }, description: 'when to poll again' },
  },
  ...json(queueState),
};

export function openapiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'launch-rehearsal reference portal',
      version: '1.0.0',
      description:
        'A portal with explicit capacity and one of four admission designs (open, throttle, waiting-room, eoi). Every endpoint exists under every strategy; the strategy decides who gets through. Any served request may be answered 503 (throttle) or 504 (open: waited too long for a worker).',
    },
    servers: [{ url: 'http://127.0.0.1:8080' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'token from POST /api/accounts or POST /api/sessions' },
        operator: { type: 'http', scheme: 'bearer', description: 'the operator token printed by `rehearse portal`' },
      },
      schemas: {
        Error: S.Error,
        AccountInput: S.AccountInput,
        AccountCreated: S.AccountCreated,
        ApplicationInput: S.ApplicationInput,
        Application: S.Application,
        CodeInput: S.CodeInput,
        SessionInput: S.SessionInput,
        InterestInput: S.InterestInput,
        RoundInput: S.RoundInput,
        QueueState: queueState,
      },
    },
    paths: {
      '/': {
        get: {
          summary: 'Home page (HTML)',
          operationId: 'browse',
          responses: { 200: { description: 'HTML page' }, 503: busy },
        },
      },
      '/info/{page}': {
        get: {
          summary: 'Information page (HTML)',
          parameters: [
            {
              name: 'page',
              in: 'path',
              required: true,
              schema: { type: 'string', enum: ['home', 'programs', 'eligibility', 'fees'] },
            },
          ],
          responses: { 200: { description: 'HTML page' }, 404: err('No such page'), 503: busy },
        },
      },
      '/api/eligibility': {
        get: {
          summary: 'Eligibility check (synthetic points grid, 50 points needed)',
          operationId: 'checkEligibility',
          parameters: Object.entries(S.EligibilityQuery.properties).map(([name, schema]) => ({
            name,
            in: 'query',
            schema,
          })),
          responses: {
            200: json({
              type: 'object',
              properties: {
                eligible: { type: 'boolean' },
                points: { type: 'integer' },
                reasons: { type: 'array', items: { type: 'string' } },
              },
            }),
            400: err('Invalid query'),
            503: busy,
          },
        },
      },
      '/api/accounts': {
        post: {
          summary: 'Create an account; returns a bearer token',
          operationId: 'createAccount',
          parameters: [
            {
              name: 'x-queue-token',
              in: 'header',
              schema: { type: 'string' },
              description: 'waiting-room: an admitted queue token',
            },
          ],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/AccountInput' }) },
          responses: {
            201: { description: 'Created', ...json({ $ref: '#/components/schemas/AccountCreated' }) },
            400: err('Invalid body'),
            403: err('waiting-room: queue_required'),
            409: err('account_exists'),
            413: err('Body too large'),
            503: busy,
          },
        },
      },
      '/api/codes': {
        post: {
          summary: 'E-mail a one-time sign-in code (same answer whether or not the address is on file)',
          operationId: 'requestCode',
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/CodeInput' }) },
          responses: { 202: { description: 'Sent if on file' }, 400: err('Invalid body'), 503: busy },
        },
      },
      '/api/sessions': {
        post: {
          summary:
            'Sign in with a one-time code (single use, expires; 5 wrong guesses per account in 15 min, whatever the code, then 429)',
          operationId: 'signIn',
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/SessionInput' }) },
          responses: {
            200: { description: 'Signed in', ...json({ $ref: '#/components/schemas/AccountCreated' }) },
            400: err('Invalid body'),
            401: err('invalid_code'),
            429: err('too_many_guesses (Retry-After)'),
            503: busy,
          },
        },
      },
      '/dev/mailbox/{email}': {
        get: {
          summary:
            'The simulated inbox: shows anyone any code, so served only with devMailbox: true (`rehearse portal --dev-mailbox`)',
          operationId: 'readMailbox',
          parameters: [{ name: 'email', in: 'path', required: true, schema: { type: 'string', format: 'email' } }],
          responses: {
            200: json({
              type: 'object',
              properties: {
                messages: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: { type: 'integer' },
                      subject: { type: 'string' },
                      code: { type: 'string' },
                      sentAt: { type: 'string' },
                    },
                  },
                },
              },
            }),
            404: err('No mail'),
          },
        },
      },
      '/api/queue': {
        post: {
          summary: 'Join the waiting room (admitted at once under other strategies)',
          operationId: 'enterQueue',
          responses: { 200: { description: 'Admitted', ...json(queueState) }, 202: queued },
        },
      },
      '/api/queue/{token}': {
        get: {
          summary: 'Where a queue token stands',
          operationId: 'pollQueue',
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: 'Admitted: send the token in x-queue-token', ...json(queueState) },
            202: queued,
            404: err('Unknown token'),
          },
        },
      },
      '/api/applications': {
        post: {
          summary: 'Submit an application under the quota (one transaction; never over-sold)',
          operationId: 'submitApplication',
          security: bearer,
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              schema: { type: 'string', maxLength: 200 },
              description: 'a retry with the same key replays the first answer and takes no second place',
            },
            {
              name: 'x-queue-token',
              in: 'header',
              schema: { type: 'string' },
              description: 'waiting-room: an admitted queue token',
            },
          ],
          requestBody: { ...json({ $ref: '#/components/schemas/ApplicationInput' }) },
          responses: {
            201: { description: 'Accepted', ...json({ $ref: '#/components/schemas/Application' }) },
            400: err('Invalid body'),
            401: err('Not signed in'),
            403: err('queue_required (waiting-room), not_invited (eoi), or accountId mismatch'),
            409: err('quota_full or already_applied'),
            503: busy,
          },
        },
      },
      '/api/applications/mine': {
        get: {
          summary: "The signed-in candidate's own application",
          operationId: 'checkStatus',
          security: bearer,
          responses: {
            200: { description: 'Own application', ...json({ $ref: '#/components/schemas/Application' }) },
            401: err('Not signed in'),
            404: err('None'),
            503: busy,
          },
        },
      },
      '/api/applications/{id}': {
        get: {
          summary: 'An application by id: only its owner sees it (anyone else gets 404)',
          security: bearer,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: 'Own application', ...json({ $ref: '#/components/schemas/Application' }) },
            401: err('Not signed in'),
            404: err('Not found or not yours'),
            503: busy,
          },
        },
      },
      '/api/interests': {
        post: {
          summary:
            'Submit an expression of interest into the ranked pool (always accepted; a second returns the first)',
          operationId: 'submitInterest',
          security: bearer,
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/InterestInput' }) },
          responses: {
            201: { description: 'In the pool' },
            200: { description: 'Already in the pool' },
            400: err('Invalid body'),
            401: err('Not signed in'),
            503: busy,
          },
        },
      },
      '/api/interests/mine': {
        get: {
          summary: 'Own expression of interest and invitation',
          security: bearer,
          responses: { 200: { description: 'Own interest' }, 401: err('Not signed in'), 404: err('None') },
        },
      },
      '/admin/rounds': {
        post: {
          summary:
            'Invitation round: invite the top `size` uninvited profiles meeting the criteria (score desc, then submission order)',
          operationId: 'inviteRound',
          security: operator,
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/RoundInput' }) },
          responses: {
            201: {
              description:
                'The round, the invited account ids (`invited`) and their candidate ids (`candidates`, when accounts carry one)',
            },
            400: err('Invalid body'),
            401: err('Operator token required'),
          },
        },
        get: {
          summary: 'Every round so far',
          security: operator,
          responses: { 200: { description: 'Rounds' }, 401: err('Operator token required') },
        },
      },
      '/admin/stats': {
        get: {
          summary: "The portal's own counts (no personal data)",
          responses: { 200: { description: 'PortalStats' } },
        },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
  };
}
