/**
 * The page pipeline: one pdf.js page → our `PdfPage` (text, lines, kind,
 * redactions, stats), and the document loop around it. Pages are read one at a
 * time; each page's operator list is dropped (`page.cleanup()`) before the next.
 */
import type { PDFPageProxy } from './pdfjs.js';
import { luminance, toBox, toMatrix, type Matrix, type Rect } from './geometry.js';
import { classifyPage, type PageKindOptions } from './kind.js';
import { LakmoesError, openPdf, pdfiumDocument, pdfjsDocument, toLakmoesError, type OpenPdfOptions, type PdfDocumentHandle } from './open.js';
import { pdfiumImagePixels, pdfiumPageContent, type PdfiumPage } from './pdfium/content.js';
import { normaliseFontMetrics, walkOperators, type FontInfo, type PageContent } from './operators.js';
import { findAnnotationRedactions, findSubstitutions, findVectorRedactions, type AnnotationLike, type RedactionOptions } from './redactions.js';
import { documentStats, pageStats } from './stats.js';
import { itemsFromGlyphs } from './items.js';
import { buildPageText, markRepeatedLines, type PageTextOptions } from './text.js';
import type { Box, PdfDocument, PdfPage, RedactionBox } from './types.js';

/** An image painted on a page, for OCR and raster-redaction detectors. */
export interface PageImage {
  box: Box;
  /** Handle for `getImagePixels`; null for inline images. */
  objId: string | null;
  pixelWidth: number;
  pixelHeight: number;
  /** A stencil mask painted in the fill colour. */
  mask: boolean;
}

