import type { ScenarioInput } from '../src/scenario/types.js';

/**
 * The 2016 "Mon projet Québec" intake (source: ../shared/seeds/000_d11706e967912d5c.txt).
 *
 * | figure | value | source |
 * |---|---|---|
 * | quota of applications, first come first served | 2,800 | 000_d11706e967912d5c.txt |
 * | simultaneous users capped, others told "try again later" | cap | 000_d11706e967912d5c.txt |
 * | persistence of those who got in | 3–4 hours | 000_d11706e967912d5c.txt |
 * | some kept trying for more than 24 h | > 24 h | 000_d11706e967912d5c.txt |
 *
 * The number of people who tried is not published; the population is set to four
 * candidates per place, which makes the quota the binding constraint.
 */
const launchDay: ScenarioInput = {
  name: 'launch-day',
  title: 'Québec quota opening, January 2016',
  description:
    'A first-come-first-served quota of 2,800 applications opens; the portal caps simultaneous users and answers "try again later"; candidates persist for hours.',
  population: 11_200,
  windowMin: 240,
  openingMin: 0,
  // Most candidates are waiting at the opening; a tail keeps arriving over four hours.
  curve: [
    { atMin: 0, rate: 100 },
    { atMin: 10, rate: 40 },
    { atMin: 30, rate: 10 },
    { atMin: 240, rate: 2 },
  ],
  countries: { FR: 30, DZ: 15, MA: 15, TN: 8, MX: 8, US: 6, CN: 6, IN: 6, BR: 6 },
  personas: [
    { name: 'persistent', share: 60, patienceMin: [180, 240], retry: 'retry-after', retryBaseSec: 30, thinkSec: 20 },
    { name: 'refresher', share: 25, patienceMin: [60, 240], retry: 'hammer', retryBaseSec: 5, thinkSec: 10 },
    { name: 'casual', share: 15, patienceMin: [10, 30], retry: 'backoff', retryBaseSec: 20, retryCapSec: 600, thinkSec: 30 },
  ],
  journey: {
    steps: [{ op: 'createAccount' }, { op: 'submitApplication' }],
    success: 'accepted',
    retryOnError: true,
  },
  portal: { strategy: 'throttle', quota: 2_800, maxActive: 4, workers: 4, serviceMs: 15, retryAfterSec: 1 },
  objectives: ['http_req_duration{op:submitApplication}: p(95)<2000'],
  sources: [
    { file: '000_d11706e967912d5c.txt', figure: 'quota of 2,800 applications, first come first served' },
    { file: '000_d11706e967912d5c.txt', figure: 'cap on simultaneous users; "try again later"' },
    { file: '000_d11706e967912d5c.txt', figure: 'successful applicants persisted 3–4 hours' },
  ],
  // The demo: 400 candidates for 100 places, four hours replayed in about 20 seconds.
  defaults: { scale: 400 / 11_200, timeScale: 720 },
};

export default launchDay;
