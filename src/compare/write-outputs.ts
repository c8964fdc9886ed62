import { writeOutput } from '../util/output-path.js';
import { render, renderMarkdown, type OutputFormat } from './render/index.js';
import type { Comparison } from './types.js';

export interface OutputTargets {
  /** What goes to stdout. */
  format: OutputFormat;
  markdown?: string;
  junit?: string;
  json?: string;
  /** $GITHUB_STEP_SUMMARY: the Markdown is appended there when set (GitHub Actions' job summary). */
  stepSummary?: string;
}

/** Writes the requested files and returns the stdout text. Returns the paths written, for the log. */
export async function writeOutputs(c: Comparison, t: OutputTargets): Promise<{ stdout: string; written: string[] }> {
  const written: string[] = [];
  // Unwritable paths are input errors naming the flag (exit 2), see util/output-path.ts.
  const put = async (path: string | undefined, format: OutputFormat, flag: string) => {
    if (!path) return;
    await writeOutput(path, render(c, format), flag);
    written.push(path);
  };
  await put(t.markdown, 'md', '--markdown');
  await put(t.junit, 'junit', '--junit');
  await put(t.json, 'json', '--json');
  if (t.stepSummary) {
    await writeOutput(t.stepSummary, renderMarkdown(c) + '\n', '$GITHUB_STEP_SUMMARY', { append: true });
    written.push(t.stepSummary);
  }
  return { stdout: render(c, t.format), written };
}
