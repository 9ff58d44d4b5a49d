/**
 * `analyzeDocument`: one input file (PDF or page image) → one `DocumentRecord`, `ok` or
 * `error` with a code. Never throws for bad input: every failure becomes an error record.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { detectGrounds, detectGroundsByLaw, documentRegime, findIdentifiers } from '@lakmoes/detect';
import {
  LakmoesError,
  composePageImage,
  OCR_IMAGE_PIXELS,
  decodeImage,
  documentStats,
  findRasterRedactions,
  pageStats,
  openPdf,
  readPage,
  boxesForSpan,
  type ComposeCanvas,
  type PdfDocumentHandle,
  type PdfPage,
  type PdfPageContext,
  type RasterImage,
  type PdfBackend,
  type PdfInput,
} from '@lakmoes/pdf';
import {
  DocumentRecord,
  SCHEMA_VERSION,
  type Box,
  type DocumentMetadata,
  type ErrorCode,
  type GroundCitation,
  type Identifier,
  type PageRecord,
  type RedactionBox,
  type RedactionStats,
  type SourceInfo,
  type Span,
} from '@lakmoes/schema';
import { readDecisionLayer, type DecisionPage } from './decision.js';
import { readBoxLabels } from './labels.js';
import { readHead, sha256File } from './engine/source.js';
import { sniffMediaType, type MediaType } from './sniff.js';

/** A word found by OCR, in pixels of the image it was read from. */
export interface OcrWord {
  text: string;
  box: Box;
  confidence: number;
  /** Where the word sits in the page text the engine returns (@lakmoes/ocr gives it): for ground boxes. */
  span?: Span;
}

/** What the pipeline needs from an OCR engine (see @lakmoes/ocr). */
export interface OcrLike {
  recognize(
    image: RasterImage,
    options?: { dpi?: number; layout?: 'page' | 'block'; characters?: string },
  ): Promise<{ text: string; confidence: number; words: OcrWord[]; ms: number }>;
}

export interface AnalyzeOptions {
  /** `auto` (default): OCR pages that have no text layer; `force`: every page with an image; `off`: never. */
  ocr?: 'auto' | 'off' | 'force';
  /** The OCR engine to use (shared across documents); without one, no page is OCR'd. */
  ocrEngine?: OcrLike;
  /** Put the page texts in the record. */
  text?: boolean;
  /** Regime of the documents when known (else read from each document). */
  law?: 'woo' | 'wob';
  /** Look for redactions in page images (scans, ZyLAB exports). Default true. */
  raster?: boolean;
  /** The PDF parser: `pdfjs` (default) or `pdfium` (faster; see `PdfBackend` in @lakmoes/pdf for what it does not read yet). */
  backend?: PdfBackend;
  /** Inputs over this many bytes give a TOO_LARGE record. Default 2 GiB. */
  maxBytes?: number;
  /** Documents over this many pages give a TOO_LARGE record. Default 100,000. */
  maxPages?: number;
}

/** An input: a path, or a path with its bytes already read. */
export type DocumentInput = string | { path: string; bytes: Uint8Array };

/** @internal An input that cannot be analysed, with the record's error code. */
export class InputError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

