/**
 * PDFium (WebAssembly, `@embedpdf/pdfium`), the default PDF backend: loading the
 * module once per thread, offline, and opening documents from bytes. pdf.js is the
 * other (`backend: 'pdfjs'`); `benchmarks/backends.ts` compares the two, and
 * content.ts says where they differ (vertical writing, blend mode names).
 *
 * The hot paths call the module's raw wasm exports (`wasmExports.FPDF…`), not
 * the package's `cwrap` wrappers: every wrapped call goes through `ccall`, an
 * assertion wrapper and an export lookup, which costs more than the work done
 * by small getters such as `FPDFText_GetUnicode`. Only numbers cross the
 * boundary (pointers, handles, ints, floats); out-parameters are read from the
 * heap views, which are re-read after the memory grows.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { WrappedPdfiumModule } from '@embedpdf/pdfium';
import { memorySource, type ByteSource } from '../byte-source.js';
import type { LakmoesErrorCode } from '../open.js';

/** A call into the module: numbers in, a number out (booleans are 0/1). */
type NativeFn = (...args: number[]) => number;

/** The PDFium functions this backend calls. */
const NATIVE_NAMES = [
  'FPDF_LoadCustomDocument',
  'FPDF_CloseDocument',
  'FPDF_GetLastError',
  'FPDF_GetPageCount',
  'FPDF_GetMetaText',
  'FPDF_GetFileVersion',
  'FPDF_GetSecurityHandlerRevision',
  'FPDF_LoadPage',
  'FPDF_ClosePage',
  'FPDF_GetPageBoundingBox',
  'FPDFPage_GetRotation',
  'FPDFPage_CountObjects',
  'FPDFPage_GetObject',
  'FPDFPageObj_GetType',
  'FPDFPageObj_GetMatrix',
  'FPDFPageObj_GetBounds',
  'FPDFPageObj_GetFillColor',
  'FPDFPath_GetDrawMode',
  'FPDFPath_CountSegments',
  'FPDFPath_GetPathSegment',
  'FPDFPathSegment_GetPoint',
  'FPDFPathSegment_GetType',
  'FPDFPathSegment_GetClose',
  'FPDFFormObj_CountObjects',
  'FPDFFormObj_GetObject',
  'FPDFImageObj_GetImagePixelSize',
  'FPDFImageObj_GetImageMetadata',
  'FPDFImageObj_GetBitmap',
  'FPDFBitmap_GetBuffer',
  'FPDFBitmap_GetWidth',
  'FPDFBitmap_GetHeight',
  'FPDFBitmap_GetStride',
  'FPDFBitmap_GetFormat',
  'FPDFBitmap_Destroy',
  'FPDFTextObj_GetTextRenderMode',
  'FPDFText_LoadPage',
  'FPDFText_ClosePage',
  'FPDFText_CountChars',
  'FPDFText_GetUnicode',
  'FPDFText_IsGenerated',
  'FPDFText_GetTextObject',
  'FPDFText_GetLooseCharBox',
  'FPDFText_GetCharBox',
  'FPDFText_GetFontSize',
  'FPDFText_GetFillColor',
  'FPDFText_GetCharOrigin',
  'FPDFText_GetMatrix',
  'FPDFTextObj_GetFont',
  'FPDFFont_GetGlyphWidth',
  'FPDFFont_GetAscent',
  'FPDFFont_GetDescent',
  'FPDFPage_GetAnnotCount',
  'FPDFPage_GetAnnot',
  'FPDFPage_CloseAnnot',
  'FPDFAnnot_GetSubtype',
  'FPDFAnnot_GetRect',
  'FPDFAnnot_GetColor',
  'FPDFAnnot_GetStringValue',
  'FPDFAnnot_HasKey',
  'EPDFAnnot_GetObjectNumber',
  'FPDFPageObj_HasTransparency',
  'FPDFPageObj_GetStrokeColor',
  'FPDFAnnot_GetObjectCount',
  'FPDFAnnot_GetObject',
  'EPDFAnnot_GetAPMatrix',
  'EPDFAnnot_HasAppearanceStream',
  'EPDFAnnot_ExportAppearanceAsDocument',
  'FPDFAnnot_GetFlags',
  'FPDFFont_GetFontData',
  'FPDFFont_GetIsEmbedded',
  'FPDFFont_GetBaseFontName',
  'FPDFImageObj_GetImageFilterCount',
  'FPDFImageObj_GetImageFilter',
  'FPDFImageObj_GetImageDataRaw',
  'FPDFImageObj_GetIccProfileDataDecoded',
] as const;

