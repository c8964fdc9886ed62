import type { MetricDeclaration } from '../results/read-json-line.js';
import { type MetricRef, ParsedTags, type TagSet } from '../results/read-tag-sets.js';
import { round } from './downsample.js';
import { LatencyHistogram, type LatencyHistogramData } from './latency-histogram.js';
import { MetricAgg, type MetricAggData } from './metric-agg.js';
import type { LatencyStats, Summary } from './summary.js';
import { type TagSetData, type UndeclaredData, UndeclaredPoints } from './undeclared-points.js';

/**
 * Every metric of a k6 output file summarised as k6's end-of-test summary does
 * (k6 `--summary-export`, metrics/sink.go), so a plain k6 script's checks, groups and
 * custom metrics are not dropped:
 *   counter: count, rate (count ÷ the span of the samples; k6 divides by its own run
 *            time, which the output file does not hold, so k6's rate is a little lower);
 *   rate:    share of non-zero samples (passes), fails;
 *   trend:   avg, min, med, max, p(90), p(95), exact: every value is kept, as k6 keeps
 *            them, and percentiles interpolate linearly between the closest ranks as
 *            k6's TrendSink.P does (Hyndman & Fan type 7);
 *   gauge:   last value (the latest sample), min, max.
 * A metric's type comes from its `Metric` declaration line; without one (k6 CSV output)
 * from k6's built-in names, else it is summarised as a trend. Submetrics declared on a
 * metric (k6 ≥ 1.0 declares `http_req_duration{expected_response:true}`) are summarised
 * too. The toolkit's own metrics (rehearsal_*) are summarised by the sections that know them.
 *
 * Checks: the `checks` rate metric per `check` tag (and `group`); groups: per `group`
 * tag, the requests and checks in it. `--by TAG`: requests, failures and latency per
 * value of TAG (from tags or sample metadata) over http_req_duration samples.
 */
export class K6Metrics {
  private readonly byName = new Map<string, MetricAgg>();
  private readonly declared = new Map<string, MetricDeclaration>();
  readonly checks = new Map<string, { name: string; group: string; passes: number; fails: number }>();
  readonly groups = new Map<string, { requests: number; checksPass: number; checksFail: number }>();
  readonly by = new Map<string, { requests: number; failed: number; latency: LatencyHistogram }>();
  /** `--by TAG` over counters: metric → value of TAG → sum (a Counter tagged `outcome`, by outcome). */
  readonly byCounter = new Map<string, Map<string, number>>();
  /** Points of metrics read without their declaration, by metric (only when `keepUndeclared`). */
  private readonly undeclared = new Map<string, UndeclaredPoints>();

  /**
   * `keepUndeclared`: this reads a part of a file cut after its start (the worker's part,
   * accumulate-run.ts), where a metric's declaration may lie in the part before: the
   * points of a metric met undeclared are kept (`undeclaredOf`) for the merge to count in
   * its submetrics, and a metric of unknown type is counted for `--by` as a counter might be.
   */
  constructor(
    readonly byTag?: string,
    readonly keepUndeclared = false,
  ) {}

  /**
   * How many declarations were read: a metric met before its declaration (a toolkit file
   * before a plain k6 file in one run) is looked at again after it, so its points from
   * the declaration on count in its submetrics (accumulate.ts compares this on its memo).
   */
  declarations = 0;

  declare(d: MetricDeclaration): void {
    this.declarations++;
    this.declared.set(d.name, d);
    const a = this.byName.get(d.name);
    if (a) {
      a.type = d.type;
      a.time = d.contains === 'time';
    }
  }

