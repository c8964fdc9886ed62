import type { Operation } from '../journey/types.js';
import { renderString, renderValue, type TemplateContext } from './template.js';
import type { BuiltRequest, TargetFile } from './types.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Builds the HTTP request for one operation. Pure: used by the node and k6 engines alike. */
export function buildRequest(target: TargetFile, op: Operation, baseUrl: string, ctx: TemplateContext): BuiltRequest {
  const spec = target.operations[op];
  if (!spec) throw new Error(`target ${target.name}: no mapping for operation ${op}`);
  // Target-level variables are defaults that captured values override.
  if (target.variables) ctx = { ...ctx, vars: { ...target.variables, ...(ctx.vars as Record<string, unknown> | undefined) } };
  const path = renderString(spec.path, ctx);
  let url = /^https?:\/\//.test(path) ? path : baseUrl.replace(/\/$/, '') + (path.startsWith('/') ? path : `/${path}`);
  if (spec.query) {
    const qs = Object.entries(spec.query)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(renderString(v, ctx))}`)
      .join('&');
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...target.headers, ...spec.headers })) headers[k.toLowerCase()] = renderString(v, ctx);
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
  return {
    method: spec.method,
    url,
    headers,
    ...(body !== undefined ? { body } : {}),
    timeoutMs: spec.timeoutMs ?? target.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}
