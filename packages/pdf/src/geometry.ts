/**
 * Plane geometry for page coordinates: affine matrices (pdf.js order), boxes in
 * PDF points with the origin top-left, overlaps and union areas.
 *
 * pdf.js' own `Util.applyTransform` mutates its argument in 5.x, so the library
 * keeps these few pure helpers of its own.
 */
import type { Box } from '@lakmoes/schema';

/** Affine matrix `[a, b, c, d, e, f]`: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = readonly [number, number, number, number, number, number];

/** Axis-aligned rectangle as two corners; the working form inside the library. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m1 × m2`: apply `m2` first, then `m1` (same order as pdf.js `Util.transform`). */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/** Reads a matrix from pdf.js arguments; anything malformed becomes the identity. */
export function toMatrix(value: unknown): Matrix {
  if (value && typeof value === 'object' && 'length' in value && (value as ArrayLike<unknown>).length >= 6) {
    const v = value as ArrayLike<unknown>;
    const out = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 6; i++) {
      const n = v[i];
      if (typeof n !== 'number' || !Number.isFinite(n)) return IDENTITY;
      out[i] = n;
    }
    return out as unknown as Matrix;
  }
  return IDENTITY;
}

export function applyToPoint(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Bounding rectangle of the transformed rectangle `(x0,y0)–(x1,y1)`. */
export function transformRect(m: Matrix, x0: number, y0: number, x1: number, y1: number): Rect {
  const ax = m[0] * x0, bx = m[0] * x1, cy = m[2] * y0, dy = m[2] * y1;
  const ex = m[1] * x0, fx = m[1] * x1, gy = m[3] * y0, hy = m[3] * y1;
  return {
    x0: Math.min(ax, bx) + Math.min(cy, dy) + m[4],
    x1: Math.max(ax, bx) + Math.max(cy, dy) + m[4],
    y0: Math.min(ex, fx) + Math.min(gy, hy) + m[5],
    y1: Math.max(ex, fx) + Math.max(gy, hy) + m[5],
  };
}

export function rectArea(r: Rect): number {
  return Math.max(0, r.x1 - r.x0) * Math.max(0, r.y1 - r.y0);
}

export function rectWidth(r: Rect): number {
  return r.x1 - r.x0;
}

export function rectHeight(r: Rect): number {
  return r.y1 - r.y0;
}

export function intersection(a: Rect, b: Rect): Rect | null {
  const x0 = Math.max(a.x0, b.x0), y0 = Math.max(a.y0, b.y0);
  const x1 = Math.min(a.x1, b.x1), y1 = Math.min(a.y1, b.y1);
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : null;
}

export function overlapArea(a: Rect, b: Rect): number {
  return Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
}

/** Share of `a` covered by `b` (0 when `a` is degenerate). */
export function coveredShare(a: Rect, b: Rect): number {
  const area = rectArea(a);
  return area > 0 ? overlapArea(a, b) / area : 0;
}

/** Intersection over union. */
export function iou(a: Rect, b: Rect): number {
  const inter = overlapArea(a, b);
  const union = rectArea(a) + rectArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

/** Vertical overlap of two rectangles as a share of the lower of the two heights. */
export function verticalOverlapShare(a: Rect, b: Rect): number {
  const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  const h = Math.min(a.y1 - a.y0, b.y1 - b.y0);
  return h > 0 ? Math.max(0, overlap) / h : 0;
}

export function unionRect(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const r of rects) {
    if (r.x0 < x0) x0 = r.x0;
    if (r.y0 < y0) y0 = r.y0;
    if (r.x1 > x1) x1 = r.x1;
    if (r.y1 > y1) y1 = r.y1;
  }
  return { x0, y0, x1, y1 };
}

// Comparators made once: a closure made per call loses its optimised code at every full collection.
const ascending = (a: number, b: number): number => a - b;
const byY0 = (a: Rect, b: Rect): number => a.y0 - b.y0;

/**
 * Area of the union of rectangles (coordinate compression over x, merged
 * y-intervals per slab): exact, O(n²), fine for the few hundred boxes a page has.
 * The rectangles are sorted by top edge once, not per slab (a stable sort: the
 * rectangles of each slab come in the order a per-slab sort gave them).
 */
export function unionArea(rects: readonly Rect[]): number {
  const rs = rects.filter((r) => r.x1 > r.x0 && r.y1 > r.y0);
  if (rs.length === 0) return 0;
  if (rs.length === 1) return rectArea(rs[0]!);
  const xs = [...new Set(rs.flatMap((r) => [r.x0, r.x1]))].sort(ascending);
  const byTop = rs.sort(byY0);
  let total = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const xa = xs[i]!, xb = xs[i + 1]!;
    let covered = 0;
    let open = false;
    let s = 0, e = 0;
    for (const r of byTop) {
      if (!(r.x0 <= xa && r.x1 >= xb)) continue;
      if (!open) {
        open = true;
        s = r.y0;
        e = r.y1;
      } else if (r.y0 > e) {
        covered += e - s;
        s = r.y0;
        e = r.y1;
      } else if (r.y1 > e) {
        e = r.y1;
      }
    }
    if (!open) continue;
    covered += e - s;
    total += covered * (xb - xa);
  }
  return total;
}

/** Area of `(∪ a) ∩ (∪ b)`. */
export function unionIntersectionArea(a: readonly Rect[], b: readonly Rect[]): number {
  const parts: Rect[] = [];
  for (const r of a) {
    for (const s of b) {
      const i = intersection(r, s);
      if (i) parts.push(i);
    }
  }
  return unionArea(parts);
}

/** Our public box form (x, y, width, height), rounded to 1/100 pt. */
export function toBox(r: Rect): Box {
  const round = (n: number): number => Math.round(n * 100) / 100;
  return { x: round(r.x0), y: round(r.y0), width: round(Math.max(0, r.x1 - r.x0)), height: round(Math.max(0, r.y1 - r.y0)) };
}

export function fromBox(b: Box): Rect {
  return { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
}

/** Relative luminance-like brightness (0 black … 1 white) of `#rrggbb`. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  if (!Number.isFinite(n)) return 0;
  return (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
}

/** `#rrggbb` from 0–255 RGB components. */
export function rgbToHex(r: number, g: number, b: number): string {
  const h = (v: number): string => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0');
  return `#${h(r)}${h(g)}${h(b)}`;
}
