import type { ScenarioInput } from '../src/scenario/types.js';

/**
 * The IRCC case-status tracker for family-class permanent-residence applicants,
 * launched 8 Feb 2022: sign in with a one-time code sent by e-mail, then poll the
 * status of one's own application.
 *
 * | figure | value | source |
 * |---|---|---|
 * | launch of the tracker (spouses, partners, dependent children) | 8 Feb 2022 | IRCC news release, CNW Telbec, 8 Feb 2022 |
 * | account code sent by e-mail: only applicants with an e-mail on file | e-mail required | IRCC news release, CNW Telbec, 8 Feb 2022 |
 * | purpose: absorb status requests by e-mail and phone | high volume | IRCC news release, CNW Telbec, 8 Feb 2022 |
 * | processing standard for spousal sponsorship | 12 months | IRCC news release, CNW Telbec, 8 Feb 2022 |
 * | people confirmed through the PR portal, June–Dec 2021 | 225,000 | IRCC news release, CNW Telbec, 8 Feb 2022 |
 * | new permanent residents in 2021 | 405,000 | IRCC news release, CNW Telbec, 8 Feb 2022 |
 *
 * Modelling choices (not in the source): the launch-day audience of 50,000 applicants
 * (the same order as the 225,000 confirmed through the PR portal over seven months,
 * ~32,000 a month); 85 % with an e-mail on file (the rest are turned away at the code
 * request: `invalid`); a day shaped by the morning announcement and an evening bump;
 * three status checks ten minutes apart; the applicants' countries.
 */
/** The public sources, cited as readers find them. */
const IRCC = {
  publisher: 'IRCC news release (CNW Telbec)',
  title: '[news release: launch of a case-status tracker for family-class permanent-residence applicants]',
  date: '2022-02-08',
};

const statusTracker: ScenarioInput = {
  name: 'status-tracker',
  title: 'Family-class status tracker launch, February 2022',
  description:
    'Applicants with an e-mail on file request a one-time code, read it, sign in and poll the status of their own application.',
  startsAt: '2022-02-08T09:00:00-05:00',
  population: 50_000,
  windowMin: 1_440,
  curve: [
    { atMin: 0, rate: 2 }, // 09:00, the announcement
    { atMin: 60, rate: 10 },
    { atMin: 180, rate: 8 },
    { atMin: 480, rate: 4 }, // 17:00
    { atMin: 720, rate: 5 }, // 21:00, after work
    { atMin: 900, rate: 2 },
    { atMin: 1_320, rate: 1 },
    { atMin: 1_440, rate: 2 },
  ],
  countries: { IN: 20, CA: 15, CN: 10, US: 8, MX: 6, VN: 6, NG: 6, FR: 5, BR: 5, MA: 4, DZ: 4, GB: 4, DE: 3, ES: 4 },
  personas: [
    { name: 'anxious', share: 40, patienceMin: [30, 120], retry: 'hammer', retryBaseSec: 10, thinkSec: 30 },
    { name: 'regular', share: 60, patienceMin: [10, 60], retry: 'retry-after', retryBaseSec: 30, thinkSec: 60 },
  ],
  profile: { emailOnFile: 0.85 },
  journey: {
    steps: [
      // The applicant's file is on record before the launch: the reference portal has no
      // import, so the journey files it first (without an e-mail, it cannot register).
      { op: 'createAccount' },
      { op: 'submitApplication' },
      { op: 'requestCode' },
      { op: 'readMailbox' },
      { op: 'signIn' },
      { op: 'checkStatus', repeat: 3, everyMs: 600_000 },
    ],
    success: 'completed',
    retryOnError: true,
  },
  portal: { strategy: 'open', workers: 8, serviceMs: 25, queueTimeoutMs: 10_000, codeTtlMs: 600_000 },
  phases: [
    {
      name: 'announcement',
      atMin: 0,
      description: 'The minister announces the tracker; applicants try it within the hour.',
    },
    { name: 'evening', atMin: 720, description: 'A second bump after work.' },
  ],
  // Polling must stay fast and reliable; the code requests of applicants without an
  // e-mail on file are refused (4xx) by design, so failures are counted on the polls.
  objectives: ['http_req_duration{op:checkStatus}: p(95)<1000', 'http_req_failed{op:checkStatus}: rate<0.01'],
  sources: [
    { ...IRCC, figure: 'tracker launched 8 Feb 2022 for spouses, partners and dependent children' },
    { ...IRCC, figure: 'code sent by e-mail; only applicants with an e-mail on file can use it' },
    { ...IRCC, figure: 'purpose: absorb the high volume of status requests by e-mail and phone' },
    { ...IRCC, figure: '225,000 people confirmed through the PR portal June–Dec 2021' },
    { ...IRCC, figure: '405,000 new permanent residents in 2021; 12-month processing standard' },
  ],
  calibration: [
    {
      setting: 'profile.emailOnFile',
      fact: 'the code is sent by e-mail: only applicants with an e-mail on file can use the tracker (IRCC)',
      how: 'Not in the source: 85 % with an e-mail on file is this model’s assumption; the other 15 % are refused at the code request (`invalid`), which is what the fidelity row checks.',
    },
    {
      setting: 'portal.workers, portal.serviceMs',
      fact: 'the tracker was launched to absorb a high volume of status requests (IRCC)',
      how:
        "Little's law (L = λW): the busiest hour brings about 10 × the day's mean arrival rate; at the default knobs (scale 0.01, a day in a minute) that is about 25 sign-ins a second of run time, " +
        'each with 8 requests: about 160 requests/s at the peak against 8 workers × 25 ms = 320/s, so polling stays within its objective (p95 < 1 s) with room to spare, as a service built to absorb the load should.',
    },
  ],
  fidelity: [
    {
      fact: 'only applicants with an e-mail on file can sign in (the others, 15 % here, are refused)',
      source: 1,
      measure: 'outcome-share',
      of: ['invalid'],
      min: 0.11,
      max: 0.19,
    },
    {
      fact: 'polling absorbs the load: status checks p95 within the objective (1 s)',
      source: 2,
      measure: 'p95-ms',
      of: ['checkStatus'],
      max: 1_000,
    },
    { fact: 'polling absorbs the load: no errors', source: 2, measure: 'class-share', of: ['error'], max: 0.01 },
  ],
  // 500 applicants, a day in a minute.
  defaults: { scale: 0.01, timeScale: 1_440 },
};

export default statusTracker;
