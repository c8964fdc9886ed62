import type { ScenarioInput } from '../src/scenario/types.js';
import electionNight from './election-night.js';

/**
 * Québec's immigration portal on 9 Nov 2016, the day after US election night: US
 * visitors about three times the daily average, more from Mexico too, and the portal
 * stayed up, while the federal site did not (`election-night`). A throttle (a cap on
 * requests in service at once, 503 "try again later" beyond it) with the capacity to
 * hold.
 *
 * | figure | value | source |
 * |---|---|---|
 * | unique pages seen by US visitors on 9 Nov | 14,137 (average 5,500–6,000 a day): ~3× | Dreuz.info, 16 Nov 2016 |
 * | unique pages seen by Mexican visitors on 9 Nov | 899 (average 300–800 a day) | Dreuz.info, 16 Nov 2016 |
 * | the portal's operation was not disrupted | stayed up | Dreuz.info, 16 Nov 2016 |
 *
 * Modelling choices (not in the source): one visitor per unique page counted, so
 * 14,137 US and 899 Mexican visitors; the rest of the day's visitors, unpublished,
 * taken as an ordinary day's on which the US brings about 10 % (the federal site's
 * share a week before, Agence QMI): 57,500 visitors a day, 51,200 of them from neither
 * country; the visit and personas of `election-night`; a day that starts with the
 * night's results and settles. The 899 Mexican visitors are in the mix but not a fidelity
 * row: at the default scale they are about 45, too few to tell 899 from the usual 300–800.
 */
const DREUZ = electionNight.sources[4]!;

/** The day 720× faster at 1/20: 3,312 visitors in two minutes of run time. */
const DEFAULTS = { scale: 0.05, timeScale: 720 };

const quebec: ScenarioInput = {
  ...electionNight,
  name: 'election-night-quebec',
  title: 'Québec immigration portal, the day after US election night 2016',
  description:
    'US visitors about 3× the daily average (14,137 against 5,500–6,000), more from Mexico; a throttled portal that stayed up.',
  startsAt: '2016-11-09T00:00:00-05:00',
  windowMin: 1_440,
  population: 14_137 + 899 + 51_200,
  curve: [
    { atMin: 0, rate: 3 }, // 00:00: the result is being confirmed
    { atMin: 180, rate: 1 },
    { atMin: 540, rate: 2 }, // 09:00: the working day
    { atMin: 1_080, rate: 1.5 },
    { atMin: 1_440, rate: 1 },
  ],
  countries: { US: 14_137, MX: 899, CA: 20_000, FR: 15_000, DZ: 5_000, MA: 5_000, TN: 2_200, BE: 2_000, CN: 2_000 },
  // At other knobs the same real-day portal (src/scenario/portal-scale.ts): at --scale 1 --time-scale 1, 16 workers × 720 ms, Retry-After 1 h.
  portal: { strategy: 'throttle', maxActive: 16, workers: 16, serviceMs: 20, retryAfterSec: 5, fittedAt: DEFAULTS },
  phases: [
    {
      name: 'the night of the result',
      atMin: 0,
      description: 'US and Mexican visitors arrive as the result is confirmed.',
    },
    { name: 'working day', atMin: 540, description: 'An ordinary day’s visitors on top.' },
  ],
  objectives: ['http_req_failed: rate<0.01'],
  sources: [
    { ...DREUZ, figure: '14,137 unique pages seen by US visitors on 9 Nov against 5,500–6,000 a day on average (~3×)' },
    { ...DREUZ, figure: '899 unique pages seen by Mexican visitors on 9 Nov against 300–800 a day' },
    { ...DREUZ, figure: 'the operation of the Québec portal was not disrupted' },
  ],
  defaults: DEFAULTS,
  calibration: [
    {
      setting: 'portal.maxActive, portal.workers, portal.serviceMs',
      fact: 'the Québec portal stayed up with about 3× its usual US visitors (Dreuz.info)',
      how:
        "Little's law (L = λW): the busiest hour (00:00) brings 3 × the day's mean rate, 66,236 × 3 / 1,440 min ≈ 138 visitors a minute, each making 6 requests in a 6-minute visit: " +
        'about 14 requests/s of the real day, 14 × scale 0.05 × time scale 720 ≈ 500/s of run time. 16 workers × 20 ms serve 800/s, and the cap of 16 in service at once ' +
        'answers any burst beyond with 503 and Retry-After instead of a queue: the portal holds, as it did.',
    },
  ],
  fidelity: [
    {
      fact: 'US visitors about 3× the daily average: 14,137',
      source: 0,
      measure: 'country-count',
      of: ['US'],
      min: 13_000,
      max: 15_300,
    },
    { fact: 'the portal stayed up: no errors', source: 2, measure: 'class-share', of: ['error'], max: 0 },
    {
      fact: 'the portal stayed up: every visit completed',
      source: 2,
      measure: 'outcome-share',
      of: ['completed'],
      min: 0.99,
    },
  ],
};

export default quebec;
