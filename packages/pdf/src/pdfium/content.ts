/**
 * A page's content as PDFium sees it, in the shape `walkOperators` gives for
 * pdf.js (`PageContent`: glyphs, filled shapes, images on the displayed page,
 * points, origin top-left, /Rotate applied), plus the page's annotations in
 * the shape `findAnnotationRedactions` reads.
 *
 * Paint order: PDFium's page object list is the content stream's paint order;
 * one running counter over it (depth first into form XObjects, the form itself
 * first) gives `op`, so text, shapes and images compare as pdf.js operator
 * indices do (the numbers differ, the order is the same).
 *
 * Glyphs come from PDFium's text page (`FPDFText_*`), one per character,
 * without the characters PDFium generates (spaces and line breaks it infers
 * between words and lines: pdf.js lists painted glyphs only). A glyph whose
 * ToUnicode maps to several characters (ligatures) comes out of PDFium as several
 * characters with one box; they are merged back into one glyph as in pdf.js.
 * The box is the advance along the baseline, the font's ascent to descent
 * across it, under the char's matrix: the construction of pdf.js' glyph box,
 * with the ascent and descent taken where pdf.js takes them (`pdfjsFontMetrics`).
 *
 * Annotations: the appearance streams of /Redact and /Square annotations (the
 * ones `findAnnotationRedactions` reads) are walked as pdf.js paints them, their
 * shapes and glyphs tagged with the annotation id (`paintAppearance`). Blend
 * modes: PDFium does not name them; a shape painted with one that is not Normal
 * gets `NOT_NORMAL_BLEND` (`blendOf`). Vertical writing: PDFium does not tell it,
 * every glyph is horizontal.
 */
import { multiply, transformRect, type Matrix, type Rect } from '../geometry.js';
import { normaliseFontMetrics, PathOutline, type FilledShape, type Glyph, type PageContent, type PaintedImage } from '../operators.js';
import type { AnnotationLike } from '../redactions.js';
import { PdfiumError, pdfiumInternals, pdfiumPageInternals, type PdfiumDocument, type PdfiumDocumentInternals, type PdfiumLibrary } from './pdfium.js';
import { decodeJpeg, filterName, PAGE_IMAGE_PIXELS, pdfiumJpegSource } from './jpeg.js';
import { decodeJpx, jpxReducePower, pdfiumJpxSource } from './jpx.js';

/** An annotation with what `findAnnotationRedactions` reads (as pdf.js' `getAnnotations` gives it). */
export interface PdfiumAnnotation extends AnnotationLike {
  /** `<object number>R`, as pdf.js names annotations. */
  id: string;
  /** Subtype name without the slash (`Square`, `Redact`, `Link`…), `Unknown` when PDFium has no name for it. */
  subtype: string;
  /** `[x0, y0, x1, y1]` in PDF user space. */
  rect: [number, number, number, number];
  /** `/C` as 0–255 RGB, or null. */
  color: Uint8ClampedArray | null;
  /** `/IC` (interior colour) as 0–255 RGB, or null. */
  interiorColor: Uint8ClampedArray | null;
  contentsObj: { str: string };
}

/** A page read with PDFium. */
export interface PdfiumPage {
  /** Displayed size in points (after /Rotate), as pdf.js' viewport at scale 1. */
  width: number;
  height: number;
  /** /Rotate, 0, 90, 180 or 270. */
  rotation: number;
  /** PDF user space → displayed page (pdf.js `viewport.transform` at scale 1). */
  viewport: Matrix;
  content: PageContent;
  annotations: PdfiumAnnotation[];
}

/** Options of `pdfiumPageContent`. */
export interface PdfiumPageOptions {
  /** Glyph box: `loose` (advance × em, default, closest to pdf.js) or `tight` (the glyph's ink). */
  charBox?: 'loose' | 'tight';
  /** Read annotations (default true). */
  annotations?: boolean;
}

// FPDF_PAGEOBJ_* types.
const OBJ_TEXT = 1;
const OBJ_PATH = 2;
const OBJ_IMAGE = 3;
const OBJ_FORM = 5;
// FPDF_SEGMENT_* types.
const SEG_LINETO = 0;
const SEG_MOVETO = 2;

/**
 * The `blend` of a shape painted with a blend mode other than Normal (or a soft mask):
 * PDFium says that there is one, not which (pdf.js names it: `multiply`, `screen`…).
 */
export const NOT_NORMAL_BLEND = 'not-normal';

/** Scratch layout (bytes from `lib.scratch`). */
const S_RECT = 0; // FS_RECTF or 4 doubles
const S_MATRIX = 32; // FS_MATRIX, 6 floats
const S_COLOR = 64; // 4 unsigned ints
const S_PAIR = 80; // 2 ints
const S_WIDTH = 88; // 1 float: a glyph's advance, a font's ascent or descent
const S_META = 96; // FPDF_IMAGEOBJ_METADATA, 28 bytes
const S_KEY = 160; // a NUL-terminated key for FPDFAnnot_GetStringValue
const S_KEY2 = 224; // a short NUL-terminated key for FPDFAnnot_HasKey
const S_FILTER = S_KEY; // an image filter's name (never in use together with a key)

/**
 * The pdf.js viewport transform at scale 1 for a view box (PDF user space)
 * and a rotation (see pdf.js `PageViewport`; /UserUnit is ignored).
 */
export function viewportTransform(view: Rect, rotation: number): { transform: Matrix; width: number; height: number } {
  const cx = (view.x0 + view.x1) / 2;
  const cy = (view.y0 + view.y1) / 2;
  let a: number, b: number, c: number, d: number;
  switch (rotation) {
    case 90:
      [a, b, c, d] = [0, 1, 1, 0];
      break;
    case 180:
      [a, b, c, d] = [-1, 0, 0, 1];
      break;
    case 270:
      [a, b, c, d] = [0, -1, -1, 0];
      break;
    default:
      [a, b, c, d] = [1, 0, 0, -1];
  }
  let ox: number, oy: number, width: number, height: number;
  if (a === 0) {
    ox = Math.abs(cy - view.y0);
    oy = Math.abs(cx - view.x0);
    width = view.y1 - view.y0;
    height = view.x1 - view.x0;
  } else {
    ox = Math.abs(cx - view.x0);
    oy = Math.abs(cy - view.y0);
    width = view.x1 - view.x0;
    height = view.y1 - view.y0;
  }
  return { transform: [a, b, c, d, ox - a * cx - c * cy, oy - b * cx - d * cy], width, height };
}

