/**
 * A k6 script for test/engine/k6/derive.test.ts: the candidate source of the exported
 * script (`rehearsal:candidates`, bundled by bundle.ts exactly as for the driver), asked
 * for candidates 0…count−1 at the arrivals the driver gives them (iteration n's
 * scheduled start), printed as one JSON line.
 */
import { candidateAt } from 'rehearsal:candidates';
import embedded from 'rehearsal:config';
import type { DriverConfig } from '../../../src/engine/k6/config.js';
import { iterationClock } from '../../../src/scenario/arrival-clock.js';

const config = embedded as DriverConfig;
const scheduled = iterationClock(config.schedule);

export const options = { scenarios: { derive: { executor: 'per-vu-iterations', vus: 1, iterations: 1 } } };

export function derive(): unknown[] {
  const out: unknown[] = [];
  for (let n = 0; n < config.count; n++) out.push(candidateAt(n, scheduled(n + 1)));
  return out;
}

export default function (): void {
  console.log(JSON.stringify(derive()));
}
