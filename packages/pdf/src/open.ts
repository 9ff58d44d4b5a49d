/**
 * Opening a PDF with pdf.js (pdfjs-dist 5.6, legacy build for Node 20) and
 * reading its metadata. pdf.js errors become `LakmoesError`s with a code.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument, PDFDateString } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfMetadata } from './types.js';

/**
 * Error codes of the PDF layer:
 * - `PDF_EMPTY`: zero bytes;
 * - `NOT_PDF`: no `%PDF-` header in the first 1024 bytes;
 * - `PDF_ENCRYPTED`: a user password is needed to open the file;
 * - `PDF_CORRUPT`: pdf.js could not parse the file (invalid structure, truncated, unexpected failure).
 */
export type LakmoesErrorCode = 'PDF_EMPTY' | 'NOT_PDF' | 'PDF_ENCRYPTED' | 'PDF_CORRUPT';

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

/** Options for `openPdf`. */
export interface OpenPdfOptions {
  /** User password, when known. */
  password?: string;
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

/** Checks the bytes before pdf.js sees them: empty input and non-PDF input fail fast. */
export function preflight(bytes: Uint8Array): LakmoesError | null {
  if (bytes.length === 0) return new LakmoesError('PDF_EMPTY', 'the input is empty (0 bytes)');
  if (findPdfHeader(bytes) < 0) return new LakmoesError('NOT_PDF', 'the input is not a PDF (no %PDF- header in the first 1024 bytes)');
  return null;
}

/**
 * Opens a PDF from bytes. Rejects with a `LakmoesError` (`PDF_EMPTY`, `NOT_PDF`,
 * `PDF_ENCRYPTED`, `PDF_CORRUPT`). The bytes are copied: pdf.js would detach them.
 */
export async function openPdf(bytes: Uint8Array, options: OpenPdfOptions = {}): Promise<PdfDocumentHandle> {
  const problem = preflight(bytes);
  if (problem) throw problem;
  const task = getDocument({
    data: bytes.slice(),
    ...pdfjsResourceDirs(),
    verbosity: 0,
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

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Info strings sometimes carry NULs or only whitespace.
  const cleaned = value.replace(/\u0000/g, '').trim();
  return cleaned === '' ? null : cleaned;
}

/** ISO 8601 of a PDF date string (`D:20211222151013+01'00'`), or null. */
export function pdfDateToIso(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const date = PDFDateString.toDateObject(value);
    return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
  } catch {
    return null;
  }
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
