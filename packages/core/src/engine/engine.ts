/**
 * The dossier engine: documents (and page ranges of large PDFs) on a pool of worker threads,
 * with a per-document timeout, per-thread memory limits, and every document ending as one
 * record whatever happens to its thread.
 *
 * The engine keeps its own queue and hands the pool at most one task per thread, so a task
 * starts as soon as it leaves the queue: a document's clock starts when its first task does
 * (waiting in the queue does not count), and the page ranges of a split document go to the
 * front of the queue, so one large PDF occupies every thread until it is done.
 */
import { randomUUID } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import type { DocumentRecord, ErrorCode, SourceInfo } from '@lakmoes/schema';
import { documentRecord, errorOf, errorRecord, mergePageRanges, type PageRange } from '../analyze.js';
import { createWorkerPool, type WorkerPool } from './pool.js';
import type { EngineReply, EngineTask, EngineTestHooks, WorkerAnalyzeOptions } from './protocol.js';
import { sourceOf } from './source.js';

export interface EngineOptions {
  /** Worker threads. */
  jobs: number;
  /** Wall time a document may take from the moment its first task starts, ms. */
  timeoutMs: number;
  /** V8 old-generation limit per thread, MB. */
  maxOldGenerationSizeMb: number;
  /** V8 young-generation size per thread, MB. */
  maxYoungGenerationSizeMb: number;
  /**
   * PDFs of more pages than this are split into page ranges: on several threads to use them all,
   * on one so that the thread can be replaced between ranges when its memory has grown.
   */
  splitPages: number;
  /** Scanned PDFs (by bytes per page) of more pages than this are split too, when pages are OCR'd. */
  splitScanPages?: number;
  /** Pages per range; default from the page count and the threads (25-100). */
  rangePages?: number;
  /** Replace a thread after a task that left its PDFium memory over this many MB (none: never). */
  recycleWasmMb?: number;
  analyze: WorkerAnalyzeOptions;
  /** Called when a thread is replaced because its memory had grown past `recycleWasmMb`. */
  onRecycle?: (threadId: number) => void;
  /** Called when a task has analysed pages (a whole document or a range). */
  onPages?: (path: string, pages: number) => void;
  test?: EngineTestHooks;
}

/** How long a task may wait for its thread to come up (a replaced thread loads its modules again). */
const THREAD_START_MS = 60_000;

/** One document on its way through the engine. */
class DocumentRun {
  readonly abort = new AbortController();
  started = false;
  dispatched = false;
  t0 = 0;
  timedOut = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    readonly path: string,
    private readonly timeoutMs: number,
  ) {}

  private deadline(ms: number): void {
    this.timers.push(
      setTimeout(() => {
        this.timedOut = true;
        this.abort.abort(new Error(`took longer than ${this.timeoutMs / 1000} s`));
      }, ms),
    );
  }

  /** Its first task went to a thread: a deadline that also covers the thread's start-up. */
  dispatch(): void {
    if (this.dispatched) return;
    this.dispatched = true;
    this.t0 = performance.now();
    this.deadline(this.timeoutMs + THREAD_START_MS);
  }

  /** Its first task started on a thread: the document's clock runs from here. */
  start(): void {
    if (this.started || this.abort.signal.aborted) return;
    this.started = true;
    this.t0 = performance.now();
    this.deadline(this.timeoutMs);
  }

  elapsed(): number {
    return this.dispatched ? performance.now() - this.t0 : 0;
  }

  /** Stop its remaining tasks (queued ones are dropped, running ones' threads terminated). */
  end(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    if (!this.abort.signal.aborted) this.abort.abort(new Error('the document is done'));
  }
}

/** A task that did not come back from its thread: aborted, thread died, or out of memory. */
class PoolFailure extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** A page range whose worker answered with an error record. */
class RangeFailure extends Error {
  constructor(readonly error: { code: ErrorCode; message: string }) {
    super(error.message);
  }
}

interface Piece {
  task: EngineTask;
  doc: DocumentRun;
  resolve(reply: EngineReply): void;
  reject(error: unknown): void;
}

/** The error code and message of a task that did not come back. */
function failure(doc: DocumentRun, err: unknown, timeoutMs: number, maxOldMb: number): { code: ErrorCode; message: string } {
  if (err instanceof RangeFailure) return err.error;
  if (!(err instanceof PoolFailure)) return errorOf(err);
  if (doc.timedOut) return { code: 'TIMEOUT', message: `took longer than ${timeoutMs / 1000} s; the worker was stopped and replaced` };
  const code = (err.reason as { code?: unknown } | null)?.code;
  const { message } = err;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return { code: 'TOO_LARGE', message: `the worker ran out of memory (limit ${maxOldMb} MB); it was replaced` };
  return { code: 'WORKER_CRASHED', message: `the worker died (${message}); it was replaced` };
}

export class DossierEngine {
  private readonly queue: Piece[] = [];
  private running = 0;
  private closed = false;
  private nextId = 1;
  /** Running pieces by task id, for the threads' start messages. */
  private readonly started = new Map<number, DocumentRun>();
  private readonly channel: BroadcastChannel;
  private readonly channelName = `lakmoes-engine-${randomUUID()}`;

  private constructor(
    private readonly pool: WorkerPool,
    private readonly options: EngineOptions,
  ) {
    this.channel = new BroadcastChannel(this.channelName);
    this.channel.onmessage = (event) => this.started.get((event as { data: number }).data)?.start();
    this.channel.unref();
  }

