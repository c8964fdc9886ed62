import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml } from '../../../src/engine/k6/yaml.js';

/**
 * The manifests' YAML read back by real parsers: the `yaml` package as a YAML 1.1 reader
 * (what go-yaml v2 and so kubectl long were) and as a YAML 1.2 reader, and PyYAML (1.1)
 * when python3 has it.
 */
const TRICKY = {
  boolean11: 'y',
  no: 'no',
  on: 'on',
  exponent: '1e3',
  octal11: '017',
  octal12: '0o17',
  port: '8080',
  nothing: '~',
  date: '2016-01-18',
  colon: 'x: y',
  hash: 'a #comment',
  dash: '- item',
  script: 'export default function () {\n  http.get(url);\n}\n\n',
  noNewline: 'line 1\nline 2',
  indented: '  starts indented\nnext',
  plain: 'plain/path.json',
  list: ['y', 'n', { yes: 'off' }],
};

const pyyaml = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0;

describe('YAML for the manifests', () => {
  it('round-trips tricky strings through a YAML 1.1 and a YAML 1.2 reader', () => {
    const text = toYaml(TRICKY);
    expect(parse(text, { version: '1.1' })).toEqual(TRICKY);
    expect(parse(text, { version: '1.2' })).toEqual(TRICKY);
  });

  it('keeps scripts readable: a literal block, trailing blank lines kept', () => {
    const text = toYaml({ data: { 'script.js': TRICKY.script } });
    expect(text).toBe('data:\n  script.js: |+\n    export default function () {\n      http.get(url);\n    }\n\n');
    expect(toYaml({ a: 'true', b: '8080', d: 'plain/path.json' })).toBe('a: "true"\nb: "8080"\nd: plain/path.json\n');
  });

  it.skipIf(!pyyaml)('round-trips through PyYAML (a YAML 1.1 reader)', () => {
    const r = spawnSync('python3', ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], {
      input: toYaml(TRICKY),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(TRICKY);
  });
});
