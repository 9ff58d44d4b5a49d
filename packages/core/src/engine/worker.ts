/**
 * The dossier engine's worker thread (run by piscina): analyses whole documents and page
 * ranges of large PDFs. Each thread makes its own OCR engine (one tesseract.js worker) on
 * first use, and keeps the last PDF it opened for range tasks open for a moment, so that
 * consecutive ranges of one document are not parsed again.
 */
import { BroadcastChannel, threadId } from 'node:worker_threads';
import { jpxMemoryBytes, openPdf, pdfiumMemoryBytes, type PdfDocumentHandle } from '@lakmoes/pdf';
import { analyzeOrSplit, analyzePageRange, errorOf, InputError, type AnalyzeOptions, type OcrLike } from '../analyze.js';
import { sha256File } from './source.js';
import { SCAN_BYTES_PER_PAGE, type DocumentReply, type EngineReply, type EngineTask, type Recycle, type EngineTestHooks, type PingReply, type RangeReply, type TaskStart, type WorkerAnalyzeOptions } from './protocol.js';

interface OcrEngineLike extends OcrLike {
  terminate(): Promise<void>;
}

/**
 * Import a module by URL, path or name. From source, a `.ts` module goes through tsx's
 * `tsImport`: on Node 20 a dynamic `import()` of TypeScript inside a worker thread is not
 * seen by the tsx hooks the thread was started with (its static imports are).
 */
async function importModule(specifier: string): Promise<unknown> {
  if (/\.[cm]?ts$/.test(specifier)) {
    const api = 'tsx/esm/api';
    const { tsImport } = (await import(api)) as { tsImport(specifier: string, parent: string): Promise<unknown> };
    return tsImport(specifier, import.meta.url);
  }
  return import(specifier);
}

/** This thread's OCR engine, by module: started on the first page that needs it, never per page. */
const ocrEngines = new Map<string, Promise<OcrEngineLike>>();

function lazyOcr(module: string): OcrLike {
  return {
    async recognize(image, options) {
      let engine = ocrEngines.get(module);
      if (!engine) {
        engine = importModule(module).then((m) => (m as { createOcrEngine(options: { workers: number }): Promise<OcrEngineLike> }).createOcrEngine({ workers: 1 }));
        ocrEngines.set(module, engine);
      }
      return (await engine).recognize(image, options);
    },
  };
}

function analyzeOptions(options: WorkerAnalyzeOptions): AnalyzeOptions {
  const { ocrModule, ...rest } = options;
  const out: AnalyzeOptions = rest;
  if (ocrModule && options.ocr !== 'off') out.ocrEngine = lazyOcr(ocrModule);
  return out;
}

/** The PDF of the last range task, kept open briefly for the next range of the same file. */
let cached: { path: string; sha256: string; handle: PdfDocumentHandle; timer: NodeJS.Timeout | null } | null = null;
const KEEP_OPEN_MS = 2_000;

async function closeCached(): Promise<void> {
  const c = cached;
  cached = null;
  if (!c) return;
  if (c.timer) clearTimeout(c.timer);
  await c.handle.close().catch(() => undefined);
}

async function openRange(task: { path: string; sha256: string; options: WorkerAnalyzeOptions }): Promise<PdfDocumentHandle> {
  if (cached && cached.path === task.path && cached.sha256 === task.sha256) {
    if (cached.timer) clearTimeout(cached.timer);
    cached.timer = null;
    return cached.handle;
  }
  await closeCached();
  // hashed as a stream, then read by the parser block by block: the file is never held whole
  let sha256: string;
  try {
    sha256 = await sha256File(task.path);
  } catch (err) {
    throw new InputError('NOT_FOUND', err instanceof Error ? err.message : String(err));
  }
  if (sha256 !== task.sha256) throw new InputError('NOT_FOUND', 'the file changed while it was being read');
  // the document task found no decompression bomb in these bytes: no second scan of the whole file
  const handle = await openPdf({ path: task.path }, { bombChecked: true, ...(task.options.backend ? { backend: task.options.backend } : {}) });
  cached = { path: task.path, sha256, handle, timer: null };
  return handle;
}

function release(): void {
  if (!cached) return;
  if (cached.timer) clearTimeout(cached.timer);
  // unref: an idle thread must not be kept alive by this
  cached.timer = setTimeout(() => void closeCached(), KEEP_OPEN_MS).unref();
}

async function testHooks(hooks: EngineTestHooks | undefined, kind: 'document' | 'range', path: string): Promise<void> {
  if (!hooks || (hooks.only && hooks.only !== kind)) return;
  const matches = (pattern: string | undefined): boolean => pattern !== undefined && new RegExp(pattern).test(path);
  if (matches(hooks.delay)) await new Promise((r) => setTimeout(r, hooks.delayMs ?? 1000));
  if (matches(hooks.exit)) process.exit(70);
  if (matches(hooks.oom)) {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array<number>(10_000).fill(Math.random()));
  }
  if (matches(hooks.hang)) for (;;);
}

const channels = new Map<string, BroadcastChannel>();

/** Tell the engine this task has started (its document's clock runs from here). */
function announce(start: TaskStart | undefined): void {
  if (!start) return;
  let channel = channels.get(start.channel);
  if (!channel) {
    channel = new BroadcastChannel(start.channel);
    channel.unref();
    channels.set(start.channel, channel);
  }
  channel.postMessage(start.id);
}

export default async function runTask(task: EngineTask): Promise<EngineReply> {
  const reply = await run(task);
  if (task.kind !== 'ping' && retiring(task.recycle)) {
    // this thread ends: nothing of it is kept for the next range
    await closeCached();
    return { ...reply, retire: threadId };
  }
  return reply;
}

/** Whether this thread should be replaced after its task: its WebAssembly memories never shrink. */
function retiring(recycle: Recycle | undefined): boolean {
  return recycle !== undefined && pdfiumMemoryBytes() + jpxMemoryBytes() > recycle.wasmMb * 1024 * 1024;
}

async function run(task: EngineTask): Promise<EngineReply> {
  if (task.kind !== 'ping') announce(task.start);
  switch (task.kind) {
    case 'ping':
      return { kind: 'pong', threadId } satisfies PingReply;
    case 'document': {
      await closeCached();
      await testHooks(task.test, 'document', task.path);
      const { splitPages, splitScanPages } = task;
      const split =
        splitPages !== undefined || splitScanPages !== undefined
          ? (numPages: number, bytes: number) =>
              (splitPages !== undefined && numPages > splitPages) ||
              (splitScanPages !== undefined && numPages > splitScanPages && bytes / numPages >= SCAN_BYTES_PER_PAGE)
          : undefined;
      const result = await analyzeOrSplit(task.path, analyzeOptions(task.options), split);
      if ('split' in result) return { kind: 'split', source: result.source, numPages: result.numPages, ms: result.ms } satisfies DocumentReply;
      return { kind: 'record', record: result } satisfies DocumentReply;
    }
    case 'range': {
      await testHooks(task.test, 'range', task.path);
      try {
        const handle = await openRange(task);
        const range = await analyzePageRange(handle, task.from, task.to, analyzeOptions(task.options));
        return { kind: 'range', range } satisfies RangeReply;
      } catch (err) {
        await closeCached();
        return { kind: 'error', error: errorOf(err) } satisfies RangeReply;
      } finally {
        release();
      }
    }
  }
}
