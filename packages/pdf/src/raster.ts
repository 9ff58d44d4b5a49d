/**
 * Raster redaction detection: find redaction boxes in a page image (a scan, or a
 * page rendered from a PDF whose redactions were flattened into pixels).
 *
 * `findRasterRedactions` is a pure function over decoded pixels (no I/O, no
 * native code), so it runs in the browser too; `decodeImage` is the Node-only
 * convenience that turns PNG/JPEG/TIFF bytes into such pixels with sharp.
 *
 * Two detectors share one downscaled working image:
 *
 * 1. **Filled boxes** (`black`, `grey`, `colour`): pixels that are not page
 *    background and have the same colour as their four neighbours form a "flat"
 *    mask; run-length connected components of that mask are hole-filled (labels
 *    such as `5.1.2e` printed inside a box are islands), cut into rectangles
 *    where two boxes touch, refined to exact edges at full resolution and kept
 *    when they are rectangular, large enough for a redaction and not shaped like
 *    a rule, a stroke of heavy text, an icon or a shaded table header.
 * 2. **Bordered boxes** (`border`): white boxes outlined by a thin dark line,
 *    found by pairing horizontal and vertical line segments into closed
 *    rectangles whose inside is empty except for at most one short label line,
 *    and whose edges do not run on into a table grid.
 *
 * All thresholds are in millimetres on the page (converted with the image
 * resolution), so the same numbers work for 150, 200 and 300 dpi scans.
 */
import type { Box } from '@lakmoes/schema';

/** How a redaction looks on the page. */
export type RasterRedactionStyle = 'black' | 'grey' | 'colour' | 'border';

/** Decoded pixels, row-major, `channels` interleaved bytes per pixel (grey, grey+alpha, RGB, RGBA). */
export interface RasterImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** One redaction box found in a page image. */
export interface RasterRedaction {
  /** Pixels of the input image, origin top-left, y growing downwards. */
  box: Box;
  style: RasterRedactionStyle;
  /** Fill colour of the box as `#rrggbb` (for `border`: the colour of the outline). */
  fill: string;
  /** 0..1: how box-like the region is (rectangularity, uniformity, clean edges). */
  confidence: number;
}

export interface RasterRedactionOptions {
  /**
   * Resolution of the image in dots per inch. Default: estimated from the
   * shorter side, assuming a portrait A4/Letter page (8.27 in wide).
   */
  dpi?: number;
  /** Styles to look for. Default: all four. */
  styles?: readonly RasterRedactionStyle[];
  /** Drop results below this confidence. Default 0.5. */
  minConfidence?: number;
}

/* ------------------------------------------------------------------------------------------------
 * Thresholds. Lengths in millimetres on the page; colour distances in 0..255 per channel.
 * Measured on the TPDL gold (ZyLAB grey boxes at 200 dpi, bordered boxes on 300 dpi scans) and
 * checked on black boxes (Overijssel letters, a scan) and unredacted designed reports.
 * ---------------------------------------------------------------------------------------------- */

// Working image and pixel classes

/** Working resolution: ~150 dpi keeps a 1 mm box 6 px wide while cutting the pixel count of a 300 dpi scan by 4. */
const TARGET_DPI = 150;
/** Pixels within this distance of the page background are paper (JPEG ringing and scanner noise stay below ~20). */
const BG_DISTANCE = 28;
/**
 * A pixel is "flat" when no 4-neighbour differs by more than this in any channel. Box-filtered
 * JPEG noise inside a fill stays below ~12; an anti-aliased edge or a glyph stroke differs by 60+.
 */
const FLAT_TOLERANCE = 18;
/**
 * Working pixels of a component within a tolerance of its dominant colour belong to the box (the
 * rest is leakage into a neighbouring picture of similar tone, e.g. the grey background of a
 * redacted portrait); the tolerance follows the box's own noise between these bounds.
 */
const MODE_TOLERANCE_MIN = 6;
const MODE_TOLERANCE_MAX = 20;
/** Full-resolution pixels within this distance of the fill colour count as fill (edges, uniformity). */
const FILL_TOLERANCE = 36;
/** Fill pixels of a box are almost all this close to its colour (scanner and JPEG noise included)... */
const TIGHT_TOLERANCE = 14;
/** ...this share of them; a smooth patch of a photo spreads wider. */
const MIN_FLATNESS = 0.8;
/** Ink: every channel below this (black and dark-grey text and rules, also when scanned). */
const INK_MAX = 110;
/** Luminance below which a neutral fill is "black" (ZyLAB grey is 192, black boxes are < 60 even when scanned). */
const BLACK_MAX_LUMA = 90;
/** Channel spread (max - min) above which a fill is "colour" rather than neutral grey. */
const COLOUR_MIN_CHROMA = 48;

// Cutting components into boxes

/** A rectangle whose hole-filled area covers less than this share of its bounding box is cut further. */
const RECT_FILL = 0.95;
/** Share of a component that its box-sized rectangles must cover. */
const MIN_EXPLAINED = 0.7;
/** A box whose inside matches its fill less than this carries a printed label. */
const LABEL_MAX_UNIFORMITY = 0.985;
/** Two touching fragments are one box when they cover this share of their joint bounding box. */
const MERGE_FILL = 0.92;

// Size and shape

/**
 * Smallest grey box side: single-character redactions in the corpus are 1.1 x 1.4 mm; flat grey
 * specks below that are anti-aliasing or scan dust.
 */
const MIN_SIDE_MM = 0.9;
/**
 * Smallest black or coloured box: solid dark or saturated shapes below this are glyph strokes,
 * bullets, full stops, parts of logos and of coloured headings. A black box over one short word
 * at 9-10 pt is at least this big; single-character redactions only show up as grey boxes.
 */
const MIN_SOLID_HEIGHT_MM = 2.4;
const MIN_SOLID_WIDTH_MM = 4;
/**
 * Text-size squares (both sides below this) that are black or saturated are bullets, checkboxes and
 * social-media icons far more often than redactions, which cover words and so are wider than tall.
 */
const ICON_MAX_MM = 8;
/** Minimum width/height for those text-size black or coloured boxes. */
const ICON_MIN_ASPECT = 1.25;
/**
 * A region narrower than this and more than RULE_ASPECT times taller than wide is a vertical rule, a
 * chart bar or a stroke of a heading letter (`I`, `l`); a redaction of text is wider than tall, and a
 * redacted photo is at least 10 mm wide.
 */
const RULE_MAX_WIDTH_MM = 6;
const RULE_ASPECT = 2.5;
/** A horizontal bar thinner than this and THIN_BAR_ASPECT times wider than tall is a rule or an underline. */
const THIN_BAR_MM = 2;
const THIN_BAR_ASPECT = 10;
/** Wider or taller than this share of the page is a header band, a page-wide bar or a scan edge. */
const MAX_PAGE_SHARE = 0.92;
/** Size of the square inside each corner that must be fill colour (three of four: a label may touch one). */
const CORNER_MM = 0.4;

// Surroundings and edges

/** Distance outside the box at which its surroundings are sampled (past anti-aliasing and scan blur). */
const RING_GAP_MM = 0.4;
/**
 * Share of the surroundings that must be paper, thin ink (text, rules) or, along a cut, the same
 * fill (a touching box). A patch inside a photo or a chart is surrounded by mid-tones instead.
 */
const MIN_CLEAN_SURROUND = 0.5;
/**
 * Boxes smaller than this on both sides (one or two characters) must be cleaner still: a flat
 * speck that small is as likely a patch of a picture, and a real one sits in a line of text.
 */
const SMALL_BOX_MM = 3;
const MIN_CLEAN_SURROUND_SMALL = 0.7;
/** How far past a touching glyph stroke or rule paper must show again (strokes and rules are < 1 mm). */
const INK_REACH_MM = 1.2;
/** Boxes at least this large on both sides may sit on a photo (redacted portraits), so skip that test. */
const LARGE_BOX_MM = 12;
/** A coloured box touching other colours over more than this share of its outline is part of a logo or a figure. */
const MAX_COLOUR_SURROUND = 0.15;
/**
 * A coloured box must stand on paper over this share of its outline: coloured boxes are not
 * stacked like black or grey ones, while the pieces of a logo or a chart touch each other.
 */
const MIN_COLOUR_PAPER = 0.7;
/** A line leaving a box corner and running on for the box height (at least this many mm) is a table rule. */
const RULE_RUN_MM = 4;
/** Edges are refined at full resolution by at most this much (plus 2 px) either way. */
const REFINE_REACH_MM = 0.6;
/** Edge contrast compares the line just inside a box with the line this far outside (past anti-aliasing). */
const EDGE_OUTSIDE_MM = 0.3;
/** Mean fill-match drop across the uncut edges of a box (1 = razor sharp; photo patches fade). */
const MIN_EDGE_CONTRAST = 0.6;
/**
 * A final rectangle must cover at least this share of its box with fill colour at full resolution.
 * A printed label takes 2-20 % of a box (the lowest in the TPDL gold is 0.74 fill); a heavy glyph
 * (an M, an H) whose counters the hole filling closed is only 50-65 % ink.
 */
const MIN_UNIFORMITY = 0.7;

// Bordered boxes

/** Dark-line mask for bordered boxes: this much darker than the background (thin scanned lines blur to mid-grey at 150 dpi). */
const LINE_DARKNESS = 80;
/** A border line is at most this thick; thicker dark bars are filled boxes, handled by the fill detector. */
const LINE_MAX_THICK_MM = 1.2;
/** Smallest bordered box: the smallest in the gold is 16 x 2.8 mm (one word inline). */
const BORDER_MIN_WIDTH_MM = 8;
const BORDER_MIN_HEIGHT_MM = 2.4;
/** Share of each edge that must be dark (scanned lines have breaks). */
const BORDER_EDGE_COVERAGE = 0.85;
/** Corner tolerance when matching line ends, in mm. */
const CORNER_TOLERANCE_MM = 1.2;
/** A line running on beyond a corner by this much is a table rule, not the end of a box. */
const EXTENSION_MM = 2.5;
/** Ink allowed inside a bordered box: one label line at most this tall (12 pt text is ~4.5 mm with ascenders/descenders). */
const BORDER_LABEL_MAX_HEIGHT_MM = 7;
/** ...at most this wide (`5.1.2,d`, `5.1.2e, 5.1.2i` at 10-12 pt). */
const BORDER_LABEL_MAX_WIDTH_MM = 40;

