/**
 * Opening a PDF with PDFium (WebAssembly, the default) or pdf.js (pdfjs-dist 5.6, legacy
 * build for Node 20) and reading its metadata. Parser errors become `LakmoesError`s with a code.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInflate } from 'node:zlib';
import { fileSource, memorySource, type ByteSource } from './byte-source.js';
import { loadPdfjs } from './pdfjs.js';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from './pdfjs.js';
import { openPdfiumDocument, PdfiumError, pdfiumEncrypted, pdfiumFileVersion, pdfiumMetaText, type PdfiumDocument } from './pdfium/pdfium.js';
import type { PdfMetadata } from './types.js';

/**
 * Error codes of the PDF layer:
 * - `PDF_EMPTY`: zero bytes;
 * - `NOT_PDF`: no `%PDF-` header in the first 1024 bytes;
 * - `PDF_ENCRYPTED`: a user password is needed to open the file;
 * - `PDF_CORRUPT`: pdf.js could not parse the file (invalid structure, truncated, unexpected failure);
 * - `TOO_LARGE`: a stream inflates past `MAX_INFLATED_STREAM_BYTES` (a decompression bomb).
 */
export type LakmoesErrorCode = 'PDF_EMPTY' | 'NOT_PDF' | 'PDF_ENCRYPTED' | 'PDF_CORRUPT' | 'TOO_LARGE';

/** An error as a value: a code to branch on and a message for people. */
export class LakmoesError extends Error {
  readonly code: LakmoesErrorCode;

  constructor(code: LakmoesErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LakmoesError';
    this.code = code;
  }

