/**
 * Words in lines of at most `max` characters (a word longer than `max` keeps a line
 * of its own). Used for chart subtitles, which vega sizes by character count, and for
 * the calibration notes `rehearse scenarios show` prints.
 */
export function wrapWords(text: string, max = 60): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if (line && line.length + 1 + w.length > max) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}