const ALL_STYLES: readonly RasterRedactionStyle[] = ['black', 'grey', 'colour', 'border'];

/* ------------------------------------------------------------------------------------------------
 * Working image
 * ---------------------------------------------------------------------------------------------- */

interface Work {
  /** working image size */
  w: number;
  h: number;
  /** downscale factor: one working pixel is f x f input pixels */
  f: number;
  /** millimetres to working pixels */
  mm: (millimetres: number) => number;
  /**
   * Colour samples, `stride` bytes per working pixel: red at `i * stride`, green at `+ go`, blue
   * at `+ bo` (a grey image has stride 1 and offsets 0). At full resolution this is the input's
   * own buffer when it is RGB or grey, not a copy: a 70 dpi poster page is 95 MB of RGB.
   */
  px: Uint8Array;
  stride: 1 | 3;
  go: 0 | 1;
  bo: 0 | 2;
  luma: Uint8Array;
  /** page background colour */
  bg: [number, number, number];
  bgLuma: number;
}

/**
 * Full-resolution accessor, RGB composited over white. A class, not closures made per page: V8
 * holds a function's optimised code weakly, so the closures of one page lose theirs at the next
 * full collection and the next page compiles them again (benchmarks/RESULTS.md, "Optimised code
 * kept across pages").
 */
class Full {
  readonly width: number;
  readonly height: number;
  private readonly data: Uint8Array;
  private readonly channels: number;
  private readonly dpi: number;

  constructor(image: RasterImage, dpi: number) {
    this.width = image.width;
    this.height = image.height;
    this.channels = image.channels;
    this.data = bytesOf(image);
    this.dpi = dpi;
  }

  /** mm to full-resolution pixels */
  mm(millimetres: number): number {
    return (millimetres * this.dpi) / 25.4;
  }

  rgb(x: number, y: number, out: Uint8Array): void {
    const { data, channels } = this;
    const i = (y * this.width + x) * channels;
    if (channels >= 3) {
      let r = data[i]!;
      let g = data[i + 1]!;
      let b = data[i + 2]!;
      if (channels === 4) {
        const a = data[i + 3]!;
        if (a < 255) {
          r = (r * a + 255 * (255 - a)) / 255;
          g = (g * a + 255 * (255 - a)) / 255;
          b = (b * a + 255 * (255 - a)) / 255;
        }
      }
      out[0] = r;
      out[1] = g;
      out[2] = b;
    } else {
      let v = data[i]!;
      if (channels === 2) {
        const a = data[i + 1]!;
        v = (v * a + 255 * (255 - a)) / 255;
      }
      out[0] = v;
      out[1] = v;
      out[2] = v;
    }
  }
}

function bytesOf(image: RasterImage): Uint8Array {
  const d = image.data;
  return d instanceof Uint8Array ? d : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

function makeWork(image: RasterImage, dpi: number): Work {
  const { width, channels } = image;
  // One element kind for the hot loops (a Uint8Array | Uint8ClampedArray union makes V8 go polymorphic).
  const data = bytesOf(image);
  const f = Math.max(1, Math.round(dpi / TARGET_DPI));
  const w = Math.max(1, Math.floor(image.width / f));
  const h = Math.max(1, Math.floor(image.height / f));
  const n = w * h;
  // One function per pixel layout: V8 throws a function's optimised code away at a branch it has
  // not seen run, so one function for all of them was compiled again whenever the kind of page
  // image changed.
  // full resolution, no alpha: the input's own samples (grey ones are their own luminance)
  if (f === 1 && channels === 1) return finishWork(w, h, f, dpi, data.subarray(0, n), 1, data.subarray(0, n));
  if (f === 1 && channels === 3) return workRgbFull(data, w, h, dpi);
  // 300 dpi scans (f = 2, grey or RGB): 2 x 2 pixels per working pixel, rounded as Math.round does
  if (f === 2 && channels === 1) return workGreyHalf(data, width, w, h, dpi);
  if (f === 2 && channels === 3) return workRgbHalf(data, width, w, h, dpi);
  return workBoxFilter(data, width, channels, f, w, h, dpi);
}

function workRgbFull(data: Uint8Array, w: number, h: number, dpi: number): Work {
  const n = w * h;
  const f = 1;
  const luma = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 3) luma[i] = (data[j]! * 77 + data[j + 1]! * 150 + data[j + 2]! * 29) >> 8;
  return finishWork(w, h, f, dpi, data.subarray(0, 3 * n), 3, luma);
}

function workGreyHalf(data: Uint8Array, width: number, w: number, h: number, dpi: number): Work {
  const n = w * h;
  const f = 2;
  const grey = new Uint8Array(n);
  for (let y = 0; y < h; y++) {
    const i0 = 2 * y * width;
    const i1 = i0 + width;
    const row = y * w;
    for (let x = 0, j = 0; x < w; x++, j += 2) grey[row + x] = (data[i0 + j]! + data[i0 + j + 1]! + data[i1 + j]! + data[i1 + j + 1]! + 2) >> 2;
  }
  return finishWork(w, h, f, dpi, grey, 1, grey);
}

function workRgbHalf(data: Uint8Array, width: number, w: number, h: number, dpi: number): Work {
  const n = w * h;
  const f = 2;
  const px = new Uint8Array(3 * n);
  const luma = new Uint8Array(n);
  const stride = width * 3;
  for (let y = 0; y < h; y++) {
    const i0 = 2 * y * stride;
    const i1 = i0 + stride;
    const row = y * w;
    for (let x = 0, j = 0; x < w; x++, j += 6) {
      const R = (data[i0 + j]! + data[i0 + j + 3]! + data[i1 + j]! + data[i1 + j + 3]! + 2) >> 2;
      const G = (data[i0 + j + 1]! + data[i0 + j + 4]! + data[i1 + j + 1]! + data[i1 + j + 4]! + 2) >> 2;
      const B = (data[i0 + j + 2]! + data[i0 + j + 5]! + data[i1 + j + 2]! + data[i1 + j + 5]! + 2) >> 2;
      const o = 3 * (row + x);
      px[o] = R;
      px[o + 1] = G;
      px[o + 2] = B;
      luma[row + x] = (R * 77 + G * 150 + B * 29) >> 8;
    }
  }
  return finishWork(w, h, f, dpi, px, 3, luma);
}

function workBoxFilter(data: Uint8Array, width: number, channels: number, f: number, w: number, h: number, dpi: number): Work {
  const n = w * h;
  const area = f * f;
  const colour = channels >= 3;
  const alpha = channels === 2 || channels === 4;
  // Box filter: sum f x f input pixels per working pixel, row by row (no per-pixel calls: this loop is hot).
  // One loop per pixel layout, so that the inner loops carry no branches (sums stay exact in
  // doubles, also the fractional ones of pixels composited over paper). Grey without alpha stays grey.
  const grey = channels === 1;
  const luma = new Uint8Array(n);
  const px = grey ? luma : new Uint8Array(3 * n);
  const sr = new Float64Array(w);
  const sg = new Float64Array(w);
  const sb = new Float64Array(w);
  for (let y = 0; y < h; y++) {
    sr.fill(0);
    if (colour || alpha) {
      sg.fill(0);
      sb.fill(0);
    }
    for (let dy = 0; dy < f; dy++) {
      let i = (y * f + dy) * width * channels;
      if (channels === 1) {
        for (let x = 0; x < w; x++) {
          let sum = 0;
          for (let dx = 0; dx < f; dx++, i++) sum += data[i]!;
          sr[x] = sr[x]! + sum;
        }
      } else if (channels === 3) {
        for (let x = 0; x < w; x++) {
          let R = 0, G = 0, B = 0;
          for (let dx = 0; dx < f; dx++, i += 3) {
            R += data[i]!;
            G += data[i + 1]!;
            B += data[i + 2]!;
          }
          sr[x] = sr[x]! + R;
          sg[x] = sg[x]! + G;
          sb[x] = sb[x]! + B;
        }
      } else {
        for (let x = 0; x < w; x++) {
          for (let dx = 0; dx < f; dx++, i += channels) {
            let R = data[i]!;
            let G = colour ? data[i + 1]! : R;
            let B = colour ? data[i + 2]! : R;
            const a = data[i + channels - 1]!;
            if (a < 255) {
              // composite over white paper
              R = (R * a + 255 * (255 - a)) / 255;
              G = (G * a + 255 * (255 - a)) / 255;
              B = (B * a + 255 * (255 - a)) / 255;
            }
            sr[x] = sr[x]! + R;
            sg[x] = sg[x]! + G;
            sb[x] = sb[x]! + B;
          }
        }
      }
    }
    const row = y * w;
    if (grey) {
      for (let x = 0; x < w; x++) luma[row + x] = Math.round(sr[x]! / area);
      continue;
    }
    for (let x = 0; x < w; x++) {
      const R = Math.round(sr[x]! / area);
      const G = colour || alpha ? Math.round(sg[x]! / area) : R;
      const B = colour || alpha ? Math.round(sb[x]! / area) : R;
      const o = 3 * (row + x);
      px[o] = R;
      px[o + 1] = G;
      px[o + 2] = B;
      luma[row + x] = (R * 77 + G * 150 + B * 29) >> 8;
    }
  }
  return finishWork(w, h, f, dpi, px, grey ? 1 : 3, luma);
}

function finishWork(w: number, h: number, f: number, dpi: number, px: Uint8Array, stride: 1 | 3, luma: Uint8Array): Work {
  const go = stride === 3 ? 1 : 0;
  const bo = stride === 3 ? 2 : 0;
  const n = w * h;
  // Background: the most common light colour (paper), per channel from a luminance mode.
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i++) hist[luma[i]!]!++;
  let mode = 255;
  let best = -1;
  for (let v = 128; v < 256; v++) {
    if (hist[v]! > best) {
      best = hist[v]!;
      mode = v;
    }
  }
  let cr = 0;
  let cg = 0;
  let cb = 0;
  let cn = 0;
  for (let i = 0; i < n; i += 7) {
    if (Math.abs(luma[i]! - mode) <= 3) {
      const j = i * stride;
      cr += px[j]!;
      cg += px[j + go]!;
      cb += px[j + bo]!;
      cn++;
    }
  }
  const bg: [number, number, number] = cn ? [cr / cn, cg / cn, cb / cn] : [255, 255, 255];
  const workDpi = dpi / f;
  return { w, h, f, mm: (m) => (m * workDpi) / 25.4, px, stride, go, bo, luma, bg, bgLuma: mode };
}

