// One k6 VU: loads the bundled script once (init context), then runs iterations
// on command. Its k6 globals (__ENV, open) are set before the script runs.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { runInThisContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';

// k6's module names and their stand-ins beside this file. Anything else the script requires
// fails, so a bundle using anything k6 lacks cannot load here either.
const SHIMS = {
  k6: './k6.mjs',
  'k6/http': './http.mjs',
  'k6/data': './data.mjs',
  'k6/execution': './execution.mjs',
  'k6/metrics': './metrics.mjs',
};
const loaded = {};
for (const [name, file] of Object.entries(SHIMS)) {
  const ns = await import(file);
  // What k6's require() returns (k6 js/modules/gomodule.go, toESModuleExports): a module's
  // default alone when it has no named exports, else the named ones with `default` and
  // `__esModule`. A k6 module's default object carries the same members as its named
  // exports; some stand-ins export a member only in the default, so it is copied in too
  // (as property descriptors: execution.mjs answers through getters).
  const named = Object.entries(ns).filter(([k]) => k !== 'default');
  loaded[name] =
    named.length === 0
      ? ns.default
      : Object.defineProperties(
          { ...Object.fromEntries(named), default: ns.default, __esModule: true },
          Object.getOwnPropertyDescriptors(ns.default ?? {}),
        );
}
const { resetCookies } = await import('./http.mjs');
const { script, env, http, scenario, vuId } = workerData;
globalThis.__ENV = env;
globalThis.open = (p) => readFileSync(resolve(dirname(script), p), 'utf8');
globalThis.__k6 = {
  http,
  samples: [],
  requests: [],
  scenario: { name: scenario, startTime: 0, iterationInTest: 0, iterationInInstance: 0 },
  vu: { idInTest: vuId, metrics: { tags: {}, metadata: {} } },
};
// The script is CommonJS, run as k6 runs it (js/compiler: `(function(module, exports){…})`).
const module = { exports: {} };
runInThisContext(`(function (module, exports, require) {\n${readFileSync(script, 'utf8')}\n})`, { filename: script })(
  module,
  module.exports,
  (name) => {
    if (!Object.hasOwn(loaded, name)) throw new Error(`the k6 script imports "${name}", which k6 does not provide`);
    return loaded[name];
  },
);
const mod = module.exports;
parentPort.postMessage({ type: 'ready', options: mod.options });
parentPort.on('message', (m) => {
  if (m.type === 'setup') {
    mod.setup?.();
    parentPort.postMessage({ type: 'setup-done' });
    return;
  }
  globalThis.__k6.scenario = {
    name: scenario,
    startTime: m.startTime,
    iterationInTest: m.iterationInTest,
    iterationInInstance: m.iterationInInstance,
  };
  globalThis.__k6.samples = [];
  globalThis.__k6.requests = [];
  resetCookies();
  let error;
  try {
    mod[m.exec ?? 'default']();
  } catch (e) {
    error = String(e?.stack ?? e);
  }
  parentPort.postMessage({ type: 'done', samples: globalThis.__k6.samples, requests: globalThis.__k6.requests, error });
});
