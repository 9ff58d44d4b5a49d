/**
 * Page images for OCR and raster-redaction detection: the pixels of a page,
 * without rendering when the page is a scan.
 *
 * A scanned page is one page-sized image XObject; pdf.js has already decoded
 * it (JPEG, Flate, CCITT, JBIG2, JPX) into `page.objs` once the operator list
 * is built, so its pixels are taken from there at their own resolution
 * (`source: 'embedded'`). Every other page is rendered with the canvas factory
 * pdf.js itself uses in Node (@napi-rs/canvas 0.1.x, pdfjs-dist's own optional
 * dependency: a separately installed 1.x crashes Node) on a white background
 * (`source: 'rendered'`).
 *
 * Measured on the 10 pages of the VWS `besluitbrief.pdf` (1248 x 1760 JPEG scans,
 * 150 dpi; Node 20 on a 2-core machine busy with other work, two runs): embedded
 * extract median 118-143 ms/page (88-277 ms; nearly all of it pdf.js' JPEG decode
 * inside `getOperatorList`); rendering the same pages at 300 dpi, `getImageData`
 * and grey conversion included, median 279-301 ms/page (193-761 ms).
 */
import { OPS } from './ops.js';
import type { PDFPageProxy } from './pdfjs.js';
import { IDENTITY, intersection, multiply, rectArea, toMatrix, type Matrix, type Rect } from './geometry.js';
import { walkOperators, type OperatorList, type PaintedImage } from './operators.js';
import type { RasterImage } from './raster.js';

export type { RasterImage } from './raster.js';

/** The pixels of a page, with where they came from and their resolution. */
export interface PageRaster extends RasterImage {
  /** Dots per inch of the pixels on the page as displayed. */
  dpi: number;
  /** `embedded`: the page's own scan image, not resampled; `rendered`: drawn by pdf.js. */
  source: 'embedded' | 'rendered';
}

/** What pdf.js' canvas factories offer (`doc.canvasFactory`). */
export interface CanvasFactoryLike {
  create(width: number, height: number): { canvas: unknown; context: unknown };
  destroy(canvasAndContext: { canvas: unknown; context: unknown }): void;
}

/** Options of `pageImage`. */
export interface PageImageOptions {
  /** Resolution of a rendered page (default 300). Embedded scans keep their own resolution. */
  dpi?: number;
  /** Take a scan's image from the PDF instead of rendering (default true). */
  embedded?: boolean;
  /** Return 1 channel (luma, alpha composited on white) instead of the image's own channels. */
  grayscale?: boolean;
  /**
   * Largest rendered image in pixels (default 50 million, an A2 page at 300 dpi):
   * bigger pages are rendered at a lower dpi so that memory stays bounded.
   */
  maxPixels?: number;
  /** The document's canvas factory (`doc.canvasFactory`); default: the one pdf.js uses for this page. */
  canvasFactory?: CanvasFactoryLike;
}

const DEFAULT_DPI = 300;
const DEFAULT_MAX_PIXELS = 50_000_000;
/** A scan covers at least this share of the page (scanners crop a few millimetres). */
const MIN_SCAN_COVERAGE = 0.9;
/** ... and sticks out of the page by at most this share of its size (else it would need cropping). */
const MAX_SCAN_OVERHANG = 0.02;
/** Horizontal and vertical resolutions this close count as one dpi (else the page is rendered). */
const DPI_TOLERANCE = 0.02;
/** How long to wait for pdf.js to hand over a decoded image before falling back to rendering. */
const OBJ_TIMEOUT_MS = 10_000;

/** pdf.js' `ImageKind`. */
const KIND_GRAY_1BPP = 1;
const KIND_RGB = 2;
const KIND_RGBA = 3;

/**
 * The pixels of a page: the embedded scan when the page is one page-sized
 * image with nothing visible painted over it, else a render at `dpi` on white.
 * Rows run top to bottom on the page as displayed (after /Rotate).
 */