/** What the object walk records of a text object. */
interface TextObjectInfo {
  op: number;
  invisible: boolean;
}

/** Loads page `pageIndex` (0-based), runs `work`, closes the page whatever happens. */
function withPage<T>(lib: PdfiumLibrary, doc: number, pageIndex: number, work: (page: number) => T): T {
  const page = lib.fn.FPDF_LoadPage(doc, pageIndex);
  if (!page) throw new PdfiumError('PDF_CORRUPT', `PDFium could not load page ${pageIndex + 1}`);
  try {
    return work(page);
  } finally {
    lib.fn.FPDF_ClosePage(page);
  }
}

function readMatrix(lib: PdfiumLibrary, obj: number): Matrix {
  const S = lib.scratch + S_MATRIX;
  if (!lib.fn.FPDFPageObj_GetMatrix(obj, S)) return [1, 0, 0, 1, 0, 0];
  return matrixAt(lib, S);
}

/** The FS_MATRIX (6 floats) at `at`. */
function matrixAt(lib: PdfiumLibrary, at: number): Matrix {
  const f = lib.f32();
  const k = at >>> 2;
  return [f[k]!, f[k + 1]!, f[k + 2]!, f[k + 3]!, f[k + 4]!, f[k + 5]!];
}

function hex(r: number, g: number, b: number): string {
  return `#${((1 << 24) | ((r & 255) << 16) | ((g & 255) << 8) | (b & 255)).toString(16).slice(1)}`;
}

/** Fill colour `#rrggbb` and alpha (0–1) of a page object, or null. */
function objectFill(lib: PdfiumLibrary, obj: number): { fill: string | null; alpha: number } {
  const S = lib.scratch + S_COLOR;
  if (!lib.fn.FPDFPageObj_GetFillColor(obj, S, S + 4, S + 8, S + 12)) return { fill: null, alpha: 1 };
  const u = lib.u32();
  const k = S >>> 2;
  return { fill: hex(u[k]!, u[k + 1]!, u[k + 2]!), alpha: u[k + 3]! / 255 };
}

/**
 * Reads one page: size, rotation, glyphs, filled shapes, images and
 * annotations. Throws a `PdfiumError` (`PDF_CORRUPT`) when the page cannot be loaded.
 */
export function pdfiumPageContent(handle: PdfiumDocument, pageIndex: number, options: PdfiumPageOptions = {}): PdfiumPage {
  const internals = pdfiumPageInternals(handle);
  return withPage(internals.lib, internals.doc, pageIndex, (page) => readPageContent(internals, page, options));
}

/**
 * The content of a loaded page. (A module function: the body of a closure made per page lost its
 * optimised code at every full collection and was compiled again.)
 */
function readPageContent(internals: PdfiumDocumentInternals, page: number, options: PdfiumPageOptions): PdfiumPage {
  const { lib } = internals;
  const { fn } = lib;
  const S = lib.scratch;
  // The page's view box: media box ∩ crop box, as pdf.js' `page.view`.
  let view: Rect;
  if (fn.FPDF_GetPageBoundingBox(page, S + S_RECT)) {
    const f = lib.f32();
    const k = (S + S_RECT) >>> 2;
    const left = f[k]!, top = f[k + 1]!, right = f[k + 2]!, bottom = f[k + 3]!;
    view = { x0: Math.min(left, right), y0: Math.min(top, bottom), x1: Math.max(left, right), y1: Math.max(top, bottom) };
  } else {
    view = { x0: 0, y0: 0, x1: 612, y1: 792 };
  }
  const quarter = fn.FPDFPage_GetRotation(page);
  const rotation = quarter >= 0 && quarter <= 3 ? quarter * 90 : 0;
  const { transform: base, width, height } = viewportTransform(view, rotation);

  const shapes: FilledShape[] = [];
  const images: PaintedImage[] = [];
  const textObjects = new Map<number, TextObjectInfo>();
  let op = 0;
  /** The annotation whose appearance is being walked, else null (the page's own objects). */
  let tag: string | null = null;

  const visit = (obj: number, container: Matrix, path: string): void => {
    const index = op++;
    const type = fn.FPDFPageObj_GetType(obj);
    if (type === OBJ_TEXT) {
      const mode = fn.FPDFTextObj_GetTextRenderMode(obj);
      textObjects.set(obj, { op: index, invisible: mode === 3 || mode === 7 });
    } else if (type === OBJ_PATH) {
      const shape = pathShape(lib, obj, multiply(container, readMatrix(lib, obj)), index);
      if (shape) shapes.push(tag === null ? shape : { ...shape, annotation: tag });
    } else if (type === OBJ_IMAGE) {
      const m = multiply(container, readMatrix(lib, obj));
      const rect = transformRect(m, 0, 0, 1, 1);
      let pw = 0, ph = 0;
      if (fn.FPDFImageObj_GetImagePixelSize(obj, S + S_PAIR, S + S_PAIR + 4)) {
        const u = lib.u32();
        pw = u[(S + S_PAIR) >>> 2]!;
        ph = u[((S + S_PAIR) >>> 2) + 1]!;
      }
      // An image mask (stencil): 1 bit per pixel, no colour space. (Never JPEG 2000, whose
      // metadata PDFium can only tell by decoding the whole image into its memory.)
      let mask = false;
      if (!hasJpxFilter(lib, obj) && fn.FPDFImageObj_GetImageMetadata(obj, page, S + S_META)) {
        const u = lib.u32();
        const k = (S + S_META) >>> 2;
        mask = u[k + 4] === 1 && u[k + 5] === 0;
      }
      if (mask && pw === 1 && ph === 1) {
        // pdf.js paints a 1×1 stencil as a solid rectangle (`paintSolidColorImageMask`).
        const { fill, alpha } = objectFill(lib, obj);
        shapes.push({ rect, rects: [rect], fill, alpha, blend: blendOf(lib, obj, alpha, false), op: index, annotation: tag });
      } else {
        images.push({ rect, op: index, objId: path, pixelWidth: pw, pixelHeight: ph, mask, annotation: tag });
      }
    } else if (type === OBJ_FORM) {
      const m = multiply(container, readMatrix(lib, obj));
      const n = fn.FPDFFormObj_CountObjects(obj);
      for (let k = 0; k < n; k++) {
        const child = fn.FPDFFormObj_GetObject(obj, k);
        if (child) visit(child, m, `${path}/${k}`);
      }
    }
  };
  const count = fn.FPDFPage_CountObjects(page);
  for (let k = 0; k < count; k++) {
    const obj = fn.FPDFPage_GetObject(page, k);
    if (obj) visit(obj, base, String(k));
  }

  const glyphs = readGlyphs(lib, page, base, textObjects, options.charBox ?? 'loose', documentFontCache(internals));
  // Appearances (/AP /N) of the annotations `findAnnotationRedactions` reads, painted
  // after the page as pdf.js paints them: shapes and glyphs tagged with the annotation's id.
  const appearance = (annot: number, a: PdfiumAnnotation): void => {
    if (a.subtype !== 'Square' && a.subtype !== 'Redact') return;
    // pdf.js paints no Hidden or NoView annotation
    if (fn.FPDFAnnot_GetFlags(annot) & (ANNOT_HIDDEN | ANNOT_NO_VIEW)) return;
    const painted = fn.EPDFAnnot_HasAppearanceStream(annot, 0) !== 0 && paintAppearance(lib, annot, a, base, (obj, m, k) => {
      tag = a.id;
      try {
        visit(obj, m, `${a.id}/${k}`);
      } finally {
        tag = null;
      }
    }, (appearanceGlyphs) => {
      const at = op++;
      for (const g of appearanceGlyphs) glyphs.push({ ...g, op: at, annotation: a.id });
    });
    // Without an appearance pdf.js draws a Square from its colours: the interior colour
    // stands in for the painted fill.
    if (!painted && a.subtype === 'Square' && a.interiorColor) {
      const rect = transformRect(base, a.rect[0], a.rect[1], a.rect[2], a.rect[3]);
      const [r, g, b] = a.interiorColor;
      shapes.push({ rect, rects: [rect], fill: hex(r!, g!, b!), alpha: 1, blend: 'source-over', op: op++, annotation: a.id });
    }
  };
  const annotations = options.annotations === false ? [] : readAnnotations(lib, page, appearance);
  // PDFium's text page lists characters in its own reading order; the text items are built
  // in paint order, as pdf.js paints them: by text object, characters in object order (stable)
  glyphs.sort(byOp);
  return {
    width,
    height,
    rotation,
    viewport: base,
    content: { glyphs, shapes, images, operatorCount: op },
    annotations,
  };
}

