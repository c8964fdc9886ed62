import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePopulation } from '../../../src/engine/k6/population-file.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { exportLaunchDay, launchDayScenario as scenario } from './export-launch-day.js';
import { exportK6 } from '../../../src/engine/k6/export.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { loadTarget } from '../../../src/target/load.js';
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

describe('rehearse k6 export, candidates derived in the script (the default)', () => {
  const KIB = 1024;
  /** Kubernetes: a ConfigMap's data at most 1 MiB; any object at most ~1.5 MiB in etcd. */
  const CONFIGMAP_LIMIT = 1024 * KIB;

  async function exportAt(scale: number, populationMode: 'auto' | 'derive' = 'derive', k8s = true) {
    const dir = await tmp();
    const s = await loadScenario('election-night', { scale });
    const r = await exportK6({
      outDir: dir,
      scenario: s,
      target: await loadTarget('targets/reference.json'),
      baseUrl: 'http://127.0.0.1:8080',
      seed: 1,
      ...(k8s ? { k8s: {} } : {}),
      populationMode,
    });
    const sizes: Record<string, number> = {};
    for (const f of k8s ? await readdir(join(dir, 'k8s')) : []) sizes[f] = (await stat(join(dir, 'k8s', f))).size;
    return { r, dir, sizes, total: Object.values(sizes).reduce((a, b) => a + b, 0) };
  }

  it('writes no population: the TestRun’s objects are each under Kubernetes’ limits and their total does not grow with the population', async () => {
    const small = await exportAt(0.002);
    const large = await exportAt(0.05);
    expect(large.r.population).toBe(262_875);
    expect(large.r.population / small.r.population).toBeGreaterThan(20);
    for (const e of [small, large]) {
      expect((await readdir(e.dir)).sort()).toEqual(['README.md', 'k8s', 'script.js']);
      expect(Object.keys(e.sizes).sort()).toEqual([
        '00-results-pvc.yaml',
        '10-script-configmap.yaml',
        '20-testrun.yaml',
        '30-collector-pod.yaml',
      ]);
      for (const [f, bytes] of Object.entries(e.sizes)) expect(bytes, f).toBeLessThan(CONFIGMAP_LIMIT);
      const testRun = await readFile(join(e.dir, 'k8s', '20-testrun.yaml'), 'utf8');
      expect(testRun).not.toContain('REHEARSAL_POPULATION');
      expect(testRun).not.toContain('population');
    }
    // 25× the candidates, the same manifests but for a few digits (counts, stages, VUs).
    expect(Math.abs(large.total - small.total)).toBeLessThan(2 * KIB);
  }, 120_000);

  it('by default ships a small population as files when deriving it would cost each k6 instance more memory, and says so', async () => {
    // Election night at its default scale: 10,515 candidates beside thousands of VUs (~4.6 MB each when deriving).
    const small = await exportAt(0.002, 'auto', false);
    expect(small.r.files).toContain('population.json');
    expect(small.r.populationNote).toMatch(
      /^deriving the candidates costs each k6 instance about [\d,]+ MB \([\d,]+ VUs × 4\.6 MB\), population files about 116 MB \(10,515 candidates × 11 kB\): shipped as files \(--derive derives them in the script\)$/,
    );
  }, 120_000);
});
