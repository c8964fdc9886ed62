/**
 * A minimal YAML writer for the Kubernetes manifests: mappings, sequences, scalars,
 * and multi-line strings as literal blocks (`|`) so scripts stay readable in a
 * ConfigMap. Strings that YAML could read as anything but a string are quoted
 * (JSON strings are valid YAML).
 */
export type Yaml = string | number | boolean | null | Yaml[] | { [k: string]: Yaml | undefined };

function scalar(v: string | number | boolean | null): string {
  if (typeof v !== 'string') return String(v);
  if (v.includes('\n')) return JSON.stringify(v);
  const plain = /^[A-Za-z_/][\w./=:-]*$/.test(v) && !/^(true|false|yes|no|on|off|null|~)$/i.test(v) && !/:$|: /.test(v);
  return plain ? v : JSON.stringify(v);
}

function block(s: string, pad: string): string {
  const chomp = s.endsWith('\n') ? '|' : '|-';
  const body = s.replace(/\n$/, '').split('\n').map((l) => (l.length ? pad + l : ''));
  return `${chomp}\n${body.join('\n')}`;
}

function emit(v: Yaml, indent: number): string {
  const pad = '  '.repeat(indent);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return v
      .map((item) => {
        const inner = emit(item, indent + 1);
        return `\n${pad}- ${item !== null && typeof item === 'object' ? inner.trimStart() : inner}`;
      })
      .join('');
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined) as Array<[string, Yaml]>;
    if (entries.length === 0) return '{}';
    return entries
      .map(([k, x]) => {
        const key = `\n${pad}${scalar(k)}:`;
        // A literal block cannot start with an indented line (it would set the indentation): quote those.
        if (typeof x === 'string' && x.includes('\n') && !/^[ \t]/.test(x)) return `${key} ${block(x, pad + '  ')}`;
        if (x !== null && typeof x === 'object' && (Array.isArray(x) ? x.length : Object.keys(x).length)) return key + emit(x, indent + 1);
        return `${key} ${emit(x, indent + 1)}`;
      })
      .join('');
  }
  return scalar(v);
}

/** One YAML document. */
export function toYaml(v: Yaml): string {
  return emit(v, 0).replace(/^\n/, '') + '\n';
}