/** What the glyphs of one text object share. */
interface TextRun {
  op: number;
  invisible: boolean;
  fill: string | null;
  /** Font size on the page. */
  size: number;
  /** Text space → user space, linear part (PDFium's char matrix). */
  a: number;
  b: number;
  c: number;
  d: number;
  /** Writing direction on the displayed page (unit vector). */
  dx: number;
  dy: number;
  /** One em along the baseline on the page (PDFium's char matrix includes Tz, pdf.js' em does not). */
  em: number;
  /** Tf. */
  tf: number;
  font: string;
  /** The font object (for glyph widths), 0 when unknown. */
  fontHandle: number;
  /** The char matrix keeps the baseline horizontal (upright or mirrored text). */
  upright: boolean;
  /** Ascent and descent as a share of the font size, normalised as for pdf.js. */
  ascent: number;
  descent: number;
}

/** Paint order (made once: a closure made per page loses its optimised code at every full collection). */
const byOp = (p: Glyph, q: Glyph): number => p.op - q.op;

function readGlyphs(
  lib: PdfiumLibrary,
  page: number,
  base: Matrix,
  textObjects: Map<number, TextObjectInfo>,
  charBox: 'loose' | 'tight',
  documentFonts: Map<string, FontMetrics>,
): Glyph[] {
  const { fn } = lib;
  const S = lib.scratch;
  const glyphs: Glyph[] = [];
  const tp = fn.FPDFText_LoadPage(page);
  if (!tp) return glyphs;
  const rectAt = (S + S_RECT) >>> 2;
  const originAt = (S + S_RECT) >>> 3;
  const reader: RunReader = { lib, tp, base, textObjects, documentFonts, fontMetrics: new Map() };

  try {
    const n = fn.FPDFText_CountChars(tp);
    let lastObj = -1;
    let run: TextRun | null = null;
    let prev: Glyph | null = null;
    let prevObj = -1;
    let prevRun: TextRun | null = null;
    let prevOx = NaN, prevOy = NaN, prevW = NaN, prevLoose = NaN;
    let pl = NaN, pt = NaN, pr = NaN, pb = NaN;
    for (let i = 0; i < n; i++) {
      const u = fn.FPDFText_GetUnicode(tp, i) >>> 0;
      if (u === 0 || fn.FPDFText_IsGenerated(tp, i) === 1) continue;
      const obj = fn.FPDFText_GetTextObject(tp, i);
      if (obj !== lastObj || !run) {
        lastObj = obj;
        run = runOf(reader, obj, i);
      }
      if (!fn.FPDFText_GetLooseCharBox(tp, i, S + S_RECT)) continue;
      const f = lib.f32();
      const left = f[rectAt]!, top = f[rectAt + 1]!, right = f[rectAt + 2]!, bottom = f[rectAt + 3]!;
      // PDFium reports a hyphen that ends a line as U+0002 (its soft-hyphen marker); pdf.js has the painted '-'.
      const ch = u === 2 ? '-' : u <= 0x10ffff && (u < 0xd800 || u > 0xdfff) ? String.fromCodePoint(u) : '';
      // One glyph mapped to several characters (ligature): same object, same box.
      if (prev && prevObj === obj && left === pl && right === pr && top === pt && bottom === pb) {
        prev.ch += ch;
        prev.space = prev.ch.trim() === '';
        // its advance is the ligature's (the loose box's), not its first letter's
        if (prevRun && prevLoose > prevW) {
          place(prev, prevRun, base, prevOx, prevOy, prevLoose, charBox === 'loose');
          prevW = prevLoose;
        }
        continue;
      }
      pl = left;
      pt = top;
      pr = right;
      pb = bottom;
      if (!fn.FPDFText_GetCharOrigin(tp, i, S + S_RECT, S + S_RECT + 8)) continue;
      const h = lib.f64();
      const ox = h[originAt]!, oy = h[originAt + 1]!;
      // The advance w: the loose box is the bounding box of [0, w] × [descent, ascent] under the
      // char matrix, so W = |a|·w + |c|·em and H = |b|·w + |d|·em.
      const { a, b, c, d } = run;
      // the advance: the font's width of the character (PDFium maps the unicode back to its
      // char code), else solved from the loose box. On upright text the loose box spans the
      // real advance or the ink, the wider: a font width past it is another glyph's.
      const loose = run.upright ? Math.abs(right - left) / Math.abs(a) : NaN;
      let w = NaN;
      if (run.fontHandle && u > 2 && fn.FPDFFont_GetGlyphWidth(run.fontHandle, u, run.tf, S + S_WIDTH)) w = lib.f32()[(S + S_WIDTH) >>> 2]!;
      if (w > 1.05 * loose + 1e-3) w = loose;
      if (!(w >= 0)) {
        const W = Math.abs(right - left), H = Math.abs(top - bottom);
        const det = Math.abs(a) * Math.abs(d) - Math.abs(c) * Math.abs(b);
        w = Math.abs(det) > 1e-6 ? (W * Math.abs(d) - H * Math.abs(c)) / det : Math.abs(a) > 1e-6 ? W / Math.abs(a) : 0;
        if (!(w >= 0)) w = 0;
      }
      // The font's width comes from the char code PDFium maps the unicode back to, which fails
      // for subset fonts whose ToUnicode it cannot invert (a ligature's first letter, another
      // set of digits: 0.38 em against 0.53, a space between every digit). On upright text,
      // when the next character of the same object starts past that width and where the
      // previous one's loose box (drawn from its real char code) ends, that box's width is
      // the advance. (The loose box alone will not do: it also spans ink past the advance.)
      if (prev && prevObj === obj && prevRun === run && run.upright) {
        const reach = (ox - prevOx) / a;
        if (prevW < 0.8 * reach && Math.abs(prevLoose - reach) <= 0.1 * reach) place(prev, prevRun, base, prevOx, prevOy, prevLoose, charBox === 'loose');
      }
      // geometry from `place` (or the tight box)
      const glyph: Glyph = {
        x0: 0, y0: 0, x1: 0, y1: 0, ch, op: run.op, fill: run.fill, invisible: run.invisible, space: ch.trim() === '', size: run.size,
        annotation: null, ox: 0, oy: 0, ex: 0, ey: 0, dx: 0, dy: 0, em: 0, font: '', tf: 0, vertical: false,
      };
      if (!place(glyph, run, base, ox, oy, w, charBox === 'loose')) continue;
      if (charBox === 'tight') {
        const r = tightBox(lib, tp, base, i);
        if (!r) continue;
        Object.assign(glyph, { x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 });
      }
      prev = glyph;
      prevObj = obj;
      prevRun = run;
      prevOx = ox;
      prevOy = oy;
      prevW = w;
      prevLoose = loose;
      glyphs.push(glyph);
    }
  } finally {
    fn.FPDFText_ClosePage(tp);
  }
  return glyphs;
}