export async function pageImage(page: PDFPageProxy, options: PageImageOptions = {}): Promise<PageRaster> {
  if (options.embedded !== false) {
    const scan = await embeddedScan(page);
    if (scan) return options.grayscale ? { ...toGray(scan), dpi: scan.dpi, source: scan.source } : scan;
  }
  const rendered = await renderPage(page, options);
  return options.grayscale ? { ...toGray(rendered), dpi: rendered.dpi, source: rendered.source } : rendered;
}

/* ------------------------------------------------------------------------------------------------
 * Embedded scans
 * ---------------------------------------------------------------------------------------------- */

/** The page's scan image, upright, or null when the page is not a plain scan. */
async function embeddedScan(page: PDFPageProxy): Promise<PageRaster | null> {
  const viewport = page.getViewport({ scale: 1 });
  const base = toMatrix(viewport.transform);
  const opList = (await page.getOperatorList()) as OperatorList;
  // Glyph boxes are not needed here, only whether visible glyphs exist: no font lookup.
  const content = walkOperators(opList, base, () => null);
  const images = content.images.filter((image) => image.annotation === null);
  if (images.length !== 1) return null;
  const image = images[0]!;
  if (image.mask || image.objId === null || !isPageSized(image, viewport.width, viewport.height)) return null;
  // Anything visible painted over the scan (text, redaction boxes) would be lost: render instead.
  const paintedOver =
    content.glyphs.some((g) => !g.invisible && !g.space && g.ch.trim() !== '' && g.annotation === null && (g.op > image.op || !inside(g, image.rect))) ||
    content.shapes.some((s) => s.annotation === null && s.op > image.op && s.alpha > 0);
  if (paintedOver) return null;

  const device = multiply(base, imageMatrix(opList, image.op));
  const decoded = await decodedImage(page, image.objId);
  if (!decoded) return null;
  return orient(decoded, device);
}

function isPageSized(image: PaintedImage, width: number, height: number): boolean {
  const pageRect: Rect = { x0: 0, y0: 0, x1: width, y1: height };
  const clipped = intersection(image.rect, pageRect);
  if (!clipped) return false;
  const area = rectArea(pageRect);
  const overhang = Math.max(
    (pageRect.x0 - image.rect.x0) / width,
    (image.rect.x1 - pageRect.x1) / width,
    (pageRect.y0 - image.rect.y0) / height,
    (image.rect.y1 - pageRect.y1) / height,
  );
  return area > 0 && rectArea(clipped) / area >= MIN_SCAN_COVERAGE && overhang <= MAX_SCAN_OVERHANG;
}

function inside(r: Rect, outer: Rect): boolean {
  const cx = (r.x0 + r.x1) / 2, cy = (r.y0 + r.y1) / 2;
  return cx >= outer.x0 && cx <= outer.x1 && cy >= outer.y0 && cy <= outer.y1;
}

/** The CTM in force at operator `target` (the image's unit square → PDF user space). */
function imageMatrix(opList: OperatorList, target: number): Matrix {
  const { fnArray, argsArray } = opList;
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  for (let i = 0; i < target && i < fnArray.length; i++) {
    const args = argsArray[i] as unknown[] | null | undefined;
    switch (fnArray[i]) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.transform:
        ctm = multiply(ctm, toMatrix(args));
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(ctm);
        if (args?.[0]) ctm = multiply(ctm, toMatrix(args[0]));
        break;
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      default:
        break;
    }
  }
  return ctm;
}

interface DecodedImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

