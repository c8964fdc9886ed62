import { parentPort, workerData } from 'node:worker_threads';
import { arrivalInstants } from '../../population/arrivals.js';
import { arrivalOf, candidateCore } from '../../population/candidate-core.js';
import { AHEAD, BATCH, type PopulationBatch, type PopulationThreadInput, STRIDE } from './population-feed.js';

/**
 * The simulator's population thread (population-feed.ts has the why): walks the
 * scenario's arrival instants and draws each candidate's numbers with src/population's
 * own `candidateCore`, the draws every engine's candidates are made of, into batches
 * transferred to the event loop. `AHEAD` batches are filled at the start; after that a
 * batch is filled only when the loop hands one back, so the thread never runs further
 * ahead than that.
 */
function run(input: PopulationThreadInput, port: NonNullable<typeof parentPort>): void {
  const { spec, seed } = input;
  const next = arrivalInstants(input.arrivals, seed);
  let seq = 0;
  let done = false;
  const fill = (nums: Float64Array<ArrayBuffer>): void => {
    const first = seq;
    let n = 0;
    while (n < BATCH) {
      const t = next();
      if (t === undefined) {
        done = true;
        break;
      }
      const d = candidateCore(spec, seed, seq);
      const o = n * STRIDE;
      nums[o] = d.candidateSeed;
      nums[o + 1] = arrivalOf(spec, t);
      nums[o + 2] = d.country;
      nums[o + 3] = d.persona;
      nums[o + 4] = d.patienceMs;
      nums[o + 5] = d.hasEmail ? 1 : 0;
      seq++;
      n++;
    }
    port.postMessage({ nums, n, first, last: done } satisfies PopulationBatch, [nums.buffer]);
  };
  port.on('message', (nums: Float64Array<ArrayBuffer>) => {
    if (!done) fill(nums);
  });
  for (let k = 0; k < AHEAD && !done; k++) fill(new Float64Array(BATCH * STRIDE));
}

const input = (workerData as { simPopulation?: PopulationThreadInput } | null)?.simPopulation;
if (parentPort && input) run(input, parentPort);
