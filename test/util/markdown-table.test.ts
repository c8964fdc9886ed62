import { describe, expect, it } from 'vitest';
import { markdownTable } from '../../src/util/markdown-table.js';

/** The one Markdown table writer of the summary, the comparison and the report. */
describe('markdownTable', () => {
  it('writes GFM with right-aligned figure columns and cells that cannot break the table', () => {
    const md = markdownTable(
      ['metric', 'p95 (ms)'],
      [
        ['`http_req_duration{op:a|b}`', 812.5],
        ['two\nlines', 3],
      ],
      (i) => (i === 1 ? 'right' : 'left'),
    );
    expect(md).toBe(
      [
        '| metric | p95 (ms) |',
        '| --- | ---: |',
        '| `http_req_duration{op:a\\|b}` | 812.5 |',
        '| two lines | 3 |',
      ].join('\n'),
    );
    // Every row has as many unescaped separators as the header.
    const columns = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    for (const l of md.split('\n')) expect(columns(l)).toBe(3 + 1);
  });
});
