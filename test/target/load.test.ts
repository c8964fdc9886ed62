import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTarget, readTargetData, TargetError } from '../../src/target/load.js';
import { targetJsonSchema } from '../../src/target/schema.js';

describe('target files are validated with every problem listed', () => {
  it('accepts the reference target with all its operations', async () => {
    const t = await loadTarget('targets/reference.json');
    expect(Object.keys(t.operations).sort()).toEqual([
      'browse',
      'checkEligibility',
      'checkStatus',
      'createAccount',
      'enterQueue',
      'inviteRound',
      'pollQueue',
      'readMailbox',
      'requestCode',
      'signIn',
      'submitApplication',
      'submitInterest',
    ]);
  });

  it('loads a TypeScript target file', async () => {
    const t = await loadTarget('test/target/fixtures/portal.target.ts');
    expect(t.name).toBe('typed');
    expect(t.operations.submitApplication).toMatchObject({ timeoutMs: 2500 });
  });

  it('lists shape problems, each naming the file, the field and what was expected', async () => {
    const file = 'test/target/fixtures/broken.json';
    const err = await loadTarget(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetError);
    const problems = (err as TargetError).problems;
    expect(problems.every((p) => p.startsWith(`${file}: `))).toBe(true);
    const text = problems.join('\n');
    expect(text).toContain('name: expected at least 1 character, got ""');
    expect(text).toContain('timeoutMs: expected a number > 0, got -5');
    expect(text).toContain(
      'operations.createAccount.method: expected one of "GET", "POST", "PUT", "PATCH", "DELETE", got "FETCH"',
    );
    expect(text).toContain(
      'operations.submitApplication.classify[0].class: expected one of "ok", "throttled", "queued", "quota_full", "invalid", "error", got "full"',
    );
    expect(text).toContain('operations.submitApplication.classify[1].status');
    expect(text).toContain('operations: unknown operation "createAcount": expected one of browse, checkEligibility');
    expect(text).toContain('(top level): unknown field "extra"');
    expect((err as Error).message.split('\n')[0]).toBe(`${problems.length} problems in the target file:`);
  });

  it('lists what a schema cannot see once the shape is right', async () => {
    const raw = JSON.parse(readFileSync('test/target/fixtures/broken.json', 'utf8'));
    // Repair the shape, keep the semantic mistakes.
    delete raw.extra;
    delete raw.operations.createAcount;
    raw.name = 'broken';
    raw.timeoutMs = 1000;
    raw.operations.createAccount.method = 'POST';
    raw.operations.submitApplication.classify = [{ class: 'ok' }];
    const { validateTarget } = await import('../../src/target/validate.js');
    const { problems } = validateTarget(raw, 'b.json');
    expect(problems).toEqual([
      'b.json: classify[0].body: expected a regular expression in RE2 syntax (linear time), got "(" (missing closing ): `(`)',
      'b.json: operations.createAccount: expected json or form, not both',
      'b.json: operations.createAccount.capture.t.pointer: expected a JSON Pointer starting with "/", got "token"',
      'b.json: operations.createAccount.capture.r.pattern: expected a regular expression in RE2 syntax (linear time), got "([a-z" (missing closing ]: `[a-z`)',
      'b.json: operations.submitApplication.classify[0]: expected at least one of status, header, body (a rule with none matches everything)',
      'b.json: operations.createAccount.path: {{candidate.mail}}: the candidate has no field "mail"; expected one of id, seq, seed, arrivalMs, firstName, lastName, email, country, locale, persona, attributes',
      'b.json: operations.createAccount.json.a: {{vars.nothing}}: no operation captures "nothing"; add a capture rule or a default under variables',
      'b.json: operations.submitApplication.headers.x: {{secret.key}}: expected a value under candidate, vars, uuid, attempt or operator',
    ]);
  });

  it('keeps targets/target.schema.json in step with the schema (regenerate: rehearse target schema --out targets/target.schema.json)', () => {
    expect(JSON.parse(readFileSync('targets/target.schema.json', 'utf8'))).toEqual(targetJsonSchema());
  });
});

describe('reading a target file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'target-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const minimal = { name: 'm', operations: { browse: { method: 'GET', path: '/' } } };
  const problem = async (path: string) => {
    const err = await loadTarget(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetError);
    return (err as TargetError).message;
  };

  it('reads the default export of .js, .mjs, .cjs and .mts modules, and JSON from any other name', async () => {
    const body = JSON.stringify(minimal);
    for (const [name, text] of [
      ['a.mjs', `export default ${body};`],
      ['b.js', `export default ${body};`],
      ['c.cjs', `module.exports = ${body};`],
      ['d.mts', `const t: { name: string } = ${body};\nexport default t;`],
      ['e.json', body],
      ['f.target', body],
    ] as const) {
      expect(await readTargetData(file(name, text)), name).toEqual(minimal);
    }
  });

  it('names the file and the cause, on one line, when it cannot be read, parsed or loaded', async () => {
    const missing = join(dir, 'missing.json');
    expect(await problem(missing)).toBe(`${missing}: cannot read (ENOENT)`);
    const bad = file('bad.json', '{"name": ');
    expect(await problem(bad)).toMatch(new RegExp(`^${bad}: expected JSON \\(.+\\)$`));
    const throws = file('throws.mjs', 'throw new Error("boom\\nsecond line");');
    expect(await problem(throws)).toBe(`${throws}: cannot load (boom)`);
    const none = file('none.mjs', 'export const target = {};');
    expect(await problem(none)).toBe(`${none}: expected a default export with the target`);
  });

  it('says one problem as it is, and counts several', async () => {
    expect(new TargetError(['a.json: name: expected a string']).message).toBe('a.json: name: expected a string');
    expect(new TargetError(['x', 'y']).message).toBe('2 problems in the target file:\n  x\n  y');
    const invalid = file('invalid.json', JSON.stringify({ ...minimal, name: '' }));
    expect(await problem(invalid)).toBe(`${invalid}: name: expected at least 1 character, got ""`);
  });
});
