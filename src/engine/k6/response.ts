/**
 * k6's response as the target layer sees it (TargetResponse), for the k6 script. Part
 * of the bundle: imports only types. Built once per request, so it copies no more than
 * the target can read: k6 parses `res.cookies` into objects on every access and keeps
 * the session's cookies in its own jar (reset each iteration), so the Set-Cookie values
 * are copied only for a target whose rules read them.
 */
import type { Response } from 'k6/http';
import { requestsOf } from '../../target/request.js';
import type { RequestSpec, TargetFile, TargetResponse } from '../../target/types.js';

const isSetCookie = (name: string) => name.toLowerCase() === 'set-cookie';

function specReadsSetCookie(spec: RequestSpec | { classify?: RequestSpec['classify'] }): boolean {
  if (spec.classify?.some((r) => r.header && isSetCookie(r.header.name))) return true;
  const capture = 'capture' in spec ? spec.capture : undefined;
  return Object.values(capture ?? {}).some((c) => c.from === 'cookie' || (c.from === 'header' && isSetCookie(c.name)));
}

/** Whether any classification rule or capture of the target reads a response's Set-Cookie. */
export function readsSetCookie(target: TargetFile): boolean {
  if (specReadsSetCookie(target)) return true;
  for (const spec of Object.values(target.operations)) {
    if (!spec) continue;
    if ('requests' in spec && specReadsSetCookie(spec)) return true;
    if (requestsOf(spec).some(specReadsSetCookie)) return true;
  }
  return false;
}

/** The response with lower-case header names; Set-Cookie as `name=value` pairs when `cookies`. */
export function toTargetResponse(res: Response, cookies: boolean): TargetResponse {
  const headers: TargetResponse['headers'] = {};
  const raw = res.headers;
  for (const k of Object.keys(raw)) headers[k.toLowerCase()] = raw[k];
  if (cookies) {
    const list: string[] = [];
    const jar = res.cookies ?? {};
    for (const name of Object.keys(jar)) for (const c of jar[name] ?? []) list.push(`${c.name}=${c.value}`);
    if (list.length > 0) headers['set-cookie'] = list;
  }
  const body = res.body;
  return { status: res.status, headers, body: typeof body === 'string' ? body : '' };
}
