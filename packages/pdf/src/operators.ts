/**
 * One walk over a page's pdf.js operator list: where each glyph, filled path
 * and image lands on the displayed page, in paint order.
 *
 * pdf.js 5.x operator-list layout used here (see ENGINEERING-NOTES §3):
 * - a painted path is one `constructPath` with `[paintOp, [pathData], minMax]`,
 *   `pathData` in DrawOPS codes (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3,
 *   closePath 4) in the current (pre-CTM) space;
 * - every fill colour arrives as `setFillRGBColor` with `#rrggbb`;
 * - images occupy the unit square under the CTM;
 * - text matrices and positions follow pdf.js' canvas `showText`.
 */
import { OPS } from './ops.js';
import { IDENTITY, multiply, toMatrix, transformRect, type Matrix, type Rect } from './geometry.js';

/** What the walk needs to know about a font. */
export interface FontInfo {
  /** Ascent and descent as a share of the font size (descent negative). */
  ascent: number;
  descent: number;
  /** Glyph-space to text-space matrix (default `[0.001, 0, 0, 0.001, 0, 0]`). */
  fontMatrix: Matrix;
  type3: boolean;
  /** Vertical writing (CJK fonts). */
  vertical?: boolean;
}

/** One painted glyph. */
export interface Glyph extends Rect {
  /** Unicode of the glyph (may be several code units, e.g. ligatures), '' when unknown. */
  ch: string;
  /** Index of the operator that painted it (paint order). */
  op: number;
  /** Fill colour `#rrggbb`, or null (pattern, transparent). */
  fill: string | null;
  /** Text render mode 3 or 7: not painted (OCR layers). */
  invisible: boolean;
  /** A space or other whitespace. */
  space: boolean;
  /** Font size on the page, pt. */
  size: number;
  /** Painted inside an annotation appearance (annotation id), else null. */
  annotation: string | null;
  /** Where the glyph starts and ends on its baseline (its origin before and after its advance), on the page. */
  ox: number;
  oy: number;
  ex: number;
  ey: number;
  /** Unit vector of the writing direction on the page. */
  dx: number;
  dy: number;
  /** Length on the page of one em along the baseline (font size under the x scale of text and current matrices, without Tz). */
  em: number;
  /** The font (pdf.js id) and its size in text space (Tf), for text runs. */
  font: string;
  tf: number;
  /** The font writes vertically (CJK); such glyphs make no text items. */
  vertical: boolean;
}

/** One filled path (or solid image mask). */
export interface FilledShape {
  /** Bounding box on the page. */
  rect: Rect;
  /** The axis-aligned rectangles the path consists of; empty when the path is not made of rectangles. */
  rects: Rect[];
  fill: string | null;
  /** Fill alpha from the graphics state (`ca`). */
  alpha: number;
  /** Blend mode as pdf.js names it (`source-over` is normal). */
  blend: string;
  op: number;
  annotation: string | null;
}

/** One painted image. */
export interface PaintedImage {
  rect: Rect;
  op: number;
  /** pdf.js object id (for `page.objs`), null for inline images. */
  objId: string | null;
  pixelWidth: number;
  pixelHeight: number;
  /** Stencil mask painted in the fill colour. */
  mask: boolean;
  annotation: string | null;
}

/** Everything the walk found on a page. */
export interface PageContent {
  glyphs: Glyph[];
  shapes: FilledShape[];
  images: PaintedImage[];
  /** Number of operators walked. */
  operatorCount: number;
}

/** The operator list as pdf.js returns it. */
export interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

interface GraphicsState {
  ctm: Matrix;
  fill: string | null;
  alpha: number;
  blend: string;
  font: FontInfo | null;
  fontId: string;
  fontSize: number;
  fontDirection: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  renderMode: number;
  textMatrix: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
  annotation: string | null;
}

const DEFAULT_FONT: FontInfo = { ascent: 0.8, descent: -0.2, fontMatrix: [0.001, 0, 0, 0.001, 0, 0], type3: false };

