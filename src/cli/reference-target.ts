/**
 * The reference portal's target file, in a module of its own: `simulate` needs the
 * path without loading the rehearsal's engines and the real portal (fastify, SQLite),
 * which cost a simulated launch-day a noticeable share of its CPU at start-up.
 */
export const REFERENCE_TARGET = new URL('../../targets/reference.json', import.meta.url).pathname;
