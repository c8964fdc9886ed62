import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Imports follow DESIGN.md's arrows and never run back: no module of src/ reaches itself
 * through its imports (type-only imports included: they tie the files together as much),
 * and no folder of src/ imports a folder that imports it back. Static and dynamic imports
 * of relative paths are read from the source text.
 */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;

function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(join(SRC, f), 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2]) as string;
      deps.push(relative(SRC, resolve(SRC, dirname(f), spec)).replace(/\.js$/, '.ts'));
    }
    g.set(
      f,
      deps.filter((d) => g.has(d) || files.includes(d)),
    );
  }
  return g;
}

/** Strongly connected components with more than one member, or a self-loop (Tarjan 1972). */
function cycles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('import structure of src/', () => {
  it('has no import cycle between modules', () => {
    expect(cycles(graph())).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    const folder = (f: string) => f.split('/')[0] as string;
    const g = new Map<string, string[]>();
    for (const [f, deps] of graph()) {
      const from = folder(f);
      g.set(from, [...new Set([...(g.get(from) ?? []), ...deps.map(folder).filter((d) => d !== from)])]);
    }
    expect(cycles(g)).toEqual([]);
  });
});