/** What `runOf` reads a text run with: the text page and the caches of this page and document. */
interface RunReader {
  lib: PdfiumLibrary;
  /** the text page */
  tp: number;
  base: Matrix;
  textObjects: Map<number, TextObjectInfo>;
  documentFonts: Map<string, FontMetrics>;
  /** Ascent and descent by font handle (per text page: a handle may be reused once a page is closed). */
  fontMetrics: Map<number, FontMetrics>;
}

/**
 * The text run of char `i` of text object `obj`: colour, size, char matrix, font metrics.
 * (Module functions, not closures made per page: V8 holds a function's optimised code weakly, so
 * a page's closures lose theirs at the next full collection and are compiled again.)
 */
function runOf(reader: RunReader, obj: number, i: number): TextRun {
  const { lib, tp, base, textObjects, documentFonts, fontMetrics } = reader;
  const { fn } = lib;
  const S = lib.scratch;
  const colorAt = (S + S_COLOR) >>> 2;
  const matrixAt = (S + S_MATRIX) >>> 2;
  const [ba, bb, bc, bd] = base;
  const info = textObjects.get(obj) ?? { op: -1, invisible: false };
  let fill: string | null = null;
  if (fn.FPDFText_GetFillColor(tp, i, S + S_COLOR, S + S_COLOR + 4, S + S_COLOR + 8, S + S_COLOR + 12)) {
    const c = lib.u32();
    fill = hex(c[colorAt]!, c[colorAt + 1]!, c[colorAt + 2]!);
  }
  const fontSize = fn.FPDFText_GetFontSize(tp, i);
  let a = 1, b = 0, c = 0, d = 1;
  if (fn.FPDFText_GetMatrix(tp, i, S + S_MATRIX)) {
    const f = lib.f32();
    a = f[matrixAt]!;
    b = f[matrixAt + 1]!;
    c = f[matrixAt + 2]!;
    d = f[matrixAt + 3]!;
  }
  const font = obj ? fn.FPDFTextObj_GetFont(obj) : 0;
  let metrics = fontMetrics.get(font);
  if (!metrics) {
    // across pages by handle and file size: a handle freed with a page may come back for another font
    const key = font && fn.FPDFFont_GetFontData(font, 0, 0, S + S_PAIR) ? `${font}:${lib.u32()[(S + S_PAIR) >>> 2]}` : '';
    metrics = key ? documentFonts.get(key) : undefined;
    if (!metrics) {
      metrics = pdfjsFontMetrics(lib, font, fontSize);
      if (key) documentFonts.set(key, metrics);
    }
    fontMetrics.set(font, metrics);
  }
  const { ascent, descent } = metrics;
  // Direction and size on the displayed page: the char matrix under the viewport.
  const pa = ba * a + bc * b, pb = bb * a + bd * b;
  const pc = ba * c + bc * d, pd = bb * c + bd * d;
  const len = Math.hypot(pa, pb) || 1;
  return {
    op: info.op,
    invisible: info.invisible,
    fill,
    size: fontSize * Math.hypot(pc, pd),
    a,
    b,
    c,
    d,
    dx: pa / len,
    dy: pb / len,
    em: fontSize * Math.hypot(pa, pb),
    tf: fontSize,
    font: `pdfium:${font}`,
    fontHandle: font,
    upright: Math.abs(b) < 1e-6 && Math.abs(c) < 1e-6 && Math.abs(a) > 1e-6,
    ascent,
    descent,
  };
}

/**
 * A glyph's geometry from its origin and advance `w` (user space): its end, and (`box`) the
 * box as pdf.js draws it, the advance along the baseline, descent to ascent across it.
 * False when the box cannot be made.
 */