export type NativeName = (typeof NATIVE_NAMES)[number];

/** How the functions are called: raw wasm exports (fast) or the package's `cwrap` wrappers (for comparison). */
export type PdfiumCallMode = 'raw' | 'cwrap';

/** The loaded module: native functions, heap access and a scratch block for out-parameters. */
export interface PdfiumLibrary {
  readonly fn: Readonly<Record<NativeName, NativeFn>>;
  readonly mode: PdfiumCallMode;
  malloc(size: number): number;
  free(ptr: number): void;
  /** Heap views (fresh after memory growth). */
  u8(): Uint8Array;
  u32(): Uint32Array;
  f32(): Float32Array;
  f64(): Float64Array;
  /** 256 bytes for out-parameters, 8-aligned; valid for the life of the module. */
  readonly scratch: number;
  /**
   * An `FPDF_FILEACCESS` (in wasm memory) through which PDFium reads the file where it is (in
   * JavaScript memory, or on disk through its descriptor), block by block: the file is not
   * copied into WebAssembly memory, which never shrinks. `release` frees it; the bytes must
   * not change until then.
   */
  fileAccess(source: ByteSource): { access: number; release(): void };
}

/** Error codes of this backend (a subset of the PDF layer's codes). */
export type PdfiumErrorCode = Extract<LakmoesErrorCode, 'PDF_EMPTY' | 'NOT_PDF' | 'PDF_ENCRYPTED' | 'PDF_CORRUPT'>;

/** An error as a value, with the same codes as `LakmoesError` (not imported: that would load pdf.js). */
export class PdfiumError extends Error {
  readonly code: PdfiumErrorCode;

  constructor(code: PdfiumErrorCode, message: string) {
    super(message);
    this.name = 'PdfiumError';
    this.code = code;
  }
}

interface RawModule {
  wasmExports: Record<string, unknown> & { malloc(size: number): number; free(ptr: number): void };
  addFunction(fn: (...args: number[]) => number, signature: string): number;
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
}

const libraries = new Map<PdfiumCallMode, Promise<PdfiumLibrary>>();
let wrapped: Promise<WrappedPdfiumModule> | undefined;

/** The wasm binary shipped inside the installed package (never fetched). */
function wasmBinary(): Uint8Array {
  const file = createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm');
  return readFileSync(file);
}

async function instantiate(): Promise<WrappedPdfiumModule> {
  const { init } = await import('@embedpdf/pdfium');
  const binary = wasmBinary();
  const m = await init({ wasmBinary: binary.buffer.slice(binary.byteOffset, binary.byteOffset + binary.byteLength) as ArrayBuffer });
  m.PDFiumExt_Init();
  return m;
}

/**
 * Loads PDFium once per thread (both call modes share one module instance).
 * `mode` picks how functions are called; `raw` unless measuring.
 */
export function loadPdfium(mode: PdfiumCallMode = 'raw'): Promise<PdfiumLibrary> {
  let lib = libraries.get(mode);
  if (!lib) {
    wrapped ??= instantiate();
    lib = wrapped.then((m) => makeLibrary(m, mode));
    libraries.set(mode, lib);
  }
  return lib;
}

/** The loaded module of this thread, for its memory size. */
let loaded: RawModule | undefined;

