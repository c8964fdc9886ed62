/**
 * JSON Schemas of the portal's request and response bodies: Fastify validates
 * requests with them (a bad body is a 400 with a message, never a 500) and the
 * OpenAPI document reuses them, so the contract and the code cannot drift apart.
 */
const email = { type: 'string', format: 'email', maxLength: 254 } as const;
const id = { type: 'string', minLength: 1, maxLength: 128 } as const;

// biome-ignore lint/suspicious/noShadowRestrictedNames: the schema's name in the OpenAPI document (components.schemas.Error)
export const Error = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' }, retryAfterMs: { type: 'number' } },
} as const;

export const AccountInput = {
  type: 'object',
  required: ['email', 'name'],
  additionalProperties: false,
  properties: {
    email,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    candidateId: id,
  },
} as const;

export const AccountCreated = {
  type: 'object',
  required: ['accountId', 'token'],
  properties: {
    accountId: { type: 'string' },
    token: { type: 'string', description: 'Bearer token for later requests' },
  },
} as const;

export const ApplicationInput = {
  type: 'object',
  additionalProperties: false,
  properties: { accountId: { type: 'string', maxLength: 128 }, note: { type: 'string', maxLength: 2000 } },
} as const;

export const Application = {
  type: 'object',
  required: ['applicationId', 'accountId', 'seq', 'status', 'createdAt'],
  properties: {
    applicationId: { type: 'string' },
    accountId: { type: 'string' },
    seq: { type: 'integer', description: 'order of acceptance, 1-based' },
    status: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const CodeInput = {
  type: 'object',
  required: ['email'],
  additionalProperties: false,
  properties: { email },
} as const;

export const SessionInput = {
  type: 'object',
  required: ['email', 'code'],
  additionalProperties: false,
  properties: { email, code: { type: 'string', pattern: '^[0-9]{6}$' } },
} as const;

export const EligibilityQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    age: { type: 'integer', minimum: 0, maximum: 130 },
    french: { type: 'string', enum: ['none', 'basic', 'intermediate', 'advanced'] },
    education: { type: 'string', enum: ['secondary', 'diploma', 'bachelor', 'master', 'doctorate'] },
  },
} as const;

export const InterestInput = {
  type: 'object',
  required: ['score'],
  additionalProperties: false,
  properties: {
    score: { type: 'number', minimum: 0, maximum: 10_000 },
    submittedAt: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'When the profile entered the pool (a rehearsal replays months of submissions); default now',
    },
    attributes: {
      type: 'object',
      maxProperties: 32,
      additionalProperties: { type: ['string', 'number', 'boolean', 'null'], maxLength: 200 },
    },
  },
} as const;

export const RoundInput = {
  type: 'object',
  required: ['size'],
  additionalProperties: false,
  properties: {
    size: { type: 'integer', minimum: 1, maximum: 100_000 },
    criteria: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        submittedBefore: { type: 'string', format: 'date-time', description: 'interest submitted strictly before' },
        minScore: { type: 'number' },
        attributes: {
          type: 'object',
          maxProperties: 32,
          description: 'attributes that must equal these values',
          additionalProperties: { type: ['string', 'number', 'boolean'] },
        },
      },
    },
  },
} as const;

export const IdParam = { type: 'object', required: ['id'], properties: { id } } as const;
export const TokenParam = { type: 'object', required: ['token'], properties: { token: id } } as const;
export const EmailParam = { type: 'object', required: ['email'], properties: { email } } as const;
