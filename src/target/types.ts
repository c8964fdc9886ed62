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
  /**
   * Follow redirects (301, 302, 303, 307, 308) for every operation; default false: a form
   * portal's 302 is its answer (the new file's id in Location, or a busy page), so the
   * redirect itself is classified and captured. An operation's own setting wins.
   */
  followRedirects?: boolean;
  operations: Partial<Record<Operation, OperationSpec>>;
  /** Rules tried after an operation's own rules; first match wins; then the defaults. */
  classify?: ClassifyRule[];
}

/**
 * An operation: one request, or a short sequence of them (fetch the form for its token,
 * post it). Each request has its own captures and classification; captured values are
 * usable by the requests after it; the operation's class is that of the first request
 * that is not ok, or else of the last.
 */
export type OperationSpec = RequestSpec | RequestSequence;

export interface RequestSequence {
  requests: RequestSpec[];
  /** Rules tried for every request of the sequence after its own, before the target's. */
  classify?: ClassifyRule[];
  /** Follow redirects in this operation (overrides the target's setting). */
  followRedirects?: boolean;
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
  /** Follow redirects for this request (overrides the operation's and the target's setting). */
  followRedirects?: boolean;
}

/**
 * Where a captured value comes from, then optionally a regular expression on it whose
 * group (default: the first group, or the whole match when there is none) is the value:
 * `{ from: 'header', name: 'location', regex: '^/dossier/(\\w+)' }`.
 */
export type CaptureRule =
  | ((
      | { from: 'json'; pointer: string }
      | { from: 'header'; name: string }
      | { from: 'cookie'; name: string }
      | { from: 'body' }
      | { from: 'status' }
    ) & { regex?: string; group?: number })
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
