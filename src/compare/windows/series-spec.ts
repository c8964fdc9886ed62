/**
 * What to accumulate per time window from a run's samples, for one metric:
 * - `trend`: a latency-like metric (histogram, sum, count, min, max, last value);
 * - `share`: the share of matching samples that are "hits" — a non-zero value (k6's
 *   Rate metrics such as http_req_failed) or a tag value (journeys ending `gave_up`);
 * - `counter`: the sum of values (k6 counters such as http_reqs).
 * `splitTag` makes one series per value of that tag (latency per operation).
 */
export type SeriesSpec =
  | { type: 'trend'; metric: string; tags: Record<string, string>; splitTag?: string }
  | { type: 'share'; metric: string; tags: Record<string, string>; hit: 'nonzero' | { tag: string; value: string } }
  | { type: 'counter'; metric: string; tags: Record<string, string> };

export function specKey(s: SeriesSpec): string {
  const tags = Object.keys(s.tags)
    .sort()
    .map((k) => `${k}:${s.tags[k]}`)
    .join(',');
  const hit = s.type === 'share' ? (s.hit === 'nonzero' ? '|nonzero' : `|${s.hit.tag}=${s.hit.value}`) : '';
  const split = s.type === 'trend' && s.splitTag ? `|by:${s.splitTag}` : '';
  return `${s.type}|${s.metric}|${tags}${hit}${split}`;
}

/** The spec of one split child: the parent's tags plus the split tag's value. */
export function childSpec(s: SeriesSpec & { type: 'trend' }, value: string): SeriesSpec {
  return { type: 'trend', metric: s.metric, tags: { ...s.tags, [s.splitTag as string]: value } };
}