function initialState(ctm: Matrix): GraphicsState {
  return {
    ctm,
    fill: '#000000',
    alpha: 1,
    blend: 'source-over',
    font: null,
    fontId: '',
    fontSize: 0,
    fontDirection: 1,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
    renderMode: 0,
    textMatrix: IDENTITY,
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
    annotation: null,
  };
}

const FILL_OPS = new Set<number>([
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);

const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Clamps font metrics to sane values: broken fonts report ascents of 0 or 30. */
export function normaliseFontMetrics(ascent: unknown, descent: unknown): { ascent: number; descent: number } {
  const a = num(ascent, NaN);
  const d = num(descent, NaN);
  return {
    ascent: a >= 0.5 && a <= 1.2 ? a : 0.8,
    descent: d <= 0 && d >= -0.5 ? d : -0.2,
  };
}

/**
 * Walks an operator list. `base` maps PDF user space to the displayed page
 * (the viewport transform at scale 1), so every rectangle comes out in page
 * coordinates with the origin top-left.
 */
export function walkOperators(
  opList: OperatorList,
  base: Matrix,
  fontLookup: (id: string) => FontInfo | null,
): PageContent {
  const glyphs: Glyph[] = [];
  const shapes: FilledShape[] = [];
  const images: PaintedImage[] = [];
  const stack: GraphicsState[] = [];
  let s = initialState(base);
  const fonts = new Map<string, FontInfo>();
  const { fnArray, argsArray } = opList;
  const n = fnArray.length;

  const pushState = (): void => {
    stack.push(s);
    s = { ...s };
  };
  const popState = (): void => {
    const prev = stack.pop();
    if (prev) s = prev;
  };
  const moveText = (x: number, y: number): void => {
    s.lineX += x;
    s.lineY += y;
    s.x = s.lineX;
    s.y = s.lineY;
  };
  const addImage = (m: Matrix, op: number, objId: string | null, w: number, h: number, mask: boolean): void => {
    images.push({ rect: transformRect(m, 0, 0, 1, 1), op, objId, pixelWidth: w, pixelHeight: h, mask, annotation: s.annotation });
  };

  for (let i = 0; i < n; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null | undefined;
    const a = Array.isArray(args) ? args : [];
    switch (fn) {
      case OPS.save:
        pushState();
        break;
      case OPS.restore:
        popState();
        break;
      case OPS.transform:
        s.ctm = multiply(s.ctm, toMatrix(a));
        break;
      case OPS.paintFormXObjectBegin:
        pushState();
        if (a[0]) s.ctm = multiply(s.ctm, toMatrix(a[0]));
        break;
      case OPS.paintFormXObjectEnd:
        popState();
        break;
      case OPS.beginGroup:
        pushState();
        break;
      case OPS.endGroup:
        popState();
        break;
      case OPS.beginAnnotation: {
        // [id, rect, transform, matrix, hasOwnCanvas]: fresh state under base × transform × matrix.
        stack.push(s);
        const ctm = multiply(multiply(base, toMatrix(a[2])), toMatrix(a[3]));
        s = initialState(ctm);
        s.annotation = typeof a[0] === 'string' ? a[0] : String(a[0] ?? '');
        break;
      }
      case OPS.endAnnotation:
        popState();
        break;
      case OPS.setGState: {
        const entries = Array.isArray(a[0]) ? (a[0] as unknown[]) : [];
        for (const entry of entries) {
          if (!Array.isArray(entry)) continue;
          const [key, value] = entry as [unknown, unknown];
          if (key === 'ca') s.alpha = num(value, 1);
          else if (key === 'BM' && typeof value === 'string') s.blend = value;
          else if (key === 'Font' && Array.isArray(value)) setFont(String(value[0]), num(value[1]));
        }
        break;
      }
      case OPS.setFillRGBColor:
        s.fill = typeof a[0] === 'string' ? a[0].toLowerCase() : null;
        break;
      case OPS.setFillTransparent:
      case OPS.setFillColorN:
        // Patterns and shadings have no single colour.
        s.fill = null;
        break;
      case OPS.constructPath: {
        const paintOp = num(a[0], -1);
        if (!FILL_OPS.has(paintOp)) break;
        const data = Array.isArray(a[1]) ? (a[1] as unknown[])[0] : undefined;
        const shape = pathShape(data, a[2], s.ctm);
        if (shape) {
          shapes.push({ rect: shape.rect, rects: shape.rects, fill: s.fill, alpha: s.alpha, blend: s.blend, op: i, annotation: s.annotation });
        }
        break;
      }
      case OPS.paintSolidColorImageMask: {
        const rect = transformRect(s.ctm, 0, 0, 1, 1);
        shapes.push({ rect, rects: [rect], fill: s.fill, alpha: s.alpha, blend: s.blend, op: i, annotation: s.annotation });
        break;
      }
      case OPS.paintImageXObject:
        addImage(s.ctm, i, typeof a[0] === 'string' ? a[0] : null, num(a[1]), num(a[2]), false);
        break;
      case OPS.paintInlineImageXObject: {
        const img = a[0] as { width?: unknown; height?: unknown } | undefined;
        addImage(s.ctm, i, null, num(img?.width), num(img?.height), false);
        break;
      }
      case OPS.paintImageMaskXObject: {
        const img = a[0] as { width?: unknown; height?: unknown; data?: unknown } | undefined;
        addImage(s.ctm, i, typeof img?.data === 'string' ? img.data : null, num(img?.width), num(img?.height), true);
        break;
      }
      case OPS.paintImageXObjectRepeat: {
        // [objId, scaleX, scaleY, positions]
        const positions = (a[3] ?? []) as ArrayLike<number>;
        for (let k = 0; k + 1 < positions.length; k += 2) {
          const m = multiply(s.ctm, [num(a[1], 1), 0, 0, num(a[2], 1), num(positions[k]), num(positions[k + 1])]);
          addImage(m, i, typeof a[0] === 'string' ? a[0] : null, 0, 0, false);
        }
        break;
      }
      case OPS.paintImageMaskXObjectRepeat: {
        // [img, scaleX, skewX, skewY, scaleY, positions]
        const positions = (a[5] ?? []) as ArrayLike<number>;
        for (let k = 0; k + 1 < positions.length; k += 2) {
          const m = multiply(s.ctm, [num(a[1], 1), num(a[2]), num(a[3]), num(a[4], 1), num(positions[k]), num(positions[k + 1])]);
          addImage(m, i, null, 0, 0, true);
        }
        break;
      }
      case OPS.paintImageMaskXObjectGroup: {
        const group = (a[0] ?? []) as { transform?: unknown }[];
        for (const image of group) addImage(multiply(s.ctm, toMatrix(image.transform)), i, null, 0, 0, true);
        break;
      }
      case OPS.paintInlineImageXObjectGroup: {
        const map = (a[1] ?? []) as { transform?: unknown }[];
        for (const entry of map) addImage(multiply(s.ctm, toMatrix(entry.transform)), i, null, 0, 0, false);
        break;
      }
      case OPS.beginText:
        s.textMatrix = IDENTITY;
        s.x = s.y = s.lineX = s.lineY = 0;
        break;
      case OPS.setFont:
        setFont(String(a[0]), num(a[1]));
        break;
      case OPS.setCharSpacing:
        s.charSpacing = num(a[0]);
        break;
      case OPS.setWordSpacing:
        s.wordSpacing = num(a[0]);
        break;
      case OPS.setHScale:
        s.hScale = num(a[0], 100) / 100;
        break;
      case OPS.setLeading:
        s.leading = -num(a[0]);
        break;
      case OPS.setTextRise:
        s.rise = num(a[0]);
        break;
      case OPS.setTextRenderingMode:
        s.renderMode = num(a[0]);
        break;
      case OPS.setTextMatrix:
        s.textMatrix = toMatrix(a[0]);
        s.x = s.y = s.lineX = s.lineY = 0;
        break;
      case OPS.moveText:
        moveText(num(a[0]), num(a[1]));
        break;
      case OPS.setLeadingMoveText:
        s.leading = num(a[1]);
        moveText(num(a[0]), num(a[1]));
        break;
      case OPS.nextLine:
        moveText(0, s.leading);
        break;
      case OPS.showText:
        showText(Array.isArray(a[0]) ? (a[0] as unknown[]) : [], i);
        break;
      default:
        break;
    }
  }
  return { glyphs, shapes, images, operatorCount: n };

  function setFont(id: string, size: number): void {
    let font = fonts.get(id);
    if (!font) {
      font = fontLookup(id) ?? DEFAULT_FONT;
      fonts.set(id, font);
    }
    s.font = font;
    s.fontId = id;
    s.fontDirection = size < 0 ? -1 : 1;
    s.fontSize = Math.abs(size);
  }

  function showText(items: unknown[], op: number): void {
    const font = s.font ?? DEFAULT_FONT;
    const fontSize = s.fontSize;
    if (fontSize === 0) return;
    const th = s.hScale * s.fontDirection;
    const fm = font.fontMatrix;
    const m = multiply(s.ctm, s.textMatrix);
    const size = fontSize * Math.hypot(m[2], m[3]);
    const invisible = s.renderMode === 3 || s.renderMode === 7;
    const vertical = font.vertical === true;
    const yLow = s.y + s.rise + font.descent * fontSize;
    const yHigh = s.y + s.rise + font.ascent * fontSize;
    const yBase = s.y + s.rise;
    // writing direction on the page: the text-space x axis under the text and current matrices
    const dirX = m[0] * th, dirY = m[1] * th;
    const dirLen = Math.hypot(dirX, dirY) || 1;
    const dx = dirX / dirLen, dy = dirY / dirLen;
    const em = fontSize * Math.hypot(m[0], m[1]);
    let x = 0;
    for (const item of items) {
      if (typeof item === 'number') {
        x -= (item * fontSize) / 1000;
        continue;
      }
      if (!item || typeof item !== 'object') continue;
      const g = item as { unicode?: unknown; width?: unknown; isSpace?: unknown };
      const width = num(g.width);
      const isSpace = g.isSpace === true;
      const spacing = (isSpace ? s.wordSpacing : 0) + s.charSpacing;
      const glyphWidth = font.type3 ? (width * fm[0] + fm[4]) * fontSize : width * fontSize * fm[0];
      const advance = font.type3 ? glyphWidth + spacing : glyphWidth + spacing * s.fontDirection;
      const ch = typeof g.unicode === 'string' ? g.unicode : '';
      if (ch !== '') {
        const xa = s.x + x * th;
        const xb = s.x + (x + glyphWidth) * th;
        const r = transformRect(m, Math.min(xa, xb), yLow, Math.max(xa, xb), yHigh);
        // Explicit fields, no spread: object spread in this hot loop costs ~10 µs a glyph.
        glyphs.push({
          x0: r.x0,
          y0: r.y0,
          x1: r.x1,
          y1: r.y1,
          ch,
          op,
          fill: s.fill,
          invisible,
          // by its character: in subset fonts char code 32 (which takes the word spacing) can be any letter
          space: ch.trim() === '',
          size,
          annotation: s.annotation,
          ox: m[0] * xa + m[2] * yBase + m[4],
          oy: m[1] * xa + m[3] * yBase + m[5],
          ex: m[0] * xb + m[2] * yBase + m[4],
          ey: m[1] * xb + m[3] * yBase + m[5],
          dx,
          dy,
          em,
          font: s.fontId,
          tf: fontSize,
          vertical,
        });
      }
      x += advance;
    }
    s.x += x * th;
  }
}

/**
 * Bounding box of a path and the rectangles it is made of (empty when any
 * subpath is not an axis-aligned rectangle on the page).
 */
function pathShape(data: unknown, minMax: unknown, ctm: Matrix): { rect: Rect; rects: Rect[] } | null {
  const path = data as ArrayLike<number> | undefined;
  if (!path || typeof path.length !== 'number' || path.length === 0) {
    const mm = minMax as ArrayLike<number> | undefined;
    if (!mm || mm.length < 4) return null;
    return { rect: transformRect(ctm, num(mm[0]), num(mm[1]), num(mm[2]), num(mm[3])), rects: [] };
  }
  const outline = new PathOutline(ctm);
  for (let k = 0; k < path.length; ) {
    const code = path[k]!;
    if (code === 0) {
      outline.close();
      outline.point(path[k + 1]!, path[k + 2]!);
      k += 3;
    } else if (code === 1) {
      outline.point(path[k + 1]!, path[k + 2]!);
      k += 3;
    } else if (code === 2) {
      outline.curved();
      outline.point(path[k + 1]!, path[k + 2]!);
      outline.point(path[k + 3]!, path[k + 4]!);
      outline.point(path[k + 5]!, path[k + 6]!);
      k += 7;
    } else if (code === 3) {
      outline.curved();
      outline.point(path[k + 1]!, path[k + 2]!);
      outline.point(path[k + 3]!, path[k + 4]!);
      k += 5;
    } else if (code === 4) {
      outline.close();
      k += 1;
    } else {
      // Unknown drawing code: give up on the shape, keep the box.
      outline.curved();
      break;
    }
  }
  return outline.shape();
}

/**
 * @internal A path's points on the page, as they come (both parsers' path walks): its bounding
 * box, and the axis-aligned rectangles its subpaths are (none once any subpath is not one).
 */
export class PathOutline {
  private readonly rects: Rect[] = [];
  private rectangular = true;
  private points: [number, number][] = [];
  private minX = Infinity;
  private minY = Infinity;
  private maxX = -Infinity;
  private maxY = -Infinity;

  constructor(private readonly ctm: Matrix) {}

  /** A point in the path's space (mapped by the matrix). */
  point(x: number, y: number): void {
    const m = this.ctm;
    const px = m[0] * x + m[2] * y + m[4];
    const py = m[1] * x + m[3] * y + m[5];
    if (px < this.minX) this.minX = px;
    if (px > this.maxX) this.maxX = px;
    if (py < this.minY) this.minY = py;
    if (py > this.maxY) this.maxY = py;
    this.points.push([px, py]);
  }

  /** The path has a curve (or something else that is not a straight line): no rectangles. */
  curved(): void {
    this.rectangular = false;
  }

  /** Ends the current subpath. */
  close(): void {
    if (this.points.length > 0) {
      const r = rectangleOf(this.points);
      if (r) this.rects.push(r);
      else if (this.points.length > 1) this.rectangular = false;
    }
    this.points = [];
  }

  /** Bounding box and rectangles (after closing the last subpath), or null without points. */
  shape(): { rect: Rect; rects: Rect[] } | null {
    this.close();
    if (!Number.isFinite(this.minX)) return null;
    return { rect: { x0: this.minX, y0: this.minY, x1: this.maxX, y1: this.maxY }, rects: this.rectangular ? this.rects : [] };
  }
}

/** @internal The rectangle a closed polygon of 4 corners describes, or null when it is not axis-aligned (PDFium's paths too). */
export function rectangleOf(points: [number, number][]): Rect | null {
  const pts: [number, number][] = [];
  for (const p of points) {
    const last = pts[pts.length - 1];
    if (last && Math.abs(last[0] - p[0]) < 0.01 && Math.abs(last[1] - p[1]) < 0.01) continue;
    pts.push(p);
  }
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (pts.length > 1 && first && last && Math.abs(first[0] - last[0]) < 0.01 && Math.abs(first[1] - last[1]) < 0.01) pts.pop();
  if (pts.length !== 4) return null;
  const tol = 0.5;
  for (let k = 0; k < 4; k++) {
    const p = pts[k]!;
    const q = pts[(k + 1) % 4]!;
    const horizontal = Math.abs(p[1] - q[1]) <= tol;
    const vertical = Math.abs(p[0] - q[0]) <= tol;
    if (!horizontal && !vertical) return null;
  }
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}
