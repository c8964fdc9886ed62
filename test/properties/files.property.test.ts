import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { budgetFrom } from '../../src/compare/budget/load.js';
import { generatePopulation } from '../../src/population/generate.js';
import { checkManifest } from '../../src/results/manifest-schema.js';
import { resolveInputs } from '../../src/results/read-inputs.js';
import { loadScenarioInput } from '../../src/scenario/load.js';
import { normalize } from '../../src/scenario/normalize.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { validateTarget } from '../../src/target/validate.js';
import { manifestFor } from '../fixtures/k6/hand-built.js';
import { FACTOR, anyValue, expectProblemLines, inputErrorOrOk, mutated, nastyNumber, params } from './arbitraries.js';

/** Thousands of cases on a busy 2-core runner (and ten times more with FUZZ_RUNS=10): a budget against hangs, not a timing assertion. */
const TIMEOUT = 600_000 * FACTOR;

/**
 * Property tests over the files users write (issue 19): scenario, target, budget and
 * run manifest, each a valid document mutated (values replaced by nasty ones, fields
 * deleted, stray keys) or a random JSON value. Whatever the file, the toolkit accepts
 * it and works with it, or says in lines naming the file and field what was expected.
 * A scenario that passes validation is also normalized and its first candidates
 * generated: validation that lets through what crashes later is a failure too.
 */
const scenarioDoc = JSON.parse(JSON.stringify(await loadScenarioInput('launch-day'))) as Record<string, unknown>;
const targetDoc = JSON.parse(readFileSync(new URL('../../targets/reference.json', import.meta.url), 'utf8')) as unknown;
const budgetDoc = {
  objectives: [
    'http_req_duration{op:submitApplication}: p(95)<800, p(99)<1500',
    'quota.fillTime < 15m',
    'http_req_duration: p(95) may not grow more than 10%',
    'http_req_failed: rate<0.01',
  ],
  metrics: ['http_req_duration: p(50)', 'quota.accepted'],
  alpha: 0.05,
};

/** Objective lines from the budget grammar's pieces, recombined: most are wrong somewhere. */
const objectiveLine = fc
  .tuple(
    fc.constantFrom(
      'http_req_duration',
      'http_req_failed',
      'http_reqs',
      'quota.fillTime',
      'quota.accepted',
      'fairness.kendallTau',
      'rehearsal_req',
      'nope',
      '',
      'http_req_duration{op:x}',
      'a{b:c',
    ),
    fc.constantFrom(': ', ' ', ':', ''),
    fc.constantFrom('p(95)', 'p(99.9)', 'avg', 'rate', 'count', 'med', 'p(101)', 'p()', ''),
    fc.constantFrom('<', '<=', '>', '==', '!=', ' may not grow more than ', ' may not drop by more than ', '=<', ''),
    fc.oneof(nastyNumber.map(String), fc.constantFrom('1e309', '9'.repeat(400), '-5', '')),
    fc.constantFrom('', 'ms', 's', 'm', 'h', '%', 'pp', 'd', 'xyz'),
  )
  .map((p) => p.join(''));

describe('scenario, target, budget and manifest files: accepted, or one line per problem naming the file and field', () => {
  it(
    'scenario files (mutated launch-day and random JSON)',
    async () => {
      const file = 'my-day.json';
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 9, arbitrary: mutated(scenarioDoc) }, { weight: 1, arbitrary: anyValue }),
          async (doc) => {
            const input = await inputErrorOrOk(() => validateScenario(doc, file), file);
            if (!input) return;
            // Valid: it must also normalize (knobs at their defaults) and generate.
            const scenario = await inputErrorOrOk(() => normalize(input), /^--(scale|time-scale): /);
            if (!scenario) return;
            const gen = generatePopulation(scenario, 1);
            for (let i = 0; i < 3; i++) if (gen.next().done) break;
          },
        ),
        params(3000),
      );
    },
    TIMEOUT,
  );

  it(
    'target files (mutated reference target and random JSON)',
    async () => {
      const file = 't.json';
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 9, arbitrary: mutated(targetDoc) }, { weight: 1, arbitrary: anyValue }),
          async (doc) => {
            const r = validateTarget(doc, file);
            if (r.target) return;
            if (r.problems.length === 0) throw new Error('neither a target nor a problem');
            expectProblemLines(r.problems.join('\n'), file);
          },
        ),
        params(2500),
      );
    },
    TIMEOUT,
  );

  it(
    'budget files (mutated, random JSON, and objective lines recombined from the grammar)',
    async () => {
      const file = 'b.json';
      const doc = fc.oneof(
        { weight: 4, arbitrary: mutated(budgetDoc) },
        { weight: 4, arbitrary: fc.record({ objectives: fc.array(objectiveLine, { minLength: 1, maxLength: 4 }) }) },
        { weight: 1, arbitrary: anyValue },
      );
      await fc.assert(
        fc.asyncProperty(doc, async (d) => {
          await inputErrorOrOk(() => budgetFrom(d, file), file);
        }),
        params(3000),
      );
    },
    TIMEOUT,
  );

  it(
    'run manifests (mutated), read from a run directory',
    async () => {
      const base = mkdtempSync(join(tmpdir(), 'prop-manifest-'));
      const valid = manifestFor(['samples.ndjson'], 3);
      let n = 0;
      await fc.assert(
        fc.asyncProperty(mutated(valid), async (m) => {
          // The pure check first (every case), then a tenth of them through the directory reader.
          const r = checkManifest(m);
          if (r.problems) expectProblemLines(r.problems.join('\n'), /^[^:]+: /);
          if (n++ % 10 !== 0) return;
          const dir = join(base, String(n));
          mkdirSync(dir);
          writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
          writeFileSync(join(dir, 'samples.ndjson'), '');
          await inputErrorOrOk(() => resolveInputs([dir]), join(dir, 'manifest.json'));
        }),
        params(1500),
      );
    },
    TIMEOUT,
  );
});
