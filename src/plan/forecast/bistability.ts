import type { FluidInputs } from './inputs.js';

export interface Bistability {
  /** True when an overloaded state can sustain itself on retries after the surge has passed. */
  bistable: boolean;
  /** Fresh requests per second after the surge (the arrival curve's last level × requests per visit). */
  postSurgeRequestsPerSec: number;
  capacityPerSec: number;
  /** Attempts a visitor makes while failing: 1 + patience ÷ retry delay, averaged over personas. */
  failingAmplification: number;
  /** Whether capacity is wasted under overload (queue mode, client timeout shorter than the portal's queue timeout). */
  wastesCapacity: boolean;
  explanation: string;
}

/**
 * Whether the portal has two stable states at the post-surge demand λ (Bronson et al.,
 * "Metastable failures in distributed systems", HotOS 2021; Huang et al., "Metastable
 * failures in the wild", OSDI 2022): a healthy one (λ below capacity, served as it comes)
 * and a congested one kept alive by retries alone. In the fluid model a congested state
 * holds when every visitor fails — goodput has collapsed — and the retries of failing
 * visitors, λ·(1 + P/d) with patience P and retry delay d, still exceed capacity. Goodput
 * collapses only where overload wastes work: a queue whose wait passes the client's
 * timeout before the portal's own queue timeout sheds it, so the workers serve requests
 * nobody is waiting for. A portal that rejects at once (a cap with 503, a waiting room)
 * keeps serving at capacity while overloaded, so its orbit drains and it cannot be
 * bistable in this model. Cost O(personas).
 */
export function bistability(inp: FluidInputs): Bistability {
  const last = inp.curve[inp.curve.length - 1]?.rate ?? 0;
  // Mean of the curve = population spread over the window: rate units → visitors per ms.
  let area = 0;
  for (let i = 1; i < inp.curve.length; i++)
    area += ((inp.curve[i]!.rate + inp.curve[i - 1]!.rate) / 2) * (inp.curve[i]!.atMs - inp.curve[i - 1]!.atMs);
  const visitorsPerSec = area > 0 ? ((inp.population * last) / area) * 1000 : 0;
  const post = visitorsPerSec * inp.ops.length;
  const amp = inp.personas.reduce(
    (a, p) => a + p.share * (1 + p.patienceMs / Math.max(p.honoursRetryAfter ? inp.retryAfterMs : p.retryMs, 1e-9)),
    0,
  );
  const wastes = inp.admission === 'queue' && inp.clientTimeoutMs < inp.queueTimeoutMs;
  const healthy = post < inp.capacityPerSec;
  const sustained = visitorsPerSec * amp > inp.capacityPerSec;
  const bistable = wastes && healthy && sustained;
  const explanation = bistable
    ? `after the surge ${post.toFixed(1)} requests/s is below capacity ${inp.capacityPerSec.toFixed(1)}/s, but once overloaded the portal wastes its work (client timeout ${inp.clientTimeoutMs} ms < queue timeout ${inp.queueTimeoutMs} ms) and failing visitors bring ${amp.toFixed(1)} attempts each: ${(visitorsPerSec * amp).toFixed(1)}/s keeps it overloaded on retries alone`
    : !healthy
      ? `fresh demand after the surge (${post.toFixed(1)} requests/s) is itself above capacity (${inp.capacityPerSec.toFixed(1)}/s): overloaded, not bistable`
      : !wastes
        ? 'the portal turns excess away at once (or sheds its queue before clients time out), so it keeps serving at capacity while overloaded and recovers once the surge passes'
        : `failing visitors would bring ${(visitorsPerSec * amp).toFixed(1)} attempts/s, below capacity: retries alone cannot keep it overloaded`;
  return {
    bistable,
    postSurgeRequestsPerSec: post,
    capacityPerSec: inp.capacityPerSec,
    failingAmplification: amp,
    wastesCapacity: wastes,
    explanation,
  };
}