function place(glyph: Glyph, at: TextRun, base: Matrix, ox: number, oy: number, w: number, box: boolean): boolean {
  const [ba, bb, bc, bd, be, bf] = base;
  const { a, b, c, d } = at;
  const ux = ox + w * a, uy = oy + w * b;
  if (box) {
    const lo = at.descent * at.tf, hi = at.ascent * at.tf;
    const x0 = ox + lo * c, x1 = ox + hi * c, x2 = ux + lo * c, x3 = ux + hi * c;
    const y0 = oy + lo * d, y1 = oy + hi * d, y2 = uy + lo * d, y3 = uy + hi * d;
    const r = transformRect(base, Math.min(x0, x1, x2, x3), Math.min(y0, y1, y2, y3), Math.max(x0, x1, x2, x3), Math.max(y0, y1, y2, y3));
    if (!r) return false;
    glyph.x0 = r.x0;
    glyph.y0 = r.y0;
    glyph.x1 = r.x1;
    glyph.y1 = r.y1;
  }
  glyph.ox = ba * ox + bc * oy + be;
  glyph.oy = bb * ox + bd * oy + bf;
  glyph.ex = ba * ux + bc * uy + be;
  glyph.ey = bb * ux + bd * uy + bf;
  glyph.dx = at.dx;
  glyph.dy = at.dy;
  glyph.em = at.em;
  glyph.font = at.font;
  glyph.tf = at.tf;
  // PDFium has no public getter for vertical writing.
  glyph.vertical = false;
  return true;
}

/** PDFium's tight (ink) box of char `i` on the page. */
function tightBox(lib: PdfiumLibrary, tp: number, base: Matrix, i: number): Rect | null {
  const S = lib.scratch;
  if (!lib.fn.FPDFText_GetCharBox(tp, i, S + S_RECT, S + S_RECT + 8, S + S_RECT + 16, S + S_RECT + 24)) return null;
  const h = lib.f64();
  const k = (S + S_RECT) >>> 3;
  return transformRect(base, h[k]!, h[k + 2]!, h[k + 1]!, h[k + 3]!);
}

/** Ascent and descent as a share of the font size (descent negative), normalised. */
interface FontMetrics {
  ascent: number;
  descent: number;
}

/** Font metrics of each open document (keyed by its state object; a reopened document starts afresh). */
const fontCaches = new WeakMap<object, { doc: number; fonts: Map<string, FontMetrics> }>();

function documentFontCache(internals: { doc: number }): Map<string, FontMetrics> {
  let cache = fontCaches.get(internals);
  if (!cache || cache.doc !== internals.doc) fontCaches.set(internals, (cache = { doc: internals.doc, fonts: new Map() }));
  return cache.fonts;
}

/**
 * Ascent and descent of a font (share of the font size, normalised) from the source pdf.js
 * takes them from, so that glyph boxes, and the lines built from them, match pdf.js':
 * - an embedded TrueType or OpenType font file: its `hhea` ascender and descender over
 *   `head.unitsPerEm` (pdf.js' font loader replaces the FontDescriptor values with them);
 * - a font without a file that pdf.js draws with its standard-font substitute: Helvetica and
 *   Arial (LiberationSans, hhea 1854 / −434 of 2048), Times and Courier (no metrics: the
 *   defaults 0.8 / −0.2);
 * - else PDFium's ascent and descent (the FontDescriptor's /Ascent and /Descent, as pdf.js
 *   uses them for Type 1 and CFF fonts).
 * Costs a copy of the font file once per font and document, none per character.
 */
function pdfjsFontMetrics(lib: PdfiumLibrary, font: number, fontSize: number): FontMetrics {
  const { fn } = lib;
  const S = lib.scratch;
  const widthAt = (S + S_WIDTH) >>> 2;
  const metric = (get: (font: number, size: number, out: number) => number): number =>
    font && fontSize > 0 && get(font, fontSize, S + S_WIDTH) ? lib.f32()[widthAt]! / fontSize : NaN;
  const pdfium = (): { ascent: number; descent: number } => normaliseFontMetrics(metric(fn.FPDFFont_GetAscent), metric(fn.FPDFFont_GetDescent));
  if (!font) return pdfium();
  if (fn.FPDFFont_GetIsEmbedded(font)) return sfntMetrics(lib, font) ?? pdfium();
  const standard = standardFamily(fontName(lib, font));
  if (standard === 'sans') return normaliseFontMetrics(1854 / 2048, -434 / 2048);
  if (standard === 'serif' || standard === 'mono') return normaliseFontMetrics(NaN, NaN);
  return pdfium();
}

/** hhea ascender and descender over unitsPerEm of a font's TrueType or OpenType file, else null. */
function sfntMetrics(lib: PdfiumLibrary, font: number): { ascent: number; descent: number } | null {
  const { fn } = lib;
  const S = lib.scratch + S_PAIR;
  if (!fn.FPDFFont_GetFontData(font, 0, 0, S)) return null;
  const size = lib.u32()[S >>> 2]!;
  if (size < 12) return null;
  const buf = lib.malloc(size);
  if (!buf) return null;
  try {
    if (!fn.FPDFFont_GetFontData(font, buf, size, S)) return null;
    const heap = lib.u8();
    const at = buf >>> 0;
    const u16 = (o: number): number => (heap[at + o]! << 8) | heap[at + o + 1]!;
    const i16 = (o: number): number => (u16(o) << 16) >> 16;
    const u32 = (o: number): number => ((u16(o) << 16) | u16(o + 2)) >>> 0;
    const version = u32(0);
    // 0x00010000, 'true', 'OTTO'
    if (version !== 0x00010000 && version !== 0x74727565 && version !== 0x4f54544f) return null;
    const tables = u16(4);
    let head = -1, hhea = -1;
    for (let i = 0; i < tables && 12 + 16 * i + 16 <= size; i++) {
      const entry = 12 + 16 * i;
      const tag = u32(entry);
      const offset = u32(entry + 8);
      if (tag === 0x68656164) head = offset; // 'head'
      else if (tag === 0x68686561) hhea = offset; // 'hhea'
    }
    if (head < 0 || hhea < 0 || head + 20 > size || hhea + 8 > size) return null;
    const unitsPerEm = u16(head + 18);
    if (!unitsPerEm) return null;
    return normaliseFontMetrics(i16(hhea + 4) / unitsPerEm, i16(hhea + 6) / unitsPerEm);
  } finally {
    lib.free(buf);
  }
}

/** The /BaseFont of a font, '' when unknown. */
function fontName(lib: PdfiumLibrary, font: number): string {
  const { fn } = lib;
  const length = fn.FPDFFont_GetBaseFontName(font, 0, 0) >>> 0;
  if (length <= 1) return '';
  const buf = lib.malloc(length);
  if (!buf) return '';
  try {
    fn.FPDFFont_GetBaseFontName(font, buf, length);
    return new TextDecoder('latin1').decode(lib.u8().subarray(buf >>> 0, (buf >>> 0) + length - 1));
  } finally {
    lib.free(buf);
  }
}

