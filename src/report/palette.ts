import type { Outcome, ResultClass } from '../journey/types.js';

/**
 * Okabe & Ito's colour-blind-safe palette: eight colours distinguishable under the
 * common colour-vision deficiencies (protanopia, deuteranopia, tritanopia).
 * Source: M. Okabe and K. Ito, "Color Universal Design (CUD): How to make figures and
 * presentations that are friendly to colorblind people", 2008,
 * https://jfly.uni-koeln.de/color/ (values as published there, in sRGB hex).
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** The palette in the order used for unnamed series (yellow last: weak on white). */
export const CATEGORY_RANGE: string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

/** One fixed colour per response class, so a class looks the same in every chart. */
export const CLASS_COLOURS: Record<ResultClass, string> = {
  ok: OKABE_ITO.bluishGreen,
  throttled: OKABE_ITO.orange,
  queued: OKABE_ITO.skyBlue,
  quota_full: OKABE_ITO.vermillion,
  invalid: OKABE_ITO.reddishPurple,
  error: OKABE_ITO.black,
};

/** One fixed colour per journey outcome. */
export const OUTCOME_COLOURS: Record<Outcome, string> = {
  accepted: OKABE_ITO.bluishGreen,
  completed: OKABE_ITO.blue,
  quota_full: OKABE_ITO.vermillion,
  gave_up: OKABE_ITO.orange,
  invalid: OKABE_ITO.reddishPurple,
  error: OKABE_ITO.black,
};

/** A vega-lite colour scale pinning each present key to its colour, in a stable order. */
export function fixedScale<K extends string>(
  colours: Record<K, string>,
  present: Iterable<string>,
): { domain: string[]; range: string[] } {
  const seen = new Set(present);
  const domain = (Object.keys(colours) as K[]).filter((k) => seen.has(k));
  // Keys the palette does not know (a newer analyzer's class) get the spare colours.
  const extra = [...seen].filter((k) => !(k in colours)).sort();
  const spare = CATEGORY_RANGE.filter((c) => !Object.values(colours).includes(c));
  return {
    domain: [...domain, ...extra],
    range: [
      ...domain.map((k) => colours[k]),
      ...extra.map((_, i) => spare[i % Math.max(1, spare.length)] ?? OKABE_ITO.yellow),
    ],
  };
}
