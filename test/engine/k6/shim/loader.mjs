// Resolves k6's module names to the stand-ins beside this file; everything else
// fails, so a bundle importing anything k6 lacks cannot load here either.
const SHIMS = {
  k6: 'k6.mjs',
  'k6/http': 'http.mjs',
  'k6/data': 'data.mjs',
  'k6/execution': 'execution.mjs',
  'k6/metrics': 'metrics.mjs',
};

export async function resolve(specifier, context, next) {
  if (Object.hasOwn(SHIMS, specifier))
    return { url: new URL(SHIMS[specifier], import.meta.url).href, shortCircuit: true };
  if (context.parentURL?.endsWith('/script.js'))
    throw new Error(`the k6 script imports "${specifier}", which k6 does not provide`);
  return next(specifier, context);
}
