// One k6 VU: loads the bundled script once (init context), then runs iterations
// on command. Its k6 globals (__ENV, open) are set before the script is imported.
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

register(new URL('./loader.mjs', import.meta.url));
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
const mod = await import(new URL(`file://${script}`).href);
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
