import { describe, expect, it } from 'vitest';
import { EOI_SCORE_MAX, eoiScore } from '../../src/population/eoi-score.js';
import { generatePopulation } from '../../src/population/generate.js';
import { loadScenario } from '../../src/scenario/load.js';

describe('candidate attributes', () => {
  it('score the documented grid: 75 at best, hand-computed values otherwise', () => {
    expect(
      eoiScore({
        age: 30,
        education: 'doctorate',
        experienceYears: 10,
        french: 'advanced',
        english: 'advanced',
        permit: 'work',
        jobOffer: true,
      }),
    ).toBe(EOI_SCORE_MAX);
    // 38 years: 16 − 2·3 = 10; bachelor 10; 1 year 2; intermediate French 10; no English 0; visitor 1; no offer.
    expect(
      eoiScore({
        age: 38,
        education: 'bachelor',
        experienceYears: 1,
        french: 'intermediate',
        english: 'none',
        permit: 'visitor',
        jobOffer: false,
      }),
    ).toBe(33);
  });

  it('draw personas, e-mails and Arrima attributes within the scenario’s ranges', async () => {
    const s = await loadScenario('eoi-draw');
    const pop = [...generatePopulation(s, 5)];
    const round = s.operator[0]!;
    expect(round.size).toBe(23);
    for (const c of pop) {
      const spec = s.personas.find((p) => p.name === c.persona.name)!;
      expect(c.persona.patienceMs).toBeGreaterThanOrEqual(spec.patienceMin[0] * 60_000);
      expect(c.persona.patienceMs).toBeLessThanOrEqual(spec.patienceMin[1] * 60_000);
      const a = c.attributes;
      expect(a.eoiScore).toBe(eoiScore({ ...a, permit: a.permit }));
      expect(a.presentInQuebecWithPermit).toBe(a.permit === 'work' || a.permit === 'study');
      expect(a.residence).toBe(a.presentInQuebec ? 'CA' : c.country);
      expect(a.age).toBeGreaterThanOrEqual(18);
      // In the EOI scenario the submission is the arrival: dates run from 16 Jun 2019 to 16 Jan 2020.
      expect(a.eoiSubmittedAt >= '2019-06-16T04:00:00.000Z' && a.eoiSubmittedAt <= '2020-01-16T05:00:00.000Z').toBe(
        true,
      );
    }
    const eligible = pop.filter(
      (c) =>
        c.attributes.presentInQuebecWithPermit &&
        Date.parse(c.attributes.eoiSubmittedAt) < Date.parse(round.criteria!.submittedBefore!),
    );
    // 15 % present, 90 % of them with a work or study permit, ~86 % submitted before the cut-off: ~93 of 800.
    expect(eligible.length).toBeGreaterThan(60);
    expect(eligible.length).toBeLessThan(130);
  });

  it('leave out e-mails in the share the scenario says have none on file', async () => {
    const s = await loadScenario('status-tracker', { scale: 0.1 });
    let none = 0;
    for (const c of generatePopulation(s, 1)) if (c.email === null) none++;
    // 15 % of 5,000: Binomial sd ≈ 25; 4 sd either side.
    expect(Math.abs(none - 750)).toBeLessThan(100);
  });
});
