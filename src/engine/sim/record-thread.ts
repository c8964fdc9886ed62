import { parentPort, workerData } from 'node:worker_threads';
import { RunAccumulator, summarize } from '../../analyze/index.js';
import type { Outcome } from '../../journey/types.js';
import type { RunManifest } from '../../results/manifest.js';
import { SampleWriter } from '../../results/ndjson-writer.js';
import { newReadStats } from '../../results/reader.js';
import { type HttpTags, Recorder, type RequestTags } from '../node/recorder.js';
import { AnalyzerOut } from './analyzer-out.js';
import {
  type Batch,
  type HttpKind,
  ANSWER_IDS,
  Rec,
  type RecordThreadInput,
  type RecordThreadOutput,
  type ReqKind,
} from './record-log.js';

/**
 * The recording thread of the simulator (record-log.ts has the why): replays the loop's
 * records into the node engine's `Recorder`, which hands its points to the analyzer's
 * accumulator in memory (`AnalyzerOut`) and, when samples are asked for, to the file;
 * at the end, builds the summary with the analyzer's own sections.
 */
interface End {
  end: { manifest: RunManifest; invited: string[] | undefined };
}

/**
 * Where the warning's hint walks a journey: the simulated portal is the reference portal,
 * which `rehearse portal` starts on loopback and whose URL it prints.
 */
const CHECK_AGAINST = '<the URL `rehearse portal` prints>';

async function run(input: RecordThreadInput, port: NonNullable<typeof parentPort>): Promise<void> {
  const acc = new RunAccumulator(input.zeroEpochMs);
  const writer = input.samplesPath ? new SampleWriter(input.samplesPath, { gzip: input.gzip }) : undefined;
  const out = new AnalyzerOut(acc, writer);
  const recorder = new Recorder(out, input.scenario, input.mode);
  if (input.holdJourneys) recorder.holdJourneys();
  let held = 0;
  const http: HttpTags[] = [];
  const reqs: RequestTags[] = [];
  /** Each outcome kind's body (ReqKind.body), for the Recorder's tally of failing answers. */
  const bodies: Array<string | undefined> = [];
  const strs: string[] = [];

  /** One batch, record by record, as the loop called the Recorder; the file's writes are awaited in turn. */
  const replay = async (b: Batch): Promise<void> => {
    const x = b.nums;
    const side = b.side;
    const end = b.length;
    const ids = b.ids.split('\n');
    let i = 0;
    while (i < end) {
      let pending: Promise<void> | undefined;
      switch (x[i] as Rec) {
        case Rec.Start:
          recorder.start(x[i + 1] as number, 0);
          i += 2;
          break;
        case Rec.Drop:
          recorder.dropIteration(x[i + 1] as number);
          i += 2;
          break;
        case Rec.Http:
          pending = recorder.recordHttp(http[x[i + 1] as number] as HttpTags, x[i + 2] as number, x[i + 3] as number);
          i += 4;
          break;
        case Rec.Req:
          pending = recorder.recordRequest(
            reqs[x[i + 1] as number] as RequestTags,
            x[i + 2] as number,
            x[i + 3] as number,
            bodies[x[i + 1] as number],
          );
          i += 4;
          break;
        case Rec.Answer: {
          const ids = x[i + 1] as number;
          const reqId = ids % ANSWER_IDS;
          const endEpochMs = x[i + 2] as number;
          const ms = x[i + 3] as number;
          // As `Rec.Http` then `Rec.Req`: the same calls in the same order (awaited each, as a file write may be).
          const first = recorder.recordHttp(http[(ids - reqId) / ANSWER_IDS] as HttpTags, endEpochMs, ms);
          if (first) await first;
          pending = recorder.recordRequest(reqs[reqId] as RequestTags, endEpochMs, ms, bodies[reqId]);
          i += 4;
          break;
        }
        case Rec.Journey: {
          const extra = x[i + 8] as number;
          if (input.holdJourneys) held++;
          pending = recorder.journey({
            candidate:
              (x[i + 1] as number) >= 0
                ? (ids[x[i + 1] as number] as string)
                : (side[-1 - (x[i + 1] as number)] as string),
            arrival: x[i + 2] as number,
            country: strs[x[i + 3] as number] as string,
            outcome: strs[x[i + 4] as number] as Outcome,
            attempts: x[i + 5] as number,
            endEpochMs: x[i + 6] as number,
            timeToOutcomeMs: x[i + 7] as number,
            ...(extra >= 0 ? { extraTags: side[extra] as Record<string, string> } : {}),
          });
          i += 9;
          break;
        }
        case Rec.Flush:
          recorder.flushAggregates(x[i + 1] as number);
          i += 2;
          break;
        case Rec.DefHttp:
          http.push(recorder.httpTags(side[x[i + 1] as number] as HttpKind));
          i += 2;
          break;
        case Rec.DefReq: {
          const kind = side[x[i + 1] as number] as ReqKind;
          reqs.push(recorder.requestTags(kind));
          bodies.push(kind.body);
          i += 2;
          break;
        }
        case Rec.DefStr:
          strs.push(side[x[i + 1] as number] as string);
          i += 2;
          break;
        default:
          throw new Error(`sim record-thread: unknown record ${x[i]} at ${i}`);
      }
      if (pending) await pending;
    }
  };

  // Batches arrive in order; each is replayed whole before the next (a chain), and acknowledged
  // by sending its numbers back (transferred) for the loop to fill again.
  let chain = Promise.resolve();
  const failed = (e: unknown) => port.postMessage({ ok: false, message: (e as Error).stack ?? String(e) });
  port.on('message', (m: Batch | End) => {
    if ('nums' in m) {
      chain = chain.then(() => replay(m).then(() => port.postMessage({ ack: m.nums }, [m.nums.buffer])));
      chain.catch(failed);
      return;
    }
    chain = chain.then(async () => {
      const { manifest, invited } = m.end;
      if (invited) recorder.releaseJourneys(new Set(invited));
      recorder.flushAggregates(0, true);
      if (writer) await writer.close();
      // A run that measured its mapping rather than the portal says so, as the node and k6 engines' do.
      const warning = recorder.tally.warning(input.success, CHECK_AGAINST, input.scenario);
      if (warning) manifest.notes = [...(manifest.notes ?? []), warning];
      const summary0 = performance.now();
      acc.finish();
      const stats = newReadStats();
      stats.samples = out.samples;
      const summary = summarize(acc, stats, manifest);
      port.postMessage({
        ok: true,
        summary,
        samples: out.samples,
        released: held,
        summaryMs: performance.now() - summary0,
        warning,
      } satisfies RecordThreadOutput);
    });
    chain.catch(failed);
  });
}

const input = (workerData as { simRecord?: RecordThreadInput } | null)?.simRecord;
if (parentPort && input) void run(input, parentPort);
