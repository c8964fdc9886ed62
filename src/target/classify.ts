import type { Operation, ResultClass } from '../journey/types.js';
import { requestsOf } from './request.js';
import type { CaptureRule, ClassifyRule, RequestSpec, TargetFile, TargetResponse } from './types.js';
import { userRegex } from './user-regex.js';

/**
 * The rules that classify one request of an operation, in the order they are tried:
 * the request's own, the sequence's (an operation of several requests), the target's.
 */
export function rulesFor(target: TargetFile, op: Operation, index: number): ClassifyRule[] {
  // An operation the target does not map (a portal without that step) gets the file's rules.
  const spec = target.operations[op];
  if (!spec) return [...(target.classify ?? [])];
  const own = requestsOf(spec)[index]?.classify ?? [];
  return [...own, ...('requests' in spec ? (spec.classify ?? []) : []), ...(target.classify ?? [])];
}

/** First matching rule wins, then the defaults below. Pure, so node and k6 classify identically. */
export function classifyWith(rules: readonly ClassifyRule[], res: TargetResponse): ResultClass {
  for (const rule of rules) if (matches(rule, res)) return rule.class;
  return defaultClass(res.status);
}

/** Classifies a response to an operation's last (or only) request. */
export function classify(target: TargetFile, op: Operation, res: TargetResponse): ResultClass {
  const spec = target.operations[op];
  return classifyWith(rulesFor(target, op, spec ? requestsOf(spec).length - 1 : 0), res);
}

/**
 * 2xx ok; 3xx ok too (a form post answered by a redirect — post/redirect/get — is a
 * success unless a rule says the redirect goes to a busy page); 429 and 503 throttled
 * (the standard "try again later"); other 4xx invalid; the rest error.
 */
export function defaultClass(status: number): ResultClass {
  if (status >= 200 && status < 400) return 'ok';
  if (status === 429 || status === 503) return 'throttled';
  if (status >= 400 && status < 500) return 'invalid';
  return 'error';
}

// Hoisted: k6's runtime (goja) compiles a regex literal each time it is evaluated.
const STATUS_CLASS = /^([1-5])xx$/i;
const DELTA_SECONDS = /^\d+(\.\d+)?$/;

function header(res: TargetResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

function statusMatches(want: number | string, status: number): boolean {
  if (typeof want === 'number') return want === status;
  const m = STATUS_CLASS.exec(want);
  if (m) return Math.floor(status / 100) === Number(m[1]);
  return Number(want) === status;
}

export function matches(rule: ClassifyRule, res: TargetResponse): boolean {
  if (rule.status !== undefined) {
    const list = Array.isArray(rule.status) ? rule.status : [rule.status];
    if (!list.some((s) => statusMatches(s, res.status))) return false;
  }
  if (rule.header) {
    const v = header(res, rule.header.name);
    if (v === undefined) return false;
    if (rule.header.match !== undefined && !userRegex(rule.header.match).test(v)) return false;
  }
  if (rule.body !== undefined && !userRegex(rule.body).test(res.body)) return false;
  return true;
}

/** Retry-After in ms (delta-seconds form; HTTP-date form is treated as absent), or a ms header. */
export function retryAfterMs(res: TargetResponse): number | undefined {
  const ms = header(res, 'x-retry-after-ms');
  if (ms !== undefined && Number.isFinite(Number(ms))) return Number(ms);
  const s = header(res, 'retry-after');
  if (s !== undefined && DELTA_SECONDS.test(s.trim())) return Number(s) * 1000;
  return undefined;
}

/** Applies the capture rules of an operation's last (or only) request. */
export function captureValues(target: TargetFile, op: Operation, res: TargetResponse): Record<string, string> {
  const spec = target.operations[op];
  return captureWith(spec ? requestsOf(spec).at(-1)?.capture : undefined, res);
}

/** Applies capture rules to a response; missing values (or failed regexes) are simply not captured. */
export function captureWith(rules: RequestSpec['capture'], res: TargetResponse): Record<string, string> {
  const out: Record<string, string> = {};
  if (!rules) return out;
  let json: unknown;
  let parsed = false;
  const doc = () => {
    if (!parsed) {
      parsed = true;
      try {
        json = JSON.parse(res.body);
      } catch {
        json = undefined;
      }
    }
    return json;
  };
  for (const [name, rule] of Object.entries(rules)) {
    const v = captureOne(rule, res, doc);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** The value a rule reads: its source, then its regex (group 1 by default, or the whole match when the pattern has no group). */
function captureOne(rule: CaptureRule, res: TargetResponse, json: () => unknown): string | undefined {
  if (rule.from === 'regex') return userRegex(rule.pattern).group(res.body, rule.group ?? 1);
  const v = source(rule, res, json);
  if (v === undefined || rule.regex === undefined) return v;
  const re = userRegex(rule.regex);
  return rule.group !== undefined ? re.group(v, rule.group) : (re.group(v, 1) ?? re.group(v, 0));
}

function source(
  rule: Exclude<CaptureRule, { from: 'regex' }>,
  res: TargetResponse,
  json: () => unknown,
): string | undefined {
  switch (rule.from) {
    case 'json': {
      const v = jsonPointer(json(), rule.pointer);
      return v === undefined || v === null ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    case 'header':
      return header(res, rule.name);
    case 'cookie': {
      const raw = res.headers['set-cookie'];
      const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
      for (const c of list) {
        const [pair] = c.split(';');
        const eq = pair?.indexOf('=') ?? -1;
        if (pair && eq > 0 && pair.slice(0, eq).trim() === rule.name) return pair.slice(eq + 1).trim();
      }
      return undefined;
    }
    case 'body':
      return res.body;
    case 'status':
      return String(res.status);
  }
}

/** RFC 6901 JSON Pointer. */
export function jsonPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let cur = doc;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