  toJSON(): { code: LakmoesErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** Converts anything thrown while reading a PDF into a `LakmoesError`. */
export function toLakmoesError(error: unknown): LakmoesError {
  if (error instanceof LakmoesError) return error;
  const name = error instanceof Error ? error.name : typeof error === 'object' && error && 'name' in error ? String(error.name) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new LakmoesError('PDF_ENCRYPTED', `the PDF is encrypted with a user password (${message})`, { cause: error });
  }
  if (name === 'InvalidPDFException' || name === 'FormatError') {
    return new LakmoesError('PDF_CORRUPT', `the PDF structure is invalid (${message})`, { cause: error });
  }
  return new LakmoesError('PDF_CORRUPT', `the PDF could not be read (${name ? `${name}: ` : ''}${message})`, { cause: error });
}

/**
 * The parser behind a document: `pdfium` (the default: PDFium compiled to WebAssembly,
 * `@embedpdf/pdfium`) or `pdfjs` (pdf.js). PDFium reads a born-digital page ~2× faster end to
 * end, decodes an image only when its pixels are asked for, and never loads pdf.js. pdf.js is
 * needed for `pageImage` (rendering) and reads vertical writing, which PDFium does not tell.
 * On the gold sets both give the same figures (benchmarks/RESULTS.md).
 */
export type PdfBackend = 'pdfjs' | 'pdfium';

/** Options for `openPdf`. */
export interface OpenPdfOptions {
  /** User password, when known. */
  password?: string;
  /** The parser (default `pdfium`, or `LAKMOES_PDF_BACKEND`). */
  backend?: PdfBackend;
  /**
   * @internal These bytes were opened before and had no decompression bomb (the dossier
   * engine's range workers open a file its document task checked, with the same SHA-256):
   * the scan, a read of the whole file, is skipped.
   */
  bombChecked?: boolean;
}

/** An open PDF. Call `close()` when done; the handle hides the pdf.js objects. */
export interface PdfDocumentHandle {
  readonly numPages: number;
  readonly metadata: PdfMetadata;
  close(): Promise<void>;
}

interface Internals {
  doc: PDFDocumentProxy;
  task: PDFDocumentLoadingTask;
}

const internals = new WeakMap<PdfDocumentHandle, Internals>();
const pdfiumHandles = new WeakMap<PdfDocumentHandle, PdfiumDocument>();

/** @internal The PDFium document behind a handle opened with `backend: 'pdfium'`, else null. */
export function pdfiumDocument(handle: PdfDocumentHandle): PdfiumDocument | null {
  return pdfiumHandles.get(handle) ?? null;
}

/** @internal The pdf.js document behind a handle (for the other modules of this package). */
export function pdfjsDocument(handle: PdfDocumentHandle): PDFDocumentProxy {
  const entry = internals.get(handle);
  if (!entry) throw new LakmoesError('PDF_CORRUPT', 'the document handle is closed or was not made by openPdf');
  return entry.doc;
}

let resourceDirs: { standardFontDataUrl: string; cMapUrl: string; wasmUrl: string } | undefined;

/** Font, CMap and wasm directories inside the installed pdfjs-dist (no network, ever). */
function pdfjsResourceDirs(): { standardFontDataUrl: string; cMapUrl: string; wasmUrl: string } {
  if (!resourceDirs) {
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    resourceDirs = {
      standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
      cMapUrl: path.join(root, 'cmaps') + path.sep,
      wasmUrl: path.join(root, 'wasm') + path.sep,
    };
  }
  return resourceDirs;
}

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** Where `%PDF-` starts within the first 1024 bytes, or -1. */
export function findPdfHeader(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length, 1024) - PDF_HEADER.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let k = 0; k < PDF_HEADER.length; k++) if (bytes[i + k] !== PDF_HEADER[k]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Checks the bytes before a parser sees them: empty input and non-PDF input fail fast.
 * `size` is the whole file's when `bytes` is only its start.
 */
export function preflight(bytes: Uint8Array, size = bytes.length): LakmoesError | null {
  if (size === 0) return new LakmoesError('PDF_EMPTY', 'the input is empty (0 bytes)');
  if (findPdfHeader(bytes) < 0) return new LakmoesError('NOT_PDF', 'the input is not a PDF (no %PDF- header in the first 1024 bytes)');
  return null;
}

/**
 * Decoded size over which a Flate stream (content, font, object stream) is refused. pdf.js
 * keeps a stream's whole decoded buffer (grown by doubling) and parses page content twice
 * (operators and text), so it briefly holds several times this; real streams stay far below.
 */
export const MAX_INFLATED_STREAM_BYTES = 64 * 1024 ** 2;
/** The same for image streams: an A3 colour scan at 600 dpi is 209 MB raw. */
export const MAX_INFLATED_IMAGE_BYTES = 256 * 1024 ** 2;
/** Images over this many pixels are skipped by pdf.js (`maxImageSize`; an A3 page at 600 dpi is 70 M). */
export const MAX_IMAGE_PIXELS = 100_000_000;
/** Deflate cannot expand more than about 1032:1, so shorter raw streams cannot reach a limit. */
const DEFLATE_MAX_RATIO = 1032;

/** Decoded bytes of `layers` nested zlib layers over `[start, end)` of the file, counted (never held), stopping past `limit`. */
function inflatedSize(source: ByteSource, start: number, end: number, layers: number, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const zs = Array.from({ length: layers }, () => createInflate({ chunkSize: 256 * 1024 }));
    let total = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      for (const z of zs) z.destroy();
      resolve(total);
    };
    for (let i = 0; i + 1 < zs.length; i++) zs[i]!.pipe(zs[i + 1]!);
    const last = zs[zs.length - 1]!;
    last.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) finish();
    });
    last.on('end', finish);
    for (const z of zs) z.on('error', finish); // not zlib data (encrypted, other filter first): not ours to judge
    // the raw data in pieces, each written when zlib has taken the one before
    let at = start;
    const feed = (): void => {
      while (!done && at < end) {
        const piece = source.read(at, Math.min(INFLATE_PIECE, end - at));
        if (piece.length === 0) break;
        at += piece.length;
        if (!zs[0]!.write(piece)) {
          zs[0]!.once('drain', feed);
          return;
        }
      }
      if (!done) zs[0]!.end();
    };
    feed();
  });
}