  /** Start the threads and check that the worker module loads (in the first); rejects if it does not. */
  static async start(options: EngineOptions): Promise<DossierEngine> {
    let engine: DossierEngine | undefined;
    const pool = createWorkerPool({
      threads: options.jobs,
      maxOldGenerationSizeMb: options.maxOldGenerationSizeMb,
      maxYoungGenerationSizeMb: options.maxYoungGenerationSizeMb,
      onThreadUp: () => engine?.pump(),
    });
    try {
      await pool.run({ kind: 'ping' });
    } catch (err) {
      await pool.destroy().catch(() => undefined);
      throw new Error(`the worker threads did not start: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    engine = new DossierEngine(pool, options);
    return engine;
  }

  /** One record for one input path. Never rejects. */
  async analyze(path: string): Promise<DocumentRecord> {
    const { options } = this;
    const doc = new DocumentRun(path, options.timeoutMs);
    let source: SourceInfo | null = null;
    try {
      const first = await this.submit(doc, [
        {
          kind: 'document',
          path,
          options: options.analyze,
          splitPages: options.splitPages,
          ...(options.jobs > 1 && options.splitScanPages !== undefined ? { splitScanPages: options.splitScanPages } : {}),
          ...(options.recycleWasmMb !== undefined ? { recycle: { wasmMb: options.recycleWasmMb } } : {}),
          ...(options.test ? { test: options.test } : {}),
        },
      ])[0]!;
      if (first.kind === 'record') {
        options.onPages?.(path, first.record.pages?.length ?? 0);
        return first.record;
      }
      if (first.kind !== 'split') throw new Error(`unexpected reply ${first.kind}`);
      source = first.source;
      const sha256 = first.source.sha256!;
      // a scan split for its OCR (fewer pages than splitPages) gets small ranges: a page takes seconds
      const scan = first.numPages <= options.splitPages;
      const size = options.rangePages ?? (scan ? Math.max(4, Math.ceil(first.numPages / (options.jobs * 4))) : Math.max(25, Math.min(100, Math.ceil(first.numPages / (options.jobs * 4)))));
      const tasks: EngineTask[] = [];
      for (let from = 1; from <= first.numPages; from += size) {
        const to = Math.min(first.numPages, from + size - 1);
        tasks.push({
          kind: 'range',
          path,
          sha256,
          from,
          to,
          options: options.analyze,
          ...(options.recycleWasmMb !== undefined ? { recycle: { wasmMb: options.recycleWasmMb } } : {}),
          ...(options.test ? { test: options.test } : {}),
        });
      }
      const ranges: PageRange[] = await Promise.all(
        this.submit(doc, tasks, true).map(async (reply) => {
          const r = await reply;
          if (r.kind === 'error') throw new RangeFailure(r.error);
          if (r.kind !== 'range') throw new Error(`unexpected reply ${r.kind}`);
          options.onPages?.(path, r.range.pages.length);
          return r.range;
        }),
      );
      return documentRecord(source, mergePageRanges(ranges, options.analyze), doc.elapsed());
    } catch (err) {
      const error = failure(doc, err, options.timeoutMs, options.maxOldGenerationSizeMb);
      // (after close nobody takes the record: no need to read the file again)
      source ??= this.closed ? { path, bytes: null, sha256: null, mediaType: null } : await sourceOf(path);
      return errorRecord(source, error, doc.elapsed());
    } finally {
      doc.end();
    }
  }

  /** Queue tasks of a document (at the back, or at the front for the ranges of a started one). */
  private submit(doc: DocumentRun, tasks: EngineTask[], front = false): Promise<EngineReply>[] {
    if (this.closed) return tasks.map(() => Promise.reject(new PoolFailure(new Error('the engine is closed'))));
    const pieces: Piece[] = [];
    const promises = tasks.map((task) => new Promise<EngineReply>((resolve, reject) => pieces.push({ task, doc, resolve, reject })));
    if (front) this.queue.unshift(...pieces);
    else this.queue.push(...pieces);
    this.pump();
    return promises;
  }

  /**
   * Hand out queued tasks, one per thread that is up and not being replaced (with none running,
   * one anyway: piscina holds it until a thread is up). A task never waits inside piscina while
   * a thread is busy, so piscina cannot give it to a thread that is about to be replaced.
   */
  private pump(): void {
    while (this.queue.length > 0 && (this.running < this.pool.available() || this.running === 0)) {
      const piece = this.queue.shift()!;
      const { signal } = piece.doc.abort;
      if (signal.aborted) {
        piece.reject(new PoolFailure(signal.reason));
        continue;
      }
      const id = this.nextId++;
      const task: EngineTask = piece.task.kind === 'ping' ? piece.task : { ...piece.task, start: { id, channel: this.channelName } };
      this.started.set(id, piece.doc);
      piece.doc.dispatch();
      this.running++;
      this.pool
        .run(task, signal)
        .then((reply) => {
          // before the next task is handed out, so that it cannot go to this thread
          if (reply.retire !== undefined && this.pool.retire(reply.retire)) this.options.onRecycle?.(reply.retire);
          piece.resolve(reply);
        }, (err: unknown) => piece.reject(new PoolFailure(err)))
        .finally(() => {
          this.started.delete(id);
          this.running--;
          this.pump();
        });
    }
  }

  /** Stop the threads; documents still running end as error records. */
  async close(): Promise<void> {
    this.closed = true;
    for (const piece of this.queue.splice(0)) piece.reject(new PoolFailure(new Error('the engine is closed')));
    await this.pool.destroy();
    this.channel.close();
  }
}
