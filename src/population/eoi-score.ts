/**
 * An expression-of-interest score: a MODEL, not the official grid.
 *
 * Basis: the factor families of Québec's skilled-worker selection grid as Arrima
 * ranks expressions of interest by them (CIC News, 20 Feb 2020: a pool
 * "ranked by score and criteria"): age, education, work experience, French, English,
 * a stay in Québec, a validated job offer. The points below are this project's
 * choice, picked so that French and a Québec stay weigh most, as the 16 Jan 2020
 * round's rules suggest; they are not the ministry's weights.
 *
 * | factor | points |
 * |---|---|
 * | age | 16 for 18–35, then −2 per year (0 from 43) |
 * | education | secondary 2, diploma 6, bachelor 10, master 12, doctorate 14 |
 * | work experience | 2 per year, at most 8 |
 * | French | none 0, basic 4, intermediate 10, advanced 16 |
 * | English | none 0, basic 2, intermediate 4, advanced 6 |
 * | stay in Québec | work or study permit 5, visitor 1 |
 * | validated job offer | 10 |
 *
 * Maximum: 16 + 14 + 8 + 16 + 6 + 5 + 10 = 75.
 */
export const EDUCATION = ['secondary', 'diploma', 'bachelor', 'master', 'doctorate'] as const;
export type Education = (typeof EDUCATION)[number];
export const LANGUAGE_LEVELS = ['none', 'basic', 'intermediate', 'advanced'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];
export type Permit = 'work' | 'study' | 'visitor';

export const EOI_SCORE_MAX = 75;

const EDUCATION_POINTS: Record<Education, number> = {
  secondary: 2,
  diploma: 6,
  bachelor: 10,
  master: 12,
  doctorate: 14,
};
const FRENCH_POINTS: Record<LanguageLevel, number> = { none: 0, basic: 4, intermediate: 10, advanced: 16 };
const ENGLISH_POINTS: Record<LanguageLevel, number> = { none: 0, basic: 2, intermediate: 4, advanced: 6 };

export interface ScoreFactors {
  age: number;
  education: Education;
  experienceYears: number;
  french: LanguageLevel;
  english: LanguageLevel;
  permit: Permit | null;
  jobOffer: boolean;
}

/** The model's score for one profile, an integer in [0, EOI_SCORE_MAX]. */
export function eoiScore(f: ScoreFactors): number {
  const age = f.age < 18 ? 0 : f.age <= 35 ? 16 : Math.max(0, 16 - 2 * (f.age - 35));
  const stay = f.permit === 'work' || f.permit === 'study' ? 5 : f.permit === 'visitor' ? 1 : 0;
  return (
    age +
    EDUCATION_POINTS[f.education] +
    Math.min(8, 2 * Math.max(0, Math.floor(f.experienceYears))) +
    FRENCH_POINTS[f.french] +
    ENGLISH_POINTS[f.english] +
    stay +
    (f.jobOffer ? 10 : 0)
  );
}