/** Raw stream data is inflated in pieces of this size. */
const INFLATE_PIECE = 1 << 20;
/** @internal The file is scanned for `stream` keywords in chunks of this size (plus the dictionary window before each). */
export const SCAN_CHUNK = 8 << 20;
/** How far before a `stream` keyword its dictionary is looked for. */
const DICTIONARY_WINDOW = 4096;

/** Where `needle` next occurs at or after `from` in the file, or -1 (read in chunks). */
function indexOfFrom(source: ByteSource, needle: string, from: number): number {
  for (let at = from; at < source.size; at += SCAN_CHUNK) {
    const buf = source.read(at, SCAN_CHUNK + needle.length - 1);
    const i = buf.indexOf(needle, 0, 'latin1');
    if (i >= 0) return at + i;
  }
  return -1;
}

/**
 * Finds a decompression bomb: a Flate stream whose data inflates past its limit. Only streams
 * long enough to reach the limit (or with chained Flate filters) are inflated, and only to
 * count, so ordinary files cost a byte scan. Embedded files (never decoded) and streams of
 * encrypted files (not zlib data until decrypted) are not checked. A file is read in chunks.
 */
export async function findInflationBomb(
  input: Uint8Array | ByteSource,
  limits: { stream?: number; image?: number } = {},
): Promise<LakmoesError | null> {
  const source = input instanceof Uint8Array ? memorySource(input) : input;
  // one buffer for every chunk of a file (bytes in memory are viewed, not copied)
  const scratch = input instanceof Uint8Array ? undefined : Buffer.allocUnsafe(Math.min(source.size, SCAN_CHUNK + DICTIONARY_WINDOW + 8));
  for (let chunk = 0; chunk < source.size; chunk += SCAN_CHUNK) {
    // the chunk, its dictionary window before and the keyword's line end after
    const base = Math.max(0, chunk - DICTIONARY_WINDOW);
    const buf = source.read(base, chunk + SCAN_CHUNK + 8 - base, scratch);
    const chunkEnd = chunk + SCAN_CHUNK - base;
    for (let at = buf.indexOf('stream', chunk - base, 'latin1'); at >= 0 && at < chunkEnd; at = buf.indexOf('stream', at + 6, 'latin1')) {
      if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
      let start = at + 6;
      if (buf[start] === 0x0d) start++;
      if (buf[start] !== 0x0a && buf[start - 1] !== 0x0d) continue;
      if (buf[start] === 0x0a) start++;
      const head = buf.toString('latin1', Math.max(0, at - DICTIONARY_WINDOW), at);
      const dict = head.slice(head.lastIndexOf('obj') + 1);
      const layers = dict.match(/\/(?:FlateDecode|Fl)(?![A-Za-z])/g)?.length ?? 0;
      if (layers === 0 || /\/Type\s*\/EmbeddedFile\b/.test(dict)) continue;
      const limit = /\/Subtype\s*\/Image\b/.test(dict) ? (limits.image ?? MAX_INFLATED_IMAGE_BYTES) : (limits.stream ?? MAX_INFLATED_STREAM_BYTES);
      // a direct /Length is what pdf.js reads; else the data runs to `endstream`
      const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
      const dataStart = base + start;
      const endAt = length ? dataStart + Number(length[1]) : indexOfFrom(source, 'endstream', dataStart);
      const end = endAt < 0 || endAt > source.size ? source.size : endAt;
      if (end - dataStart < limit / DEFLATE_MAX_RATIO && layers < 2) continue;
      const size = await inflatedSize(source, dataStart, end, layers, limit);
      if (size > limit) {
        return new LakmoesError('TOO_LARGE', `a stream at byte ${base + at} inflates past ${limit} bytes (a decompression bomb)`);
      }
    }
  }
  return null;
}

/** pdf.js's own exception classes (by name: its worker code is bundled separately). */
const PDFJS_EXCEPTIONS = new Set([
  'FormatError', 'UnknownErrorException', 'InvalidPDFException', 'MissingPDFException', 'PasswordException', 'ResponseException',
  'UnexpectedResponseException', 'XRefEntryException', 'XRefParseException', 'MissingDataException', 'ParserEOFException', 'AbortException',
]);
let rejectionGuard = false;

