import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/util/display-path.js';

/** How every message names a file: the one helper the CLI, the readers and the loaders share. */
describe('displayPath', () => {
  it('is relative inside the working directory and absolute outside it, never ../', () => {
    expect(displayPath(resolve('runs/latest/summary.json'))).toBe(join('runs', 'latest', 'summary.json'));
    expect(displayPath('/definitely/elsewhere/x.ndjson')).toBe('/definitely/elsewhere/x.ndjson');
    expect(displayPath(resolve('..', 'sibling.json'))).toBe(resolve('..', 'sibling.json'));
    expect(displayPath(process.cwd())).toBe(process.cwd());
  });
});
