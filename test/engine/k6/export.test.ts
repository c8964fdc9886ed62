import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePopulation } from '../../../src/engine/k6/population-file.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { exportLaunchDay, launchDayScenario as scenario } from './export-launch-day.js';
import { tempDirs } from './tmp.js';

const tmp = tempDirs('k6-export-');

describe('population files for SharedArray', () => {
  it('hold every candidate once, in arrival order, across shards', async () => {
    const dir = await tmp();
    const all = [...generatePopulation(scenario, 5)];
    const p = await writePopulation(dir, all, { maxBytes: 40_000 });
    expect(p.files.length).toBeGreaterThan(1);
    const back = [];
    for (const f of p.files) {
      const text = await readFile(join(dir, f), 'utf8');
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(40_000);
      back.push(...(JSON.parse(text) as unknown[]));
    }
    expect(back).toEqual(JSON.parse(JSON.stringify(all)));
    expect(p.count).toBe(all.length);
  });

  it('refuses candidates out of arrival order (iteration n must be candidate n)', async () => {
    const [a, b] = [...generatePopulation(scenario, 5)].slice(0, 2);
    await expect(writePopulation(await tmp(), [b!, a!])).rejects.toThrow(/arrival order/);
  });
});

describe('rehearse k6 export', () => {
  it('writes a standalone directory and, with --k8s, a k6-operator TestRun', async () => {
    const dir = await tmp();
    const r = await exportLaunchDay(dir, 1, { parallelism: 3 });
    expect(r.population).toBe(scenario.population);
    expect((await readdir(dir)).sort()).toEqual(['README.md', 'k8s', 'population-0.json', 'script.js']);
    const testRun = await readFile(join(dir, 'k8s', '20-testrun.yaml'), 'utf8');
    expect(testRun).toContain('apiVersion: k6.io/v1alpha1\nkind: TestRun\n');
    expect(testRun).toContain(
      '  parallelism: 3\n  script:\n    configMap:\n      name: rehearsal-launch-day-script\n      file: script.js\n',
    );
    expect(testRun).toContain('--out json=/results/samples-$(POD_NAME).ndjson');
    expect(testRun).toContain('value: /data/population-0.json');
    const cm = await readFile(join(dir, 'k8s', '10-script-configmap.yaml'), 'utf8');
    const script = await readFile(join(dir, 'script.js'), 'utf8');
    // The ConfigMap carries the script verbatim, indented as a literal block.
    expect(cm).toContain(
      `  script.js: |\n${script
        .split('\n')
        .filter(Boolean)
        .slice(0, 3)
        .map((l) => `    ${l}`)
        .join('\n')}`,
    );
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('rehearse analyze results/*.ndjson');
    expect(readme).toContain('--execution-segment 1/2:1 --execution-segment-sequence 0,1/2,1');
  });

  it('is byte-identical for the same seed', async () => {
    const one = async () => {
      const dir = await tmp();
      await exportLaunchDay(dir, 9);
      return [await readFile(join(dir, 'script.js'), 'utf8'), await readFile(join(dir, 'population.json'), 'utf8')];
    };
    expect(await one()).toEqual(await one());
  });
});
