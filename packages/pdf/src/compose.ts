/**
 * One picture of a scanned page from the images painted on it. Scanners and ZyLAB exports
 * often paint a page as horizontal strips (14 × 2481×256 px on a VWS page); raster
 * redaction detection and OCR want the whole page. The strips are decoded by pdf.js while
 * the page is read, so composing them costs a copy, not a render.
 */
import { PAGE_IMAGE_PIXELS } from './pdfium/jpeg.js';
import type { ImagePixels, PageImage, PdfPageContext } from './read.js';

/** Images covering less than this share of the page are logos or photos, not the scan. */
const MIN_COVERAGE = 0.5;

/** A page image is never decoded at a reduced size below this resolution (see `pixelBudget`). */
export const MIN_PAGE_DPI = 150;

/** A2's shorter side in points: no Woo document is printed on larger paper with text of letter size. */
const A2_SHORT_SIDE_PT = 1190;
/** A4's shorter side in inches. */
const A4_SHORT_SIDE_IN = 8.27;

/**
 * The resolution of an image painted over `box` (points), in pixels per inch of the paper it
 * was scanned from. That is its size on the page, except for scans placed at one pixel per
 * point (~72 dpi) by software that wrote no resolution: such a page is larger than A2 (a
 * 4726 × 6681 px letter scan becomes a 1.7 × 2.4 m page), and the paper was A4, as
 * `findRasterRedactions` assumes for images without a resolution. Taken at face value, every
 * millimetre threshold of the redaction search is 8 times too small there.
 */
export function scanDpi(box: { width: number; height: number }, pixelWidth: number, pixelHeight: number): number {
  const dpi = (pixelWidth / box.width) * 72;
  if (dpi >= 64 && dpi <= 80 && Math.min(box.width, box.height) > A2_SHORT_SIDE_PT) return Math.min(pixelWidth, pixelHeight) / A4_SHORT_SIDE_IN;
  return dpi;
}

/**
 * The pixels an image may be decoded at: `maxPixels` (default `PAGE_IMAGE_PIXELS`), or more
 * where fewer would take it under `MIN_PAGE_DPI` (a 110 dpi scan of an A0 drawing stays whole).
 */
function pixelBudget(image: PageImage, maxPixels: number | undefined): number {
  const dpi = scanDpi(image.box, image.pixelWidth, image.pixelHeight);
  // 1 % slack: a 300 dpi scan on a page a fraction of a point wider measures 299.99 dpi
  const halvings = Math.max(0, Math.floor(Math.log2((dpi * 1.01) / MIN_PAGE_DPI)));
  return Math.max(maxPixels ?? PAGE_IMAGE_PIXELS, (image.pixelWidth * image.pixelHeight) / 4 ** halvings);
}

/**
 * A buffer `composePageImage` may paint pages into, one after the other: the picture it returns
 * is then a view of `data`, valid until the next call with the same canvas. A new 300 dpi RGB
 * page is 26 MB of fresh memory, faulted in page by page as it is painted white: half the page
 * faults of a run over a dossier of strip-painted scans. Buffers over `CANVAS_BYTES` are not kept.
 */
export interface ComposeCanvas {
  data?: Uint8Array;
}

/** The largest buffer a `ComposeCanvas` keeps: a 300 dpi A4 page in RGB is 26 MB. */
export const CANVAS_BYTES = 32 << 20;

export interface ComposedPage extends ImagePixels {
  /** Resolution of the composed picture. */
  dpi: number;
  /** Page points per pixel, to map pixel boxes back onto the page. */
  scale: number;
}

/**
 * Compose the page's images into one picture (grey when they all are, else RGB) at the resolution of the largest image,
 * or null when the images do not cover most of the page (a native page with a logo).
 */