/** The standard font pdf.js draws a font without a file with: its family, or null. */
export function standardFamily(baseFont: string): 'sans' | 'serif' | 'mono' | null {
  const name = baseFont.replace(/^[A-Z]{6}\+/u, '').replace(/[\s,]/gu, '-');
  if (/^(?:Helvetica|Arial(?:MT)?)(?:-|$)/iu.test(name)) return 'sans';
  // only the standard 14 names: pdf.js reads a FontDescriptor's metrics for Times New Roman & co.
  if (/^Times-(?:Roman|Bold|Italic|BoldItalic)$/u.test(name)) return 'serif';
  if (/^Courier(?:-Bold|-Oblique|-BoldOblique)?$/u.test(name)) return 'mono';
  return null;
}

/** A filled path as a `FilledShape` (bounding box of its points, rectangles it is made of), or null when not filled. */
function pathShape(lib: PdfiumLibrary, obj: number, m: Matrix, op: number): FilledShape | null {
  const { fn } = lib;
  const S = lib.scratch;
  if (!fn.FPDFPath_GetDrawMode(obj, S + S_PAIR, S + S_PAIR + 4)) return null;
  const fillMode = lib.u32()[(S + S_PAIR) >>> 2]!;
  if (fillMode === 0) return null;
  const n = fn.FPDFPath_CountSegments(obj);
  if (n <= 0) return null;
  const outline = new PathOutline(m);
  const k = (S + S_PAIR) >>> 2;
  for (let i = 0; i < n; i++) {
    const seg = fn.FPDFPath_GetPathSegment(obj, i);
    if (!seg) continue;
    const type = fn.FPDFPathSegment_GetType(seg);
    if (!fn.FPDFPathSegment_GetPoint(seg, S + S_PAIR, S + S_PAIR + 4)) continue;
    const f = lib.f32();
    if (type === SEG_MOVETO) outline.close();
    else if (type !== SEG_LINETO) outline.curved();
    outline.point(f[k]!, f[k + 1]!);
    if (fn.FPDFPathSegment_GetClose(seg)) outline.close();
  }
  const shape = outline.shape();
  if (!shape) return null;
  const { fill, alpha } = objectFill(lib, obj);
  return { ...shape, fill, alpha, blend: blendOf(lib, obj, alpha, true), op, annotation: null };
}

/**
 * The `blend` of a shape whose blend mode PDFium does not tell (it has no getter).
 * `FPDFPageObj_HasTransparency` is true when the object's blend mode is not Normal, or
 * it has a soft mask (`/SMask` in its graphics state), or its fill or (paths) stroke
 * alpha is below 1. With both alphas at 1 only the first two remain: such a shape is
 * `NOT_NORMAL_BLEND`. pdf.js ignores soft masks, so a soft-masked opaque fill is normal
 * there and not here; neither hides text reliably. With an alpha below 1 the blend
 * mode cannot be told apart and stays normal (the alpha decides then, as in pdf.js).
 */
function blendOf(lib: PdfiumLibrary, obj: number, fillAlpha: number, path: boolean): string {
  const { fn } = lib;
  if (fillAlpha < 1 || !fn.FPDFPageObj_HasTransparency(obj)) return 'source-over';
  if (path) {
    const S = lib.scratch + S_COLOR;
    if (fn.FPDFPageObj_GetStrokeColor(obj, S, S + 4, S + 8, S + 12) && lib.u32()[(S >>> 2) + 3]! < 255) return 'source-over';
  }
  return NOT_NORMAL_BLEND;
}


/** FPDF_ANNOTATION_SUBTYPE values → PDF names. */
const ANNOTATION_SUBTYPES = [
  'Unknown', 'Text', 'Link', 'FreeText', 'Line', 'Square', 'Circle', 'Polygon', 'PolyLine', 'Highlight', 'Underline',
  'Squiggly', 'StrikeOut', 'Stamp', 'Caret', 'Ink', 'Popup', 'FileAttachment', 'Sound', 'Movie', 'Widget', 'Screen',
  'PrinterMark', 'TrapNet', 'Watermark', '3D', 'RichMedia', 'XFAWidget', 'Redact',
] as const;

// FPDF_ANNOT_FLAG_* bits.
const ANNOT_HIDDEN = 1 << 1;
const ANNOT_NO_VIEW = 1 << 5;

/**
 * Walks the normal appearance of an annotation: `visit` gets each of its objects (form
 * space) with the matrix to the displayed page, `withGlyphs` its characters (PDFium's
 * text page of the appearance). False when PDFium cannot give it.
 *
 * The form space maps to the page as in pdf.js (PDF 32000 12.5.5): the /BBox under the
 * form's /Matrix, then its bounding box onto the annotation's /Rect. PDFium gives the
 * /Matrix (`EPDFAnnot_GetAPMatrix`) but not the /BBox; `EPDFAnnot_ExportAppearanceAsDocument`
 * exports the appearance as a one-page document whose page is the /BBox moved to the
 * origin (its size), painted by a form object at `[1 0 0 1 -x0 -y0]` over the form's
 * /Matrix. That page also has the text of the appearance with positions, which the
 * appearance's own text objects do not (`FPDFTextObj_GetText` needs a text page).
 */
