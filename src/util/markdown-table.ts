/**
 * A GitHub-flavoured Markdown table (https://github.github.com/gfm/#tables-extension-):
 * a header row, the delimiter row (`---`, or `---:` for a right-aligned column of
 * figures) and one row per record. A `|` in a cell is escaped (`\|`, code spans included,
 * as the GFM spec requires) and a line break becomes a space, so no cell breaks the table.
 * Cells are otherwise written as given: callers format and escape their own content.
 */
export type Align = 'left' | 'right';

export function markdownCell(s: string | number): string {
  return String(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function markdownTable(
  head: Array<string | number>,
  rows: Array<Array<string | number>>,
  align: (column: number) => Align = () => 'left',
): string {
  const line = (cells: Array<string | number>) => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [
    line(head),
    `| ${head.map((_, i) => (align(i) === 'right' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}