/** The decoded pixels pdf.js keeps in `page.objs`; 1-bit images unpacked to 8-bit grey. */
async function decodedImage(page: PDFPageProxy, objId: string): Promise<DecodedImage | null> {
  const img = await new Promise<unknown>((resolve) => {
    const timer = setTimeout(() => resolve(null), OBJ_TIMEOUT_MS);
    try {
      // images shared by several pages (ids `g_…`) live in commonObjs
      (objId.startsWith('g_') ? page.commonObjs : page.objs).get(objId, (value: unknown) => {
        clearTimeout(timer);
        resolve(value);
      });
    } catch {
      clearTimeout(timer);
      resolve(null);
    }
  });
  if (!img || typeof img !== 'object') return null;
  const { width, height, kind, data } = img as { width?: unknown; height?: unknown; kind?: unknown; data?: unknown };
  // An ImageBitmap (documents opened with isOffscreenCanvasSupported) has no `data`: render instead.
  if (typeof width !== 'number' || typeof height !== 'number' || width < 1 || height < 1) return null;
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) return null;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const pixels = width * height;
  if (kind === KIND_GRAY_1BPP) {
    const rowBytes = (width + 7) >> 3;
    if (bytes.length < rowBytes * height) return null;
    return { width, height, channels: 1, data: unpack1bpp(bytes, width, height) };
  }
  if (kind === KIND_RGB && bytes.length >= pixels * 3) return { width, height, channels: 3, data: bytes.subarray(0, pixels * 3) };
  if (kind === KIND_RGBA && bytes.length >= pixels * 4) {
    // A soft-masked scan shows what lies under it: only an opaque one can stand for the page.
    for (let i = 3; i < pixels * 4; i += 4) if (bytes[i] !== 255) return null;
    return { width, height, channels: 4, data: bytes.subarray(0, pixels * 4) };
  }
  return null;
}

/** Packed 1 bit per pixel, rows padded to whole bytes, most significant bit first, 1 = white → 8-bit grey. */
function unpack1bpp(packed: Uint8Array, width: number, height: number): Uint8Array {
  const rowBytes = (width + 7) >> 3;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes, o = y * width;
    for (let x = 0; x < width; x++) out[o + x] = (packed[row + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
  }
  return out;
}

/**
 * Turns the image upright on the displayed page. `device` maps the image's unit
 * square to page points (y down); pixel row 0 is the top of the image (v = 1).
 * Axis-aligned placements (with flips and quarter turns) are handled; a skewed
 * or anisotropic one returns null and the page is rendered instead.
 */
function orient(image: DecodedImage, device: Matrix): PageRaster | null {
  const [a, b, c, d] = device;
  const { width: w, height: h, channels, data } = image;
  const eps = 1e-6 * (Math.abs(a) + Math.abs(b) + Math.abs(c) + Math.abs(d));
  let turned: boolean;
  if (Math.abs(b) <= eps && Math.abs(c) <= eps) turned = false;
  else if (Math.abs(a) <= eps && Math.abs(d) <= eps) turned = true;
  else return null;
  // Page points covered by the image along the output x and y axes.
  const spanX = turned ? Math.abs(c) : Math.abs(a);
  const spanY = turned ? Math.abs(b) : Math.abs(d);
  const outW = turned ? h : w;
  const outH = turned ? w : h;
  const dpiX = (outW / spanX) * 72;
  const dpiY = (outH / spanY) * 72;
  if (!Number.isFinite(dpiX) || !Number.isFinite(dpiY) || Math.abs(dpiX - dpiY) > DPI_TOLERANCE * Math.max(dpiX, dpiY)) return null;
  const dpi = Math.round(((dpiX + dpiY) / 2) * 100) / 100;

  // Source pixel (u, v) lands at page x = a·u/w + c·(1 − v/h) + e, y = b·u/w + d·(1 − v/h) + f.
  if (!turned) {
    const flipX = a < 0;
    const flipY = d > 0;
    if (!flipX && !flipY) return { data, width: w, height: h, channels, dpi, source: 'embedded' };
    const out = new Uint8Array(data.length);
    const row = w * channels;
    for (let y = 0; y < h; y++) {
      const src = (flipY ? h - 1 - y : y) * row;
      const dst = y * row;
      if (!flipX) {
        out.set(data.subarray(src, src + row), dst);
        continue;
      }
      for (let x = 0; x < w; x++) {
        const s = src + (w - 1 - x) * channels, t = dst + x * channels;
        for (let k = 0; k < channels; k++) out[t + k] = data[s + k]!;
      }
    }
    return { data: out, width: w, height: h, channels, dpi, source: 'embedded' };
  }
  // Quarter turn: output x follows the source row v, output y the source column u.
  const out = new Uint8Array(data.length);
  for (let v = 0; v < h; v++) {
    const X = c > 0 ? h - 1 - v : v;
    for (let u = 0; u < w; u++) {
      const Y = b > 0 ? u : w - 1 - u;
      const s = (v * w + u) * channels, t = (Y * outW + X) * channels;
      for (let k = 0; k < channels; k++) out[t + k] = data[s + k]!;
    }
  }
  return { data: out, width: outW, height: outH, channels, dpi, source: 'embedded' };
}

/* ------------------------------------------------------------------------------------------------
 * Rendering
 * ---------------------------------------------------------------------------------------------- */

interface Canvas2D {
  getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray; width: number; height: number };
}