/**
 * In Node pdf.js runs its worker code on this thread, and some of its prefetches reject with
 * nobody listening: `Catalog.getPageDict` fetches the page tree's kids ahead and drops the
 * promise when the walk ends first, so one broken kid (found by the fuzz test) became an
 * unhandled rejection, which kills the process or worker thread. The document's own promises
 * report the same broken file, so these are dropped; any other unhandled rejection is
 * rethrown as Node would (unless the application has its own listener).
 */
function guardPdfjsRejections(): void {
  if (rejectionGuard) return;
  rejectionGuard = true;
  const listener = (reason: unknown): void => {
    if (reason instanceof Error && PDFJS_EXCEPTIONS.has(reason.name)) return;
    if (process.listenerCount('unhandledRejection') > 1) return;
    throw reason;
  };
  process.on('unhandledRejection', listener);
}

/** What `openPdf` reads: the bytes, or a file by path. */
export type PdfInput = Uint8Array | { path: string };

/**
 * Opens a PDF from bytes or from a file. Rejects with a `LakmoesError` (`PDF_EMPTY`, `NOT_PDF`,
 * `PDF_ENCRYPTED`, `PDF_CORRUPT`, `TOO_LARGE`), or with Node's error when the file cannot be
 * opened. pdf.js gets a copy of the bytes (it would detach them). PDFium reads them in place, as
 * it needs them: bytes must not change until `close()`; a file is read through its descriptor,
 * block by block, and is never held in memory whole.
 */
export async function openPdf(input: PdfInput, options: OpenPdfOptions = {}): Promise<PdfDocumentHandle> {
  const pdfium = (options.backend ?? defaultBackend()) === 'pdfium';
  if (!(input instanceof Uint8Array)) {
    const source = fileSource(input.path);
    try {
      const problem = preflight(source.read(0, 1024), source.size) ?? (options.bombChecked ? null : await findInflationBomb(source));
      if (problem) throw problem;
      if (!pdfium) {
        const bytes = new Uint8Array(source.size);
        if (!source.readInto(bytes, 0, 0, source.size)) throw new LakmoesError('PDF_CORRUPT', 'the file changed while it was being read');
        source.close();
        return await openPdf(bytes, options);
      }
      return await openWithPdfium(source, options);
    } catch (error) {
      source.close();
      throw error;
    }
  }
  const bytes = input;
  const problem = preflight(bytes) ?? (await findInflationBomb(bytes));
  if (problem) throw problem;
  if (pdfium) return openWithPdfium(memorySource(bytes), options);
  const { getDocument } = await loadPdfjs();
  guardPdfjsRejections();
  const task = getDocument({
    data: bytes.slice(),
    ...pdfjsResourceDirs(),
    verbosity: 0,
    maxImageSize: MAX_IMAGE_PIXELS,
    isEvalSupported: false,
    disableFontFace: true,
    isOffscreenCanvasSupported: false,
    useSystemFonts: false,
    ...(options.password !== undefined ? { password: options.password } : {}),
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw toLakmoesError(error);
  }
  let metadata: PdfMetadata;
  try {
    metadata = await readMetadata(doc);
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw toLakmoesError(error);
  }
  const handle: PdfDocumentHandle = {
    numPages: doc.numPages,
    metadata,
    async close() {
      if (!internals.has(handle)) return;
      internals.delete(handle);
      await task.destroy().catch(() => undefined);
    },
  };
  internals.set(handle, { doc, task });
  return handle;
}

/**
 * The parser when `backend` is not given: `LAKMOES_PDF_BACKEND` (`pdfjs` | `pdfium`), else PDFium.
 * For running whole test suites and gold sets through the other parser.
 */
export function defaultBackend(): PdfBackend {
  return typeof process !== 'undefined' && process.env.LAKMOES_PDF_BACKEND === 'pdfjs' ? 'pdfjs' : 'pdfium';
}

/** Opens with PDFium; the source is PDFium's from here (closed with the document, or on failure). */
async function openWithPdfium(source: ByteSource, options: OpenPdfOptions): Promise<PdfDocumentHandle> {
  let doc: PdfiumDocument;
  try {
    doc = await openPdfiumDocument(source, options.password !== undefined ? { password: options.password } : {});
  } catch (error) {
    if (error instanceof PdfiumError) throw new LakmoesError(error.code, error.message, { cause: error });
    throw toLakmoesError(error);
  }
  const meta = (key: string): string | null => text(pdfiumMetaText(doc, key));
  let metadata: PdfMetadata;
  try {
    metadata = {
      title: meta('Title'),
      author: meta('Author'),
      subject: meta('Subject'),
      creator: meta('Creator'),
      producer: meta('Producer'),
      creationDate: pdfDateToIso(meta('CreationDate')),
      modificationDate: pdfDateToIso(meta('ModDate')),
      encrypted: pdfiumEncrypted(doc),
      pdfVersion: pdfiumFileVersion(doc),
      language: null,
      pageCount: doc.pageCount,
    };
  } catch (error) {
    doc.close();
    throw toLakmoesError(error);
  }
  const handle: PdfDocumentHandle = {
    numPages: doc.pageCount,
    metadata,
    async close() {
      if (!pdfiumHandles.has(handle)) return;
      pdfiumHandles.delete(handle);
      doc.close();
    },
  };
  pdfiumHandles.set(handle, doc);
  return handle;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Info strings sometimes carry NULs or only whitespace.
  const cleaned = value.replace(/\u0000/g, '').trim();
  return cleaned === '' ? null : cleaned;
}

/** `D:YYYYMMDDHHmmSSOHH'mm'`: every part after the year optional (PDF 32000-1 §7.9.4). */
const PDF_DATE = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z|+|-])?(\d{2})?'?(\d{2})?'?/;

