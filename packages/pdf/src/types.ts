/**
 * Types of the PDF layer. Coordinates are PDF points with the origin at the
 * top-left corner of the page as displayed (after /Rotate), y growing downwards.
 */
import type { Box, PageKind, RedactionBox, RedactionStats, Span } from '@lakmoes/schema';

export type { Box, Span, GroundCitation, PageKind, RedactionBox, RedactionKind, RedactionStats } from '@lakmoes/schema';

/** Document information from the PDF's Info dictionary (XMP as fallback for the title). */
export interface PdfMetadata {
  title: string | null;
  author: string | null;
  subject: string | null;
  creator: string | null;
  producer: string | null;
  /** ISO 8601 (UTC) when the PDF date parses, else null. */
  creationDate: string | null;
  /** ISO 8601 (UTC) when the PDF date parses, else null. */
  modificationDate: string | null;
  /** The file uses a security handler (it opened, so without a user password). */
  encrypted: boolean;
  /** Version from the header, e.g. "1.7". */
  pdfVersion: string | null;
  /** Natural language from the catalog, e.g. "nl-NL". */
  language: string | null;
  pageCount: number;
}

/** One run of text from the text layer, as pdf.js reports it. */
export interface TextItem {
  /** The characters (normalised by pdf.js: ligatures split, etc.). */
  text: string;
  box: Box;
  /** y of the baseline on the page (top-left origin). */
  baseline: number;
  /** Height of the font on the page, pt. */
  fontSize: number;
  /** Writing direction on the displayed page is left-to-right and horizontal. */
  horizontal: boolean;
  /**
   * x edges of each character (`[x0, x1]` per UTF-16 unit, flattened), taken from the
   * glyph advances of the content stream; absent when they could not be aligned, in
   * which case sub-item boxes are interpolated.
   */
  charEdges?: number[];
}

/** One line of text in reading order. */
export interface TextLine {
  text: string;
  box: Box;
  baseline: number;
  fontSize: number;
  /** Indices into the page's `items`, left to right. */
  items: number[];
  /** Where the line sits in the page text (hyphen repair may drop its last character). */
  span: Span;
  /** Index of the block the line belongs to. */
  block: number;
  /** Column: 0 full width (or no columns found), 1 left, 2 right. */
  column: 0 | 1 | 2;
  /** The line repeats at the same place on ≥ 60 % of the pages (header, footer, document-id stamp). */
  repeated: boolean;
}

/** A paragraph-like group of lines. */
export interface TextBlock {
  box: Box;
  /** Indices into the page's `lines`. */
  lines: number[];
  span: Span;
}

/** A piece of the page text that comes from one text item: `[start, end)` ↔ item chars from `offset`. */
export interface TextSegment {
  start: number;
  end: number;
  item: number;
  offset: number;
}

/** The text model of one page. */
export interface PageText {
  /** Lines joined with `\n`, blocks with `\n\n`, end-of-line hyphenation repaired. */
  text: string;
  items: TextItem[];
  lines: TextLine[];
  blocks: TextBlock[];
  /** Offset map from the page text to the items (sorted by `start`). */
  segments: TextSegment[];
}

/** One page of a read PDF. */
export interface PdfPage extends PageText {
  /** 1-based. */
  number: number;
  /** Displayed size (after /Rotate), pt. */
  width: number;
  height: number;
  /** /Rotate of the page, degrees clockwise. */
  rotation: number;
  kind: PageKind;
  /** Share of the page covered by images (0–1). */
  imageCoverage: number;
  redactions: RedactionBox[];
  stats: RedactionStats;
  /** Set when the page could not be read; the page is then empty. */
  error?: { code: 'PDF_CORRUPT'; message: string };
}

/** What `readPdf` returns. */
export interface PdfDocument {
  metadata: PdfMetadata;
  pages: PdfPage[];
  stats: RedactionStats;
}