async function renderPage(page: PDFPageProxy, options: PageImageOptions): Promise<PageRaster> {
  const requested = options.dpi ?? DEFAULT_DPI;
  if (!(requested > 0) || !Number.isFinite(requested)) throw new RangeError(`dpi must be a positive number (got ${requested})`);
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const points = page.getViewport({ scale: 1 });
  let dpi = requested;
  const pixelsAt = (r: number): number => Math.round((points.width * r) / 72) * Math.round((points.height * r) / 72);
  if (pixelsAt(dpi) > maxPixels) dpi = Math.floor(72 * Math.sqrt(maxPixels / (points.width * points.height)));
  const width = Math.max(1, Math.round((points.width * dpi) / 72));
  const height = Math.max(1, Math.round((points.height * dpi) / 72));
  // The viewport is scaled to the rounded canvas, so the whole page fills it exactly.
  const viewport = page.getViewport({ scale: dpi / 72 });
  const transform = [width / viewport.width, 0, 0, height / viewport.height, 0, 0];

  // pdf.js keeps the factory on the transport shared by the document and its pages (`doc.canvasFactory`).
  const factory = options.canvasFactory ?? ((page as unknown as { _transport?: { canvasFactory?: CanvasFactoryLike } })._transport?.canvasFactory);
  if (!factory) throw new Error('no canvas factory: pass options.canvasFactory (doc.canvasFactory)');
  const entry = factory.create(width, height);
  try {
    await page.render({
      canvas: entry.canvas as HTMLCanvasElement,
      canvasContext: entry.context as CanvasRenderingContext2D,
      viewport,
      transform,
      background: '#ffffff',
    }).promise;
    const pixels = (entry.context as Canvas2D).getImageData(0, 0, width, height);
    return { data: pixels.data, width, height, channels: 4, dpi, source: 'rendered' };
  } finally {
    factory.destroy(entry);
  }
}

/* ------------------------------------------------------------------------------------------------
 * Pixels
 * ---------------------------------------------------------------------------------------------- */

/** Luma (BT.601, integer weights) with alpha composited on white. */
export function toGray(image: RasterImage): RasterImage {
  const { width, height, channels, data } = image;
  if (channels === 1) return image;
  const n = width * height;
  const out = new Uint8Array(n);
  if (channels === 2) {
    for (let i = 0, j = 0; j < n; i += 2, j++) {
      const alpha = data[i + 1]!;
      out[j] = (data[i]! * alpha + 255 * (255 - alpha) + 127) / 255;
    }
  } else if (channels === 3) {
    for (let i = 0, j = 0; j < n; i += 3, j++) out[j] = (data[i]! * 77 + data[i + 1]! * 150 + data[i + 2]! * 29 + 128) >> 8;
  } else {
    for (let i = 0, j = 0; j < n; i += 4, j++) {
      const luma = (data[i]! * 77 + data[i + 1]! * 150 + data[i + 2]! * 29 + 128) >> 8;
      const alpha = data[i + 3]!;
      out[j] = alpha === 255 ? luma : (luma * alpha + 255 * (255 - alpha) + 127) / 255;
    }
  }
  return { data: out, width, height, channels: 1 };
}