export async function composePageImage(ctx: PdfPageContext, options: { maxPixels?: number; canvas?: ComposeCanvas } = {}): Promise<ComposedPage | null> {
  const { page } = ctx;
  const images = ctx.images.filter((i) => i.objId && !i.mask && i.box.width > 0 && i.box.height > 0);
  if (images.length === 0) return null;
  const pageArea = page.width * page.height;
  const covered = images.reduce((a, i) => a + i.box.width * i.box.height, 0);
  if (covered < MIN_COVERAGE * pageArea) return null;
  const largest = images.reduce((a, b) => (b.box.width * b.box.height > a.box.width * a.box.height ? b : a));
  const pxPerPt = largest.pixelWidth / largest.box.width;
  // one image covering the page: hand it over as it is
  if (images.length === 1 && largest.box.width * largest.box.height >= 0.95 * pageArea) {
    const pixels = await ctx.getImagePixels(largest.objId!, { maxPixels: pixelBudget(largest, options.maxPixels) });
    if (!pixels) return null;
    // the pixels may be fewer than the image says (decoded at a reduced size)
    const dpi = scanDpi(largest.box, largest.pixelWidth, largest.pixelHeight) * (pixels.width / largest.pixelWidth);
    return { ...pixels, dpi, scale: largest.box.width / pixels.width };
  }
  const width = Math.max(1, Math.round(page.width * pxPerPt));
  const height = Math.max(1, Math.round(page.height * pxPerPt));
  if (width * height > 80e6) return null; // a poster-sized page: not a scan we can afford to compose
  const parts: { image: (typeof images)[number]; px: ImagePixels }[] = [];
  for (const image of images) {
    const px = await ctx.getImagePixels(image.objId!, { maxPixels: pixelBudget(image, options.maxPixels) });
    if (px) parts.push({ image, px });
  }
  // grey strips make a grey page (a third of the bytes; every consumer reads grey as R = G = B)
  const channels: 1 | 3 = parts.every((p) => p.px.channels === 1) ? 1 : 3;
  const out = canvasFor(options.canvas, width * height * channels).fill(255);
  for (const { image, px } of parts) {
    const x0 = Math.round(image.box.x * pxPerPt);
    const y0 = Math.round(image.box.y * pxPerPt);
    const w = Math.round(image.box.width * pxPerPt);
    const h = Math.round(image.box.height * pxPerPt);
    const xFrom = Math.max(0, -x0);
    const xTo = Math.min(w, width - x0);
    if (xTo <= xFrom) continue;
    const sx = px.width / w;
    const sy = px.height / h;
    const c = px.channels;
    // source sample of every output column, computed once per image (nearest neighbour)
    const cols = new Int32Array(xTo - xFrom);
    for (let x = xFrom; x < xTo; x++) cols[x - xFrom] = Math.min(px.width - 1, Math.floor(x * sx)) * c;
    const straight = c === channels && sx === 1; // same layout, no scaling: copy rows
    for (let y = Math.max(0, -y0); y < h && y0 + y < height; y++) {
      const srcRow = Math.min(px.height - 1, Math.floor(y * sy)) * px.width * c;
      let o = ((y0 + y) * width + x0 + xFrom) * channels;
      if (straight) {
        out.set(px.data.subarray(srcRow + xFrom * c, srcRow + xTo * c), o);
      } else if (channels === 1) {
        for (let k = 0; k < cols.length; k++) out[o++] = px.data[srcRow + cols[k]!]!;
      } else if (c === 1) {
        for (let k = 0; k < cols.length; k++, o += 3) {
          const v = px.data[srcRow + cols[k]!]!;
          out[o] = v;
          out[o + 1] = v;
          out[o + 2] = v;
        }
      } else {
        for (let k = 0; k < cols.length; k++, o += 3) {
          const s = srcRow + cols[k]!;
          out[o] = px.data[s]!;
          out[o + 1] = px.data[s + 1]!;
          out[o + 2] = px.data[s + 2]!;
        }
      }
    }
  }
  return { width, height, channels, data: out, dpi: pxPerPt * 72, scale: 1 / pxPerPt };
}

/** `size` bytes of the canvas (kept there when not too large), or new ones without a canvas. */
function canvasFor(canvas: ComposeCanvas | undefined, size: number): Uint8Array {
  if (!canvas || size > CANVAS_BYTES) return new Uint8Array(size);
  if (!canvas.data || canvas.data.length < size) canvas.data = new Uint8Array(size);
  return canvas.data.subarray(0, size);
}