/**
 * Bytes of this thread's PDFium WebAssembly memory (0 before PDFium is loaded). It grows to
 * the most a page ever needed and never shrinks; only ending the thread gives it back.
 */
export function pdfiumMemoryBytes(): number {
  return loaded ? loaded.HEAPU8.buffer.byteLength : 0;
}

function makeLibrary(m: WrappedPdfiumModule, mode: PdfiumCallMode): PdfiumLibrary {
  const raw = m.pdfium as unknown as RawModule;
  loaded = raw;
  const exports = raw.wasmExports;
  const fn = {} as Record<NativeName, NativeFn>;
  for (const name of NATIVE_NAMES) {
    const f = mode === 'raw' ? exports[name] : (m as unknown as Record<string, unknown>)[name];
    if (typeof f !== 'function') throw new Error(`PDFium export ${name} is missing`);
    fn[name] = f as NativeFn;
  }
  // Functions taking strings are always called raw (we pass pointers, not JS strings).
  fn.FPDF_LoadCustomDocument = exports.FPDF_LoadCustomDocument as NativeFn;
  fn.FPDFAnnot_GetStringValue = exports.FPDFAnnot_GetStringValue as NativeFn;
  fn.FPDF_GetMetaText = exports.FPDF_GetMetaText as NativeFn;
  fn.FPDFAnnot_HasKey = exports.FPDFAnnot_HasKey as NativeFn;
  let u8 = raw.HEAPU8, u32 = raw.HEAPU32, f32 = raw.HEAPF32, f64 = raw.HEAPF64;
  // After memory growth the old buffer is detached (length 0): re-read the module's views.
  const fresh = (): void => {
    u8 = raw.HEAPU8;
    u32 = raw.HEAPU32;
    f32 = raw.HEAPF32;
    f64 = raw.HEAPF64;
  };
  const scratch = exports.malloc(256);
  if (!scratch) throw new Error('PDFium: out of memory');
  // One reader for every file: m_Param is the file's number in `files`.
  const files = new Map<number, ByteSource>();
  let nextFile = 1;
  const getBlock = raw.addFunction((param: number, position: number, out: number, size: number): number => {
    const file = files.get(param);
    if (!file) return 0;
    try {
      return file.readInto(u8.length === 0 ? (fresh(), u8) : u8, out >>> 0, position >>> 0, size >>> 0) ? 1 : 0;
    } catch {
      return 0; // the file became unreadable: PDFium reports a read error
    }
  }, 'iiiii');
  const fileAccess = (source: ByteSource): { access: number; release(): void } => {
    const access = exports.malloc(12);
    if (!access) throw new Error('PDFium: out of memory');
    const id = nextFile++;
    files.set(id, source);
    // FPDF_FILEACCESS on wasm32: unsigned long m_FileLen, m_GetBlock (a table index), void* m_Param
    const u = u32.length === 0 ? (fresh(), u32) : u32;
    u[access >>> 2] = source.size;
    u[(access >>> 2) + 1] = getBlock;
    u[(access >>> 2) + 2] = id;
    return {
      access,
      release: () => {
        files.delete(id);
        exports.free(access);
      },
    };
  };
  return {
    fn,
    mode,
    malloc: (size) => exports.malloc(size),
    free: (ptr) => exports.free(ptr),
    u8: () => (u8.length === 0 ? (fresh(), u8) : u8),
    u32: () => (u32.length === 0 ? (fresh(), u32) : u32),
    f32: () => (f32.length === 0 ? (fresh(), f32) : f32),
    f64: () => (f64.length === 0 ? (fresh(), f64) : f64),
    scratch,
    fileAccess,
  };
}

/** An open PDFium document. `close()` frees it (idempotent). */
export interface PdfiumDocument {
  readonly pageCount: number;
  close(): void;
}

