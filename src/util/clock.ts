/**
 * `2016-01-18 07:20`: an instant of a scenario's real day, `realMs` after `startsAt`,
 * written in the UTC offset `startsAt` was written with (the day's own local time).
 */
export function clock(startsAt: string, realMs: number): string {
  const m = /([+-])(\d\d):(\d\d)$/.exec(startsAt);
  const offsetMs = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
  return new Date(Date.parse(startsAt) + realMs + offsetMs).toISOString().slice(0, 16).replace('T', ' ');
}