/**
 * ISO 8601 of a PDF date string (`D:20211222151013+01'00'`), or null. Read as pdf.js'
 * `PDFDateString.toDateObject` reads it: a part out of range takes its default (January,
 * the 1st, 00:00:00), no offset means UTC.
 */
export function pdfDateToIso(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const m = PDF_DATE.exec(value);
  if (!m) return null;
  const part = (i: number, min: number, max: number, fallback: number): number => {
    const n = parseInt(m[i] ?? '', 10);
    return n >= min && n <= max ? n : fallback;
  };
  let hour = part(4, 0, 23, 0);
  let minute = part(5, 0, 59, 0);
  const sign = m[7] ?? 'Z';
  const offsetHour = part(8, 0, 23, 0);
  const offsetMinute = part(9, 0, 59, 0);
  if (sign === '-') {
    hour += offsetHour;
    minute += offsetMinute;
  } else if (sign === '+') {
    hour -= offsetHour;
    minute -= offsetMinute;
  }
  const date = new Date(Date.UTC(parseInt(m[1]!, 10), part(2, 1, 12, 1) - 1, part(3, 1, 31, 1), hour, minute, part(6, 0, 59, 0)));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

async function readMetadata(doc: PDFDocumentProxy): Promise<PdfMetadata> {
  const { info, metadata } = await doc.getMetadata();
  const record = (info ?? {}) as Record<string, unknown>;
  let title = text(record.Title);
  if (!title && metadata) {
    try {
      title = text(metadata.get('dc:title'));
    } catch {
      // XMP that pdf.js cannot read: keep null.
    }
  }
  return {
    title,
    author: text(record.Author),
    subject: text(record.Subject),
    creator: text(record.Creator),
    producer: text(record.Producer),
    creationDate: pdfDateToIso(record.CreationDate),
    modificationDate: pdfDateToIso(record.ModDate),
    encrypted: record.EncryptFilterName != null,
    pdfVersion: text(record.PDFFormatVersion),
    language: text(record.Language),
    pageCount: doc.numPages,
  };
}
