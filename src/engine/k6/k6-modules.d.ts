/**
 * The few k6 JavaScript APIs the driver uses, typed for this project only (k6 ships
 * no npm package). Shapes follow the k6 documentation for k6 ≥ 0.43:
 * https://grafana.com/docs/k6/latest/javascript-api/
 * Nothing here exists under Node: only src/engine/k6/driver.ts may import these.
 */
declare module 'k6' {
  /** Suspends the VU for `seconds` (fractions allowed). */
  export function sleep(seconds: number): void;
}

declare module 'k6/http' {
  export interface Timings {
    blocked: number;
    connecting: number;
    tls_handshaking: number;
    sending: number;
    waiting: number;
    receiving: number;
    duration: number;
  }
  export interface ResponseCookie {
    name: string;
    value: string;
  }
  export interface Response {
    status: number;
    /** Canonical header names ("Retry-After"); repeated values joined with ", ". */
    headers: Record<string, string>;
    cookies: Record<string, ResponseCookie[]>;
    body: string | ArrayBuffer | null;
    timings: Timings;
    error: string;
    error_code: number;
  }
  export interface Params {
    headers?: Record<string, string>;
    tags?: Record<string, string>;
    timeout?: number | string;
    /** Redirects k6 follows itself (default 10); 0 returns the 3xx response. */
    redirects?: number;
    responseType?: 'text' | 'binary' | 'none';
  }
  const http: {
    request(method: string, url: string, body?: string | null, params?: Params): Response;
  };
  export default http;
}

declare module 'k6/execution' {
  const exec: {
    scenario: {
      name: string;
      /** Epoch ms when the scenario started. */
      startTime: number;
      iterationInInstance: number;
      /** Unique across every instance and execution segment of the test. */
      iterationInTest: number;
    };
    vu: {
      idInTest: number;
      /**
       * Per-VU metric tags and metadata (k6 ≥ 0.45): every sample the VU emits while a key
       * is set carries it. Metadata is written by `--out json` as `data.metadata` and, unlike
       * tags, makes no time series (high-cardinality values belong there).
       */
      metrics: { tags: Record<string, string>; metadata: Record<string, string> };
    };
    /** Aborts the whole test run with a message (k6 ≥ 0.35; exit code 108). */
    test: { abort(message?: string): never };
  };
  export default exec;
}

declare module 'k6/data' {
  export class SharedArray<T = unknown> {
    constructor(name: string, loader: () => T[]);
    readonly length: number;
    [index: number]: T;
  }
}

declare module 'k6/metrics' {
  export class Trend {
    constructor(name: string, isTime?: boolean);
    add(value: number, tags?: Record<string, string>): void;
  }
  export class Counter {
    constructor(name: string);
    add(value: number, tags?: Record<string, string>): void;
  }
}

/** The run's DriverConfig (src/engine/k6/config.ts), supplied by bundle.ts at bundle time. */
declare module 'rehearsal:config' {
  const config: unknown;
  export default config;
}

declare module 'rehearsal:locales' {
  /** Faker locale data by name, cut to what the generator reads (faker-subset.ts). */
  const locales: unknown;
  export default locales;
}

declare module 'rehearsal:candidates' {
  import type { Candidate } from '../../population/types.js';
  /** Candidate n, arriving `t` ms after the start of the arrival window; undefined past the population. */
  export const candidateAt: (n: number, t: number) => Candidate | undefined;
}