function estimateDpi(width: number, height: number): number {
  // The shorter side of a portrait A4 page is 8.27 in (Letter: 8.5 in, 3 % off, which no threshold notices).
  return Math.min(width, height) / 8.27;
}

/* ------------------------------------------------------------------------------------------------
 * Public API
 * ---------------------------------------------------------------------------------------------- */

/**
 * Find redaction boxes in a decoded page image.
 *
 * @example
 * const image = await decodeImage(await readFile('page.png'));
 * for (const r of findRasterRedactions(image)) console.log(r.style, r.box);
 */
export function findRasterRedactions(image: RasterImage, options: RasterRedactionOptions = {}): RasterRedaction[] {
  const { width, height, channels, data } = image;
  if (!(width > 0 && height > 0)) return [];
  if (data.length < width * height * channels) {
    throw new RangeError(`image data holds ${data.length} bytes, expected ${width * height * channels}`);
  }
  const dpi = options.dpi !== undefined && options.dpi > 0 ? options.dpi : estimateDpi(width, height);
  const styles = new Set(options.styles ?? ALL_STYLES);
  const minConfidence = options.minConfidence ?? 0.5;
  const full = new Full(image, dpi);
  const work = makeWork(image, dpi);
  // one mask for both detectors in turn (the flat pixels, then the dark ones)
  const scratch = new Uint8Array(work.w * work.h);

  let found: RasterRedaction[] = [];
  if (styles.has('black') || styles.has('grey') || styles.has('colour')) {
    found.push(...suppressOverlaps(findFilledBoxes(work, full, scratch)).filter((r) => styles.has(r.style)));
  }
  if (styles.has('border')) {
    const bordered = findBorderedBoxes(work, full, scratch);
    // A filled box with an outline is found by both detectors: keep the filled one.
    for (const b of bordered) if (!found.some((f) => iou(f.box, b.box) > 0.5)) found.push(b);
  }
  found = found.filter((r) => r.confidence >= minConfidence);
  found.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  return found;
}

/** Decode PNG, JPEG, TIFF, WebP (anything sharp reads) into pixels for `findRasterRedactions`. Node only. */
export async function decodeImage(bytes: Uint8Array): Promise<RasterImage> {
  const { default: sharp } = await import('sharp');
  // as pdf.js's maxImageSize in open.ts: a 1 MB PNG of zeros can claim a gigabyte of pixels
  const { data, info } = await sharp(bytes, { limitInputPixels: 100_000_000 }).raw().toBuffer({ resolveWithObject: true });
  const channels = info.channels;
  if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4) {
    throw new RangeError(`unsupported channel count ${channels}`);
  }
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
    channels,
  };
}

/* ------------------------------------------------------------------------------------------------
 * Helpers
 * ---------------------------------------------------------------------------------------------- */

