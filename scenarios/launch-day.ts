import type { ScenarioInput } from '../src/scenario/types.js';

/**
 * The 2016 "Mon projet Québec" intake: accounts first, then a first-come-first-served
 * quota of 2,800 applications behind a cap on simultaneous users.
 *
 * | figure | value | source |
 * |---|---|---|
 * | portal in service; accounts could be created (a prerequisite) | 5 Jan 2016 | 000_d11706e967912d5c.txt |
 * | applications registered first come, first served | from 18 Jan 2016 | 000_d11706e967912d5c.txt |
 * | quota of applications for the year; intake closes when reached | 2,800 | 000_d11706e967912d5c.txt |
 * | simultaneous users capped, everyone else told "try again later" | cap | 000_d11706e967912d5c.txt |
 * | profiles created in the first 24 h under the cap | 4,000 | 000_d11706e967912d5c.txt |
 * | persistence of those who got in | 3–4 hours | 000_d11706e967912d5c.txt |
 * | some kept trying for more than 24 h | > 24 h | 000_d11706e967912d5c.txt |
 *
 * Modelling choices (not in the source): the number of people who tried is not
 * published, so the population is four candidates per place, which makes the quota
 * the binding constraint; the 13 days between the account opening and the quota
 * opening carry no load worth replaying, so the account phase is compressed into the
 * first 40 minutes of the window, and candidates who arrive then create their account
 * and wait, retrying, for the opening; the country mix leans to the francophone
 * countries that feed Québec's skilled-worker programme; the opening hour is assumed.
 * The 4,000 accounts in 24 h calibrate the account phase's pace: about 170 an hour
 * under the cap, i.e. a cap that is the bottleneck, not the servers.
 */
const launchDay: ScenarioInput = {
  name: 'launch-day',
  title: 'Québec quota opening, January 2016',
  description:
    'Accounts first, then a first-come-first-served quota of 2,800 applications; the portal caps simultaneous users and answers "try again later"; candidates persist for hours.',
  startsAt: '2016-01-18T07:20:00-05:00',
  population: 11_200,
  windowMin: 240,
  openingMin: 40,
  // A trickle of account creation, a spike at the opening, a tail for hours.
  curve: [
    { atMin: 0, rate: 8 },
    { atMin: 35, rate: 20 },
    { atMin: 40, rate: 100 },
    { atMin: 50, rate: 40 },
    { atMin: 70, rate: 10 },
    { atMin: 240, rate: 2 },
  ],
  countries: { FR: 30, DZ: 15, MA: 15, TN: 8, MX: 8, US: 6, CN: 6, IN: 6, BR: 6 },
  personas: [
    // Those who got in persisted 3–4 hours.
    { name: 'persistent', share: 60, patienceMin: [180, 240], retry: 'retry-after', retryBaseSec: 30, thinkSec: 20 },
    // "Tried all night": refresh hammering, up to and past a day for some.
    { name: 'refresher', share: 25, patienceMin: [60, 1_440], retry: 'hammer', retryBaseSec: 5, thinkSec: 10 },
    { name: 'casual', share: 15, patienceMin: [10, 30], retry: 'backoff', retryBaseSec: 20, retryCapSec: 600, thinkSec: 30 },
  ],
  profile: { emailOnFile: 1 },
  journey: {
    steps: [{ op: 'createAccount' }, { op: 'submitApplication' }],
    success: 'accepted',
    retryOnError: true,
  },
  portal: { strategy: 'throttle', quota: 2_800, maxActive: 2, workers: 2, serviceMs: 30, retryAfterSec: 1 },
  phases: [
    {
      name: 'account creation',
      atMin: 0,
      description: 'Accounts can be created (opened 5 Jan 2016; 4,000 profiles in the first 24 h); compressed to 40 minutes.',
    },
    { name: 'quota opening', atMin: 40, description: 'Applications accepted first come, first served until 2,800.' },
  ],
  objectives: ['http_req_duration{op:submitApplication}: p(95)<2000'],
  sources: [
    { file: '000_d11706e967912d5c.txt', figure: 'accounts from 5 Jan 2016, applications from 18 Jan, first come first served' },
    { file: '000_d11706e967912d5c.txt', figure: 'quota of 2,800 applications; intake closes when reached' },
    { file: '000_d11706e967912d5c.txt', figure: 'cap on simultaneous users; "try again later"' },
    { file: '000_d11706e967912d5c.txt', figure: '4,000 profiles created in the first 24 h' },
    { file: '000_d11706e967912d5c.txt', figure: 'successful applicants persisted 3–4 hours; some tried more than 24 h' },
  ],
  // The demo: 400 candidates for 100 places, four hours replayed in about 20 seconds.
  defaults: { scale: 400 / 11_200, timeScale: 720 },
};

export default launchDay;
