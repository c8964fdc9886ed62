/**
 * `{{path}}` templates, rule by rule (src/target/template.ts): what a target file's
 * placeholders render to, including the edges a target author meets (spaces inside the
 * braces, unknown paths, null, a placeholder that is a whole value and keeps its type).
 */
import { describe, expect, it } from 'vitest';
import { lookup, placeholders, renderString, renderValue } from '../../src/target/template.js';

const ctx = {
  candidate: { id: 'c7', age: 33, french: null, tags: ['a', 'b'], nested: { x: { y: 'deep' } } },
  vars: { token: 'T', zero: 0, no: false, 'a-b': 'dash' },
};

describe('lookup', () => {
  it('walks dotted paths, stopping at anything that is not an object', () => {
    expect(lookup(ctx, 'candidate.nested.x.y')).toBe('deep');
    expect(lookup(ctx, 'candidate.tags.1')).toBe('b');
    expect(lookup(ctx, 'candidate.id.length')).toBeUndefined();
    expect(lookup(ctx, 'candidate.french.level')).toBeUndefined();
    expect(lookup(ctx, 'nobody.here')).toBeUndefined();
    expect(lookup(ctx, 'vars.a-b')).toBe('dash');
  });
});

describe('renderString', () => {
  it('substitutes every placeholder, spaces inside the braces allowed; unknown and null render empty', () => {
    expect(renderString('/api/{{candidate.id}}/x/{{ vars.token }}', ctx)).toBe('/api/c7/x/T');
    expect(renderString('{{vars.zero}}|{{vars.no}}|{{candidate.french}}|{{missing.path}}|{{candidate.age}}', ctx)).toBe(
      '0|false|||33',
    );
    expect(renderString('no placeholder {single} {{}}', ctx)).toBe('no placeholder {single} {{}}');
    expect(renderString('{{candidate.tags}}', ctx)).toBe('a,b');
  });
});

describe('renderValue', () => {
  it('a string that is exactly one placeholder keeps the value’s type; unknown becomes null', () => {
    expect(renderValue('{{candidate.age}}', ctx)).toBe(33);
    expect(renderValue('{{ vars.no }}', ctx)).toBe(false);
    expect(renderValue('{{candidate.french}}', ctx)).toBeNull();
    expect(renderValue('{{missing}}', ctx)).toBeNull();
    expect(renderValue('{{candidate.nested}}', ctx)).toEqual({ x: { y: 'deep' } });
    expect(renderValue('age {{candidate.age}}', ctx)).toBe('age 33');
    expect(renderValue('{{candidate.age}}{{vars.token}}', ctx)).toBe('33T');
  });

  it('renders inside arrays and objects, and leaves other values alone', () => {
    expect(renderValue({ a: ['{{candidate.id}}', 1, null, true], b: { c: 'x{{vars.token}}' } }, ctx)).toEqual({
      a: ['c7', 1, null, true],
      b: { c: 'xT' },
    });
    expect(renderValue(5, ctx)).toBe(5);
    expect(renderValue(null, ctx)).toBeNull();
    expect(renderValue(undefined, ctx)).toBeUndefined();
  });
});

describe('placeholders', () => {
  it('lists each placeholder’s path in order, repeats included', () => {
    expect(placeholders('{{a.b}} and {{ c }} then {{a.b}}')).toEqual(['a.b', 'c', 'a.b']);
    expect(placeholders('none here')).toEqual([]);
  });
});
