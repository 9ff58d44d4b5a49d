/**
 * The messages between the dossier engine (main thread) and its worker threads: plain
 * structured-clonable data, no functions.
 */
import type { DocumentRecord, ErrorCode, SourceInfo } from '@lakmoes/schema';
import type { AnalyzeOptions, PageRange } from '../analyze.js';

/** `AnalyzeOptions` as a worker gets them: the OCR engine is made in the worker, from a module. */
export interface WorkerAnalyzeOptions extends Omit<AnalyzeOptions, 'ocrEngine'> {
  /** URL, path or name of a module exporting `createOcrEngine()` (see @lakmoes/ocr); none: no OCR. */
  ocrModule?: string;
}

/**
 * @internal Hooks for the engine's tests: documents whose path matches a pattern (a RegExp
 * source) make their worker wait, hang (a busy loop), exit, or run out of memory.
 */
export interface EngineTestHooks {
  /** Sleep `delayMs` (without blocking the thread's event loop) before the task. */
  delay?: string;
  delayMs?: number;
  hang?: string;
  exit?: string;
  oom?: string;
  /** Fire only in tasks of this kind (default: both). */
  only?: 'document' | 'range';
}

/**
 * Tasks say when they start on a thread (a task can wait for a replacement thread to come up,
 * which must not count against the document's time): `{ id }` on the BroadcastChannel named.
 */
export interface TaskStart {
  id: number;
  channel: string;
}

/** Analyse a whole document, or stop after opening a PDF of more than `splitPages` pages. */
export interface DocumentTask {
  kind: 'document';
  start?: TaskStart;
  path: string;
  options: WorkerAnalyzeOptions;
  /** Split PDFs of more pages than this (none: never). */
  splitPages?: number;
  /** Split PDFs of more pages than this that look scanned (see `SCAN_BYTES_PER_PAGE`): their OCR is slow (none: never). */
  splitScanPages?: number;
  recycle?: Recycle;
  test?: EngineTestHooks;
}

/**
 * When a thread asks to be replaced after its task: its PDFium WebAssembly memory, which
 * never shrinks, has grown past `wasmMb`.
 */
export interface Recycle {
  wasmMb: number;
}

/**
 * A PDF of this many bytes per page or more is taken for a scan when the engine decides to
 * split it: born-digital corpus pages average 17 KB (benchmarks/out/born-digital-500.pdf),
 * scanned ones 150-200 KB (dossier-500.pdf, scans-20.pdf). A wrong guess only costs the
 * overhead of a few page ranges.
 */
export const SCAN_BYTES_PER_PAGE = 64 * 1024;

/** Analyse pages `from`…`to` of a PDF already read by a `DocumentTask`. */
export interface RangeTask {
  kind: 'range';
  start?: TaskStart;
  path: string;
  /** The bytes must still be these (the file may not change during the run). */
  sha256: string;
  from: number;
  to: number;
  options: WorkerAnalyzeOptions;
  recycle?: Recycle;
  test?: EngineTestHooks;
}

/** Start-up check: the worker module loads and answers. */
export interface PingTask {
  kind: 'ping';
}

export type EngineTask = DocumentTask | RangeTask | PingTask;

export type DocumentReply =
  | { kind: 'record'; record: DocumentRecord }
  | { kind: 'split'; source: SourceInfo; numPages: number; ms: number };

export type RangeReply = { kind: 'range'; range: PageRange } | { kind: 'error'; error: { code: ErrorCode; message: string } };

export interface PingReply {
  kind: 'pong';
  threadId: number;
}

/** A reply; `retire` (the thread's id) asks the engine to replace the thread that sent it (see `Recycle`). */
export type EngineReply = (DocumentReply | RangeReply | PingReply) & { retire?: number };