/** @internal What a handle holds. */
export interface PdfiumDocumentInternals {
  lib: PdfiumLibrary;
  doc: number;
  /** The file: PDFium reads it lazily, through `access`, for as long as the document is open. */
  source: ByteSource;
  /** The `FPDF_FILEACCESS` PDFium reads it through. */
  access: number;
  /** Frees `access` and closes the source. */
  release: () => void;
  /** The user password as a NUL-terminated string in wasm memory, or 0. */
  password: number;
  /** Page content reads since the document was (re)opened. */
  uses: number;
}

const internals = new WeakMap<PdfiumDocument, PdfiumDocumentInternals>();

/**
 * The document is closed and opened again (from the same bytes) after this many page reads.
 * PDFium keeps what it parsed for a page's text (fonts, their glyph data) for the life of
 * the document, and WebAssembly memory never shrinks: on a 500-page dossier of 60 joined
 * files the module grew to 456 MB read straight through, 152–264 MB with a reopen every 50
 * pages; on 500 born-digital pages 63 → 21 MB, and reading got faster, not slower
 * (benchmarks/RESULTS.md, "PDFium the default parser": "What changed").
 */
export const PDFIUM_REOPEN_EVERY = 32;

/** @internal The document's PDFium state. */
export function pdfiumInternals(handle: PdfiumDocument): PdfiumDocumentInternals {
  const entry = internals.get(handle);
  if (!entry) throw new PdfiumError('PDF_CORRUPT', 'the PDFium document is closed or was not made by openPdfiumDocument');
  return entry;
}

/**
 * @internal The document's PDFium state for reading a page's content: every
 * `PDFIUM_REOPEN_EVERY` calls the document is closed and opened again first. Callers load
 * and close the page within their synchronous code: no page may stay open across calls.
 */
export function pdfiumPageInternals(handle: PdfiumDocument): PdfiumDocumentInternals {
  const entry = pdfiumInternals(handle);
  if (++entry.uses > PDFIUM_REOPEN_EVERY) {
    const { fn } = entry.lib;
    fn.FPDF_CloseDocument(entry.doc);
    entry.doc = fn.FPDF_LoadCustomDocument(entry.access, entry.password);
    entry.uses = 1;
    if (!entry.doc) {
      internals.delete(handle);
      entry.release();
      if (entry.password) entry.lib.free(entry.password);
      throw new PdfiumError('PDF_CORRUPT', `PDFium could not open the document again (error ${fn.FPDF_GetLastError()})`);
    }
  }
  return entry;
}

// FPDF_GetLastError codes.
const FPDF_ERR_PASSWORD = 4;
const FPDF_ERR_SECURITY = 5;

const ERROR_TEXT: Record<number, string> = {
  1: 'unknown error',
  2: 'file not found or could not be opened',
  3: 'not a PDF or corrupted',
  4: 'password required or incorrect',
  5: 'unsupported security scheme',
  6: 'page not found or content error',
};

/** Options of `openPdfiumDocument`. */
export interface OpenPdfiumOptions {
  password?: string;
  /** How PDFium functions are called (default `raw`). */
  mode?: PdfiumCallMode;
}

/**
 * Opens a PDF from bytes or a byte source with PDFium. Throws a `PdfiumError`: `PDF_EMPTY`,
 * `PDF_ENCRYPTED` (user password needed or wrong, or an unsupported security
 * handler), `PDF_CORRUPT` (PDFium cannot parse it). PDFium reads the bytes where
 * they are, as it needs them (not copied): they must not change until `close()`.
 * A source given is the document's: closed with it, or here when opening fails.
 */