/** Intersection over union of two boxes (0 when they do not overlap). */
export function iou(a: Box, b: Box): number {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  if (x1 <= x0 || y1 <= y0) return 0;
  const inter = (x1 - x0) * (y1 - y0);
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** One result per box: of two that overlap by more than half, keep the more confident one. */
function suppressOverlaps(found: RasterRedaction[]): RasterRedaction[] {
  const sorted = [...found].sort((a, b) => b.confidence - a.confidence);
  const kept: RasterRedaction[] = [];
  for (const r of sorted) if (!kept.some((k) => iou(k.box, r.box) > 0.5)) kept.push(r);
  return kept;
}

function hex(r: number, g: number, b: number): string {
  const h = (v: number): string => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0');
  return `#${h(r)}${h(g)}${h(b)}`;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** Union-find over run ids. */
class Runs {
  parent: number[] = [];
  find(i: number): number {
    let p = this.parent[i]!;
    while (p !== i) {
      const gp = this.parent[p]!;
      this.parent[i] = gp;
      i = p;
      p = gp;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Integer rectangle in working pixels, half-open. */
interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/* ------------------------------------------------------------------------------------------------
 * Filled boxes
 * ---------------------------------------------------------------------------------------------- */

interface Component {
  runs: number[]; // flattened (y, x0, x1) triples, x1 exclusive
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  count: number;
  sr: number;
  sg: number;
  sb: number;
}

/** Marks flat non-paper pixels with 1 in `mask` (w × h, zeroed here). */
function flatMask(work: Work, mask: Uint8Array): Uint8Array {
  const { w, h, px, stride, go, bo, bg } = work;
  mask.fill(0);
  const T = FLAT_TOLERANCE;
  const [br, bgc, bb] = bg;
  const rowStep = w * stride;
  for (let y = 0; y < h; y++) {
    const up = y > 0;
    const down = y + 1 < h;
    for (let x = 0, i = y * w, o = i * stride; x < w; x++, i++, o += stride) {
      const R = px[o]!;
      const G = px[o + go]!;
      const B = px[o + bo]!;
      if (Math.abs(R - br) <= BG_DISTANCE && Math.abs(G - bgc) <= BG_DISTANCE && Math.abs(B - bb) <= BG_DISTANCE) continue;
      // flat: within the tolerance of each 4-neighbour there is (this runs for every non-paper pixel)
      if (x > 0 && !nearColour(px, o - stride, go, bo, R, G, B, T)) continue;
      if (x + 1 < w && !nearColour(px, o + stride, go, bo, R, G, B, T)) continue;
      if (up && !nearColour(px, o - rowStep, go, bo, R, G, B, T)) continue;
      if (down && !nearColour(px, o + rowStep, go, bo, R, G, B, T)) continue;
      mask[i] = 1;
    }
  }
  return mask;
}

/** The pixel at byte `q` is within `t` of (R, G, B) in every channel. */
function nearColour(px: Uint8Array, q: number, go: number, bo: number, R: number, G: number, B: number, t: number): boolean {
  return Math.abs(px[q]! - R) <= t && Math.abs(px[q + go]! - G) <= t && Math.abs(px[q + bo]! - B) <= t;
}

function components(work: Work, mask: Uint8Array, minSide: number): Component[] {
  const { w, h, px, stride, go, bo } = work;
  // Runs of the mask per row; runs in adjacent rows that overlap are one component
  // (neighbouring flat pixels are within FLAT_TOLERANCE of each other by construction).
  const ry: number[] = [];
  const rx0: number[] = [];
  const rx1: number[] = [];
  const uf = new Runs();
  let prevStart = 0;
  let prevEnd = 0;
  // the next set pixel, found with indexOf: rows before it are empty
  let next = mask.indexOf(1);
  for (let y = 0; y < h; y++) {
    const rowStart = ry.length;
    const base = y * w;
    const rowEnd = base + w;
    // the previous row's runs are in order and apart: those ending at or before this run's
    // start end before every later run of this row too
    let p = prevStart;
    while (next >= 0 && next < rowEnd) {
      const s = next - base;
      let x = s + 1;
      while (x < w && mask[base + x]) x++;
      next = mask.indexOf(1, base + x);
      const id = ry.length;
      ry.push(y);
      rx0.push(s);
      rx1.push(x);
      uf.parent.push(id);
      while (p < prevEnd && rx1[p]! <= s) p++;
      for (let k = p; k < prevEnd && rx0[k]! < x; k++) uf.union(id, k);
    }
    prevStart = rowStart;
    prevEnd = ry.length;
  }
  const byRoot = new Map<number, Component>();
  for (let k = 0; k < ry.length; k++) {
    const root = uf.find(k);
    let c = byRoot.get(root);
    const y = ry[k]!;
    const s = rx0[k]!;
    const e = rx1[k]!;
    if (!c) {
      c = { runs: [], x0: s, y0: y, x1: e, y1: y + 1, count: 0, sr: 0, sg: 0, sb: 0 };
      byRoot.set(root, c);
    }
    c.runs.push(y, s, e);
    if (s < c.x0) c.x0 = s;
    if (e > c.x1) c.x1 = e;
    if (y + 1 > c.y1) c.y1 = y + 1;
    c.count += e - s;
  }
  const out: Component[] = [];
  for (const c of byRoot.values()) {
    if (!(c.x1 - c.x0 >= minSide && c.y1 - c.y0 >= minSide && c.count >= minSide * minSide)) continue;
    // colour sums (the fallback fill colour), for the components kept: most are specks of text
    for (let k = 0; k < c.runs.length; k += 3) {
      const row = c.runs[k]! * w;
      for (let o = (row + c.runs[k + 1]!) * stride, end = (row + c.runs[k + 2]!) * stride; o < end; o += stride) {
        c.sr += px[o]!;
        c.sg += px[o + go]!;
        c.sb += px[o + bo]!;
      }
    }
    out.push(c);
  }
  return out;
}

/**
 * The fill colour of a component: the mean of the pixels around its luminance peak. A box is one
 * colour; a flat region that leaks into a neighbouring photo drifts away from it gradually.
 */
function dominantColour(work: Work, c: Component): [number, number, number] {
  const hist = new Uint32Array(256);
  const { w, luma, px, stride, go, bo } = work;
  for (let k = 0; k < c.runs.length; k += 3) {
    const base = c.runs[k]! * w;
    for (let x = c.runs[k + 1]!; x < c.runs[k + 2]!; x++) hist[luma[base + x]!]!++;
  }
  let peak = 0;
  let best = -1;
  for (let v = 0; v < 256; v++) {
    let sum = 0;
    for (let d = -4; d <= 4; d++) sum += hist[v + d] ?? 0;
    if (sum > best) {
      best = sum;
      peak = v;
    }
  }
  let sr = 0;
  let sg = 0;
  let sb = 0;
  let n = 0;
  for (let k = 0; k < c.runs.length; k += 3) {
    const base = c.runs[k]! * w;
    for (let x = c.runs[k + 1]!; x < c.runs[k + 2]!; x++) {
      if (Math.abs(luma[base + x]! - peak) <= 6) {
        const o = (base + x) * stride;
        sr += px[o]!;
        sg += px[o + go]!;
        sb += px[o + bo]!;
        n++;
      }
    }
  }
  return n ? [sr / n, sg / n, sb / n] : [c.sr / c.count, c.sg / c.count, c.sb / c.count];
}

/**
 * How far a box's pixels stray from its colour: a rendered box is exact (a few levels of JPEG
 * noise), a scanned one noisier. Four times the mean absolute luminance deviation of the pixels
 * near the peak, within [MODE_TOLERANCE_MIN, MODE_TOLERANCE_MAX].
 */
function modeTolerance(work: Work, c: Component, fill: readonly number[]): number {
  const { w, luma } = work;
  const L = (fill[0]! * 77 + fill[1]! * 150 + fill[2]! * 29) / 256;
  let dev = 0;
  let n = 0;
  for (let k = 0; k < c.runs.length; k += 3) {
    const base = c.runs[k]! * w;
    for (let x = c.runs[k + 1]!; x < c.runs[k + 2]!; x++) {
      const d = Math.abs(luma[base + x]! - L);
      if (d <= MODE_TOLERANCE_MAX) {
        dev += d;
        n++;
      }
    }
  }
  const mad = n ? dev / n : MODE_TOLERANCE_MAX;
  return Math.max(MODE_TOLERANCE_MIN, Math.min(MODE_TOLERANCE_MAX, 4 * mad + 2));
}

/**
 * Hole-filled local mask of a component: a pixel is filled when it lies between the component's
 * leftmost and rightmost pixel in its row, or between the topmost and bottommost in its column.
 * That closes labels printed inside a box (also labels touching one edge) while keeping the
 * concave corner of two boxes that touch in an L or a step, so they can still be cut apart.
 * Only pixels close to the fill colour count (see MODE_TOLERANCE_MIN).
 */
function filledMask(work: Work, c: Component, fill: readonly number[]): { m: Uint8Array; raw: Uint8Array; w: number; h: number } {
  const w = c.x1 - c.x0;
  const h = c.y1 - c.y0;
  const raw = new Uint8Array(w * h);
  const { px, stride, go, bo } = work;
  const [fr, fg, fb] = fill as [number, number, number];
  const T = modeTolerance(work, c, fill);
  for (let k = 0; k < c.runs.length; k += 3) {
    const y = c.runs[k]! - c.y0;
    const s = c.runs[k + 1]! - c.x0;
    const e = c.runs[k + 2]! - c.x0;
    const base = c.runs[k]! * work.w + c.x0;
    for (let x = s; x < e; x++) {
      const o = (base + x) * stride;
      if (Math.abs(px[o]! - fr) <= T && Math.abs(px[o + go]! - fg) <= T && Math.abs(px[o + bo]! - fb) <= T) raw[y * w + x] = 1;
    }
  }
  const m = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let lo = -1;
    let hi = -1;
    for (let x = 0; x < w; x++) {
      if (raw[y * w + x]) {
        if (lo < 0) lo = x;
        hi = x;
      }
    }
    if (lo >= 0) m.fill(1, y * w + lo, y * w + hi + 1);
  }
  for (let x = 0; x < w; x++) {
    let lo = -1;
    let hi = -1;
    for (let y = 0; y < h; y++) {
      if (raw[y * w + x]) {
        if (lo < 0) lo = y;
        hi = y;
      }
    }
    for (let y = lo; y >= 0 && y <= hi; y++) m[y * w + x] = 1;
  }
  return { m, raw, w, h };
}

interface RegionStats {
  rect: Rect;
  count: number;
}

/** Tight bounding box and filled count of mask pixels inside `rect`. */
function tighten(m: Uint8Array, mw: number, rect: Rect): RegionStats | undefined {
  let x0 = rect.x1;
  let y0 = rect.y1;
  let x1 = rect.x0;
  let y1 = rect.y0;
  let count = 0;
  for (let y = rect.y0; y < rect.y1; y++) {
    for (let x = rect.x0; x < rect.x1; x++) {
      if (m[y * mw + x]) {
        count++;
        if (x < x0) x0 = x;
        if (x >= x1) x1 = x + 1;
        if (y < y0) y0 = y;
        if (y >= y1) y1 = y + 1;
      }
    }
  }
  if (!count) return undefined;
  return { rect: { x0, y0, x1, y1 }, count };
}

/**
 * Cut a hole-filled region into rectangles (two boxes of the same colour that touch form one
 * component). Recursive guillotine cuts: at each step the horizontal or vertical cut that leaves the
 * least empty bounding-box area, until every piece fills RECT_FILL of its box.
 */
function decompose(m: Uint8Array, raw: Uint8Array, mw: number, region: Rect, minSide: number, depth = 0): Rect[] {
  const st = tighten(m, mw, region);
  if (!st) return [];
  const { rect, count } = st;
  const rw = rect.x1 - rect.x0;
  const rh = rect.y1 - rect.y0;
  const area = rw * rh;
  if (depth > 12 || (rw < 2 * minSide && rh < 2 * minSide)) return [rect];
  if (count >= RECT_FILL * area) {
    // A clean rectangle may still be several touching boxes, told apart by their labels.
    let pieces = splitByLabels(raw, m, mw, rect, true);
    if (pieces.length === 1) pieces = splitByLabels(raw, m, mw, rect, false);
    if (pieces.length === 1) return [rect];
    return pieces.flatMap((p) => decompose(m, raw, mw, p, minSide, depth + 1));
  }
  // Row and column statistics for O(1) evaluation of each cut.
  const rowCount = new Int32Array(rh);
  const rowMin = new Int32Array(rh).fill(rw);
  const rowMax = new Int32Array(rh).fill(-1);
  const colCount = new Int32Array(rw);
  const colMin = new Int32Array(rw).fill(rh);
  const colMax = new Int32Array(rw).fill(-1);
  for (let y = 0; y < rh; y++) {
    for (let x = 0; x < rw; x++) {
      if (m[(rect.y0 + y) * mw + rect.x0 + x]) {
        rowCount[y]!++;
        colCount[x]!++;
        if (x < rowMin[y]!) rowMin[y] = x;
        if (x > rowMax[y]!) rowMax[y] = x;
        if (y < colMin[x]!) colMin[x] = y;
        if (y > colMax[x]!) colMax[x] = y;
      }
    }
  }
  // a cut must remove at least 40 % of the empty area
  const cut: Cut = { waste: (area - count) * 0.6, best: undefined };
  bestCut(cut, rect, count, minSide, rh, rowCount, rowMin, rowMax, true);
  bestCut(cut, rect, count, minSide, rw, colCount, colMin, colMax, false);
  const { best } = cut;
  if (!best) return [rect];
  return [...decompose(m, raw, mw, best[0], minSide, depth + 1), ...decompose(m, raw, mw, best[1], minSide, depth + 1)];
}

/** The best cut of a decomposition so far: the empty area it leaves and the two halves. */
interface Cut {
  waste: number;
  best: [Rect, Rect] | undefined;
}

/**
 * Try every cut of `rect` across rows (`horizontal`) or columns, from their counts and extents;
 * keep in `cut` one that leaves less empty area.
 */
function bestCut(cut: Cut, rect: Rect, count: number, minSide: number, n: number, cnt: Int32Array, mn: Int32Array, mx: Int32Array, horizontal: boolean): void {
  // prefix extents
  const preCount = new Int32Array(n + 1);
  const preMin = new Int32Array(n + 1);
  const preMax = new Int32Array(n + 1);
  const preLo = new Int32Array(n + 1); // first non-empty index so far (for tight span)
  preMin[0] = 1 << 30;
  preMax[0] = -1;
  preLo[0] = -1;
  for (let i = 0; i < n; i++) {
    preCount[i + 1] = preCount[i]! + cnt[i]!;
    const nonEmpty = cnt[i]! > 0;
    preMin[i + 1] = nonEmpty ? Math.min(preMin[i]!, mn[i]!) : preMin[i]!;
    preMax[i + 1] = nonEmpty ? Math.max(preMax[i]!, mx[i]!) : preMax[i]!;
    preLo[i + 1] = preLo[i]! >= 0 ? preLo[i]! : nonEmpty ? i : -1;
  }
  const sufMin = new Int32Array(n + 1);
  const sufMax = new Int32Array(n + 1);
  const sufHi = new Int32Array(n + 1);
  sufMin[n] = 1 << 30;
  sufMax[n] = -1;
  sufHi[n] = -1;
  for (let i = n - 1; i >= 0; i--) {
    const nonEmpty = cnt[i]! > 0;
    sufMin[i] = nonEmpty ? Math.min(sufMin[i + 1]!, mn[i]!) : sufMin[i + 1]!;
    sufMax[i] = nonEmpty ? Math.max(sufMax[i + 1]!, mx[i]!) : sufMax[i + 1]!;
    sufHi[i] = sufHi[i + 1]! >= 0 ? sufHi[i + 1]! : nonEmpty ? i : -1;
  }
  // last non-empty index up to i (exclusive) and first non-empty from i
  const lastBefore = new Int32Array(n + 1).fill(-1);
  for (let i = 0; i < n; i++) lastBefore[i + 1] = cnt[i]! > 0 ? i : lastBefore[i]!;
  const firstFrom = new Int32Array(n + 1).fill(-1);
  for (let i = n - 1; i >= 0; i--) firstFrom[i] = cnt[i]! > 0 ? i : firstFrom[i + 1]!;
  for (let c = Math.max(1, minSide); c <= n - Math.max(1, minSide); c++) {
    const aCount = preCount[c]!;
    const bCount = count - aCount;
    if (!aCount || !bCount) continue;
    const aLen = lastBefore[c]! - preLo[c]! + 1;
    const bLen = sufHi[c]! - firstFrom[c]! + 1;
    const aSpan = preMax[c]! - preMin[c]! + 1;
    const bSpan = sufMax[c]! - sufMin[c]! + 1;
    const wst = aLen * aSpan - aCount + (bLen * bSpan - bCount);
    if (wst < cut.waste) {
      cut.waste = wst;
      cut.best = horizontal
        ? [
            { x0: rect.x0, y0: rect.y0, x1: rect.x1, y1: rect.y0 + c },
            { x0: rect.x0, y0: rect.y0 + c, x1: rect.x1, y1: rect.y1 },
          ]
        : [
            { x0: rect.x0, y0: rect.y0, x1: rect.x0 + c, y1: rect.y1 },
            { x0: rect.x0 + c, y0: rect.y0, x1: rect.x1, y1: rect.y1 },
          ];
    }
  }
}

/**
 * Boxes of the same colour and the same extent that touch (a stack of one-line boxes in an e-mail
 * header, two boxes side by side) form one clean rectangle, but each box carries its own printed
 * label. Two label bands inside one rectangle, about as far apart as a label is tall or more (a
 * two-line label is closer; lines of a shaded paragraph are closer still), or closer but with the
 * first one centred between the rectangle's edge and the second, mean two boxes. Labels are centred in
 * their box, so the boundary is mirrored from the first label's centre about the box's first edge,
 * kept inside the gap between the labels.
 */
function splitByLabels(raw: Uint8Array, m: Uint8Array, mw: number, rect: Rect, vertical: boolean): Rect[] {
  const along0 = vertical ? rect.y0 : rect.x0;
  const along1 = vertical ? rect.y1 : rect.x1;
  const across0 = vertical ? rect.x0 : rect.y0;
  const across1 = vertical ? rect.x1 : rect.y1;
  const n = along1 - along0;
  if (n < 6) return [rect];
  const ink = new Uint8Array(n);
  let inkExtent0 = across1;
  let inkExtent1 = across0;
  for (let t = 1; t < n - 1; t++) {
    for (let a = across0 + 1; a < across1 - 1; a++) {
      const i = vertical ? (along0 + t) * mw + a : a * mw + along0 + t;
      if (m[i] && !raw[i]) {
        ink[t] = 1;
        if (a < inkExtent0) inkExtent0 = a;
        if (a + 1 > inkExtent1) inkExtent1 = a + 1;
      }
    }
  }
  // bands of ink rows (or columns), bridging one-pixel breaks (the dot of a `.`, the stem of an `i`)
  const bands: [number, number][] = [];
  for (let t = 0; t < n; t++) {
    if (!ink[t]) continue;
    const last = bands[bands.length - 1];
    if (last && t - last[1] <= (vertical ? 1 : Math.max(2, (inkExtent1 - inkExtent0) * 0.8))) last[1] = t + 1;
    else bands.push([t, t + 1]);
  }
  if (bands.length < 2) return [rect];
  // the label size: for rows, a band's height; for columns, the ink's height across
  const labelSize = vertical ? Math.max(...bands.map(([a, b]) => b - a)) : inkExtent1 - inkExtent0;
  const [first, second] = [bands[0]!, bands[1]!];
  const gap = second[0] - first[1];
  const centre = (first[0] + first[1]) / 2;
  let cut = Math.round(2 * centre);
  // Far apart (band sizes include the one-pixel ring the flat mask leaves around each glyph, hence
  // 0.75), or closer but the first label is centred in a box that ends between the two labels. A
  // two-line label centred in one box fails both: its mirrored boundary lies beyond the second line.
  const farApart = gap >= (vertical ? 0.75 * labelSize : 2 * labelSize);
  const mirroredFits = gap >= 2 && cut >= first[1] - 1 && cut <= second[0] + 1;
  if (!farApart && !mirroredFits) return [rect];
  if (bands.length === 2) {
    const centre2 = (second[0] + second[1]) / 2;
    const cut2 = Math.round(2 * centre2 - n);
    if (cut2 > first[1] && cut2 < second[0]) cut = cut > first[1] && cut < second[0] ? Math.round((cut + cut2) / 2) : cut2;
  }
  if (!(cut > first[1] && cut < second[0])) cut = Math.round((first[1] + second[0]) / 2);
  const a: Rect = vertical ? { ...rect, y1: rect.y0 + cut } : { ...rect, x1: rect.x0 + cut };
  const b: Rect = vertical ? { ...rect, y0: rect.y0 + cut } : { ...rect, x0: rect.x0 + cut };
  return [a, ...splitByLabels(raw, m, mw, b, vertical)];
}

/** The sides of a box, in the order they are refined. */
const SIDES = ['top', 'bottom', 'left', 'right'] as const;
type Side = (typeof SIDES)[number];

interface Candidate {
  /** full-resolution box, half-open */
  X0: number;
  Y0: number;
  X1: number;
  Y1: number;
  fill: [number, number, number];
  rectangularity: number;
  /** sides where the component was cut (another box of the same fill continues there): not refined */
  cut: Record<Side, boolean>;
}

/** Whether the hole-filled mask continues past a side of a rectangle (so that side is a cut). */
function continuesPast(m: Uint8Array, mw: number, mh: number, r: Rect, side: Side): boolean {
  let n = 0;
  let hit = 0;
  if (side === 'top' || side === 'bottom') {
    const y = side === 'top' ? r.y0 - 1 : r.y1;
    if (y < 0 || y >= mh) return false;
    for (let x = r.x0; x < r.x1; x++, n++) if (m[y * mw + x]) hit++;
  } else {
    const x = side === 'left' ? r.x0 - 1 : r.x1;
    if (x < 0 || x >= mw) return false;
    for (let y = r.y0; y < r.y1; y++, n++) if (m[y * mw + x]) hit++;
  }
  return n > 0 && hit >= 0.5 * n;
}

function findFilledBoxes(work: Work, full: Full, scratch: Uint8Array): RasterRedaction[] {
  const minSide = Math.max(2, Math.floor(work.mm(MIN_SIDE_MM)) - 2); // the flat mask loses one pixel per side
  const mask = flatMask(work, scratch);
  const comps = components(work, mask, minSide);
  const out: FilledBox[] = [];
  for (const c of comps) {
    const fill = dominantColour(work, c);
    // A table header cut into pieces by its own text: test the whole region, not only each piece.
    const f = work.f;
    if (c.x1 - c.x0 > 4 * minSide && sitsInTable(full, new Probe(full, work.bg, fill), c.x0 * f - f, c.y0 * f - f, c.x1 * f + f, c.y1 * f + f)) continue;
    const { m, raw, w } = filledMask(work, c, fill);
    const rects = decompose(m, raw, w, { x0: 0, y0: 0, x1: c.x1 - c.x0, y1: c.y1 - c.y0 }, minSide);
    const pieces: RegionStats[] = [];
    let total = 0;
    let explained = 0;
    for (const rect of rects) {
      const st = tighten(m, w, rect);
      if (!st) continue;
      total += st.count;
      if (st.rect.x1 - st.rect.x0 < minSide || st.rect.y1 - st.rect.y0 < minSide) continue;
      explained += st.count;
      pieces.push(st);
    }
    // Boxes, touching or not, are rectangles through and through; a letter, a logo or a chart
    // that happens to contain a rectangular stretch (the bar of an A) is mostly something else.
    if (explained < MIN_EXPLAINED * total) continue;
    for (const st of pieces) {
      const rw = st.rect.x1 - st.rect.x0;
      const rh = st.rect.y1 - st.rect.y0;
      const cand: Candidate = {
        X0: (c.x0 + st.rect.x0) * work.f,
        Y0: (c.y0 + st.rect.y0) * work.f,
        X1: (c.x0 + st.rect.x1) * work.f,
        Y1: (c.y0 + st.rect.y1) * work.f,
        fill,
        rectangularity: st.count / (rw * rh),
        cut: {
          top: continuesPast(m, w, c.y1 - c.y0, st.rect, 'top'),
          bottom: continuesPast(m, w, c.y1 - c.y0, st.rect, 'bottom'),
          left: continuesPast(m, w, c.y1 - c.y0, st.rect, 'left'),
          right: continuesPast(m, w, c.y1 - c.y0, st.rect, 'right'),
        },
      };
      const r = judgeFilled(cand, full, work.bg);
      if (r) out.push(r);
    }
  }
  return mergeFragments(out).map(({ box, style, fill, confidence }) => ({ box, style, fill, confidence }));
}

/** Share of full-resolution pixels on a horizontal or vertical segment that match the fill colour. */
function lineMatch(full: Full, fill: readonly number[], horizontal: boolean, at: number, from: number, to: number, tolerance = FILL_TOLERANCE): number {
  if (at < 0 || (horizontal ? at >= full.height : at >= full.width) || to <= from) return 0;
  const px = new Uint8Array(3);
  let hit = 0;
  let n = 0;
  const step = Math.max(1, Math.floor((to - from) / 200));
  for (let t = from; t < to; t += step) {
    if (horizontal) full.rgb(t, at, px);
    else full.rgb(at, t, px);
    n++;
    if (Math.abs(px[0]! - fill[0]!) <= tolerance && Math.abs(px[1]! - fill[1]!) <= tolerance && Math.abs(px[2]! - fill[2]!) <= tolerance) hit++;
  }
  return n ? hit / n : 0;
}

/** Pixel classes at full resolution, relative to the page background and a box's fill. */
class Probe {
  private readonly px = new Uint8Array(3);

  constructor(
    private readonly full: Full,
    private readonly bg: readonly number[],
    private readonly fill: readonly number[],
  ) {}

  isPaper(x: number, y: number): boolean {
    const { full, px, bg } = this;
    if (x < 0 || y < 0 || x >= full.width || y >= full.height) return true;
    full.rgb(x, y, px);
    return Math.abs(px[0]! - bg[0]!) <= BG_DISTANCE && Math.abs(px[1]! - bg[1]!) <= BG_DISTANCE && Math.abs(px[2]! - bg[2]!) <= BG_DISTANCE;
  }

  isFill(x: number, y: number): boolean {
    const { full, px, fill } = this;
    if (x < 0 || y < 0 || x >= full.width || y >= full.height) return false;
    full.rgb(x, y, px);
    return Math.abs(px[0]! - fill[0]!) <= FILL_TOLERANCE && Math.abs(px[1]! - fill[1]!) <= FILL_TOLERANCE && Math.abs(px[2]! - fill[2]!) <= FILL_TOLERANCE;
  }

  isInk(x: number, y: number): boolean {
    const { full, px } = this;
    if (x < 0 || y < 0 || x >= full.width || y >= full.height) return false;
    full.rgb(x, y, px);
    return Math.max(px[0]!, px[1]!, px[2]!) < INK_MAX;
  }

  isSaturated(x: number, y: number): boolean {
    const { full, px } = this;
    if (x < 0 || y < 0 || x >= full.width || y >= full.height) return false;
    full.rgb(x, y, px);
    return Math.max(px[0]!, px[1]!, px[2]!) - Math.min(px[0]!, px[1]!, px[2]!) >= COLOUR_MIN_CHROMA;
  }
}

/**
 * One sample of the ring around a box, counted into `ring` (samples, paper, clean, colour): ink
 * counts as clean when there is paper `(rx, ry)` further out.
 */
function sampleRing(ring: Int32Array, probe: Probe, x: number, y: number, rx: number, ry: number, cutSide: boolean): void {
  ring[0]!++;
  const paper = probe.isPaper(x, y);
  if (paper) ring[1]!++;
  if (paper || (cutSide && probe.isFill(x, y))) ring[2]!++;
  else if (probe.isSaturated(x, y)) ring[3]!++;
  else if (probe.isInk(x, y) && probe.isPaper(x + rx, y + ry)) ring[2]!++;
}

/**
 * Table headers and shaded cells: vertical table rules leave the box at both corners of one side
 * and run on. One rule alone is a box that merely sits against a column rule inside a table cell;
 * horizontal rules are not used, as a redacted name in an e-mail address runs straight into the
 * link's underline.
 */
function sitsInTable(full: Full, probe: Probe, X0: number, Y0: number, X1: number, Y1: number): boolean {
  const H = Y1 - Y0;
  const ruleLen = Math.round(Math.max(H, full.mm(RULE_RUN_MM)));
  const side = Math.max(3, Math.round(full.mm(0.5)));
  return (
    (runsOn(full, probe, ruleLen, side, X0, Y1 - 1, 0, 1) && runsOn(full, probe, ruleLen, side, X1 - 1, Y1 - 1, 0, 1)) ||
    (runsOn(full, probe, ruleLen, side, X0, Y0, 0, -1) && runsOn(full, probe, ruleLen, side, X1 - 1, Y0, 0, -1))
  );
}

/** Whether a thin rule of `ruleLen` pixels runs on from (x0, y0) in direction (dx, dy). */
function runsOn(full: Full, probe: Probe, ruleLen: number, side: number, x0: number, y0: number, dx: number, dy: number): boolean {
  // try the line a few pixels either side of the corner (rules sit on, just inside or just outside the edge)
  for (let o = -2; o <= 2; o++) {
    const bx = x0 + (dy ? o : 0);
    const by = y0 + (dx ? o : 0);
    let on = 0;
    let beside = 0;
    let n = 0;
    for (let t = 1; t <= ruleLen; t += 2) {
      const x = bx + dx * t;
      const y = by + dy * t;
      if (x < 0 || y < 0 || x >= full.width || y >= full.height) break;
      n++;
      if (!probe.isPaper(x, y)) on++;
      // a thin rule has paper on both sides (a touching box below, a photo or a picture does not)
      if (probe.isPaper(x + dy * side, y + dx * side) && probe.isPaper(x - dy * side, y - dx * side)) beside++;
    }
    if (n >= ruleLen / 2 - 1 && on >= 0.9 * n && beside >= 0.8 * n) return true;
  }
  return false;
}


interface FilledBox extends RasterRedaction {
  labelled: boolean;
  rgb: readonly number[];
}

/**
 * Grow one edge of `e` while the next line outside is still mostly fill colour, then shrink it
 * while the edge line is not, each by at most `reach` lines.
 */
function refineEdge(e: { X0: number; Y0: number; X1: number; Y1: number }, edge: Side, full: Full, fill: readonly number[], reach: number): void {
  for (let step = 0; step < reach; step++) {
    const ok =
      edge === 'top'
        ? lineMatch(full, fill, true, e.Y0 - 1, e.X0, e.X1) >= 0.5
        : edge === 'bottom'
          ? lineMatch(full, fill, true, e.Y1, e.X0, e.X1) >= 0.5
          : edge === 'left'
            ? lineMatch(full, fill, false, e.X0 - 1, e.Y0, e.Y1) >= 0.5
            : lineMatch(full, fill, false, e.X1, e.Y0, e.Y1) >= 0.5;
    if (!ok) break;
    if (edge === 'top') e.Y0--;
    else if (edge === 'bottom') e.Y1++;
    else if (edge === 'left') e.X0--;
    else e.X1++;
  }
  for (let step = 0; step < reach; step++) {
    const ok =
      edge === 'top'
        ? lineMatch(full, fill, true, e.Y0, e.X0, e.X1) < 0.5
        : edge === 'bottom'
          ? lineMatch(full, fill, true, e.Y1 - 1, e.X0, e.X1) < 0.5
          : edge === 'left'
            ? lineMatch(full, fill, false, e.X0, e.Y0, e.Y1) < 0.5
            : lineMatch(full, fill, false, e.X1 - 1, e.Y0, e.Y1) < 0.5;
    if (!ok || e.Y1 - e.Y0 < 3 || e.X1 - e.X0 < 3) break;
    if (edge === 'top') e.Y0++;
    else if (edge === 'bottom') e.Y1--;
    else if (edge === 'left') e.X0++;
    else e.X1--;
  }
}

/** Refine a candidate's edges at full resolution, measure it and decide whether it is a redaction box. */
function judgeFilled(c: Candidate, full: Full, bg: readonly number[]): FilledBox | undefined {
  let { X0, Y0, X1, Y1 } = c;

  const fill = c.fill;
  // Grow each edge while the next line outside is still mostly fill colour (the flat mask lost the
  // edge pixels, the working image is coarser); shrink while the edge line is not.
  const reach = Math.ceil(full.mm(REFINE_REACH_MM)) + 2;
  const e = { X0, Y0, X1, Y1 };
  // a side where the component was cut is a boundary between two boxes: it stays where the cut put it
  for (const edge of SIDES) if (!c.cut[edge]) refineEdge(e, edge, full, fill, reach);
  ({ X0, Y0, X1, Y1 } = e);
  const W = X1 - X0;
  const H = Y1 - Y0;
  const pxPerMm = full.mm(1);
  const wMm = W / pxPerMm;
  const hMm = H / pxPerMm;

  const [fr, fg, fb] = fill;
  const lum = (fr * 77 + fg * 150 + fb * 29) / 256;
  const chroma = Math.max(fr, fg, fb) - Math.min(fr, fg, fb);
  const style: RasterRedactionStyle = chroma >= COLOUR_MIN_CHROMA ? 'colour' : lum <= BLACK_MAX_LUMA ? 'black' : 'grey';

  // Size and shape.
  if (wMm < MIN_SIDE_MM || hMm < MIN_SIDE_MM) return undefined;
  if (style !== 'grey' && (hMm < MIN_SOLID_HEIGHT_MM || wMm < MIN_SOLID_WIDTH_MM)) return undefined;
  if (style !== 'grey' && wMm < ICON_MAX_MM && hMm < ICON_MAX_MM && wMm < ICON_MIN_ASPECT * hMm) return undefined;
  if (wMm < RULE_MAX_WIDTH_MM && hMm > RULE_ASPECT * wMm) return undefined;
  if (W > MAX_PAGE_SHARE * full.width || H > MAX_PAGE_SHARE * full.height) return undefined;
  // Bars along the image edge are scan borders or bleed, not boxes on the page.
  if (X0 <= 0 || Y0 <= 0 || X1 >= full.width || Y1 >= full.height) return undefined;
  // Horizontal rules and bars: thin and long.
  if (hMm < THIN_BAR_MM && wMm > THIN_BAR_ASPECT * hMm) return undefined;

  const probe = new Probe(full, bg, fill);

  // Surroundings: a box laid over a page has paper, text and rules (or a touching box of the same
  // fill) around it; a flat patch inside a photo, a logo or a chart has the picture's mid-tones.
  const ringGap = Math.max(2, Math.round(full.mm(RING_GAP_MM)));
  // Ink counts as clean when it is thin, i.e. there is paper a little further out: a glyph or a
  // rule touching the box. Dark areas of a photo stay dark further out.
  const beyond = ringGap + Math.round(full.mm(INK_REACH_MM));
  // Fill colour counts only along a side where the component was cut (a touching box of the same
  // fill); elsewhere a box ends in a clear edge, while a patch of a photo fades into similar tones.
  const ring = new Int32Array(4);
  const inkReach = beyond - ringGap;
  const stepX = Math.max(1, Math.floor(W / 40));
  const stepY = Math.max(1, Math.floor(H / 40));
  for (let x = X0; x < X1; x += stepX) {
    sampleRing(ring, probe, x, Y0 - ringGap, 0, -inkReach, c.cut.top);
    sampleRing(ring, probe, x, Y1 - 1 + ringGap, 0, inkReach, c.cut.bottom);
  }
  for (let y = Y0; y < Y1; y += stepY) {
    sampleRing(ring, probe, X0 - ringGap, y, -inkReach, 0, c.cut.left);
    sampleRing(ring, probe, X1 - 1 + ringGap, y, inkReach, 0, c.cut.right);
  }
  const ringN = ring[0]!;
  const ringPaper = ring[1]!;
  const ringClean = ring[2]!;
  const ringColour = ring[3]!;
  const clean = ringClean / ringN;
  const large = wMm >= LARGE_BOX_MM && hMm >= LARGE_BOX_MM;
  const small = wMm < SMALL_BOX_MM && hMm < SMALL_BOX_MM;
  if (!large && clean < (small ? MIN_CLEAN_SURROUND_SMALL : MIN_CLEAN_SURROUND)) return undefined;
  if (style === 'colour' && (ringColour / ringN > MAX_COLOUR_SURROUND || ringPaper / ringN < MIN_COLOUR_PAPER)) return undefined;

  // Corners: a box has square corners; icons, buttons, bullets and logo shapes are rounded.
  const cs = Math.max(2, Math.round(Math.min(full.mm(CORNER_MM), W / 4, H / 4)));
  let cornerFill = 0;
  for (const [cx, cy, sx, sy] of [
    [X0, Y0, 1, 1],
    [X1 - 1, Y0, -1, 1],
    [X0, Y1 - 1, 1, -1],
    [X1 - 1, Y1 - 1, -1, -1],
  ] as const) {
    let hit = 0;
    for (let dy = 0; dy < cs; dy++) for (let dx = 0; dx < cs; dx++) if (probe.isFill(cx + sx * dx, cy + sy * dy)) hit++;
    if (hit >= 0.5 * cs * cs) cornerFill++;
  }
  if (cornerFill < 3) return undefined;

  if (sitsInTable(full, probe, X0, Y0, X1, Y1)) return undefined;

  // Uniformity: share of fill-coloured pixels; the rest is the label (or text, for a shaded header).
  const rows = Math.min(H, 60);
  let match = 0;
  let tight = 0;
  let loose = 0;
  for (let k = 0; k < rows; k++) {
    const y = Y0 + Math.floor(((k + 0.5) * H) / rows);
    match += lineMatch(full, fill, true, y, X0, X1);
    // one pixel in from the sides, past anti-aliased edge pixels
    if (y > Y0 && y < Y1 - 1) {
      tight += lineMatch(full, fill, true, y, X0 + 1, X1 - 1, TIGHT_TOLERANCE);
      loose += lineMatch(full, fill, true, y, X0 + 1, X1 - 1);
    }
  }
  const uniformity = match / rows;
  if (uniformity < MIN_UNIFORMITY) return undefined;
  // Flatness: a box is one colour, a smooth patch of a photo or a halftone only roughly so.
  if (tight < MIN_FLATNESS * loose) return undefined;
  // Edges: a box has straight, sharp edges: the line just inside is fill, the line just outside is
  // not (except where another box of the same fill touches, i.e. along a cut). A flat patch of a
  // photo fades out over a few pixels instead.
  const out2 = Math.max(2, Math.round(full.mm(EDGE_OUTSIDE_MM)));
  const sides = [
    [c.cut.top, lineMatch(full, fill, true, Y0, X0, X1), lineMatch(full, fill, true, Y0 - out2, X0, X1)],
    [c.cut.bottom, lineMatch(full, fill, true, Y1 - 1, X0, X1), lineMatch(full, fill, true, Y1 - 1 + out2, X0, X1)],
    [c.cut.left, lineMatch(full, fill, false, X0, Y0, Y1), lineMatch(full, fill, false, X0 - out2, Y0, Y1)],
    [c.cut.right, lineMatch(full, fill, false, X1 - 1, Y0, Y1), lineMatch(full, fill, false, X1 - 1 + out2, Y0, Y1)],
  ] as const;
  let contrast = 0;
  let open = 0;
  for (const [cut, inside, outside] of sides) {
    if (cut) continue;
    contrast += inside - outside;
    open++;
  }
  const edge = open ? clamp01(contrast / open) : 1;
  if (edge < MIN_EDGE_CONTRAST) return undefined;
  const confidence = clamp01(0.25 * c.rectangularity + 0.35 * uniformity + 0.4 * edge);
  // Anything but fill well inside the edges is a printed label (or, for a fragment, nothing).
  let inner = 0;
  let innerRows = 0;
  const inset = Math.max(2, Math.round(full.mm(0.3)));
  for (let k = 0; k < rows; k++) {
    const y = Y0 + inset + Math.floor(((k + 0.5) * (H - 2 * inset)) / rows);
    if (y >= Y1 - inset) continue;
    inner += lineMatch(full, fill, true, y, X0 + inset, X1 - inset);
    innerRows++;
  }
  // (JPEG noise stays within FILL_TOLERANCE; a label of a few characters is over 1 % of a box)
  const labelled = innerRows > 0 && inner / innerRows < LABEL_MAX_UNIFORMITY;
  // A piece cut out on three or four sides without a label of its own is a scrap of an irregular
  // flat region (a wall or the sky in a photo); touching boxes meet at one or two sides, or carry
  // their own label when packed tighter (an e-mail header).
  if (+c.cut.top + +c.cut.bottom + +c.cut.left + +c.cut.right >= 3 && !labelled) return undefined;
  return { box: { x: X0, y: Y0, width: W, height: H }, style, fill: hex(fr, fg, fb), confidence, labelled, rgb: fill };
}

/** The box two fragments make together, if they are one box (see `mergeFragments`). */
function mergeable(a: FilledBox, b: FilledBox): Box | undefined {
  const A = a.box;
  const B = b.box;
  // touching or overlapping (2 px slack for anti-aliased edges); cheapest test first
  const ix = Math.min(A.x + A.width, B.x + B.width) - Math.max(A.x, B.x);
  const iy = Math.min(A.y + A.height, B.y + B.height) - Math.max(A.y, B.y);
  if (ix < -2 || iy < -2) return undefined;
  if (a.style !== b.style || (a.labelled && b.labelled)) return undefined;
  for (let k = 0; k < 3; k++) if (Math.abs(a.rgb[k]! - b.rgb[k]!) > FILL_TOLERANCE) return undefined;
  const x0 = Math.min(A.x, B.x);
  const y0 = Math.min(A.y, B.y);
  const x1 = Math.max(A.x + A.width, B.x + B.width);
  const y1 = Math.max(A.y + A.height, B.y + B.height);
  const covered = A.width * A.height + B.width * B.height - Math.max(0, ix) * Math.max(0, iy);
  if (covered < MERGE_FILL * (x1 - x0) * (y1 - y0)) return undefined;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Join fragments of one box. Cutting a component into rectangles also cuts a box that leaks into
 * a flat neighbour (the grey background of the photo it covers) into strips; two touching results
 * of the same fill whose union is a rectangle are one box, unless each carries its own label
 * (a stack of labelled boxes is several boxes).
 */
function mergeFragments(found: FilledBox[]): FilledBox[] {
  const out = [...found];
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!;
        const b = out[j]!;
        const box = mergeable(a, b);
        if (!box) continue;
        out[i] = { ...a, box, confidence: Math.max(a.confidence, b.confidence), labelled: a.labelled || b.labelled };
        out.splice(j, 1);
        j = i; // the grown box may now join earlier ones too
        changed = true;
      }
    }
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------
 * Bordered boxes
 * ---------------------------------------------------------------------------------------------- */

/** @internal A line piece found in a mask (exported for tests). */
export interface Segment {
  /** position across the line (row for horizontal, column for vertical), centre */
  at: number;
  /** thickness range */
  a0: number;
  a1: number;
  /** extent along the line, half-open */
  s: number;
  e: number;
}

/**
 * The runs of a mask at least `minLen` long, per line: run `k` of line `y` is `[s[k], e[k])` for
 * `first[y] <= k < first[y + 1]`, in order along the line.
 */
interface LineRuns {
  first: Int32Array;
  s: Int32Array;
  e: Int32Array;
}

/**
 * @internal Line segments in a row-major `w` × `h` 0/1 mask: along its rows, or with `vertical`
 * along its columns (then `at`, `a0`, `a1` are x and `s`, `e` are y). Runs shorter than `minLen`
 * are ignored; gaps up to `gap` pixels are bridged (scanned lines break up); runs in adjacent
 * rows that overlap by most of their length merge into one thick line, and lines thicker than
 * `maxThick` (filled bars) are dropped.
 */
export function segments(mask: Uint8Array, w: number, h: number, minLen: number, gap: number, maxThick: number, vertical: boolean): Segment[] {
  const runs = vertical ? columnRuns(mask, w, h, minLen, gap) : rowRuns(mask, w, h, minLen, gap);
  const lines = vertical ? w : h;
  let open: Segment[] = [];
  const done: Segment[] = [];
  for (let y = 0; y < lines; y++) {
    const next: Segment[] = [];
    for (let k = runs.first[y]!, end = runs.first[y + 1]!; k < end; k++) {
      const s = runs.s[k]!;
      const e = runs.e[k]!;
      let merged: Segment | undefined;
      for (const o of open) {
        const ov = Math.min(o.e, e) - Math.max(o.s, s);
        if (ov > 0.7 * Math.min(o.e - o.s, e - s)) {
          merged = o;
          break;
        }
      }
      if (merged) {
        merged.a1 = y + 1;
        merged.s = Math.min(merged.s, s);
        merged.e = Math.max(merged.e, e);
        if (!next.includes(merged)) next.push(merged);
      } else next.push({ at: y, a0: y, a1: y + 1, s, e });
    }
    for (const o of open) if (!next.includes(o)) done.push(o);
    open = next;
  }
  done.push(...open);
  const out: Segment[] = [];
  for (const sgm of done) {
    if (sgm.a1 - sgm.a0 > maxThick) continue;
    sgm.at = (sgm.a0 + sgm.a1 - 1) / 2;
    out.push(sgm);
  }
  return out;
}

/**
 * Set pixels at most `gap` apart (at most `gap - 1` clear ones between) are one run. The clear
 * stretches are skipped with `indexOf`, which finds the next set pixel wherever it is: rows
 * before it are empty (searching each row anew would scan the empty rest of the mask per row).
 */
function rowRuns(mask: Uint8Array, w: number, h: number, minLen: number, gap: number): LineRuns {
  const first = new Int32Array(h + 1);
  const starts: number[] = [];
  const ends: number[] = [];
  let next = mask.indexOf(1);
  for (let y = 0; y < h; y++) {
    first[y] = starts.length;
    const base = y * w;
    const rowEnd = base + w;
    while (next >= 0 && next < rowEnd) {
      const k = next;
      let e = k + 1;
      for (let x = k + 1; x < rowEnd && x - e < gap; x++) if (mask[x]) e = x + 1;
      if (e - k >= minLen) {
        starts.push(k - base);
        ends.push(e - base);
      }
      next = mask.indexOf(1, e);
    }
  }
  first[h] = starts.length;
  return { first, s: Int32Array.from(starts), e: Int32Array.from(ends) };
}

/**
 * `rowRuns` down the columns, read row by row (a column read in place touches a new cache line
 * at every pixel): each column keeps its open run, and a run is closed when its column's next
 * set pixel is more than `gap` rows on, or at the bottom. The runs are then ordered by column
 * (a counting sort, stable: each column's runs stay in order).
 */
function columnRuns(mask: Uint8Array, w: number, h: number, minLen: number, gap: number): LineRuns {
  const runStart = new Int32Array(w).fill(-1);
  const lastSet = new Int32Array(w);
  const cols: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let y = 0, base = 0; y < h; y++, base += w) {
    for (let c = 0; c < w; c++) {
      if (!mask[base + c]) continue;
      const open = runStart[c]!;
      if (open >= 0 && y - lastSet[c]! <= gap) {
        lastSet[c] = y;
        continue;
      }
      if (open >= 0 && lastSet[c]! + 1 - open >= minLen) {
        cols.push(c);
        starts.push(open);
        ends.push(lastSet[c]! + 1);
      }
      runStart[c] = y;
      lastSet[c] = y;
    }
  }
  for (let c = 0; c < w; c++) {
    const open = runStart[c]!;
    if (open >= 0 && lastSet[c]! + 1 - open >= minLen) {
      cols.push(c);
      starts.push(open);
      ends.push(lastSet[c]! + 1);
    }
  }
  const first = new Int32Array(w + 1);
  for (const c of cols) first[c + 1]!++;
  for (let c = 0; c < w; c++) first[c + 1]! += first[c]!;
  const at = first.slice(0, w);
  const s = new Int32Array(cols.length);
  const e = new Int32Array(cols.length);
  for (let i = 0; i < cols.length; i++) {
    const k = at[cols[i]!]!++;
    s[k] = starts[i]!;
    e[k] = ends[i]!;
  }
  return { first, s, e };
}

/** (made once: a closure made per call loses its optimised code at every full collection) */
const byAt = (a: Segment, b: Segment): number => a.at - b.at;

function findBorderedBoxes(work: Work, full: Full, scratch: Uint8Array): RasterRedaction[] {
  const { w, h, luma, bgLuma } = work;
  const dark = scratch;
  const limit = bgLuma - LINE_DARKNESS;
  for (let i = 0; i < w * h; i++) dark[i] = luma[i]! < limit ? 1 : 0;
  const minW = Math.round(work.mm(BORDER_MIN_WIDTH_MM));
  const minH = Math.round(work.mm(BORDER_MIN_HEIGHT_MM));
  const maxThick = Math.max(2, Math.round(work.mm(LINE_MAX_THICK_MM)));
  const tol = Math.max(2, Math.round(work.mm(CORNER_TOLERANCE_MM)));
  const gap = Math.max(1, Math.round(work.mm(0.5)));
  const hs = segments(dark, w, h, minW, gap, maxThick, false);
  const vs = segments(dark, w, h, Math.round(minH * 0.8), gap, maxThick, true);
  vs.sort(byAt);

  const out: RasterRedaction[] = [];
  const seen: Rect[] = [];
  for (const top of hs) {
    for (const bottom of hs) {
      const height = bottom.at - top.at;
      if (height < minH || height > h * 0.6) continue;
      // overlap of the two horizontal lines is where the box can be
      const s = Math.max(top.s, bottom.s);
      const e = Math.min(top.e, bottom.e);
      if (e - s < minW) continue;
      // left edge: a vertical segment spanning top..bottom near a point where both lines exist
      // (plain loops: closures made per pair of lines lose their optimised code at every full collection)
      for (const left of vs) {
        if (!(left.at >= s - tol && left.at <= e - minW + tol && spansBetween(left, top, bottom, tol, height))) continue;
        let right: Segment | undefined;
        for (const v of vs) {
          if (v.at >= left.at + minW && v.at <= e + tol && spansBetween(v, top, bottom, tol, height)) {
            right = v;
            break;
          }
        }
        if (!right) continue;
        const rect: Rect = { x0: left.a0, y0: top.a0, x1: right.a1, y1: bottom.a1 };
        if (nearOneOf(seen, rect, tol)) continue;
        const judged = judgeBordered(work, full, dark, rect, top, bottom, left, right);
        if (judged) {
          seen.push(rect);
          out.push(judged);
        }
        break; // the nearest valid left edge for this pair; nested boxes come from other line pairs
      }
    }
  }
  return out;
}

/** Whether vertical segment `v` spans from line `top` to line `bottom`, `height` apart. */
function spansBetween(v: Segment, top: Segment, bottom: Segment, tol: number, height: number): boolean {
  return v.s <= top.a0 + tol && v.e >= bottom.a1 - tol && v.e - v.s >= 0.85 * height && v.e - v.s <= height + 3 * tol;
}

/** Whether `rect` is within `tol` of one of `rects` on every side. */
function nearOneOf(rects: readonly Rect[], rect: Rect, tol: number): boolean {
  for (const o of rects) {
    if (Math.abs(o.x0 - rect.x0) <= tol && Math.abs(o.y0 - rect.y0) <= tol && Math.abs(o.x1 - rect.x1) <= tol && Math.abs(o.y1 - rect.y1) <= tol) return true;
  }
  return false;
}

/** Share of positions `s..e` along a line (rows `a0..a1` across) with a dark pixel. */
function coverage(dark: Uint8Array, w: number, horizontal: boolean, a0: number, a1: number, s: number, e: number): number {
  let hit = 0;
  for (let t = s; t < e; t++) {
    let any = false;
    for (let a = a0; a < a1 && !any; a++) any = horizontal ? dark[a * w + t] === 1 : dark[t * w + a] === 1;
    if (any) hit++;
  }
  return e > s ? hit / (e - s) : 0;
}

function judgeBordered(
  work: Work,
  full: Full,
  dark: Uint8Array,
  rect: Rect,
  top: Segment,
  bottom: Segment,
  left: Segment,
  right: Segment,
): RasterRedaction | undefined {
  const { w, h } = work;
  if (rect.x0 <= 0 || rect.y0 <= 0 || rect.x1 >= w || rect.y1 >= h) return undefined;
  if (rect.x1 - rect.x0 > MAX_PAGE_SHARE * w) return undefined;
  const covTop = coverage(dark, w, true, top.a0, top.a1, rect.x0, rect.x1);
  const covBottom = coverage(dark, w, true, bottom.a0, bottom.a1, rect.x0, rect.x1);
  const covLeft = coverage(dark, w, false, left.a0, left.a1, rect.y0, rect.y1);
  const covRight = coverage(dark, w, false, right.a0, right.a1, rect.y0, rect.y1);
  const minCov = Math.min(covTop, covBottom, covLeft, covRight);
  if (minCov < BORDER_EDGE_COVERAGE) return undefined;

  // Lines that run on past the corners belong to a table grid (cells share their rules).
  const ext = Math.round(work.mm(EXTENSION_MM));
  let extendedEdges = 0;
  if (top.s < rect.x0 - ext || top.e > rect.x1 + ext) extendedEdges++;
  if (bottom.s < rect.x0 - ext || bottom.e > rect.x1 + ext) extendedEdges++;
  if (left.s < rect.y0 - ext || left.e > rect.y1 + ext) extendedEdges++;
  if (right.s < rect.y0 - ext || right.e > rect.y1 + ext) extendedEdges++;
  if (extendedEdges >= 2) return undefined;

  // Inside: paper, except one short label line.
  const ix0 = left.a1 + 1;
  const ix1 = right.a0 - 1;
  const iy0 = top.a1 + 1;
  const iy1 = bottom.a0 - 1;
  if (ix1 - ix0 < 2 || iy1 - iy0 < 2) return undefined;
  let inkX0 = ix1;
  let inkX1 = ix0;
  let inkY0 = iy1;
  let inkY1 = iy0;
  let ink = 0;
  let lumSum = 0;
  for (let y = iy0; y < iy1; y++) {
    for (let x = ix0; x < ix1; x++) {
      const i = y * w + x;
      lumSum += work.luma[i]!;
      if (dark[i]) {
        ink++;
        if (x < inkX0) inkX0 = x;
        if (x + 1 > inkX1) inkX1 = x + 1;
        if (y < inkY0) inkY0 = y;
        if (y + 1 > inkY1) inkY1 = y + 1;
      }
    }
  }
  const interior = (ix1 - ix0) * (iy1 - iy0);
  // A filled box with an outline is the fill detector's; a photo or shading is not an empty box.
  if (lumSum / interior < work.bgLuma - 40) return undefined;
  let labelShare = 0;
  if (ink > 0) {
    const inkH = inkY1 - inkY0;
    const inkW = inkX1 - inkX0;
    if (inkH > work.mm(BORDER_LABEL_MAX_HEIGHT_MM) || inkW > work.mm(BORDER_LABEL_MAX_WIDTH_MM)) return undefined;
    if (ink / interior > 0.25) return undefined;
    labelShare = (inkW * inkH) / interior;
  }
  // Outline colour from the full-resolution pixels on the top edge.
  const px = new Uint8Array(3);
  let dr = 0;
  let dg = 0;
  let db = 0;
  let dn = 0;
  const fy = Math.min(full.height - 1, Math.round(top.at * work.f + (work.f - 1) / 2));
  for (let x = rect.x0 * work.f; x < rect.x1 * work.f; x += 3) {
    full.rgb(Math.min(full.width - 1, x), fy, px);
    const l = (px[0]! * 77 + px[1]! * 150 + px[2]! * 29) >> 8;
    if (l < work.bgLuma - LINE_DARKNESS) {
      dr += px[0]!;
      dg += px[1]!;
      db += px[2]!;
      dn++;
    }
  }
  const fill = dn ? hex(dr / dn, dg / dn, db / dn) : '#000000';
  const confidence = clamp01(0.55 + 0.45 * ((minCov - BORDER_EDGE_COVERAGE) / (1 - BORDER_EDGE_COVERAGE)) - 0.2 * labelShare - 0.1 * extendedEdges);
  const f = work.f;
  return {
    box: { x: rect.x0 * f, y: rect.y0 * f, width: (rect.x1 - rect.x0) * f, height: (rect.y1 - rect.y0) * f },
    style: 'border',
    fill,
    confidence,
  };
}
