import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { specToSvg, svgToPng, systemFontsLikely } from '../report/render.js';
import { capacityChart } from './chart.js';
import { formatPlan } from './format.js';
import type { PlanResult } from './plan.js';

/**
 * Writes a plan's files into `dir`: plan.json (the schema in src/plan/plan.schema.json),
 * plan.md, and the chart as capacity.vl.json, capacity.svg and capacity.png.
 * Returns the paths written and any chart warnings.
 */
export async function writePlan(
  r: PlanResult,
  points: ReadonlyArray<{ n: number; x: number }>,
  dir: string,
): Promise<{ files: string[]; warnings: string[] }> {
  await mkdir(dir, { recursive: true });
  const spec = capacityChart(r, points);
  const { svg, warnings } = await specToSvg(spec);
  const files: Array<[string, string | Buffer]> = [
    [
      'plan.json',
      JSON.stringify({ $schema: 'https://launch-rehearsal.dev/plan.schema.json', ...r.plan }, null, 2) + '\n',
    ],
    ['plan.md', `# Capacity plan\n\n![Throughput against concurrency](capacity.svg)\n\n${formatPlan(r.plan, 'md')}`],
    ['capacity.vl.json', JSON.stringify(spec, null, 2) + '\n'],
    ['capacity.svg', svg],
    ['capacity.png', svgToPng(svg)],
  ];
  for (const [name, body] of files) await writeFile(join(dir, name), body);
  if (!systemFontsLikely()) warnings.push('no system fonts found: capacity.png has no text (capacity.svg does)');
  return { files: files.map(([n]) => join(dir, n)), warnings };
}