  /** The aggregate of a metric, kept on its MetricRef's slot by the caller. */
  agg(name: string): MetricAgg {
    let a = this.byName.get(name);
    if (!a) {
      const d = this.declared.get(name) ?? this.declared.get(name.replace(/\{.*$/, ''));
      this.byName.set(name, (a = new MetricAgg(d?.type ?? BUILT_IN.get(name) ?? null)));
      a.time = d ? d.contains === 'time' : TIME.has(name.replace(/\{.*$/, ''));
    }
    return a;
  }

  point(metric: MetricRef, a: MetricAgg, t: number, value: number, ts: TagSet): void {
    a.add(t, value);
    const name = metric.name;
    // Unknown type in a later part: perhaps a counter declared before the cut (the merge keeps counters only).
    if (this.byTag !== undefined && (a.type === 'counter' || (a.type === null && this.keepUndeclared))) {
      const v = ts.get(this.byTag);
      if (v !== undefined) {
        let m = this.byCounter.get(name);
        if (!m) this.byCounter.set(name, (m = new Map()));
        m.set(v, (m.get(v) ?? 0) + value);
      }
    }
    if (name === 'checks') {
      const check = ts.get('check') ?? '';
      const group = ts.get('group') ?? '';
      const key = `${group}\u0000${check}`;
      let c = this.checks.get(key);
      if (!c) this.checks.set(key, (c = { name: check, group, passes: 0, fails: 0 }));
      const g = this.group(group);
      if (value !== 0) {
        c.passes++;
        g.checksPass++;
      } else {
        c.fails++;
        g.checksFail++;
      }
    } else if (name === 'http_req_duration' && this.byTag !== undefined) {
      const key = ts.get(this.byTag) ?? '(none)';
      let b = this.by.get(key);
      if (!b) this.by.set(key, (b = { requests: 0, failed: 0, latency: new LatencyHistogram() }));
      b.requests++;
      b.latency.record(value);
      // k6's own "failed": expected_response=false; without the tag, a status outside 200–399.
      const er = ts.get('expected_response');
      const status = Number(ts.get('status'));
      if (er !== undefined ? er === 'false' : !(status >= 200 && status < 400)) b.failed++;
    }
  }

  /** A group's counts (the accumulator keeps it on the http_reqs tag set, to count requests without a lookup per sample). */
  group(path: string): { requests: number; checksPass: number; checksFail: number } {
    let g = this.groups.get(path);
    if (!g) this.groups.set(path, (g = { requests: 0, checksPass: 0, checksFail: 0 }));
    return g;
  }

  /** Submetric samples: a point of `metric` whose tags match a declared submetric's (`matchesSubmetric`). */
  submetricsOf(name: string): Array<{ name: string; tags: Record<string, string> }> {
    return this.declared.get(name)?.submetrics ?? [];
  }

  /**
   * Where to keep the points of a metric met before (or without) its declaration, or null
   * when this part need not: a part read from its file's start sees every declaration
   * before the metric's first point (k6 writes it there).
   */
  undeclaredOf(name: string): UndeclaredPoints | null {
    if (!this.keepUndeclared || this.declared.has(name)) return null;
    let u = this.undeclared.get(name);
    if (!u) this.undeclared.set(name, (u = new UndeclaredPoints(this.agg(name).keepsValues)));
    return u;
  }

  /** The `metrics` section: every metric but the toolkit's own, by name. */
  metricsSection(durationMs: number): Summary['metrics'] {
    const out: NonNullable<Summary['metrics']> = {};
    for (const [name, a] of [...this.byName].sort(byKey)) {
      if (name.startsWith('rehearsal_') || a.count === 0) continue;
      out[name] = a.summary(durationMs);
    }
    return Object.keys(out).length ? out : null;
  }

  checksSection(): Summary['checks'] {
    if (this.checks.size === 0) return null;
    return [...this.checks.values()].map((c) => ({
      name: c.name,
      group: c.group,
      passes: c.passes,
      fails: c.fails,
      share: round(c.passes / (c.passes + c.fails)),
    }));
  }

  groupsSection(): Summary['groups'] {
    const paths = [...this.groups.keys()].filter((p) => p !== '');
    if (paths.length === 0) return null;
    return paths.map((path) => {
      const g = this.groups.get(path)!;
      return {
        path,
        name: path.split('::').at(-1) ?? path,
        requests: g.requests,
        checks: { passes: g.checksPass, fails: g.checksFail },
      };
    });
  }

  bySection(): Summary['by'] {
    if (this.byTag === undefined) return undefined;
    const rows = [...this.by].sort((x, y) => y[1].requests - x[1].requests || (x[0] < y[0] ? -1 : 1));
    const counters: Record<string, Record<string, number>> = {};
    for (const [name, m] of [...this.byCounter].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
      counters[name] = Object.fromEntries([...m].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)));
    }
    return {
      tag: this.byTag,
      rows: rows.map(([value, b]) => ({
        value,
        requests: b.requests,
        failedRate: round(b.failed / b.requests),
        latency: b.latency.stats() as LatencyStats,
      })),
      counters,
    };
  }

  toData(): K6MetricsData {
    return {
      declared: [...this.declared.values()],
      // By name: the order a metric (or a submetric) was first met depends on where the run was
      // cut, and the data of a merged read must be the single pass's (the sections sort anyway).
      metrics: [...this.byName].sort(byKey).map(([n, a]) => [n, a.toData()]),
      checks: [...this.checks],
      groups: [...this.groups],
      by: [...this.by].map(([k, b]) => [k, { requests: b.requests, failed: b.failed, latency: b.latency.toData() }]),
      byCounter: [...this.byCounter].map(([k, m]) => [k, [...m]]),
      undeclared: [...this.undeclared].map(([n, u]) => [n, u.toData()]),
    };
  }

