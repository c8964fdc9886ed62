import type { ScenarioInput } from '../src/scenario/types.js';

/**
 * The federal immigration site on US election night, 8 Nov 2016: a read-heavy surge
 * from 17,000 to 200,000 visitors on the site at once (12×) around 23:00.
 *
 * | figure | value | source |
 * |---|---|---|
 * | traffic against normal | 12× | 002_facb041a8273afcf.txt |
 * | error messages from | about 23:00 | 002_facb041a8273afcf.txt |
 * | visitors on the site at that moment | about 200,000 | 002_facb041a8273afcf.txt |
 * | same time the week before | 17,000 | 002_facb041a8273afcf.txt |
 * | origin: US, Canada, Australia, UK | 50 %, 37 %, 3 %, 1 % | 002_facb041a8273afcf.txt |
 * | US share the week before | 8.8–11.6 % | 002_facb041a8273afcf.txt |
 * | figures exclude visitors who could not connect | survivor bias | 002_facb041a8273afcf.txt |
 * | Québec's portal: US unique visitors that day | ~3× average (14,137 vs 5,500–6,000 pages) | 001_4271f413438cbca5.txt |
 * | more visits from Mexico too | 899 vs 300–800 pages | 001_4271f413438cbca5.txt |
 *
 * How 200,000 "on the site at once" becomes arrivals: by Little's law (Little 1961,
 * L = λW) the number in the system is the arrival rate times the time each visitor
 * stays. The journey below is a 6-minute visit (five information pages a minute
 * apart, then two minutes, on average, before the eligibility check), so the curve's
 * plateau of 200,000/17,000 ≈ 11.8 × "normal" carries λ = 200,000 / 6 min ≈ 33,000
 * arrivals a minute, and the normal level λ = 17,000 / 6 min ≈ 2,830 a minute. The
 * population is the integral of that curve: 1,855.4 normal-minutes × 2,833.3 =
 * 5,257,000 visitors between 21:00 and 01:00. At `--scale 0.01` the peak is
 * 0.01 × 200,000 ≈ 2,000 visitors at once (`rehearse scenarios show election-night
 * --scale 0.01`).
 *
 * Modelling choices (not in the sources): the 6-minute visit; the shape of the curve
 * before and after 23:00; the 9 % "rest" of the origin mix, spread here over Mexico
 * (named by 001 as rising too), France, India, Germany and China. The analyzer counts
 * visitors turned away (errors, timeouts) in the statistics rather than dropping them,
 * the bias the source's own figures carry.
 */
const NORMAL_PER_MIN = 17_000 / 6;
const PEAK = 200_000 / 17_000;
const CURVE = [
  { atMin: 0, rate: 1.5 }, // 21:00: results coming in
  { atMin: 60, rate: 4 }, // 22:00
  { atMin: 105, rate: PEAK }, // 22:45: the plateau, errors from about 23:00
  { atMin: 150, rate: PEAK }, // 23:30
  { atMin: 180, rate: 10 }, // 00:00
  { atMin: 240, rate: 6 }, // 01:00
];
/** ∫ rate dt over the window, in normal-minutes (trapezoids). */
const AREA = CURVE.slice(1).reduce((a, p, i) => a + ((p.rate + CURVE[i]!.rate) / 2) * (p.atMin - CURVE[i]!.atMin), 0);

const electionNight: ScenarioInput = {
  name: 'election-night',
  title: 'Federal immigration site, US election night 2016',
  description:
    'A read-heavy surge to 12× the normal visitors (17,000 → 200,000 at once around 23:00), half of them from the US, against information pages and an eligibility check.',
  startsAt: '2016-11-08T21:00:00-05:00',
  population: Math.round(AREA * NORMAL_PER_MIN),
  windowMin: 240,
  curve: CURVE,
  countries: { US: 50, CA: 37, AU: 3, GB: 1, MX: 3, FR: 2, IN: 2, DE: 1, CN: 1 },
  personas: [
    // Curious visitors: refresh when the page fails, leave within minutes.
    { name: 'curious', share: 70, patienceMin: [5, 20], retry: 'hammer', retryBaseSec: 5, thinkSec: 120 },
    // Serious about moving: back off and come back for up to an hour.
    { name: 'planner', share: 30, patienceMin: [20, 60], retry: 'backoff', retryBaseSec: 10, retryCapSec: 300, thinkSec: 120 },
  ],
  profile: { emailOnFile: 0.8 },
  journey: {
    steps: [{ op: 'browse', repeat: 5, everyMs: 60_000 }, { op: 'checkEligibility' }],
    success: 'completed',
    retryOnError: true,
  },
  portal: { strategy: 'open', workers: 8, serviceMs: 20, queueTimeoutMs: 10_000 },
  phases: [
    { name: 'results coming in', atMin: 0, description: '21:00: traffic already above a normal evening.' },
    { name: 'surge', atMin: 105, description: '22:45–23:30: about 200,000 on the site at once; errors from about 23:00.' },
    { name: 'after midnight', atMin: 180, description: 'Interest stays high as the result is confirmed.' },
  ],
  objectives: ['http_req_failed: rate<0.05', 'http_req_duration{op:browse}: p(95)<1500'],
  sources: [
    { file: '002_facb041a8273afcf.txt', figure: '12× normal traffic; error messages from about 23:00' },
    { file: '002_facb041a8273afcf.txt', figure: 'about 200,000 visitors on the site at that moment vs 17,000 a week before' },
    { file: '002_facb041a8273afcf.txt', figure: 'origin US 50 %, Canada 37 %, Australia 3 %, UK 1 %; US 8.8–11.6 % the week before' },
    { file: '002_facb041a8273afcf.txt', figure: 'figures exclude visitors who could not connect' },
    { file: '001_4271f413438cbca5.txt', figure: 'Québec portal: ~3× US unique visitors on 9 Nov; more from Mexico' },
  ],
  defaults: { scale: 0.002, timeScale: 60 },
};

export default electionNight;
