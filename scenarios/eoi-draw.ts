import type { ScenarioInput } from '../src/scenario/types.js';

/**
 * Québec's Arrima expression-of-interest pool and the invitation round of
 * 16 Jan 2020: no rush, a ranked pool and an operator who invites.
 *
 * | figure | value | source |
 * |---|---|---|
 * | Arrima (2018) replaced first come, first served with a ranked pool | pool + rounds | CIC News, 20 Feb 2020 |
 * | candidates invited in the round of 16 Jan 2020 | 23 | CIC News, 20 Feb 2020 |
 * | eligibility: expression of interest submitted before | 17 Dec 2019 | CIC News, 20 Feb 2020 |
 * | eligibility: present in Québec on 16 June 2019 with a work or study permit | 16 Jun 2019 | CIC News, 20 Feb 2020 |
 * | pending files cancelled by the law reform | about 16,000 | CIC News, 20 Feb 2020 |
 *
 * Modelling choices (not in the source): the pool's size is not published; the
 * 16,000 cancelled files, whose holders were told to enter the pool, set its order
 * of magnitude. Submissions surge after 16 June 2019 and settle; 15 % of candidates
 * were in Québec on that date. The score is this project's model of the grid's
 * factors (src/population/eoi-score.ts), not the official grid. The round's size is
 * not scaled by `--scale`: the round is what is being checked.
 */
/** The public sources, cited as readers find them. */
const CIC_NEWS = {
  publisher: 'CIC News',
  title: 'Québec publie les résultats du plus récent exercice d’invitations dans Arrima',
  date: '2020-02-20',
};

const DAY_MIN = 1_440;
const ROUND_MIN = 214 * DAY_MIN; // 16 Jun 2019 → 16 Jan 2020

const eoiDraw: ScenarioInput = {
  name: 'eoi-draw',
  title: 'Arrima expression-of-interest pool, round of 16 January 2020',
  description:
    'Expressions of interest enter a ranked pool over seven months; an operator invites the 23 top-ranked eligible candidates.',
  startsAt: '2019-06-16T00:00:00-04:00',
  population: 16_000,
  windowMin: ROUND_MIN,
  curve: [
    { atMin: 0, rate: 6 },
    { atMin: 30 * DAY_MIN, rate: 3 },
    { atMin: 90 * DAY_MIN, rate: 1.5 },
    { atMin: ROUND_MIN, rate: 1.5 },
  ],
  countries: { FR: 25, DZ: 12, MA: 12, TN: 6, CA: 10, MX: 6, BR: 5, IN: 6, CN: 5, SN: 5, BE: 4, US: 4 },
  personas: [
    {
      name: 'applicant',
      share: 1,
      patienceMin: [30, 120],
      retry: 'backoff',
      retryBaseSec: 30,
      retryCapSec: 600,
      thinkSec: 120,
    },
  ],
  profile: { emailOnFile: 1, presenceDate: '2019-06-16', presentInQuebec: 0.15 },
  journey: { steps: [{ op: 'createAccount' }, { op: 'submitInterest' }], success: 'completed', retryOnError: true },
  portal: { strategy: 'eoi', workers: 4, serviceMs: 20 },
  phases: [
    {
      name: 'pool opens to the cancelled files',
      atMin: 0,
      description: 'Law reform adopted 16 June 2019; cancelled files invited to the pool.',
    },
    {
      name: 'eligibility cut-off',
      atMin: 184 * DAY_MIN,
      description: 'Interests from 17 Dec 2019 on are not eligible for the round.',
    },
  ],
  operator: [
    {
      atMin: ROUND_MIN,
      op: 'inviteRound',
      size: 23,
      criteria: { submittedBefore: '2019-12-17T00:00:00-05:00', attributes: { presentInQuebecWithPermit: true } },
    },
  ],
  objectives: ['http_req_failed: rate<0.01'],
  sources: [
    { ...CIC_NEWS, figure: 'Arrima replaced first come, first served with a pool ranked by score' },
    { ...CIC_NEWS, figure: '23 candidates invited on 16 Jan 2020' },
    {
      ...CIC_NEWS,
      figure: 'eligible: submitted before 17 Dec 2019; in Québec on 16 Jun 2019 with a work or study permit',
    },
    { ...CIC_NEWS, figure: 'about 16,000 pending files cancelled by the reform' },
  ],
  calibration: [
    {
      setting: 'operator[0]',
      fact: 'the round of 16 Jan 2020 invited 23 candidates, submitted before 17 Dec 2019, in Québec on 16 Jun 2019 with a permit (CIC News)',
      how: 'Taken as published: the round’s size and criteria are the source’s, not fitted, and not scaled by --scale.',
    },
    {
      setting: 'profile.presentInQuebec',
      fact: 'eligibility requires presence in Québec on 16 Jun 2019 with a work or study permit (CIC News)',
      how: 'Not in the source: 15 % present is this model’s assumption, enough eligible candidates (about 100 at the default scale) for a round of 23 to be a choice.',
    },
  ],
  fidelity: [
    { fact: '23 candidates invited', source: 1, measure: 'eoi-invited', min: 23, max: 23 },
    {
      fact: 'the invited are the top-ranked of the eligible (criteria of the round)',
      source: 2,
      measure: 'eoi-top-ranked',
      min: 1,
      max: 1,
    },
  ],
  // 800 candidates, seven months in a minute.
  defaults: { scale: 0.05, timeScale: ROUND_MIN }, // 214 days of minutes in one minute of run
};

export default eoiDraw;
