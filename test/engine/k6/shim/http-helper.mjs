// Performs the VUs' requests with real HTTP (Node's fetch) and wakes each VU when
// its answer is ready.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ port, flag }) => {
  port.on('message', async (req) => {
    const t0 = performance.now();
    let out;
    try {
      // k6 follows up to `redirects` hops itself (default 10); 0 hands back the 3xx.
      const redirect = req.redirects === 0 ? 'manual' : 'follow';
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        redirect,
        signal: AbortSignal.timeout(req.timeoutMs),
      });
      const body = await res.text();
      out = {
        status: res.status,
        headers: [...res.headers].filter(([k]) => k !== 'set-cookie'),
        setCookies: res.headers.getSetCookie(),
        body,
      };
    } catch (e) {
      const code = e?.cause?.code;
      out = {
        status: 0,
        headers: [],
        setCookies: [],
        body: '',
        error: String(e),
        errorCode: e?.name === 'TimeoutError' ? 1050 : code === 'ECONNREFUSED' ? 1212 : 1000,
      };
    }
    out.durationMs = performance.now() - t0;
    port.postMessage(out);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
});
