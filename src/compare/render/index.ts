import type { Comparison } from '../types.js';
import { renderConsole } from './console.js';
import { renderJUnit } from './junit.js';
import { renderMarkdown } from './markdown.js';

export { renderConsole, renderJUnit, renderMarkdown };

/** The comparison as JSON (stable key order: the type's), for machines and `rehearse report --comparison`. */
export function renderJson(c: Comparison): string {
  return JSON.stringify(c, null, 2) + '\n';
}

export const FORMATS = ['table', 'md', 'junit', 'json'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export function render(c: Comparison, format: OutputFormat): string {
  return { table: renderConsole, md: renderMarkdown, junit: renderJUnit, json: renderJson }[format](c);
}
