import { Document, parse, visit } from 'yaml';

/**
 * YAML for the Kubernetes manifests, written by the `yaml` package (eemeli/yaml), with
 * multi-line strings as literal blocks (`|`, `|+` keeping trailing blank lines) so scripts
 * stay readable in a ConfigMap.
 *
 * Readers disagree on what a plain scalar means: YAML 1.1 readers (go-yaml v2, which
 * kubectl used for years, PyYAML) take `y`, `no`, `on` for booleans and `017` for an octal
 * number; YAML 1.2 readers take `0o17` for a number. A string any of them would read as
 * something else is double-quoted, so every reader gets the string back.
 */
export type Yaml = string | number | boolean | null | Yaml[] | { [k: string]: Yaml | undefined };

function readsAsString(s: string): boolean {
  try {
    return typeof parse(s, { version: '1.1' }) === 'string' && typeof parse(s, { version: '1.2' }) === 'string';
  } catch {
    return false;
  }
}

/** One YAML document. */
export function toYaml(v: Yaml): string {
  const doc = new Document(v, { version: '1.1' });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && !node.value.includes('\n') && !readsAsString(node.value))
        node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}
