import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import launchDay from '../../scenarios/launch-day.js';
import { builtinScenarioNames, loadScenario, loadScenarioInput } from '../../src/scenario/load.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { ScenarioInvalid } from '../../src/scenario/validate.js';

function scenarioFileWith(mutate: (s: Record<string, unknown>) => void): string {
  const s = structuredClone(launchDay) as unknown as Record<string, unknown>;
  mutate(s);
  const file = join(mkdtempSync(join(tmpdir(), 'scenario-')), 'my-day.json');
  writeFileSync(file, JSON.stringify(s));
  return file;
}

async function problemsOf(file: string): Promise<{ lines: string[]; exitCode: number }> {
  try {
    await loadScenarioInput(file);
  } catch (e) {
    if (e instanceof ScenarioInvalid) return { lines: e.message.split('\n'), exitCode: e.exitCode };
    throw e;
  }
  return { lines: [], exitCode: 0 };
}

describe('scenario validation', () => {
  it('reports all three mistakes of a file, one line each, naming file, field and what was expected', async () => {
    const file = scenarioFileWith((s) => {
      (s.personas as Array<Record<string, unknown>>)[1]!.share = 'a lot'; // a type error
      (s.curve as Array<Record<string, unknown>>)[2]!.atMin = 999; // outside the 240-minute window
      s.popluation = 10; // a misspelt field
    });
    const shown = file; // outside the working directory: shown in full
    const { lines, exitCode } = await problemsOf(file);
    expect(exitCode).toBe(2);
    expect(lines.sort()).toEqual(
      [
        `${shown}: personas[1].share: expected a number, got a string ("a lot")`,
        `${shown}: popluation: unknown field (check its spelling against the JSON schema)`,
        `${shown}: curve[2].atMin: expected a time within the window (0 to windowMin = 240), got 999`,
      ].sort(),
    );
  });

  it('names ranges, choices and dates in what it expected', async () => {
    const file = scenarioFileWith((s) => {
      (s.portal as Record<string, unknown>).strategy = 'fifo';
      (s.personas as Array<Record<string, unknown>>)[0]!.patienceMin = [240, 180];
      s.startsAt = 'Monday';
      s.countries = { us: 1 };
    });
    const { lines } = await problemsOf(file);
    expect(lines).toHaveLength(4);
    expect(
      lines.some((l) =>
        l.endsWith('portal.strategy: expected one of "open", "throttle", "waiting-room", "eoi", got "fifo"'),
      ),
    ).toBe(true);
    expect(
      lines.some((l) =>
        l.endsWith('personas[0].patienceMin: expected [shortest, longest] with shortest ≤ longest, got [240,180]'),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.includes('startsAt: expected an ISO 8601 date-time'))).toBe(true);
    expect(lines.some((l) => l.includes('countries.us: invalid key'))).toBe(true);
  });

  it('a fact the scenario does not replay must say why; one it replays must give its range', async () => {
    const file = scenarioFileWith((s) => {
      const f = s.fidelity as Array<Record<string, unknown>>;
      delete f[4]!.why;
      delete f[0]!.min;
      delete f[0]!.max;
      (s.portal as Record<string, unknown>).fittedAt = { scale: 0, timeScale: 720 };
    });
    const { lines } = await problemsOf(file);
    expect(lines.map((l) => l.slice(l.indexOf(': ') + 2))).toEqual([
      'portal.fittedAt.scale: expected a number > 0, got 0',
      'fidelity[4].why: expected why, the reason the scenario cannot replay the fact (measure not-replayed), got nothing',
      'fidelity[0]: expected min, max or both: the range a faithful replay lands in',
    ]);
  });

  it('rejects knobs that are not positive, naming the flag', async () => {
    await expect(loadScenario('launch-day', { scale: 0 })).rejects.toThrow('--scale: expected a number > 0, got 0');
  });

  it('accepts every built-in scenario and a user’s JSON copy of one', async () => {
    expect(builtinScenarioNames()).toEqual([
      'election-night',
      'election-night-quebec',
      'election-night-week-before',
      'eoi-draw',
      'launch-day',
      'status-tracker',
    ]);
    for (const name of builtinScenarioNames()) await expect(loadScenario(name)).resolves.toMatchObject({ name });
    const file = scenarioFileWith((s) => {
      s.$schema = './scenario.schema.json';
      s.name = 'my-day';
    });
    expect((await loadScenario(file)).name).toBe('my-day');
  });

  it('ships a JSON schema identical to the one generated from the zod schema', async () => {
    const committed = JSON.parse(
      await readFile(new URL('../../scenarios/scenario.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(scenarioJsonSchema());
  });
});