function paintAppearance(
  lib: PdfiumLibrary,
  annot: number,
  a: PdfiumAnnotation,
  base: Matrix,
  visit: (obj: number, m: Matrix, index: number) => void,
  withGlyphs: (glyphs: Glyph[]) => void,
): boolean {
  const { fn } = lib;
  const S = lib.scratch;
  // the /Matrix first: upstream PDFium resets it once the appearance's objects are loaded
  const matrix: Matrix = fn.EPDFAnnot_GetAPMatrix(annot, 0, S + S_MATRIX) ? matrixAt(lib, S + S_MATRIX) : [1, 0, 0, 1, 0, 0];
  const exported = fn.EPDFAnnot_ExportAppearanceAsDocument(annot);
  if (!exported) return false;
  try {
    const ap = fn.FPDF_LoadPage(exported, 0);
    if (!ap) return false;
    try {
      if (!fn.FPDF_GetPageBoundingBox(ap, S + S_RECT)) return false;
      const f = lib.f32();
      const k = (S + S_RECT) >>> 2;
      const w = Math.abs(f[k + 2]! - f[k]!), h = Math.abs(f[k + 1]! - f[k + 3]!);
      const form = fn.FPDFPage_CountObjects(ap) === 1 ? fn.FPDFPage_GetObject(ap, 0) : 0;
      const shift: Matrix = form && fn.FPDFPageObj_GetType(form) === OBJ_FORM ? readMatrix(lib, form) : [1, 0, 0, 1, 0, 0];
      const x0 = -shift[4], y0 = -shift[5];
      // the /BBox under /Matrix, fitted onto /Rect
      const box = transformRect(matrix, x0, y0, x0 + w, y0 + h);
      const bw = box.x1 - box.x0, bh = box.y1 - box.y0;
      if (!(bw > 0 && bh > 0)) return false;
      const [rx0, ry0, rx1, ry1] = a.rect;
      const sx = (rx1 - rx0) / bw, sy = (ry1 - ry0) / bh;
      const fit: Matrix = [sx, 0, 0, sy, rx0 - box.x0 * sx, ry0 - box.y0 * sy];
      const toPage = multiply(base, fit);
      const formToPage = multiply(toPage, matrix);
      const n = fn.FPDFAnnot_GetObjectCount(annot);
      for (let i = 0; i < n; i++) {
        const obj = fn.FPDFAnnot_GetObject(annot, i);
        if (obj) visit(obj, formToPage, i);
      }
      // the exported page's space is the form's under /Matrix, moved by `shift`
      withGlyphs(readGlyphs(lib, ap, multiply(toPage, [1, 0, 0, 1, -shift[4], -shift[5]]), new Map(), 'loose', new Map()));
      return true;
    } finally {
      fn.FPDF_ClosePage(ap);
    }
  } finally {
    fn.FPDF_CloseDocument(exported);
  }
}

function readAnnotations(lib: PdfiumLibrary, page: number, appearance?: (annot: number, entry: PdfiumAnnotation) => void): PdfiumAnnotation[] {
  const { fn } = lib;
  const S = lib.scratch;
  const n = fn.FPDFPage_GetAnnotCount(page);
  if (n <= 0) return [];
  const out: PdfiumAnnotation[] = [];
  const key = new TextEncoder().encode('Contents\0');
  for (let i = 0; i < n; i++) {
    const annot = fn.FPDFPage_GetAnnot(page, i);
    if (!annot) continue;
    try {
      const subtype = ANNOTATION_SUBTYPES[fn.FPDFAnnot_GetSubtype(annot)] ?? 'Unknown';
      if (!fn.FPDFAnnot_GetRect(annot, S + S_RECT)) continue;
      const f = lib.f32();
      const k = (S + S_RECT) >>> 2;
      const left = f[k]!, top = f[k + 1]!, right = f[k + 2]!, bottom = f[k + 3]!;
      const colour = (type: number): Uint8ClampedArray | null => {
        const c = S + S_COLOR;
        if (!fn.FPDFAnnot_GetColor(annot, type, c, c + 4, c + 8, c + 12)) return null;
        const u = lib.u32();
        return new Uint8ClampedArray([u[c >>> 2]!, u[(c >>> 2) + 1]!, u[(c >>> 2) + 2]!]);
      };
      const has = (name: string): boolean => {
        lib.u8().set(new TextEncoder().encode(`${name}\0`), S + S_KEY2);
        return fn.FPDFAnnot_HasKey(annot, S + S_KEY2) !== 0;
      };
      lib.u8().set(key, S + S_KEY);
      let contents = '';
      const bytes = fn.FPDFAnnot_GetStringValue(annot, S + S_KEY, 0, 0) >>> 0;
      if (bytes > 2) {
        const buf = lib.malloc(bytes);
        try {
          fn.FPDFAnnot_GetStringValue(annot, S + S_KEY, buf, bytes);
          const heap = lib.u8();
          contents = new TextDecoder('utf-16le').decode(heap.slice(buf >>> 0, (buf >>> 0) + bytes - 2));
        } finally {
          lib.free(buf);
        }
      }
      const objectNumber = fn.EPDFAnnot_GetObjectNumber(annot);
      const entry: PdfiumAnnotation = {
        id: objectNumber > 0 ? `${objectNumber}R` : `annot${i}`,
        subtype,
        rect: [Math.min(left, right), Math.min(top, bottom), Math.max(left, right), Math.max(top, bottom)],
        // PDFium answers black for a colour the annotation does not have: ask for the key first
        color: has('C') ? colour(0) : null,
        interiorColor: has('IC') ? colour(1) : null,
        contentsObj: { str: contents },
      };
      out.push(entry);
      appearance?.(annot, entry);
    } finally {
      fn.FPDFPage_CloseAnnot(annot);
    }
  }
  return out;
}

