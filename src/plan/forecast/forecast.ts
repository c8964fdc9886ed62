/**
 * A scenario's day forecast at a capacity:
 *
 *   scenario + capacity ─► fluid inputs ─► fluid run (point forecast)
 *                                     ├─► Monte Carlo bands (uncertain inputs)
 *                                     ├─► waiting-room waits (FCFS, shuffled pre-queue)
 *                                     └─► bistability check
 */
import { seededRandom } from '../../compare/stats/random.js';
import type { Scenario } from '../../scenario/types.js';
import { bistability, type Bistability } from './bistability.js';
import { runFluid, type FluidResult } from './fluid.js';
import { fluidInputs } from './inputs.js';
import { monteCarlo, type MonteCarlo } from './monte-carlo.js';
import { waitingRoomWaits, type WaitingRoomWaits } from './waiting-room.js';

export const FORECAST_VERSION = 1;

export interface Forecast {
  version: typeof FORECAST_VERSION;
  kind: 'forecast';
  scenario: { name: string; scale: number; timeScale: number; population: number; quota: number | null };
  capacity: { perSec: number; source: string; admission: 'reject' | 'queue'; slots: number; responseMs: number };
  /** Every time below is run time (the scenario's time scale); multiply by timeScale for the real day. */
  point: Omit<FluidResult, 'series'>;
  series: FluidResult['series'];
  monteCarlo: MonteCarlo;
  waitingRoom: WaitingRoomWaits;
  bistability: Bistability;
}

export function forecastDay(
  s: Scenario,
  o: {
    capacityPerSec: number;
    source: string;
    clientTimeoutMs?: number;
    responseMs?: number;
    capacityRange?: [number, number];
    runs?: number;
    seed?: number;
  },
): Forecast {
  const inp = fluidInputs(s, o.capacityPerSec, o.clientTimeoutMs ?? 10_000, o.responseMs);
  const point = runFluid(inp);
  const { series, ...rest } = point;
  return {
    version: FORECAST_VERSION,
    kind: 'forecast',
    scenario: {
      name: s.name,
      scale: s.knobs.scale,
      timeScale: s.knobs.timeScale,
      population: s.population,
      quota: s.portal.quota ?? null,
    },
    capacity: {
      perSec: o.capacityPerSec,
      source: o.source,
      admission: inp.admission,
      slots: inp.slots,
      responseMs: inp.responseMs,
    },
    point: rest,
    series,
    monteCarlo: monteCarlo(inp, {
      runs: o.runs ?? 100,
      seed: o.seed ?? 1,
      ...(o.capacityRange ? { capacityRange: o.capacityRange } : {}),
    }),
    waitingRoom: waitingRoomWaits(
      s.curve,
      s.windowMs,
      s.openingMs,
      s.population,
      inp.admitPerSec,
      seededRandom(o.seed ?? 1),
    ),
    bistability: bistability(inp),
  };
}
