/**
 * A minimal loopback HTTP server for benchmarks, run in its own process so it does
 * not share the generator's event loop. Prints its port on stdout.
 *
 * It also notes when each request arrives (ms, sub-millisecond), so every contender in
 * bench/engine.ts is judged on the same evidence — the server's clock — whatever the
 * contender reports about itself. `GET /__arrivals` returns those times and forgets them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let arrivals: number[] = [];
const server = createServer((req, res) => {
  if (req.url === '/__arrivals') {
    const body = JSON.stringify(arrivals);
    arrivals = [];
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  arrivals.push(performance.now());
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
  res.end('ok');
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
// Bounded: a benchmark server never outlives ten minutes.
setTimeout(() => process.exit(0), 600_000).unref();
process.on('SIGTERM', () => process.exit(0));