export async function openPdfiumDocument(input: Uint8Array | ByteSource, options: OpenPdfiumOptions = {}): Promise<PdfiumDocument> {
  const source = input instanceof Uint8Array ? memorySource(input) : input;
  let lib: PdfiumLibrary;
  try {
    if (source.size === 0) throw new PdfiumError('PDF_EMPTY', 'the input is empty (0 bytes)');
    lib = await loadPdfium(options.mode ?? 'raw');
  } catch (error) {
    source.close();
    throw error;
  }
  const { fn } = lib;
  const file = lib.fileAccess(source);
  const { access } = file;
  const release = (): void => {
    file.release();
    source.close();
  };
  let password = 0;
  let doc = 0;
  try {
    if (options.password !== undefined) {
      const utf8 = new TextEncoder().encode(options.password);
      password = lib.malloc(utf8.length + 1);
      const heap = lib.u8();
      heap.set(utf8, password >>> 0);
      heap[(password >>> 0) + utf8.length] = 0;
    }
    doc = fn.FPDF_LoadCustomDocument(access, password);
    if (!doc) {
      const code = fn.FPDF_GetLastError();
      const reason = ERROR_TEXT[code] ?? `error ${code}`;
      if (code === FPDF_ERR_PASSWORD || code === FPDF_ERR_SECURITY) {
        throw new PdfiumError('PDF_ENCRYPTED', `the PDF is encrypted with a user password (PDFium: ${reason})`);
      }
      throw new PdfiumError('PDF_CORRUPT', `the PDF could not be read (PDFium: ${reason})`);
    }
  } finally {
    if (!doc) {
      if (password) lib.free(password);
      release();
    }
  }
  const pageCount = fn.FPDF_GetPageCount(doc);
  const handle: PdfiumDocument = {
    pageCount,
    close() {
      const entry = internals.get(handle);
      if (!entry) return;
      internals.delete(handle);
      try {
        fn.FPDF_CloseDocument(entry.doc);
      } finally {
        entry.release();
        if (entry.password) lib.free(entry.password);
      }
    },
  };
  internals.set(handle, { lib, doc, source, access, release, password, uses: 0 });
  return handle;
}

/** Opens a document, runs `work`, and closes it whatever happens. */
export async function withPdfiumDocument<T>(bytes: Uint8Array, work: (doc: PdfiumDocument) => T | Promise<T>, options: OpenPdfiumOptions = {}): Promise<T> {
  const doc = await openPdfiumDocument(bytes, options);
  try {
    return await work(doc);
  } finally {
    doc.close();
  }
}

/** The Info dictionary entries of a document (`Title`, `Author`, `CreationDate` …), null when absent or empty. */
export function pdfiumMetaText(handle: PdfiumDocument, key: string): string | null {
  const { lib, doc } = pdfiumInternals(handle);
  const tag = new TextEncoder().encode(key);
  const keyPtr = lib.malloc(tag.length + 1);
  try {
    const heap = lib.u8();
    heap.set(tag, keyPtr >>> 0);
    heap[(keyPtr >>> 0) + tag.length] = 0;
    // first the length in bytes (UTF-16LE with a terminating NUL), then the text
    const bytes = lib.fn.FPDF_GetMetaText(doc, keyPtr, 0, 0);
    if (bytes <= 2) return null;
    const out = lib.malloc(bytes);
    try {
      lib.fn.FPDF_GetMetaText(doc, keyPtr, out, bytes);
      const text = new TextDecoder('utf-16le').decode(lib.u8().slice(out >>> 0, (out >>> 0) + bytes - 2));
      return text;
    } finally {
      lib.free(out);
    }
  } finally {
    lib.free(keyPtr);
  }
}

/** The PDF version from the header (`1.7`), or null. */
export function pdfiumFileVersion(handle: PdfiumDocument): string | null {
  const { lib, doc } = pdfiumInternals(handle);
  const ok = lib.fn.FPDF_GetFileVersion(doc, lib.scratch);
  if (!ok) return null;
  const v = lib.u32()[lib.scratch >>> 2]!;
  return `${Math.floor(v / 10)}.${v % 10}`;
}

/** Whether the document is encrypted (any security handler, also one needing no password to open). */
export function pdfiumEncrypted(handle: PdfiumDocument): boolean {
  const { lib, doc } = pdfiumInternals(handle);
  return lib.fn.FPDF_GetSecurityHandlerRevision(doc) !== -1;
}
