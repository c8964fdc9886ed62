/**
 * The k6 script's candidates from the population files written beside it (or named by
 * REHEARSAL_POPULATION): `rehearse run --engine k6`, which hands k6 the population it
 * was given. Bundled as `rehearsal:candidates` (bundle.ts); holds no Faker.
 */
import type { Candidate } from '../../population/types.js';
import type { DriverConfig } from './config.js';
import { fileCandidates, populationFiles } from './shared-population.js';

import embedded from 'rehearsal:config';

const files = populationFiles((embedded as DriverConfig).populationFiles);

/** Candidate n of the files (the arrival is the schedule's, so `t` is not needed). */
export const candidateAt: (n: number, t: number) => Candidate | undefined = files
  ? fileCandidates(files)
  : () => undefined;
