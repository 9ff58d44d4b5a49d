/**
 * @lakmoes/pdf — reads PDFs with PDFium (default) or pdf.js, from bytes or from a
 * file by path (`openPdf({ path })`, read as needed): text with geometry in reading order,
 * page kinds, redaction boxes (vector, annotation, substitution) with their
 * labels, grounds and leaks, and redaction figures. Boxes are PDF points with
 * the origin at the top-left of the displayed page.
 *
 * ```ts
 * import { readPdf } from '@lakmoes/pdf';
 * const { metadata, pages } = await readPdf(bytes);
 * for (const r of pages[0].redactions) console.log(r.kind, r.box, r.label, r.leak);
 * ```
 */
export { readPdf, readPage, readPages, tryReadPdf } from './read.js';
export type { ReadPdfOptions, ReadPdfResult, PdfPageContext, PageImage, ImagePixels } from './read.js';
export { openPdf, LakmoesError, toLakmoesError, preflight, pdfDateToIso, type PdfInput } from './open.js';
export type { LakmoesErrorCode, OpenPdfOptions, PdfBackend, PdfDocumentHandle } from './open.js';
export { pdfiumMemoryBytes } from './pdfium/pdfium.js';
export { jpxMemoryBytes } from './pdfium/jpx.js';
export { PAGE_IMAGE_PIXELS, OCR_IMAGE_PIXELS } from './pdfium/jpeg.js';
export { buildPageText, extractTextItems, boxesForSpan, markRepeatedLines, lineJoin, repeatKey, spanText } from './text.js';
export type { PageTextOptions, RepeatedLineOptions, LineJoin } from './text.js';
export { classifyPage, imageCoverage } from './kind.js';
export type { PageKindOptions, PageKindEvidence } from './kind.js';
export { findVectorRedactions, findAnnotationRedactions, findSubstitutions, isLabelText, PLACEHOLDERS } from './redactions.js';
export type { RedactionOptions } from './redactions.js';
export { pageStats, documentStats } from './stats.js';
export { RedactionBox as RedactionBoxSchema, RedactionKind as RedactionKindSchema, PageKind as PageKindSchema, RedactionStats as RedactionStatsSchema } from './schema-draft.js';
export { findRasterRedactions, decodeImage } from './raster.js';
export type { RasterImage, RasterRedaction, RasterRedactionOptions, RasterRedactionStyle } from './raster.js';
export type * from './types.js';
export { composePageImage, type ComposedPage, type ComposeCanvas } from './compose.js';
export { pageImage, toGray } from './render.js';
export type { PageRaster, PageImageOptions, CanvasFactoryLike } from './render.js';