/** Decoded pixels of a page image (same contract as `imagePixels` in read.ts). */
export interface PdfiumImagePixels {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

// FPDFBitmap formats.
const BITMAP_GRAY = 1;
const BITMAP_BGR = 2;
const BITMAP_BGRX = 3;
const BITMAP_BGRA = 4;

/**
 * Pixels of an image by the `objId` that `pdfiumPageContent` gave it (its
 * object path on the page), decoded without its soft mask: 8 bits per channel,
 * rows top to bottom, grey, RGB or RGBA. Plain grey and RGB JPEGs are decoded
 * natively with sharp (see jpeg.ts) and plain JPEG 2000 by OpenJPEG (see jpx.ts), both
 * halved while decoding until they are at most `maxPixels` (default `PAGE_IMAGE_PIXELS`:
 * fewer pixels than the image says); everything else by PDFium, at full size. Null when it is
 * not an image or it cannot be decoded. Loads the page again (cheap next to
 * decoding).
 */
export async function pdfiumImagePixels(handle: PdfiumDocument, pageIndex: number, objId: string, options: { maxPixels?: number } = {}): Promise<PdfiumImagePixels | null> {
  const { lib, doc } = pdfiumInternals(handle);
  const steps = objId.split('/').map(Number);
  if (steps.some((s) => !Number.isInteger(s) || s < 0)) return null;
  // JPEGs to sharp, JPEG 2000 to OpenJPEG at a reduced size; the rest (and what they refuse) to PDFium
  const native = withPage(lib, doc, pageIndex, (page) => {
    const obj = imageObjectAt(lib, page, steps);
    if (!obj) return null;
    const jpeg = pdfiumJpegSource(handle, page, obj);
    if (jpeg) return { kind: 'jpeg' as const, source: jpeg };
    const jpx = pdfiumJpxSource(handle, page, obj);
    return jpx ? { kind: 'jpx' as const, source: jpx } : null;
  });
  const maxPixels = options.maxPixels ?? PAGE_IMAGE_PIXELS;
  const decoded = native && (native.kind === 'jpeg' ? await decodeJpeg(native.source, maxPixels) : await decodeJpx(native.source, jpxReducePower(native.source.width, native.source.height, maxPixels)));
  if (decoded) return decoded;
  return withPage(lib, doc, pageIndex, (page) => {
    const obj = imageObjectAt(lib, page, steps);
    return obj ? bitmapPixels(lib, obj) : null;
  });
}

/** Whether one of an image's filters is JPXDecode. */
function hasJpxFilter(lib: PdfiumLibrary, obj: number): boolean {
  const n = lib.fn.FPDFImageObj_GetImageFilterCount(obj);
  for (let i = 0; i < n; i++) if (filterName(lib, obj, i, lib.scratch + S_FILTER) === 'JPXDecode') return true;
  return false;
}

/** The image object at an object path (indices into the page, then into form XObjects), or 0. */
function imageObjectAt(lib: PdfiumLibrary, page: number, steps: number[]): number {
  const { fn } = lib;
  let obj = 0;
  for (let i = 0; i < steps.length; i++) {
    const at = steps[i]!;
    if (i === 0) obj = at < fn.FPDFPage_CountObjects(page) ? fn.FPDFPage_GetObject(page, at) : 0;
    else obj = fn.FPDFPageObj_GetType(obj) === OBJ_FORM && at < fn.FPDFFormObj_CountObjects(obj) ? fn.FPDFFormObj_GetObject(obj, at) : 0;
    if (!obj) return 0;
  }
  return fn.FPDFPageObj_GetType(obj) === OBJ_IMAGE ? obj : 0;
}

/** An image object decoded by PDFium (`FPDFImageObj_GetBitmap`), BGR turned into RGB. */
function bitmapPixels(lib: PdfiumLibrary, obj: number): PdfiumImagePixels | null {
  const { fn } = lib;
  const bitmap = fn.FPDFImageObj_GetBitmap(obj);
  if (!bitmap) return null;
  try {
    const width = fn.FPDFBitmap_GetWidth(bitmap);
    const height = fn.FPDFBitmap_GetHeight(bitmap);
    const stride = fn.FPDFBitmap_GetStride(bitmap);
    const format = fn.FPDFBitmap_GetFormat(bitmap);
    const buffer = fn.FPDFBitmap_GetBuffer(bitmap) >>> 0;
    if (width <= 0 || height <= 0 || !buffer) return null;
    const heap = lib.u8();
    if (format === BITMAP_GRAY) return { width, height, channels: 1, data: packRows(heap, buffer, stride, width, height, 1) };
    if (format === BITMAP_BGR) return { width, height, channels: 3, data: swapRedBlue3(packRows(heap, buffer, stride, width, height, 3)) };
    if (format === BITMAP_BGRX) return { width, height, channels: 3, data: bgrxToRgb(heap, buffer, stride, width, height) };
    if (format === BITMAP_BGRA) return { width, height, channels: 4, data: swapRedBlue4(packRows(heap, buffer, stride, width, height, 4)) };
    return null;
  } finally {
    fn.FPDFBitmap_Destroy(bitmap);
  }
}

/** A bitmap's rows copied out of wasm memory without their padding (one copy when there is none). */
function packRows(heap: Uint8Array, buffer: number, stride: number, width: number, height: number, bytesPerPixel: number): Uint8Array {
  const row = width * bytesPerPixel;
  if (stride === row) return heap.slice(buffer, buffer + row * height);
  const data = new Uint8Array(row * height);
  for (let y = 0; y < height; y++) data.set(heap.subarray(buffer + y * stride, buffer + y * stride + row), y * row);
  return data;
}

/**
 * BGR → RGB in place. Four pixels are three 32-bit words (little-endian:
 * `B0 G0 R0 B1 | G1 R1 B2 G2 | R2 B3 G3 R3`), rearranged with shifts: a third
 * of the memory accesses of a byte loop.
 */
export function swapRedBlue3(data: Uint8Array): Uint8Array {
  const groups = Math.floor(data.length / 12);
  if (data.byteOffset % 4 === 0) {
    const w = new Uint32Array(data.buffer, data.byteOffset, groups * 3);
    for (let i = 0; i < w.length; i += 3) {
      const a = w[i]!, b = w[i + 1]!, c = w[i + 2]!;
      w[i] = ((a >>> 16) & 0xff) | (a & 0xff00) | ((a & 0xff) << 16) | ((b & 0xff00) << 16);
      w[i + 1] = (b & 0xff) | ((a >>> 16) & 0xff00) | ((c & 0xff) << 16) | (b & 0xff000000);
      w[i + 2] = ((b >>> 16) & 0xff) | ((c >>> 16) & 0xff00) | (c & 0xff0000) | ((c & 0xff00) << 16);
    }
  }
  for (let i = data.byteOffset % 4 === 0 ? groups * 12 : 0; i + 2 < data.length; i += 3) {
    const blue = data[i]!;
    data[i] = data[i + 2]!;
    data[i + 2] = blue;
  }
  return data;
}

/** BGRA → RGBA in place, one 32-bit word per pixel. */
export function swapRedBlue4(data: Uint8Array): Uint8Array {
  if (data.byteOffset % 4 !== 0) {
    for (let i = 0; i + 3 < data.length; i += 4) {
      const blue = data[i]!;
      data[i] = data[i + 2]!;
      data[i + 2] = blue;
    }
    return data;
  }
  const w = new Uint32Array(data.buffer, data.byteOffset, data.length >>> 2);
  for (let i = 0; i < w.length; i++) {
    const p = w[i]!;
    w[i] = (p & 0xff00ff00) | ((p >>> 16) & 0xff) | ((p & 0xff) << 16);
  }
  return data;
}

/** BGRX rows in wasm memory → packed RGB. */
function bgrxToRgb(heap: Uint8Array, buffer: number, stride: number, width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = heap.subarray(buffer + y * stride, buffer + y * stride + width * 4);
    let d = y * width * 3;
    for (let s = 0; s < row.length; s += 4, d += 3) {
      data[d] = row[s + 2]!;
      data[d + 1] = row[s + 1]!;
      data[d + 2] = row[s]!;
    }
  }
  return data;
}
