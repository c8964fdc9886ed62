import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Candidate } from '../../../src/population/types.js';
import { normalize } from '../../../src/scenario/normalize.js';
import type { Scenario, ScenarioInput } from '../../../src/scenario/types.js';
import type { TargetFile } from '../../../src/target/types.js';

/** Hand-built candidates: arrivals every `gapMs`, patient, retrying quickly. */
export function candidates(n: number, gapMs: number, patienceMs = 5_000): Candidate[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${String(i).padStart(6, '0')}`,
    seq: i,
    seed: 1000 + i,
    arrivalMs: i * gapMs,
    firstName: 'Test',
    lastName: `Candidate${i}`,
    email: `c${i}@example.test`,
    country: i % 2 ? 'FR' : 'MA',
    locale: 'fr',
    persona: { name: 'test', patienceMs, retry: 'fixed', retryBaseMs: 20, retryCapMs: 100, thinkMs: 0 },
  }));
}

export function scenario(overrides: Partial<ScenarioInput> = {}): Scenario {
  return normalize({
    name: 'engine-test',
    title: 'engine test',
    description: 'hand-built',
    population: 10,
    windowMin: 0.01,
    curve: [{ atMin: 0, rate: 1 }],
    countries: { FR: 1 },
    personas: [],
    journey: { steps: [{ op: 'submitApplication' }], success: 'accepted', retryOnError: false },
    portal: { strategy: 'throttle', workers: 1, serviceMs: 1, quota: 10 },
    sources: [],
    ...overrides,
  });
}

export const target: TargetFile = {
  name: 'fixture',
  operations: {
    submitApplication: {
      method: 'POST',
      path: '/apply',
      json: { id: '{{candidate.id}}', seq: '{{candidate.seq}}' },
      classify: [{ class: 'quota_full', status: 409 }],
    },
  },
};

export interface FixtureServer {
  url: string;
  server: Server;
  requests: number;
  close(): Promise<void>;
}

/** A loopback server whose answers depend only on the request, never on timing. */
export async function fixtureServer(
  handler: (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void,
): Promise<FixtureServer> {
  const state = { requests: 0 };
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (d: Buffer) => (data += d.toString()));
    req.on('end', () => {
      state.requests++;
      handler(data ? (JSON.parse(data) as Record<string, unknown>) : {}, req, res);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function readLines(
  text: string,
): Array<{ type: string; metric: string; data: { value: number; tags: Record<string, string> } }> {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map(
      (l) => JSON.parse(l) as { type: string; metric: string; data: { value: number; tags: Record<string, string> } },
    );
}
