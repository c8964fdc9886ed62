import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
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
  const put = async (path: string | undefined, format: OutputFormat) => {
    if (!path) return;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, render(c, format));
    written.push(path);
  };
  await put(t.markdown, 'md');
  await put(t.junit, 'junit');
  await put(t.json, 'json');
  if (t.stepSummary) {
    await appendFile(t.stepSummary, renderMarkdown(c) + '\n');
    written.push(t.stepSummary);
  }
  return { stdout: render(c, t.format), written };
}
