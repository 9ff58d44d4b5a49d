/**
 * `analyzeDossier`: records for many inputs as an async iterable, analysed on worker threads
 * (see `engine/`), in input order or as they are done. At most `window` documents are in
 * flight (read, queued, running or done but not yet taken by the consumer), so memory stays
 * bounded and a slow consumer slows the reading down.
 */
import os from 'node:os';
import type { DocumentRecord } from '@lakmoes/schema';
import { analyzeDocument, type AnalyzeOptions } from './analyze.js';
import { DossierEngine } from './engine/engine.js';
import { listInputs, shardOf, type Shard } from './engine/inputs.js';
import type { EngineTestHooks, WorkerAnalyzeOptions } from './engine/protocol.js';
import { sha256File } from './engine/source.js';

export interface DossierOptions extends AnalyzeOptions {
  /**
   * Worker threads (default `os.availableParallelism()`). `0`: one document at a time in this
   * thread, with `ocrEngine` if given (no timeout: work on the same thread cannot be stopped).
   */
  jobs?: number;
  /** Yield in input order (default true); false: as documents are done. */
  ordered?: boolean;
  /** Per document, from the start of its first task, ms (default 600,000). Over it: a `TIMEOUT` record, the thread is replaced. */
  timeoutMs?: number;
  /** V8 heap limit of each thread, MB (default 2048). Over it: a `TOO_LARGE` record, the thread is replaced. */
  maxOldGenerationSizeMb?: number;
  /** V8 young generation of each thread, MB (default 64: pdf.js' per-page garbage dies young). */
  maxYoungGenerationSizeMb?: number;
  /**
   * PDFs over this many pages are split into page ranges (default 200): on several threads to
   * use them all, and on one so that its thread can be replaced between ranges (`recycleWasmMb`).
   */
  splitPages?: number;
  /**
   * Scanned PDFs (≥ 64 KB a page) over this many pages are split too when their pages are OCR'd
   * (default 16): OCR takes seconds a page, so one scanned dossier alone also uses every thread.
   */
  splitScanPages?: number;
  /** Pages per range of a split PDF (default: 25-100, from the page count and the threads). */
  rangePages?: number;
  /**
   * A thread whose WebAssembly memory (PDFium's and OpenJPEG's) is over this many MB after a task
   * (a document or a page range) is replaced by a new one (default 96; 0: never). PDFium's memory
   * grows to the most any page needed (a large image PDFium decodes can take 140 MB) and never
   * shrinks; only ending the thread gives it back.
   */
  recycleWasmMb?: number;
  /** Documents in flight at most (default `2 × jobs`). */
  window?: number;
  /**
   * Module that exports `createOcrEngine()` (`@lakmoes/ocr`), as a URL, a path or a name
   * resolvable from @lakmoes/core, e.g. `import.meta.resolve('@lakmoes/ocr')`: each thread
   * makes its own engine (one tesseract worker) on its first page that needs OCR. Without
   * it no page is OCR'd (as with `analyzeDocument` without `ocrEngine`).
   */
  ocrModule?: string;
  /** Only the inputs of this shard (by a hash of each file's path inside its input folder; see `shardOf`). */
  shard?: Shard;
  /** Skip inputs whose SHA-256 this accepts (resume); the files are hashed in this thread first. */
  skipSha256?: (sha256: string) => boolean;
  /** Called for each skipped input. */
  onSkip?: (path: string, sha256: string) => void;
  /** Called when pages are done (a whole document, or a range of a split one), for progress. */
  onPages?: (path: string, pages: number) => void;
  /** Called when a thread is replaced because its WebAssembly memory had grown past `recycleWasmMb`. */
  onRecycle?: (threadId: number) => void;
  /** @internal Test hooks of the engine. */
  __test?: EngineTestHooks;
}

/** See `DossierOptions.recycleWasmMb`. */
const DEFAULT_RECYCLE_WASM_MB = 96;

/** Figures of a run, for the summary line. */
export interface RunSummary {
  files: number;
  ok: number;
  errors: number;
  errorsByCode: Record<string, number>;
  pages: number;
  /** Inputs skipped because they were done before (resume). */
  skipped: number;
  ms: number;
  pagesPerSecond: number;
  /** Peak resident set of the process (all threads), MB. */
  peakRssMb: number;
}

/** The input files of a run: expanded, in the shard, not done before. */
async function* selectInputs(inputs: Iterable<string> | AsyncIterable<string>, options: DossierOptions): AsyncGenerator<string> {
  const { shard, skipSha256 } = options;
  for await (const file of listInputs(inputs)) {
    if (shard && shardOf(file.relative, shard.count) !== shard.index) continue;
    if (skipSha256) {
      let sha256: string | null = null;
      try {
        sha256 = await sha256File(file.path);
      } catch {
        // unreadable: it gets its error record
      }
      if (sha256 && skipSha256(sha256)) {
        options.onSkip?.(file.path, sha256);
        continue;
      }
    }
    yield file.path;
  }
}