/** @internal Map errors from the layers below onto record error codes. */
export function errorOf(err: unknown): { code: ErrorCode; message: string } {
  if (err instanceof InputError) return { code: err.code, message: err.message };
  if (err instanceof LakmoesError) {
    const code: ErrorCode = err.code === 'PDF_EMPTY' ? 'EMPTY_FILE' : err.code;
    return { code, message: err.message };
  }
  const message = err instanceof Error ? err.message : String(err);
  // a system call that failed on the input file (read while it is analysed)
  if (err instanceof Error && 'syscall' in err && 'path' in err) return { code: 'NOT_FOUND', message };
  return { code: 'INTERNAL', message };
}

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function union(boxes: Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The text of the text layer inside a box (characters whose centre lies in it). */
function textInBox(page: PdfPage, box: Box): string {
  const parts: string[] = [];
  for (const item of page.items) {
    const b = item.box;
    const cy = b.y + b.height / 2;
    if (cy < box.y || cy > box.y + box.height || b.x > box.x + box.width || b.x + b.width < box.x) continue;
    const n = item.text.length;
    let s = '';
    for (let i = 0; i < n; i++) {
      const x0 = item.charEdges?.[2 * i] ?? b.x + (b.width * i) / n;
      const x1 = item.charEdges?.[2 * i + 1] ?? b.x + (b.width * (i + 1)) / n;
      const cx = (x0 + x1) / 2;
      if (cx >= box.x && cx <= box.x + box.width) s += item.text[i];
    }
    if (s.trim()) parts.push(s.trim());
  }
  return parts.join(' ').trim();
}

/** Words of an OCR result inside a box (pixel units). */
function wordsInBox(words: OcrWord[], box: Box): string {
  return words
    .filter((w) => overlapArea(w.box, box) >= 0.5 * w.box.width * w.box.height)
    .map((w) => w.text)
    .join(' ')
    .trim();
}

function labelGrounds(label: string | null, law: 'woo' | 'wob' | undefined, page: number, box: Box): GroundCitation[] {
  if (!label) return [];
  return detectGrounds(label, law ? { source: 'label', law } : { source: 'label' }).map((g) => ({ ...g, page, box }));
}

/** Scale a pixel box of an image drawn at `at` (page points) into page points. */
function toPagePoints(box: Box, image: { width: number; height: number }, at: Box): Box {
  const sx = at.width / image.width;
  const sy = at.height / image.height;
  return { x: at.x + box.x * sx, y: at.y + box.y * sy, width: box.width * sx, height: box.height * sy };
}

interface PageExtra {
  ocr: PageRecord['ocr'];
  text?: string;
  /** The OCR'd words: where each sits in `text`, and its box in page points. */
  words?: { span: Span; box: Box }[];
}

/** Raster redactions and OCR for pages that are images. Runs inside readPdf's page hook. */
async function imagePageHook(ctx: PdfPageContext, options: AnalyzeOptions, extras: Map<number, PageExtra>, canvas: ComposeCanvas): Promise<RedactionBox[]> {
  const { page } = ctx;
  const needsOcr = options.ocrEngine && options.ocr !== 'off' && (options.ocr === 'force' ? ctx.images.length > 0 : page.kind === 'image-only');
  const wantsRaster = options.raster !== false && (page.kind === 'image-only' || page.kind === 'ocr-layer');
  if (!needsOcr && !wantsRaster) return [];
  // OCR (of the page or of box labels) reads a JPEG 2000 scan at up to 300 dpi; boxes alone need
  // less. Without OCR the picture is only searched for boxes here, so the range's next page may
  // paint over it; an OCR engine (also one a caller brings) gets a picture of its own.
  const ocr = options.ocrEngine && options.ocr !== 'off';
  const pixels = await composePageImage(ctx, ocr ? { maxPixels: OCR_IMAGE_PIXELS } : { canvas });
  if (!pixels) return [];
  const { dpi } = pixels;
  const at: Box = { x: 0, y: 0, width: pixels.width * pixels.scale, height: pixels.height * pixels.scale };
  let words: OcrWord[] = [];
  if (needsOcr && options.ocrEngine) {
    const result = await options.ocrEngine.recognize(pixels, { dpi });
    words = result.words;
    extras.set(page.number, {
      ocr: { confidence: result.confidence, words: result.words.length, ms: result.ms },
      text: result.text,
      words: result.words.flatMap((w) => (w.span ? [{ span: w.span, box: toPagePoints(w.box, pixels, at) }] : [])),
    });
  }
  if (!wantsRaster) return [];
  const found = findRasterRedactions(pixels, { dpi }).filter((r) => {
    const box = toPagePoints(r.box, pixels, at);
    // a vector box drawn over the scan is already there
    return !page.redactions.some((v) => overlapArea(v.box, box) > 0.5 * box.width * box.height);
  });
  // labels: OCR words in the box (when the page was OCR'd), else the text layer, else OCR of the box itself
  const labels: (string | null)[] = found.map((r) => (words.length ? wordsInBox(words, r.box) : textInBox(page, toPagePoints(r.box, pixels, at))) || null);
  if (options.ocrEngine && options.ocr !== 'off') {
    const missing = found.map((r, i) => ({ r, i })).filter(({ i }) => !labels[i] || labelGrounds(labels[i]!, options.law, page.number, found[i]!.box).length === 0);
    if (missing.length) {
      const read = await readBoxLabels(pixels, missing.map(({ r }) => r), options.ocrEngine, dpi);
      missing.forEach(({ i }, k) => {
        if (read[k]) labels[i] = read[k]!;
      });
    }
  }
  const boxes: RedactionBox[] = found.map((r, i) => {
    const box = toPagePoints(r.box, pixels, at);
    const label = labels[i] ?? null;
    return {
      page: page.number,
      box,
      kind: 'raster',
      fill: r.fill,
      label,
      grounds: labelGrounds(label, options.law, page.number, box),
      leak: false,
      confidence: r.confidence,
    };
  });
  return boxes;
}

/**
 * The grounds found in the page text, with page and box (from the text layer, or from the
 * OCR'd words the citation spans); those repeating a redaction label's ground are left to the box.
 */
function pageGrounds(page: PdfPage, found: readonly GroundCitation[], fromTextLayer: boolean, words?: { span: Span; box: Box }[]): GroundCitation[] {
  const out: GroundCitation[] = [];
  for (const g of found) {
    const c: GroundCitation = { ...g, page: page.number };
    if (!fromTextLayer && words) {
      const box = union(words.filter((w) => w.span.start < g.span.end && w.span.end > g.span.start).map((w) => w.box));
      if (box) c.box = box;
    }
    if (fromTextLayer) {
      const box = union(boxesForSpan(page, g.span.start, g.span.end));
      if (box) c.box = box;
      // a label printed in or beside a box is already a ground of that box
      if (box && (g.source === 'label' || g.source === 'prose') && page.redactions.some((r) => r.grounds.some((rg) => rg.code === g.code) && overlapArea(grow(r.box, 40), box) > 0)) continue;
    }
    out.push(c);
  }
  return out;
}

const grow = (b: Box, d: number): Box => ({ x: b.x - d, y: b.y - d / 4, width: b.width + 2 * d, height: b.height + d / 2 });

function countBy<T>(xs: T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

function finish(pages: PageRecord[], grounds: GroundCitation[], redactionStats: RedactionStats, textChars: number) {
  return {
    ...redactionStats,
    pages: pages.length,
    pagesByKind: { native: 0, 'ocr-layer': 0, 'image-only': 0, empty: 0, ...countBy(pages, (p) => p.kind) },
    ocrPages: pages.filter((p) => p.ocr).length,
    textChars,
    citationCounts: countBy(grounds.filter((g) => g.specific && !g.lawQuote), (g) => g.code),
  };
}

/** The regime a page's text grounds were read under: the document's (`woo`, `wob`) or none known. */
type LawKey = 'woo' | 'wob' | 'none';
const LAW_KEYS: readonly LawKey[] = ['woo', 'wob', 'none'];

/**
 * @internal One page, analysed and released: what its record keeps, its text, and its text
 * grounds under every regime the document may turn out to have (the regime is decided over
 * the whole text, which is only known once every page is read; detecting three times costs
 * ~1 ms a page against ~10-100 ms of pdf.js, and lets pages be dropped as they are read).
 */
export interface AnalyzedPage {
  record: PageRecord;
  text: string;
  /** Grounds in the page text, by regime (only `options.law`'s when given). */
  textGrounds: Partial<Record<LawKey, GroundCitation[]>>;
  /** Grounds on the page's redaction boxes (labels), with page and box. */
  boxGrounds: GroundCitation[];
  identifiers: Identifier[];
  /** The page's text lines with the x of each run, for inventory tables (first DECISION_PAGES pages only). */
  lines?: DecisionPage['lines'];
}

/** Pages read for the decision layer: a letter with its inventory fits easily; a 10,000-page stream is not re-read whole. */
const DECISION_PAGES = 200;

/** @internal Pages `from`…`to` (1-based, inclusive) of one PDF, analysed: what `mergePageRanges` joins. */
export interface PageRange {
  from: number;
  to: number;
  metadata: DocumentMetadata;
  pages: AnalyzedPage[];
}

/** What an analysed document adds to its record. */
export interface DocumentBody {
  metadata: DocumentMetadata;
  pages: PageRecord[];
  grounds: GroundCitation[];
  identifiers: Identifier[];
  stats: DocumentStats;
  decision?: DocumentRecord['decision'];
  inventory?: DocumentRecord['inventory'];
  parts?: DocumentRecord['parts'];
}

type DocumentStats = NonNullable<DocumentRecord['stats']>;

/** @internal TOO_LARGE when a document has more pages than allowed. */
export function checkPageCount(numPages: number, options: AnalyzeOptions): void {
  const maxPages = options.maxPages ?? 100_000;
  if (numPages > maxPages) throw new InputError('TOO_LARGE', `${numPages} pages, over the limit of ${maxPages}`);
}

/**
 * @internal Analyse pages `from`…`to` of an open PDF, one page at a time: each page's pdf.js
 * objects and geometry are dropped once its record, text, grounds and identifiers are made.
 */
export async function analyzePageRange(handle: PdfDocumentHandle, from: number, to: number, options: AnalyzeOptions): Promise<PageRange> {
  const keys: readonly LawKey[] = options.law ? [options.law] : LAW_KEYS;
  const pages: AnalyzedPage[] = [];
  // one picture buffer for the range's pages in turn (they are read one at a time)
  const canvas: ComposeCanvas = {};
  for (let n = from; n <= to; n++) {
    const extras = new Map<number, PageExtra>();
    const p = await readPage(handle, n, { onPage: (ctx) => imagePageHook(ctx, options, extras, canvas) });
    const extra = extras.get(p.number);
    const text = extra?.text ?? p.text;
    const textGrounds: AnalyzedPage['textGrounds'] = {};
    // one detection for all regimes; `none` (no law: the regime the page text names) often
    // comes to the same one as `woo` or `wob`, and then shares its result
    const found = detectGroundsByLaw(text, keys.map((key) => (key === 'none' ? undefined : key)));
    keys.forEach((key, k) => {
      const same = found.indexOf(found[k]!);
      textGrounds[key] = same < k ? textGrounds[keys[same]!] : pageGrounds(p, found[k]!, !extra?.text, extra?.words);
    });
    const record: PageRecord = {
      number: p.number,
      width: p.width,
      height: p.height,
      kind: p.kind,
      ocr: extra?.ocr ?? null,
      redactions: p.redactions,
      stats: p.stats,
    };
    if (p.error) record.error = p.error;
    pages.push({
      record,
      text,
      textGrounds,
      boxGrounds: p.redactions.flatMap((r) => r.grounds.map((g) => ({ ...g, page: p.number, box: r.box }))),
      identifiers: findIdentifiers(text).map((id) => ({ ...id, page: p.number })),
      ...(p.number <= DECISION_PAGES && !extra?.text
        ? { lines: p.lines.map((l) => ({ text: l.text, y: l.box.y, cells: l.items.map((i) => ({ text: p.items[i]?.text ?? '', x: p.items[i]?.box.x ?? 0 })) })) }
        : {}),
    });
  }
  return { from, to, metadata: handle.metadata, pages };
}

/**
 * @internal Join the page ranges of one PDF (any order, together covering every page) into
 * the record's contents: pages in order, the regime decided over the whole text, grounds and
 * identifiers in page order, figures summed. Throws PDF_CORRUPT when no page could be read.
 */
export function mergePageRanges(ranges: readonly PageRange[], options: AnalyzeOptions): DocumentBody {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const all = sorted.flatMap((r) => r.pages);
  const first = sorted[0];
  if (!first) throw new InputError('INTERNAL', 'no page range to merge');
  all.forEach((p, i) => {
    if (p.record.number !== first.from + i) throw new InputError('INTERNAL', `page ranges do not join up at page ${first.from + i}`);
  });
  // Every page failed: the file is broken, not just a page.
  const firstError = all[0]?.record.error;
  if (firstError && all.every((p) => p.record.error)) throw new InputError('PDF_CORRUPT', `no page could be read (${firstError.message})`);
  const law = options.law ?? documentRegime(all.map((p) => p.text).join('\n')) ?? undefined;
  const key: LawKey = law ?? 'none';
  const pages: PageRecord[] = [];
  const grounds: GroundCitation[] = [];
  const identifiers: Identifier[] = [];
  let textChars = 0;
  for (const p of all) {
    textChars += p.text.length;
    const textGrounds = p.textGrounds[key];
    if (!textGrounds) throw new InputError('INTERNAL', `page ${p.record.number} was not read for the regime ${key}`);
    grounds.push(...textGrounds, ...p.boxGrounds);
    identifiers.push(...p.identifiers);
    pages.push(options.text ? { ...p.record, text: p.text } : p.record);
  }
  const body: DocumentBody = { metadata: first.metadata, pages, grounds, identifiers, stats: finish(pages, grounds, documentStats(pages), textChars) };
  return withDecision(body, all.slice(0, DECISION_PAGES).map((p) => (p.lines ? { text: p.text, lines: p.lines } : { text: p.text })), law);
}

/** Add what the decision layer reads (decision, inventory rows, dossier parts) to a document body. */
function withDecision(body: DocumentBody, pages: DecisionPage[], law: 'woo' | 'wob' | undefined): DocumentBody {
  if (!pages.some((p) => p.text.trim())) return body;
  const layer = readDecisionLayer(pages, law);
  body.decision = layer.decision;
  if (layer.inventory) body.inventory = layer.inventory;
  if (layer.parts) body.parts = layer.parts;
  return body;
}

async function analyzePdf(input: PdfInput, size: number, options: AnalyzeOptions, split?: SplitRule): Promise<DocumentBody | number> {
  const handle = await openPdf(input, options.backend ? { backend: options.backend } : {});
  try {
    checkPageCount(handle.numPages, options);
    if (split?.(handle.numPages, size)) return handle.numPages;
    return mergePageRanges([await analyzePageRange(handle, 1, handle.numPages, options)], options);
  } finally {
    await handle.close();
  }
}

async function analyzeImage(bytes: Uint8Array, options: AnalyzeOptions): Promise<DocumentBody> {
  let image: RasterImage;
  try {
    image = await decodeImage(bytes);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new InputError(/pixel limit/i.test(message) ? 'TOO_LARGE' : 'IMAGE_CORRUPT', message);
  }
  let words: OcrWord[] = [];
  let text = '';
  let ocr: PageRecord['ocr'] = null;
  if (options.ocrEngine && options.ocr !== 'off') {
    const result = await options.ocrEngine.recognize(image);
    words = result.words;
    text = result.text;
    ocr = { confidence: result.confidence, words: words.length, ms: result.ms };
  }
  const redactions: RedactionBox[] = [];
  if (options.raster !== false) {
    const found = findRasterRedactions(image);
    const labels: (string | null)[] = found.map((r) => wordsInBox(words, r.box) || null);
    if (options.ocrEngine && options.ocr !== 'off') {
      const missing = found.map((r, i) => ({ r, i })).filter(({ i }) => !labels[i]);
      const read = missing.length ? await readBoxLabels(image, missing.map(({ r }) => r), options.ocrEngine, 300) : [];
      missing.forEach(({ i }, k) => {
        if (read[k]) labels[i] = read[k]!;
      });
    }
    found.forEach((r, i) => {
      const label = labels[i] ?? null;
      redactions.push({ page: 1, box: r.box, kind: 'raster', fill: r.fill, label, grounds: labelGrounds(label, options.law, 1, r.box), leak: false, confidence: r.confidence });
    });
  }
  const law = options.law ?? documentRegime(text) ?? undefined;
  const grounds: GroundCitation[] = detectGrounds(text, law ? { law } : {}).map((g) => ({ ...g, page: 1 }));
  for (const r of redactions) grounds.push(...r.grounds);
  const identifiers = findIdentifiers(text).map((id) => ({ ...id, page: 1 }));
  // no text layer: the OCR lines are not boxes we keep, so the text area is the redactions' own
  const stats = pageStats(redactions, [], image.width, image.height);
  const page: PageRecord = { number: 1, width: image.width, height: image.height, kind: 'image-only', ocr, redactions, stats };
  if (options.text) page.text = text;
  const metadata: DocumentMetadata = {
    title: null, author: null, subject: null, creator: null, producer: null, creationDate: null, modificationDate: null,
    encrypted: false, pdfVersion: null, language: null, pageCount: 1,
  };
  return withDecision({ metadata, pages: [page], grounds, identifiers, stats: finish([page], grounds, documentStats([page]), text.length) }, [{ text }], law);
}

/** Analyse one input file into one record. Never throws. */
export async function analyzeDocument(input: DocumentInput, options: AnalyzeOptions = {}): Promise<DocumentRecord> {
  const result = await analyzeOrSplit(input, options);
  if ('split' in result) throw new Error('unreachable: a document was split without a split rule');
  return result;
}

/** @internal Whether the engine splits a PDF of `numPages` pages and `bytes` bytes into page ranges. */
export type SplitRule = (numPages: number, bytes: number) => boolean;

/** @internal A PDF the engine splits into page ranges: read, hashed and opened, its pages not yet read. */
export interface SplitDocument {
  split: true;
  source: SourceInfo;
  numPages: number;
  ms: number;
}

/**
 * @internal `analyzeDocument`, except that a PDF for which `split(numPages, bytes)` is true is only
 * opened (and checked against the limits): the caller analyses its page ranges elsewhere and
 * merges them (`analyzePageRange`, `mergePageRanges`, `documentRecord`).
 */
export async function analyzeOrSplit(input: DocumentInput, options: AnalyzeOptions, split?: SplitRule): Promise<DocumentRecord | SplitDocument> {
  const t0 = performance.now();
  const path = typeof input === 'string' ? input : input.path;
  const source: SourceInfo = { path, bytes: null, sha256: null, mediaType: null };
  try {
    let bytes: Uint8Array;
    let size: number;
    if (typeof input === 'string') {
      const maxBytes = options.maxBytes ?? 2 * 1024 ** 3;
      try {
        const s = await stat(input);
        if (!s.isFile()) throw new InputError('NOT_FOUND', `not a file: ${input}`);
        size = s.size;
      } catch (err) {
        if (err instanceof InputError) throw err;
        throw new InputError('NOT_FOUND', err instanceof Error ? err.message : String(err));
      }
      if (size > maxBytes) {
        source.bytes = size;
        throw new InputError('TOO_LARGE', `${size} bytes, over the limit of ${maxBytes}`);
      }
      // hashed as a stream and sniffed by its head: a PDF is then read by the parser as it
      // needs it, never held whole (a 112 MB dossier in each worker that reads a page range)
      source.bytes = size;
      source.sha256 = await sha256File(input);
      bytes = await readHead(input, 1024);
    } else {
      bytes = input.bytes;
      size = bytes.byteLength;
      source.bytes = size;
      source.sha256 = createHash('sha256').update(bytes).digest('hex');
    }
    if (size === 0) throw new InputError('EMPTY_FILE', 'the file is empty (0 bytes)');
    const mediaType: MediaType | null = sniffMediaType(bytes);
    source.mediaType = mediaType;
    if (!mediaType) throw new InputError('NOT_PDF', 'neither a PDF nor a supported page image (PNG, JPEG, TIFF, WebP)');
    let body: DocumentBody | number;
    if (mediaType === 'application/pdf') body = await analyzePdf(typeof input === 'string' ? { path: input } : bytes, size, options, split);
    else body = await analyzeImage(typeof input === 'string' ? new Uint8Array(await readFile(input)) : bytes, options);
    if (typeof body === 'number') return { split: true, source, numPages: body, ms: performance.now() - t0 };
    return documentRecord(source, body, performance.now() - t0);
  } catch (err) {
    return errorRecord(source, errorOf(err), performance.now() - t0);
  }
}

/** @internal The `ok` record of an analysed document, validated. */
export function documentRecord(source: SourceInfo, body: DocumentBody, ms: number): DocumentRecord {
  return validate({ schemaVersion: SCHEMA_VERSION, source, status: 'ok', ...body, ms: roundMs(ms) });
}

/** @internal An `error` record. */
export function errorRecord(source: SourceInfo, error: { code: ErrorCode; message: string }, ms: number): DocumentRecord {
  return validate({ schemaVersion: SCHEMA_VERSION, source, status: 'error', error, ms: roundMs(ms) });
}

const roundMs = (ms: number): number => Math.round(ms * 10) / 10;

/** Validate at the boundary; a record that fails its own schema is a bug, reported as INTERNAL. */
function validate(record: DocumentRecord): DocumentRecord {
  const parsed = DocumentRecord.safeParse(record);
  if (parsed.success) return record;
  return {
    schemaVersion: SCHEMA_VERSION,
    source: record.source,
    status: 'error',
    error: { code: 'INTERNAL', message: `record failed validation: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` },
    ms: record.ms,
  };
}
