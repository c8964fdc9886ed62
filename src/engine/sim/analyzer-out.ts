import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import type { RunAccumulator } from '../../analyze/index.js';
import type { IndexCounts } from '../../analyze/index-counts.js';
import { type MetricRef, MetricTable, ParsedTags, stringValues } from '../../results/read-tag-sets.js';
import type { MetricName } from '../../results/k6-format.js';
import type { SampleWriter } from '../../results/ndjson-writer.js';
import { newHistogram } from '../node/aggregate.js';
import { type JourneyEvent, journeyTags, type RecorderOut } from '../node/recorder.js';

/**
 * The samples an engine would write, handed to the analyzer's accumulator in memory
 * instead: the same points (metric, time, value, tags) the reader would hand it from
 * the file, without the gigabytes a full-scale day would write. Optionally also
 * written to a file (`tee`), so the sample file and the in-memory summary agree.
 *
 * A tag set is parsed once per distinct serialization (engines reuse the same string
 * for the few request tag sets), as the reader does, so what the accumulator derives
 * per tag set (`memo`) is derived once. Times are rounded to the microsecond the file
 * would hold (k6-format.ts `isoTime`).
 */
export class AnalyzerOut implements RecorderOut {
  samples = 0;
  private readonly metrics = new MetricTable();
  private readonly refs = new Map<string, { ref: MetricRef; tags: Map<string, ParsedTags> }>();

  constructor(
    private readonly acc: RunAccumulator,
    private readonly tee?: SampleWriter,
  ) {}

  private metric(name: string): { ref: MetricRef; tags: Map<string, ParsedTags> } {
    let m = this.refs.get(name);
    if (!m) this.refs.set(name, (m = { ref: this.metrics.named(name), tags: new Map() }));
    return m;
  }

  pointRaw(name: MetricName, epochMs: number, value: number, tagsJson: string): Promise<void> | undefined {
    const m = this.metric(name);
    let ts = m.tags.get(tagsJson);
    if (!ts) {
      ts = new ParsedTags(stringValues(JSON.parse(tagsJson) as Record<string, unknown>));
      // Bounded, like the reader's tag cache: per-candidate tag sets are not kept.
      if (m.tags.size < 10_000) m.tags.set(tagsJson, ts);
    }
    this.samples++;
    this.acc.point(m.ref, micros(epochMs), Number.isFinite(value) ? value : 0, ts);
    return this.tee?.pointRaw(name, epochMs, value, tagsJson);
  }

  /** For the file's `hdr` tags: the counts put back into hdr-histogram-js's histogram of the same layout, to encode. */
  private scratch: ReturnType<typeof newHistogram> | undefined;

  /** A rehearsal_req_agg point: its counts go to the accumulator as they are, and encoded into the file. */
  pointAgg(
    epochMs: number,
    count: number,
    tags: Record<string, string>,
    counts: IndexCounts,
  ): Promise<void> | undefined {
    this.samples++;
    this.acc.pointCounts(micros(epochMs), count, new ParsedTags(tags), counts.read());
    if (!this.tee) return undefined;
    const hist = counts.toHistogram((this.scratch ??= newHistogram(32)));
    return this.tee.point('rehearsal_req_agg', epochMs, count, { ...tags, hdr: encodeIntoCompressedBase64(hist) });
  }

  /**
   * A rehearsal_journey point: its fields go to the accumulator as they are, as the tags
   * `journeyTags` makes would be read back (the numbers are integers, whose strings parse
   * back to them; a score is read from its tag string, as the reader reads it).
   */
  pointJourney(scenario: string, e: JourneyEvent): Promise<void> | undefined {
    this.samples++;
    const x = e.extraTags;
    this.acc.journeyPoint(
      micros(e.endEpochMs),
      Number.isFinite(e.timeToOutcomeMs) ? e.timeToOutcomeMs : 0,
      e.outcome,
      e.country,
      x?.eligible,
      x?.invited,
      e.attempts,
      e.arrival,
      Number(x?.score ?? Number.NaN),
    );
    return this.tee?.point('rehearsal_journey', e.endEpochMs, e.timeToOutcomeMs, journeyTags(scenario, e));
  }

  point(name: MetricName, epochMs: number, value: number, tags: Record<string, string>): Promise<void> | undefined {
    this.samples++;
    this.acc.point(
      this.metric(name).ref,
      micros(epochMs),
      Number.isFinite(value) ? value : 0,
      // The engines' tags are strings already (a journey's: one fresh object per journey); copy only what is not.
      new ParsedTags(allStrings(tags) ? tags : stringValues(tags)),
    );
    return this.tee?.point(name, epochMs, value, tags);
  }
}

function allStrings(tags: Record<string, unknown>): boolean {
  for (const k in tags) if (typeof tags[k] !== 'string') return false;
  return true;
}

/** Epoch ms as the file holds it: whole ms plus microseconds (at most .999). */
function micros(ms: number): number {
  const whole = Math.floor(ms);
  return whole + Math.min(999, Math.round((ms - whole) * 1000)) / 1000;
}