  /** Adds another part's data (the part after this one in the run). */
  merge(d: K6MetricsData): void {
    // That part's undeclared points came before any declaration it read itself: a single
    // pass counts them in the submetrics declared before them, which are this part's.
    const subsBefore = new Map([...this.declared].map(([n, decl]) => [n, decl.submetrics]));
    for (const decl of d.declared) this.declare(decl);
    const undeclared = new Map(d.undeclared);
    for (const [n, m] of d.metrics) {
      this.agg(n).merge(m);
      // Its points that match submetrics the first part declared.
      const u = undeclared.get(n);
      const subs = subsBefore.get(n);
      if (u && subs) this.mergeUndeclared(subs, u, m.values);
    }
    for (const [k, c] of d.checks) {
      const o = this.checks.get(k);
      if (o) {
        o.passes += c.passes;
        o.fails += c.fails;
      } else this.checks.set(k, { ...c });
    }
    for (const [k, g] of d.groups) {
      const o = this.group(k);
      o.requests += g.requests;
      o.checksPass += g.checksPass;
      o.checksFail += g.checksFail;
    }
    for (const [k, b] of d.by) {
      let o = this.by.get(k);
      if (!o) this.by.set(k, (o = { requests: 0, failed: 0, latency: new LatencyHistogram() }));
      o.requests += b.requests;
      o.failed += b.failed;
      o.latency.mergeData(b.latency);
    }
    for (const [name, pairs] of d.byCounter) {
      // A metric of unknown type in that part: kept only if it is a counter here (declared before the cut).
      if (this.byName.get(name)?.type !== 'counter') continue;
      let m = this.byCounter.get(name);
      if (!m) this.byCounter.set(name, (m = new Map()));
      for (const [v, n] of pairs) m.set(v, (m.get(v) ?? 0) + n);
    }
  }

  /**
   * A later part's points of a metric read without its declaration, counted in the
   * `submetrics` declared here before the merge as that part's own aggregate of the matching points: from
   * its values in file order (`values`, that part's aggregate of `name`, kept when a
   * trend's or of unknown type) where it kept them, so the additions and values are a
   * single pass's; else from its tag sets' figures (counters, rates, gauges: sums of
   * whole numbers, counts, extremes, as MetricAgg.merge adds them). The last value is
   * the latest point's, a later line winning a tie.
   */
  private mergeUndeclared(
    submetrics: ReadonlyArray<{ name: string; tags: Record<string, string> }>,
    u: UndeclaredData,
    values: Float64Array,
  ): void {
    for (const sm of submetrics) {
      const into = this.agg(sm.name);
      const tags = Object.entries(sm.tags);
      const hits = u.sets.filter((f) => matchesSubmetric(new ParsedTags(f.tags), tags));
      const hit = new Uint8Array(u.sets.length);
      for (const f of hits) hit[f.id] = 1;
      // Values kept whatever the submetric's type, so the merge adds them one by one, as a single pass does.
      const agg = new MetricAgg(null);
      if (u.ids !== null && values.length >= u.count) {
        for (let i = 0; i < u.count; i++) if (hit[u.ids[i] as number] === 1) agg.add(-Infinity, values[i] as number);
      } else for (const f of hits) agg.merge(f.figures);
      const part = agg.toData();
      let latest: TagSetData | undefined;
      for (const f of hits) {
        const t = f.figures.lastTime;
        if (!latest || t > latest.figures.lastTime || (t === latest.figures.lastTime && f.lastAt > latest.lastAt))
          latest = f;
      }
      if (latest) {
        part.lastTime = latest.figures.lastTime;
        part.last = latest.figures.last;
      }
      into.merge(part);
    }
  }
}

/** Entries by key, in code-unit order. */
function byKey(x: [string, unknown], y: [string, unknown]): number {
  return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0;
}

/** Whether a point's tags carry every tag of a submetric, as [key, value] pairs (k6: `http_req_duration{expected_response:true}`). */
export function matchesSubmetric(ts: Pick<TagSet, 'get'>, tags: ReadonlyArray<[string, string]>): boolean {
  for (const [k, v] of tags) if (ts.get(k) !== v) return false;
  return true;
}

export interface K6MetricsData {
  declared: MetricDeclaration[];
  metrics: Array<[string, MetricAggData]>;
  checks: Array<[string, { name: string; group: string; passes: number; fails: number }]>;
  groups: Array<[string, { requests: number; checksPass: number; checksFail: number }]>;
  by: Array<[string, { requests: number; failed: number; latency: LatencyHistogramData }]>;
  byCounter: Array<[string, Array<[string, number]>]>;
  undeclared: Array<[string, UndeclaredData]>;
}

/** k6's built-in metrics and their types, for output without Metric declarations (CSV). */
const BUILT_IN = new Map<string, MetricDeclaration['type']>([
  ['http_reqs', 'counter'],
  ['iterations', 'counter'],
  ['dropped_iterations', 'counter'],
  ['data_sent', 'counter'],
  ['data_received', 'counter'],
  ['http_req_failed', 'rate'],
  ['checks', 'rate'],
  ['vus', 'gauge'],
  ['vus_max', 'gauge'],
  ['http_req_duration', 'trend'],
  ['http_req_blocked', 'trend'],
  ['http_req_connecting', 'trend'],
  ['http_req_tls_handshaking', 'trend'],
  ['http_req_sending', 'trend'],
  ['http_req_waiting', 'trend'],
  ['http_req_receiving', 'trend'],
  ['iteration_duration', 'trend'],
  ['group_duration', 'trend'],
]);

/** k6's built-in trends whose values are times (contains: time). */
const TIME = new Set([
  'http_req_duration',
  'http_req_blocked',
  'http_req_connecting',
  'http_req_tls_handshaking',
  'http_req_sending',
  'http_req_waiting',
  'http_req_receiving',
  'iteration_duration',
  'group_duration',
]);
