import type { Operation } from '../journey/types.js';
import { renderString, renderValue, type TemplateContext } from './template.js';
import type { BuiltRequest, OperationSpec, RequestSpec, TargetFile } from './types.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

// Hoisted: k6's runtime (goja) compiles a regex literal each time it is evaluated.
const ABSOLUTE = /^https?:\/\//i;

/** The requests of an operation, in order (one for the single-request form). */
export function requestsOf(spec: OperationSpec): RequestSpec[] {
  return 'requests' in spec ? spec.requests : [spec];
}

/** Where a request sits in the file, for messages: operations.signIn or operations.signIn.requests[1]. */
export function requestWhere(spec: OperationSpec, op: string, index: number): string {
  return 'requests' in spec ? `operations.${op}.requests[${index}]` : `operations.${op}`;
}

/** The operation's spec, or a clear error (callers check the journey against the target first). */
export function operationSpec(target: TargetFile, op: Operation): OperationSpec {
  const spec = target.operations[op];
  if (!spec) throw new Error(`target ${target.name}: no mapping for operation ${op}`);
  return spec;
}

/**
 * Builds the HTTP request for an operation's request (the first by default). Pure: used
 * by the node and k6 engines alike.
 */
export function buildRequest(
  target: TargetFile,
  op: Operation,
  baseUrl: string,
  ctx: TemplateContext,
  index = 0,
): BuiltRequest {
  const spec = requestsOf(operationSpec(target, op))[index];
  if (!spec) throw new Error(`target ${target.name}: operation ${op} has no request ${index + 1}`);
  return buildSpecRequest(target, spec, baseUrl, ctx);
}

export function buildSpecRequest(
  target: TargetFile,
  spec: RequestSpec,
  baseUrl: string,
  ctx: TemplateContext,
): BuiltRequest {
  // Target-level variables are defaults that captured values override.
  if (target.variables)
    // Object.assign, not spread: see operation.ts (the k6 bundle builds every request).
    ctx = Object.assign({}, ctx, {
      vars: Object.assign({}, target.variables, ctx.vars as Record<string, unknown> | undefined),
    });
  const path = renderString(spec.path, ctx);
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  let url = ABSOLUTE.test(path) ? path : base + (path.startsWith('/') ? path : `/${path}`);
  if (spec.query) {
    const qs = Object.entries(spec.query)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(renderString(v, ctx))}`)
      .join('&');
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }
  const headers: Record<string, string> = {};
  // The spec's headers override the target's (the same name in any case).
  if (target.headers)
    for (const k of Object.keys(target.headers)) headers[k.toLowerCase()] = target.headers[k] as string;
  if (spec.headers) for (const k of Object.keys(spec.headers)) headers[k.toLowerCase()] = spec.headers[k] as string;
  for (const k of Object.keys(headers)) headers[k] = renderString(headers[k] as string, ctx);
  let body: string | undefined;
  if (spec.json !== undefined) {
    body = JSON.stringify(renderValue(spec.json, ctx));
    headers['content-type'] ??= 'application/json';
  } else if (spec.form) {
    body = Object.entries(spec.form)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(renderString(v, ctx))}`)
      .join('&');
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  const timeoutMs = spec.timeoutMs ?? target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return body !== undefined
    ? { method: spec.method, url, headers, body, timeoutMs }
    : { method: spec.method, url, headers, timeoutMs };
}
