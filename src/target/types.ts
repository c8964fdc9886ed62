import type { Operation, ResultClass } from '../journey/types.js';

/**
 * A target file maps the journey's abstract operations onto one portal's HTTP API
 * and says how that portal's responses are classified. It is plain data (JSON or a
 * TypeScript default export) so it can be bundled into a k6 script unchanged.
 *
 * Templates: `{{candidate.email}}`, `{{candidate.id}}`, `{{vars.token}}`, `{{uuid}}`
 * (deterministic per candidate and attempt), `{{attempt}}`. Validation and the JSON
 * schema live in ./schema.ts; loading (JSON or TypeScript) in ./load.ts.
 */
export interface TargetFile {
  /** Editor hint: "./target.schema.json". */
  $schema?: string;
  name: string;
  description?: string;
  /** Default base URL; `--base-url` overrides it. */
  baseUrl?: string;
  /** Headers sent with every request (templated). */
  headers?: Record<string, string>;
  /** Default per-request timeout. */
  timeoutMs?: number;
  /** Default values of `{{vars.*}}` until a capture sets them (e.g. an operator token). */
  variables?: Record<string, string>;
  operations: Partial<Record<Operation, RequestSpec>>;
  /** Rules tried after an operation's own rules; first match wins; then the defaults. */
  classify?: ClassifyRule[];
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path (or absolute URL) template. */
  path: string;
  /** Query parameters, templated and URL-encoded. */
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** JSON body: values are templated strings (or nested objects/arrays of them). */
  json?: unknown;
  /** Form body (application/x-www-form-urlencoded), templated. */
  form?: Record<string, string>;
  /** Values to capture from the response into `vars`. */
  capture?: Record<string, CaptureRule>;
  classify?: ClassifyRule[];
  timeoutMs?: number;
}

export type CaptureRule =
  | { from: 'json'; pointer: string }
  | { from: 'header'; name: string }
  | { from: 'cookie'; name: string }
  | { from: 'regex'; pattern: string; group?: number };

export interface ClassifyRule {
  class: ResultClass;
  /** Exact statuses, or a class like "5xx". */
  status?: Array<number | string> | number | string;
  /** Header that must be present (and match `match`, a regular expression, if given). */
  header?: { name: string; match?: string };
  /** Regular expression the body must match. */
  body?: string;
}

/** A response as the target layer sees it, whatever HTTP client fetched it. */
export interface TargetResponse {
  status: number;
  /** Lower-case header names; repeated headers joined by ", " except set-cookie (array). */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request ready for an HTTP client. */
export interface BuiltRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}
