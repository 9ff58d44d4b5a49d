/**
 * Types of the OCR layer. Boxes are pixels of the input image, origin top-left,
 * y growing downwards.
 */
import type { Box, Span } from '@lakmoes/schema';

export type { Box, Span } from '@lakmoes/schema';

/**
 * Decoded pixels, row-major, `channels` interleaved 8-bit samples per pixel
 * (grey, grey + alpha, RGB, RGBA). The same shape as `pageImage()` of
 * `@lakmoes/pdf` and `decodeImage()` return.
 */
export interface RasterImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** One recognised word. */
export interface OcrWord {
  text: string;
  /** Pixels of the input image. */
  box: Box;
  /** 0–100. */
  confidence: number;
  /** Where the word sits in `OcrPage.text`. */
  span: Span;
}

/** One recognised line: its words left to right. */
export interface OcrLine {
  text: string;
  box: Box;
  /** Indices into `OcrPage.words`. */
  words: number[];
  /** Mean of its words' confidences, 0–100. */
  confidence: number;
  /** Where the line sits in `OcrPage.text`. */
  span: Span;
  /** Index of the paragraph (as tesseract segments the page) the line belongs to. */
  paragraph: number;
}

/** The OCR of one page image. */
export interface OcrPage {
  /**
   * The words in reading order as tesseract segments the page: joined by a space
   * within a line, lines by `\n`, paragraphs by a blank line.
   */
  text: string;
  /** Mean word confidence of the page as tesseract reports it, 0–100 (0 when nothing was read). */
  confidence: number;
  words: OcrWord[];
  lines: OcrLine[];
  /** Size of the input image, pixels. */
  width: number;
  height: number;
  /** Resolution the image was recognised at. */
  dpi: number;
  /** Time spent on this page once a worker took it (conversion + recognition), ms. */
  ms: number;
}

/** Options of `createOcrEngine`. */
export interface OcrEngineOptions {
  /** Tesseract workers (threads) to start once and reuse; default 1. Pages are spread over them. */
  workers?: number;
  /** Resolution assumed when `recognize` is not told one (default 300). */
  dpi?: number;
  /**
   * Language codes joined by `+` (default `nld`). Each needs its
   * `@tesseract.js-data/<code>` package installed: the data is never fetched.
   */
  languages?: string;
  /**
   * A worker is replaced by a fresh one after this many pages (default 500): a
   * tesseract.js worker's wasm memory only grows, so long runs recycle them.
   */
  recycleAfter?: number;
  /** Largest image accepted, in pixels (default 60 million, an A2 page at 300 dpi plus margin). */
  maxPixels?: number;
  /**
   * Resolves a module specifier to a file path, as `require.resolve` does (default:
   * `createRequire(import.meta.url).resolve`). For tests and bundlers.
   */
  resolve?: (specifier: string) => string;
}

/** Options of `OcrEngine.recognize`. */
export interface RecognizeOptions {
  /** Resolution of this image; default the engine's `dpi`. */
  dpi?: number;
  /** Cancels the page: a queued page is dropped, a running one is abandoned (its worker finishes it first). */
  signal?: AbortSignal;
  /**
   * `page` (default): tesseract finds the layout. `block`: the image is one block of short
   * lines (e.g. redaction labels stacked on a sheet): tesseract's page segmentation mode 6.
   */
  layout?: 'page' | 'block';
  /** Only these characters may be recognised (tesseract's whitelist), e.g. `0123456789.abcdefghi` for ground codes. */
  characters?: string;
}

/** Tesseract workers started once and reused for every page. */
export interface OcrEngine {
  /** Recognises one page image. Rejects with an `OcrError`, or the signal's reason when aborted. */
  recognize(image: RasterImage, options?: RecognizeOptions): Promise<OcrPage>;
  /** Stops the workers; pending pages reject with `OCR_TERMINATED`. */
  terminate(): Promise<void>;
  /** Workers this engine has started so far (grows only when a worker is recycled or replaced after a crash). */
  readonly workerCount: number;
  /** Pages waiting for a worker. */
  readonly queued: number;
  /** The language codes in use, e.g. `['nld']`. */
  readonly languages: readonly string[];
}