/**
 * Analyse files and folders (searched recursively for PDFs and page images): exactly one
 * record per input file, `ok` or `error`, whatever happens to a document or its thread.
 */
export async function* analyzeDossier(inputs: string | Iterable<string> | AsyncIterable<string>, options: DossierOptions = {}): AsyncGenerator<DocumentRecord> {
  // one path, not its characters
  if (typeof inputs === 'string') inputs = [inputs];
  const jobs = options.jobs ?? os.availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 0) throw new RangeError(`jobs must be a whole number ≥ 0 (got ${jobs})`);
  const files = selectInputs(inputs, options);
  if (jobs === 0) {
    for await (const file of files) yield await analyzeDocument(file, options);
    return;
  }
  if (options.ocrEngine && !options.ocrModule) throw new TypeError('an ocrEngine cannot be shared with worker threads: give ocrModule, or jobs: 0');
  const { ocrEngine: _engine, jobs: _jobs, ordered: _ordered, timeoutMs: _t, maxOldGenerationSizeMb: _m, maxYoungGenerationSizeMb: _y, splitPages: _s, splitScanPages: _ss, rangePages: _r, recycleWasmMb: _rw, window: _w, shard: _sh, skipSha256: _k, onSkip: _os, onPages: _op, onRecycle: _orc, __test: _test, ...analyze } = options;
  const workerOptions: WorkerAnalyzeOptions = analyze;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const engine = await DossierEngine.start({
    jobs,
    timeoutMs,
    maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? 2048,
    maxYoungGenerationSizeMb: options.maxYoungGenerationSizeMb ?? 64,
    splitPages: options.splitPages ?? 200,
    ...(workerOptions.ocrModule !== undefined && workerOptions.ocr !== 'off' ? { splitScanPages: options.splitScanPages ?? 16 } : {}),
    ...(options.rangePages ? { rangePages: options.rangePages } : {}),
    ...((options.recycleWasmMb ?? DEFAULT_RECYCLE_WASM_MB) > 0 ? { recycleWasmMb: options.recycleWasmMb ?? DEFAULT_RECYCLE_WASM_MB } : {}),
    analyze: workerOptions,
    ...(options.onPages ? { onPages: options.onPages } : {}),
    ...(options.onRecycle ? { onRecycle: options.onRecycle } : {}),
    ...(options.__test ? { test: options.__test } : {}),
  });
  const window = Math.max(1, options.window ?? jobs * 2);
  const ordered = options.ordered ?? true;
  const iterator = files[Symbol.asyncIterator]();
  type Slot = { done: Promise<void>; record: DocumentRecord | null };
  const inFlight: Slot[] = [];
  let wake: (() => void) | null = null;
  try {
    let exhausted = false;
    for (;;) {
      while (!exhausted && inFlight.length < window) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const slot: Slot = { done: Promise.resolve(), record: null };
        slot.done = engine.analyze(next.value).then((record) => {
          slot.record = record;
          wake?.();
        });
        inFlight.push(slot);
      }
      if (inFlight.length === 0) break;
      let i = ordered ? 0 : inFlight.findIndex((s) => s.record);
      if (ordered) await inFlight[0]!.done;
      else {
        while (i < 0) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          i = inFlight.findIndex((s) => s.record);
        }
      }
      const [slot] = inFlight.splice(i, 1);
      yield slot!.record!;
    }
  } finally {
    await iterator.return?.(undefined);
    await engine.close();
  }
}

/** Counts of a run's records, kept as they come (a run of millions keeps no records). */
export class RunTally {
  files = 0;
  ok = 0;
  errors = 0;
  pages = 0;
  skipped = 0;
  readonly errorsByCode: Record<string, number> = {};

  add(record: DocumentRecord): void {
    this.files++;
    if (record.status === 'ok') {
      this.ok++;
      this.pages += record.pages?.length ?? 0;
    } else {
      this.errors++;
      const code = record.error?.code ?? 'INTERNAL';
      this.errorsByCode[code] = (this.errorsByCode[code] ?? 0) + 1;
    }
  }

  summary(ms: number): RunSummary {
    return {
      files: this.files,
      ok: this.ok,
      errors: this.errors,
      errorsByCode: { ...this.errorsByCode },
      pages: this.pages,
      skipped: this.skipped,
      ms,
      pagesPerSecond: ms > 0 ? Math.round((this.pages / ms) * 1000 * 10) / 10 : 0,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  }
}

/** Count a run's records. */
export function summarize(records: Iterable<DocumentRecord>, ms: number): RunSummary {
  const tally = new RunTally();
  for (const r of records) tally.add(r);
  return tally.summary(ms);
}
