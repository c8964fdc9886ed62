import type { ScenarioInput } from '../src/scenario/types.js';
import electionNight from './election-night.js';

/**
 * The federal immigration site a week before US election night 2016, at the same
 * hours: the baseline the night is 12× of. Same visit, personas and calibrated portal
 * as `election-night`, so the pair answers "what did the night change?": here 17,000
 * visitors on the site at once and no errors.
 *
 * | figure | value | source |
 * |---|---|---|
 * | visitors on the site at the same time the week before | 17,000 | Agence QMI, 9 Nov 2016 |
 * | US share of them | 8.8–11.6 % | Agence QMI, 9 Nov 2016 |
 *
 * By Little's law (L = λW) with the 6-minute visit, 17,000 at once is 17,000 / 6 min
 * ≈ 2,833 arrivals a minute, flat over the four hours: 680,000 visitors.
 *
 * Modelling choices (not in the source): a flat evening; a US share of 10.2 %, the
 * middle of the sourced range; the other 89.8 % in election night's proportions.
 */
const NORMAL_PER_MIN = 17_000 / 6;
const US = 10.2;
const rest = Object.entries(electionNight.countries).filter(([c]) => c !== 'US');
const restTotal = rest.reduce((a, [, v]) => a + v, 0);

const weekBefore: ScenarioInput = {
  ...electionNight,
  name: 'election-night-week-before',
  title: 'Federal immigration site, a week before US election night 2016',
  description:
    'The same evening hours a week earlier: about 17,000 visitors on the site at once, about 10 % of them from the US, against the same portal.',
  startsAt: '2016-11-01T21:00:00-05:00',
  population: Math.round(240 * NORMAL_PER_MIN),
  curve: [
    { atMin: 0, rate: 1 },
    { atMin: 240, rate: 1 },
  ],
  countries: {
    US,
    ...Object.fromEntries(rest.map(([c, v]) => [c, Math.round(((v * (100 - US)) / restTotal) * 100) / 100])),
  },
  phases: [{ name: 'an ordinary evening', atMin: 0, description: 'About 17,000 on the site at once all evening.' }],
  sources: electionNight.sources.slice(0, 4),
  calibration: [
    {
      setting: 'portal',
      fact: 'the same site: the portal fitted to election night (errors from about 23:00)',
      how: 'Not fitted here: the election-night portal unchanged (see `rehearse scenarios show election-night`), so the only difference between the two runs is the traffic.',
    },
  ],
  fidelity: [
    {
      fact: 'about 17,000 on the site at once, and no errors',
      source: 1,
      measure: 'class-share',
      of: ['error'],
      max: 0,
    },
    {
      // The sourced range widened by the sampling of the default scale: 1,360 visitors,
      // a standard error of √(0.1 × 0.9 / 1,360) ≈ 0.8 pp, two of them each side.
      fact: 'US share of the visitors: 8.8–11.6 % (±1.6 pp of sampling at the default scale)',
      source: 2,
      measure: 'country-share',
      of: ['US'],
      min: 0.072,
      max: 0.132,
    },
  ],
};

export default weekBefore;
