import { describeScenario } from '../scenario/describe.js';
import type { Scenario } from '../scenario/types.js';

export interface Peak {
  users: number;
  /** Mean time between one visitor's requests, s (think time plus service). */
  thinkTimeS: number;
  source: string;
}

/**
 * A scenario's own peak at full scale and real time: the most visitors in the system at
 * once (Little's law over the arrival curve, as `rehearse scenarios show` computes it)
 * and the mean time between one visitor's requests, the unimpeded visit length divided
 * by the requests in it. election-night: about 200,000 at once, one request a minute.
 * Pass a scenario normalised with scale 1 and time scale 1. Cost O(curve points · 2,000).
 */
export function scenarioPeak(s: Scenario): Peak {
  const p = describeScenario(s);
  return {
    users: p.peakConcurrency,
    thinkTimeS: p.visitMs / p.requestsPerVisit / 1000,
    source: `scenario ${s.name} at full scale (peak visitors at once by Little's law; ${p.requestsPerVisit} requests per ${(p.visitMs / 60_000).toFixed(1)}-minute visit)`,
  };
}
