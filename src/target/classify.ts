import type { Operation, ResultClass } from '../journey/types.js';
import type { CaptureRule, ClassifyRule, TargetFile, TargetResponse } from './types.js';
import { userRegex } from './user-regex.js';

/**
 * Classifies a response: the operation's rules, then the target's, first match wins,
 * then the defaults below. Pure, so node and k6 classify identically.
 */
export function classify(target: TargetFile, op: Operation, res: TargetResponse): ResultClass {
  const rules = [...(target.operations[op]?.classify ?? []), ...(target.classify ?? [])];
  for (const rule of rules) if (matches(rule, res)) return rule.class;
  return defaultClass(res.status);
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

function header(res: TargetResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

function statusMatches(want: number | string, status: number): boolean {
  if (typeof want === 'number') return want === status;
  const m = /^([1-5])xx$/i.exec(want);
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
  if (s !== undefined && /^\d+(\.\d+)?$/.test(s.trim())) return Number(s) * 1000;
  return undefined;
}

/** Applies an operation's capture rules; missing values are simply not captured. */
export function captureValues(target: TargetFile, op: Operation, res: TargetResponse): Record<string, string> {
  const rules = target.operations[op]?.capture;
  const out: Record<string, string> = {};
  if (!rules) return out;
  let json: unknown;
  let parsed = false;
  for (const [name, rule] of Object.entries(rules)) {
    const v = captureOne(rule, res, () => {
      if (!parsed) {
        parsed = true;
        try {
          json = JSON.parse(res.body);
        } catch {
          json = undefined;
        }
      }
      return json;
    });
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function captureOne(rule: CaptureRule, res: TargetResponse, json: () => unknown): string | undefined {
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
    case 'regex':
      return userRegex(rule.pattern).group(res.body, rule.group ?? 1);
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
