/**
 * How far two `PageContent`s of the same page agree (pdf.js' walk and
 * PDFium's): text, glyph positions, filled rectangles and images. Used by the
 * tests and by `benchmarks/backends.ts`.
 */
import { iou, type Rect } from '../../packages/pdf/src/geometry.js';
import type { Glyph, PageContent } from '../../packages/pdf/src/operators.js';

/** Agreement of two readings of one page. */
export interface ContentAgreement {
  /** Non-space page glyphs (not in annotations), concatenated and NFKC-normalised, are equal. */
  textEqual: boolean;
  /** Glyph counts of `a` and `b` (non-space, page content). */
  glyphsA: number;
  glyphsB: number;
  /** Glyphs aligned by their text (same character, in order). */
  aligned: number;
  /** Sum over aligned glyphs of |x0 − x0'| + |x1 − x1'| over 2 (mean x edge difference = sum / aligned). */
  xEdgeDiffSum: number;
  /** Per aligned glyph: x edge difference, bottom and top difference (pt). */
  xEdgeDiffs: number[];
  bottomDiffs: number[];
  topDiffs: number[];
  /** Non-space glyph characters are equal as multisets (the text differs at most in order). */
  sameCharacters: boolean;
  /** Sum over aligned glyphs of the baseline-side (bottom, y1) difference. */
  bottomDiffSum: number;
  /** Sum over aligned glyphs of the top (y0) difference. */
  topDiffSum: number;
  /** Sum over aligned glyphs of the size difference. */
  sizeDiffSum: number;
  /** Aligned glyphs whose `invisible` flags differ. */
  invisibleMismatch: number;
  /** Rectangles (from `rects` of filled shapes, page content) in `a`, in `b`, and those of `a` with a twin in `b` (IoU ≥ 0.9). */
  rectsA: number;
  rectsB: number;
  rectsMatched: number;
  /** Image counts (page content). */
  imagesA: number;
  imagesB: number;
}

const textOf = (g: Glyph): string => g.ch.normalize('NFKC').replace(/\s+/gu, '');

function pageGlyphs(content: PageContent): Glyph[] {
  return content.glyphs.filter((g) => g.annotation === null && !g.space && textOf(g) !== '');
}

function pageRects(content: PageContent): Rect[] {
  const out: Rect[] = [];
  for (const s of content.shapes) if (s.annotation === null) out.push(...s.rects);
  return out;
}

/**
 * Aligns the glyphs of two readings by their text: equal characters in order,
 * resynchronising over up to `window` glyphs when one side has extra or other
 * characters.
 */
export function alignGlyphs(a: readonly Glyph[], b: readonly Glyph[], window = 12): [Glyph, Glyph][] {
  const pairs: [Glyph, Glyph][] = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    if (textOf(a[i]!) === textOf(b[j]!)) {
      pairs.push([a[i]!, b[j]!]);
      i++;
      j++;
      continue;
    }
    let best: [number, number] | null = null;
    for (let d = 1; d <= window && !best; d++) {
      for (let k = 0; k <= d; k++) {
        const ai = i + k, bj = j + d - k;
        if (ai < a.length && bj < b.length && textOf(a[ai]!) === textOf(b[bj]!)) {
          best = [ai, bj];
          break;
        }
      }
    }
    if (!best) {
      i++;
      j++;
    } else {
      [i, j] = best;
    }
  }
  return pairs;
}

/** Compares two readings of one page. */
export function compareContent(a: PageContent, b: PageContent): ContentAgreement {
  const ga = pageGlyphs(a);
  const gb = pageGlyphs(b);
  const textEqual = ga.map(textOf).join('') === gb.map(textOf).join('');
  const pairs = alignGlyphs(ga, gb);
  let xEdgeDiffSum = 0, bottomDiffSum = 0, topDiffSum = 0, sizeDiffSum = 0, invisibleMismatch = 0;
  const xEdgeDiffs: number[] = [], bottomDiffs: number[] = [], topDiffs: number[] = [];
  for (const [p, q] of pairs) {
    const dx = (Math.abs(p.x0 - q.x0) + Math.abs(p.x1 - q.x1)) / 2;
    xEdgeDiffs.push(dx);
    bottomDiffs.push(Math.abs(p.y1 - q.y1));
    topDiffs.push(Math.abs(p.y0 - q.y0));
    xEdgeDiffSum += dx;
    bottomDiffSum += Math.abs(p.y1 - q.y1);
    topDiffSum += Math.abs(p.y0 - q.y0);
    sizeDiffSum += Math.abs(p.size - q.size);
    if (p.invisible !== q.invisible) invisibleMismatch++;
  }
  const ra = pageRects(a);
  const rb = pageRects(b);
  const rectsMatched = ra.filter((r) => rb.some((s) => iou(r, s) >= 0.9)).length;
  const sorted = (g: Glyph[]): string => g.map(textOf).join('').split('').sort().join('');
  return {
    textEqual,
    sameCharacters: textEqual || sorted(ga) === sorted(gb),
    xEdgeDiffs,
    bottomDiffs,
    topDiffs,
    glyphsA: ga.length,
    glyphsB: gb.length,
    aligned: pairs.length,
    xEdgeDiffSum,
    bottomDiffSum,
    topDiffSum,
    sizeDiffSum,
    invisibleMismatch,
    rectsA: ra.length,
    rectsB: rb.length,
    rectsMatched,
    imagesA: a.images.filter((i) => i.annotation === null).length,
    imagesB: b.images.filter((i) => i.annotation === null).length,
  };
}
