import type { Sample } from './read-json-line.js';
import { parseCsvTime } from './read-time.js';

/**
 * k6 `--out csv` (https://grafana.com/docs/k6/latest/results-output/real-time/csv/):
 *
 *   metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata
 *   http_reqs,1700000000,1.000000,,,,true,,GET,http://…,HTTP/1.1,default,,200,,,http://…,op=createAccount&class=ok,
 *
 * The header names the columns, so their order is read from it. Every column but the
 * first three, `extra_tags` and `metadata` is a tag (empty = absent); `extra_tags`
 * holds the remaining tags as `k=v&k=v` (k6 output/csv/output.go). Fields are quoted
 * Go encoding/csv style when they hold a comma, quote or newline.
 */
export const CSV_HEAD = 'metric_name,timestamp,metric_value';

export interface CsvLayout {
  columns: string[];
  metric: number;
  time: number;
  value: number;
  extra: number;
  metadata: number;
}

export function csvLayout(header: string): CsvLayout | null {
  const columns = splitCsv(header);
  if (!columns) return null;
  const at = (n: string) => columns.indexOf(n);
  const layout = {
    columns,
    metric: at('metric_name'),
    time: at('timestamp'),
    value: at('metric_value'),
    extra: at('extra_tags'),
    metadata: at('metadata'),
  };
  return layout.metric < 0 || layout.time < 0 || layout.value < 0 ? null : layout;
}

/** Splits one CSV record; null when its quotes are unbalanced. */
export function splitCsv(line: string): string[] | null {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let field = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        field += line.slice(i, q);
        if (line.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(field);
      if (i === line.length) return out;
      if (line.charCodeAt(i) !== 44) return null;
      i++;
    } else {
      const c = line.indexOf(',', i);
      if (c < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
}

/** Parses one CSV record into a sample; null when it is not one. */
export function parseCsvLine(line: string, l: CsvLayout): Sample | null {
  const f = splitCsv(line);
  if (!f || f.length !== l.columns.length) return null;
  const metric = f[l.metric] as string;
  const timeMs = parseCsvTime(f[l.time] as string);
  const valueText = f[l.value] as string;
  const value = valueText.length === 0 ? Number.NaN : Number(valueText);
  if (metric.length === 0 || Number.isNaN(timeMs) || !Number.isFinite(value)) return null;
  const tags: Record<string, string> = {};
  for (let i = 0; i < f.length; i++) {
    if (i === l.metric || i === l.time || i === l.value || i === l.metadata) continue;
    const v = f[i] as string;
    if (v.length === 0) continue;
    if (i === l.extra) {
      // Written raw, not URL-encoded (k6 output/csv SampleToRow): split on & and the first =.
      for (const pair of v.split('&')) {
        const eq = pair.indexOf('=');
        if (eq > 0) tags[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
    } else {
      tags[l.columns[i] as string] = v;
    }
  }
  return { metric, timeMs, value, tags };
}