/** Decoded pixels of a page image: 8 bits per channel, rows top to bottom. */
export interface ImagePixels {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

/** What a page hook sees: the page as read so far, its images, and their pixels. */
export interface PdfPageContext {
  page: PdfPage;
  images: PageImage[];
  /**
   * Pixels of an image by `objId` (decoded by the parser; no rendering). Under PDFium a JPEG
   * or JPEG 2000 image is decoded at a reduced size: at most `maxPixels` (default 4.5 million,
   * `PAGE_IMAGE_PIXELS`), halving its width and height until it fits; pdf.js decides for itself.
   */
  getImagePixels(objId: string, options?: { maxPixels?: number }): Promise<ImagePixels | null>;
}

/** Options of `readPdf` and `readPage`. */
export interface ReadPdfOptions extends OpenPdfOptions, PageTextOptions, PageKindOptions, RedactionOptions {
  /** Look for placeholder substitutions (default true). */
  substitutions?: boolean;
  /** Share of pages a line must repeat on to be flagged `repeated` (default 0.6). */
  repeatedThreshold?: number;
  /**
   * Called for every page before it is released, e.g. to add raster redactions
   * or OCR; returned boxes are added to the page (and its stats).
   */
  onPage?: (context: PdfPageContext) => Promise<RedactionBox[] | void> | RedactionBox[] | void;
}

/** @internal What the operator walk needs of pdf.js' fonts (also for benchmarks/backends.ts). */
export function fontLookup(page: PDFPageProxy): (id: string) => FontInfo | null {
  return (id) => {
    try {
      if (!page.commonObjs.has(id)) return null;
      const font = page.commonObjs.get(id) as {
        ascent?: unknown;
        descent?: unknown;
        fontMatrix?: unknown;
        isType3Font?: unknown;
        vertical?: unknown;
      } | null;
      if (!font) return null;
      const { ascent, descent } = normaliseFontMetrics(font.ascent, font.descent);
      const fm = font.fontMatrix ? toMatrix(font.fontMatrix) : ([0.001, 0, 0, 0.001, 0, 0] as const);
      return { ascent, descent, fontMatrix: fm, type3: font.isType3Font === true, vertical: font.vertical === true };
    } catch {
      return null;
    }
  };
}

function emptyPage(number: number, width: number, height: number, rotation: number, error?: LakmoesError): PdfPage {
  const page: PdfPage = {
    number,
    width,
    height,
    rotation,
    kind: 'empty',
    imageCoverage: 0,
    text: '',
    items: [],
    lines: [],
    blocks: [],
    segments: [],
    redactions: [],
    stats: pageStats([], [], width, height),
  };
  if (error) page.error = { code: 'PDF_CORRUPT', message: error.message };
  return page;
}

/**
 * Reads one page (1-based) of an open document. A page that the parser cannot
 * read comes back empty with `error` set; the document goes on.
 */
export async function readPage(handle: PdfDocumentHandle, number: number, options: ReadPdfOptions = {}): Promise<PdfPage> {
  const pdfium = pdfiumDocument(handle);
  if (pdfium) {
    let read: PdfiumPage;
    try {
      read = pdfiumPageContent(pdfium, number - 1);
    } catch (error) {
      return emptyPage(number, 0, 0, 0, toLakmoesError(error));
    }
    const { width, height, rotation, viewport, content, annotations } = read;
    try {
      return await pageFromContent(number, round2(width), round2(height), rotation, viewport, content, annotations, options, (objId, pixels) =>
        pdfiumImagePixels(pdfium, number - 1, objId, pixels),
      );
    } catch (error) {
      return emptyPage(number, round2(width), round2(height), rotation, toLakmoesError(error));
    }
  }
  const doc = pdfjsDocument(handle);
  let page: PDFPageProxy;
  try {
    page = await doc.getPage(number);
  } catch (error) {
    return emptyPage(number, 0, 0, 0, toLakmoesError(error));
  }
  const viewport = page.getViewport({ scale: 1 });
  const width = round2(viewport.width);
  const height = round2(viewport.height);
  const rotation = ((page.rotate % 360) + 360) % 360;
  try {
    const vt: Matrix = toMatrix(viewport.transform);
    // One parse of the content streams: text items come from the operator list's glyphs.
    const [opList, annotations] = await Promise.all([page.getOperatorList(), page.getAnnotations().catch(() => [] as unknown[])]);
    // pdf.js swallows errors while it builds an operator list (an unreadable page comes back
    // without operators) but not while it extracts text: ask the text of empty pages, so that
    // a broken page becomes a page error instead of a blank page
    if (opList.fnArray.length === 0) await page.getTextContent();
    const content: PageContent = walkOperators(opList, vt, fontLookup(page));
    return await pageFromContent(number, width, height, rotation, vt, content, annotations as AnnotationLike[], options, (objId) => imagePixels(page, objId));
  } catch (error) {
    return emptyPage(number, width, height, rotation, toLakmoesError(error));
  } finally {
    page.cleanup();
  }
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The page pipeline after the parser: text, kind, redactions, stats, and the page hook. */
async function pageFromContent(
  number: number,
  width: number,
  height: number,
  rotation: number,
  vt: Matrix,
  content: PageContent,
  annotations: AnnotationLike[],
  options: ReadPdfOptions,
  getImagePixels: PdfPageContext['getImagePixels'],
): Promise<PdfPage> {
  const items = itemsFromGlyphs(content.glyphs, width, height);
  const pageText = buildPageText(items, { ...options, gapFillers: gapFillers(content, width, height) });
  const textLength = items.reduce((n, item) => n + item.text.replace(/\s+/gu, '').length, 0);
  const evidence = classifyPage(content, width, height, textLength, options);
  const redactions: RedactionBox[] = [
    ...findVectorRedactions(number, content, pageText.lines, width, height, options),
    ...findAnnotationRedactions(number, annotations, content, vt, width, height, options),
    ...(options.substitutions === false ? [] : findSubstitutions(number, pageText, options)),
  ];
  const result: PdfPage = {
    number,
    width,
    height,
    rotation,
    kind: evidence.kind,
    imageCoverage: Math.round(evidence.imageCoverage * 10000) / 10000,
    ...pageText,
    redactions,
    stats: pageStats(redactions, pageText.lines, width, height),
  };
  if (options.onPage) {
    const images: PageImage[] = content.images
      .filter((image) => image.annotation === null)
      .map((image) => ({ box: toBox(image.rect), objId: image.objId, pixelWidth: image.pixelWidth, pixelHeight: image.pixelHeight, mask: image.mask }));
    const extra = await options.onPage({ page: result, images, getImagePixels });
    if (extra && extra.length) {
      result.redactions = [...result.redactions, ...extra];
      result.stats = pageStats(result.redactions, result.lines, width, height);
    }
  }
  return result;
}

/** Opaque, non-white filled rectangles that could be redaction boxes (for the layout's gap rule). */
function gapFillers(content: PageContent, width: number, height: number): Rect[] {
  const out: Rect[] = [];
  for (const shape of content.shapes) {
    if (shape.annotation !== null || !shape.fill || shape.alpha < 0.9 || luminance(shape.fill) > 0.9) continue;
    for (const r of shape.rects) if (r.x1 - r.x0 >= 4 && r.y1 - r.y0 >= 4 && (r.x1 - r.x0) * (r.y1 - r.y0) < 0.5 * width * height) out.push(r);
  }
  return out;
}

/** Longest wait for a decoded image: an object pdf.js never delivers must not hang the page. */
const IMAGE_WAIT_MS = 5000;

/**
 * Pixels of a decoded page image, 1-bit images unpacked to 8-bit grey. Images shared by
 * several pages (ids `g_…`) live in `page.commonObjs`, the others in `page.objs`: asking the
 * wrong store waits forever.
 */
async function imagePixels(page: PDFPageProxy, objId: string): Promise<ImagePixels | null> {
  const store = objId.startsWith('g_') ? page.commonObjs : page.objs;
  const img = await new Promise<unknown>((resolve) => {
    const timer = setTimeout(() => resolve(null), IMAGE_WAIT_MS);
    try {
      store.get(objId, (value: unknown) => {
        clearTimeout(timer);
        resolve(value);
      });
    } catch {
      clearTimeout(timer);
      resolve(null);
    }
  });
  if (!img || typeof img !== 'object') return null;
  const { width, height, kind, data } = img as { width?: number; height?: number; kind?: number; data?: Uint8Array | Uint8ClampedArray };
  if (!width || !height || !data) return null;
  if (kind === 1) {
    // Packed 1 bit per pixel, rows padded to whole bytes, most significant bit first; 1 is white.
    const rowBytes = (width + 7) >> 3;
    const out = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) out[y * width + x] = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
    }
    return { width, height, channels: 1, data: out };
  }
  const channels = data.length / (width * height);
  if (channels !== 1 && channels !== 3 && channels !== 4) return null;
  return { width, height, channels, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/**
 * Reads the pages of an open document one by one. Lines are not yet flagged
 * `repeated` (that needs all pages: see `markRepeatedLines`).
 */
export async function* readPages(handle: PdfDocumentHandle, options: ReadPdfOptions = {}): AsyncGenerator<PdfPage> {
  for (let n = 1; n <= handle.numPages; n++) yield await readPage(handle, n, options);
}

/**
 * Reads a whole PDF: metadata, and per page its size, kind, text (lines,
 * blocks, offsets), redactions and stats; repeated headers and footers are
 * flagged. Rejects with a `LakmoesError` (`PDF_EMPTY`, `NOT_PDF`,
 * `PDF_ENCRYPTED`, `PDF_CORRUPT`).
 */
export async function readPdf(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<PdfDocument> {
  const handle = await openPdf(bytes, options);
  try {
    const pages: PdfPage[] = [];
    for await (const page of readPages(handle, options)) pages.push(page);
    markRepeatedLines(pages, options.repeatedThreshold !== undefined ? { threshold: options.repeatedThreshold } : {});
    // Every page failed: the file is broken, not just a page.
    if (pages.length > 0 && pages.every((p) => p.error)) {
      throw new LakmoesError('PDF_CORRUPT', `no page could be read (${pages[0]!.error!.message})`);
    }
    return { metadata: handle.metadata, pages, stats: documentStats(pages) };
  } finally {
    await handle.close();
  }
}

/** The outcome of `tryReadPdf`: a document or an error, never a throw. */
export type ReadPdfResult = { ok: true; document: PdfDocument } | { ok: false; error: LakmoesError };

/** `readPdf` with the error as a value. */
export async function tryReadPdf(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<ReadPdfResult> {
  try {
    return { ok: true, document: await readPdf(bytes, options) };
  } catch (error) {
    return { ok: false, error: toLakmoesError(error) };
  }
}
