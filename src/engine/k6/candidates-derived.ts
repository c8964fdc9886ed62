/**
 * Candidate n derived inside k6 from (seed, scenario, n) by the generator's own code
 * (src/population/candidate.ts), so a k6 instance holds no population: its memory and
 * start-up do not grow with the number of candidates. The arrival is iteration n's
 * scheduled start (schedule.ts), which the driver passes in. Faker runs in goja on the
 * locale data the scenario's countries need (faker-subset.ts), embedded by bundle.ts
 * as `rehearsal:locales`. `-e REHEARSAL_POPULATION=a.json,…` still runs your own
 * population files instead. Bundled as `rehearsal:candidates` by `rehearse k6 export`.
 */
import type { LocaleDefinition } from '@faker-js/faker';
import { candidateMaker } from '../../population/candidate.js';
import { chainsOf, FakerPool } from '../../population/locales.js';
import type { Candidate } from '../../population/types.js';
import { fileCandidates, populationFiles } from './shared-population.js';
import type { DriverConfig } from './config.js';

import embedded from 'rehearsal:config';
import locales from 'rehearsal:locales';

const config = embedded as DriverConfig;

function source(): (n: number, t: number) => Candidate | undefined {
  const files = populationFiles([]);
  if (files) return fileCandidates(files);
  const derive = config.derive;
  if (!derive) throw new Error('the script names neither a population file nor a seed to derive candidates from');
  return candidateMaker(derive.spec, derive.seed, new FakerPool(chainsOf(locales as Record<string, LocaleDefinition>)));
}

/** Candidate n, arriving `t` ms after the start of the arrival window. */
export const candidateAt = source();
