/**
 * `{{path.to.value}}` substitution over plain data. Pure and dependency-free so the
 * k6 bundle can include it. Unknown paths render as an empty string and are reported
 * by `target check`, not at run time.
 */
export type TemplateContext = Record<string, unknown>;

const PATTERN = /\{\{\s*([\w.-]+)\s*\}\}/g;
const WHOLE = /^\{\{\s*([\w.-]+)\s*\}\}$/;

export function lookup(ctx: TemplateContext, path: string): unknown {
  let cur: unknown = ctx;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function renderString(template: string, ctx: TemplateContext): string {
  // Most strings of a target hold no placeholder; a regex replace costs tens of µs per
  // call in k6's runtime (goja), where every request of the bundle is built.
  if (!template.includes('{{')) return template;
  return template.replace(PATTERN, (_, path: string) => {
    const v = lookup(ctx, path);
    return v === undefined || v === null ? '' : String(v);
  });
}

/** Renders every string inside a JSON value; a string that is exactly one placeholder keeps the value's type. */
export function renderValue(value: unknown, ctx: TemplateContext): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole?.[1]) {
      const v = lookup(ctx, whole[1]);
      return v === undefined ? null : v;
    }
    return renderString(value, ctx);
  }
  if (Array.isArray(value)) return value.map((v) => renderValue(v, ctx));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderValue(v, ctx)]));
  }
  return value;
}

/** Placeholders used by a template, for validation. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PATTERN)].map((m) => m[1] as string);
}
