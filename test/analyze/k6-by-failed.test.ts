import { describe, expect, it } from 'vitest';
import { type P, readPoints } from './k6-points.js';

/**
 * `--by TAG`'s failed share per value over http_req_duration points, k6's own rule:
 * `expected_response` when the point has it (k6's responseCallback may expect a 404),
 * else a status outside 200–399 (k6's default expected statuses) — so a network error
 * (k6 writes status 0) or a point without a status is failed. Every answer counted by hand.
 */
const dur = (value: string | undefined, status: string | undefined, er?: string): P => [
  'http_req_duration',
  0,
  10,
  {
    ...(value === undefined ? {} : { name: value }),
    ...(status === undefined ? {} : { status }),
    ...(er === undefined ? {} : { expected_response: er }),
  },
];

const rows = (points: P[]) =>
  readPoints([], points)
    .k6.bySection()
    ?.rows.map((r) => [r.value, r.requests, r.failedRate]);

describe('--by failed share', () => {
  it('without expected_response, fails a status outside 200–399: 199 and 400 fail, 200 and 399 do not', () => {
    expect(rows([dur('edge', '199'), dur('edge', '200'), dur('edge', '399'), dur('edge', '400')])).toStrictEqual([
      ['edge', 4, 0.5],
    ]);
    // Each bound alone, so a bound moved by one shows in its own row.
    expect(
      rows([dur('a200', '200'), dur('b399', '399'), dur('c400', '400'), dur('d199', '199'), dur('e500', '500')]),
    ).toStrictEqual([
      ['a200', 1, 0],
      ['b399', 1, 0],
      ['c400', 1, 1],
      ['d199', 1, 1],
      ['e500', 1, 1],
    ]);
  });

  it('fails a network error (status 0) and a point without a status', () => {
    expect(rows([dur('net', '0'), dur('net', undefined), dur('net', '204')])).toStrictEqual([['net', 3, 0.666667]]);
  });

  it('follows expected_response over the status when the point has it', () => {
    // 404 expected (true): not failed; 200 and 201 not expected (false): failed. By status alone: 1 of 3.
    expect(rows([dur('api', '404', 'true'), dur('api', '200', 'false'), dur('api', '201', 'false')])).toStrictEqual([
      ['api', 3, 0.666667],
    ]);
  });

  it('counts a point without the tag under (none)', () => {
    expect(rows([dur(undefined, '200'), dur(undefined, '503'), dur('named', '200')])).toStrictEqual([
      ['(none)', 2, 0.5],
      ['named', 1, 0],
    ]);
  });
});
