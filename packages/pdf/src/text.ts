/**
 * The text model of a page: pdf.js text items with boxes in page coordinates
 * (points, origin top-left) → lines and blocks in reading order → the page text,
 * with an offset map from every character back to the item (and glyph) it came
 * from. End-of-line hyphenation is repaired inside blocks; lines repeated on
 * most pages (headers, footers, document-id stamps) are flagged.
 */
import type { Box, Span } from '@lakmoes/schema';
import { applyToPoint, fromBox, toBox, unionRect, type Matrix, type Rect } from './geometry.js';
import { layoutItems, type LayoutItem, type LayoutOptions } from './layout.js';
import { normaliseFontMetrics, type Glyph } from './operators.js';
import type { PageText, TextBlock, TextItem, TextLine, TextSegment } from './types.js';

/** The shape of pdf.js' `getTextContent()` result that this module reads. */
export interface TextContentLike {
  items: ReadonlyArray<{
    str?: unknown;
    transform?: unknown;
    width?: unknown;
    height?: unknown;
    fontName?: unknown;
  }>;
  styles?: Readonly<Record<string, { ascent?: unknown; descent?: unknown; vertical?: unknown } | undefined>>;
}

/**
 * Converts pdf.js text items into ours: boxes on the displayed page (the
 * `viewport` transform maps PDF user space to it, honouring /Rotate). When the
 * page's glyphs are given, each character gets its exact x edges.
 */
export function extractTextItems(content: TextContentLike, viewport: Matrix, glyphs?: readonly Glyph[]): TextItem[] {
  const out: TextItem[] = [];
  for (const raw of content.items) {
    if (typeof raw.str !== 'string' || raw.str.trim() === '') continue;
    const t = raw.transform as number[] | undefined;
    if (!t || t.length < 6 || t.some((v) => typeof v !== 'number' || !Number.isFinite(v))) continue;
    const width = typeof raw.width === 'number' && Number.isFinite(raw.width) ? raw.width : 0;
    const style = typeof raw.fontName === 'string' ? content.styles?.[raw.fontName] : undefined;
    if (style?.vertical === true) continue; // vertical CJK writing: not in our documents
    const { ascent, descent } = normaliseFontMetrics(style?.ascent, style?.descent);
    const dirLen = Math.hypot(t[0]!, t[1]!);
    const upLen = Math.hypot(t[2]!, t[3]!);
    const size = upLen > 0 ? upLen : typeof raw.height === 'number' ? raw.height : 0;
    if (dirLen === 0 || size <= 0) continue;
    const dx = t[0]! / dirLen, dy = t[1]! / dirLen;
    const ux = upLen > 0 ? t[2]! / upLen : -dy, uy = upLen > 0 ? t[3]! / upLen : dx;
    const ox = t[4]!, oy = t[5]!;
    const corners: [number, number][] = [];
    for (const s of [0, width]) {
      for (const v of [descent * size, ascent * size]) {
        corners.push(applyToPoint(viewport, ox + dx * s + ux * v, oy + dy * s + uy * v));
      }
    }
    const xs = corners.map((p) => p[0]);
    const ys = corners.map((p) => p[1]);
    const rect: Rect = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
    const [, baseline] = applyToPoint(viewport, ox, oy);
    // Direction on the displayed page: horizontal, left to right.
    const vd = applyToPoint([viewport[0], viewport[1], viewport[2], viewport[3], 0, 0], dx, dy);
    const horizontal = vd[0] > 0 && Math.abs(vd[1]) <= 0.1 * vd[0];
    const pageScale = Math.hypot(viewport[2], viewport[3]) || 1;
    out.push({ text: raw.str, box: toBox(rect), baseline: round2(baseline), fontSize: round2(size * pageScale), horizontal });
  }
  if (glyphs && glyphs.length) alignCharEdges(out, glyphs);
  return out;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const WHITESPACE = /\s/u;

/**
 * Gives each horizontal item the x edges of its characters by walking the
 * glyphs in paint order alongside the items (pdf.js builds both from the same
 * content stream, in the same order). Items that do not match keep no edges.
 */
function alignCharEdges(items: TextItem[], glyphs: readonly Glyph[]): void {
  // The glyph stream as single characters (ligature glyphs split evenly).
  const chars: { c: string; x0: number; x1: number }[] = [];
  for (const g of glyphs) {
    if (g.annotation !== null || g.space) continue;
    const u = g.ch.normalize('NFKC');
    const units = [...u].filter((c) => !WHITESPACE.test(c));
    const w = (g.x1 - g.x0) / Math.max(1, units.length);
    units.forEach((c, k) => chars.push({ c, x0: g.x0 + w * k, x1: g.x0 + w * (k + 1) }));
  }
  let p = 0;
  for (const item of items) {
    const text = item.text;
    const wanted: { c: string; index: number }[] = [];
    let comparable = true;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (WHITESPACE.test(c)) continue;
      const n = c.normalize('NFKC');
      if (n.length !== 1) comparable = false;
      wanted.push({ c: n, index: i });
    }
    if (!item.horizontal || !comparable || wanted.length === 0) continue;
    const matchesAt = (q: number): boolean => {
      if (q + wanted.length > chars.length) return false;
      for (let k = 0; k < wanted.length; k++) if (chars[q + k]!.c !== wanted[k]!.c) return false;
      return true;
    };
    let q = -1;
    for (let start = p; start < Math.min(chars.length, p + 400); start++) {
      if (matchesAt(start)) {
        q = start;
        break;
      }
    }
    if (q < 0) continue;
    const edges = new Array<number>(text.length * 2).fill(Number.NaN);
    wanted.forEach((w, k) => {
      edges[2 * w.index] = chars[q + k]!.x0;
      edges[2 * w.index + 1] = chars[q + k]!.x1;
    });
    // Whitespace sits between its neighbours.
    const r = fromBox(item.box);
    for (let i = 0; i < text.length; i++) {
      if (!Number.isNaN(edges[2 * i]!)) continue;
      let prev = r.x0;
      for (let k = i - 1; k >= 0; k--) if (!Number.isNaN(edges[2 * k + 1]!)) { prev = edges[2 * k + 1]!; break; }
      let next = r.x1;
      for (let k = i + 1; k < text.length; k++) if (!Number.isNaN(edges[2 * k]!)) { next = edges[2 * k]!; break; }
      edges[2 * i] = prev;
      edges[2 * i + 1] = Math.max(prev, next);
    }
    item.charEdges = edges.map(round2);
    p = q + wanted.length;
  }
}

/** Options for `buildPageText`. */
export interface PageTextOptions extends LayoutOptions {
  /** Repair end-of-line hyphenation inside blocks (default true). */
  dehyphenate?: boolean;
}

/** How two consecutive lines of a block are joined. */
export type LineJoin = 'newline' | 'dehyphenate' | 'join' | 'space';

/**
 * Word parts before a line-end hyphen that are real hyphens in Dutch
 * (`niet-openbaar`, `ex-partner`, `vice-voorzitter`, `non-actief`).
 */
const HYPHENATED_PREFIXES = new Set(['niet', 'ex', 'vice', 'non']);

/** Coordinated compounds keep their hyphen: `zon- en windenergie`, `in- of uitvoer`. */
const COORDINATORS = /^(?:en|of|tot|noch|dan|als|resp\.?)(?![\p{L}\p{N}])/u;

/**
 * Decides how line `next` continues line `prev` in the same block: Dutch
 * end-of-line hyphenation (`informa-` + `tie` → `informatie`) is removed, real
 * hyphens are kept (`Noord-` + `Holland` → `Noord-Holland`, `e-` + `mail`,
 * `zon-` + `en wind` → `zon- en wind`).
 */
export function lineJoin(prev: string, next: string): LineJoin {
  if (prev.endsWith('\u00ad')) return 'dehyphenate';
  // most lines end in no hyphen: no regular expression for them
  const last = prev.charCodeAt(prev.length - 1);
  if (last !== 0x2d && last !== 0x2010) return 'newline';
  const m = /(\p{L}+)[-\u2010]$/u.exec(prev);
  if (!m) return 'newline';
  const word = m[1]!;
  if (/^\p{Ll}/u.test(next)) {
    if (COORDINATORS.test(next)) return 'space';
    if (word.length === 1 || HYPHENATED_PREFIXES.has(word.toLowerCase())) return 'join';
    return 'dehyphenate';
  }
  if (/^[\p{Lu}\p{N}]/u.test(next)) return 'join';
  return 'newline';
}

interface Piece {
  item: number;
  offset: number;
  text: string;
}

/** Builds the page text, lines, blocks and the offset map from the items. */
export function buildPageText(items: TextItem[], options: PageTextOptions = {}): PageText {
  const layoutInput: LayoutItem[] = items.map((item) => ({
    rect: fromBox(item.box),
    baseline: item.baseline,
    fontSize: item.fontSize,
    horizontal: item.horizontal,
    text: item.text,
  }));
  const laidOut = layoutItems(layoutInput, options);
  const dehyphenate = options.dehyphenate !== false;

  // Pieces of each line: item texts with the separators between them.
  const lineParts = laidOut.map((block) => block.map((line) => linePieces(items, line.items)));

  let text = '';
  const segments: TextSegment[] = [];
  const lines: TextLine[] = [];
  const blocks: TextBlock[] = [];
  const emit = (s: string, item?: number, offset?: number): void => {
    if (s.length === 0) return;
    if (item !== undefined && offset !== undefined) segments.push({ start: text.length, end: text.length + s.length, item, offset });
    text += s;
  };

  // (plain loops: callbacks made per page lose their optimised code at every full collection)
  for (let b = 0; b < laidOut.length; b++) {
    const block = laidOut[b]!;
    if (b > 0) emit('\n\n');
    const blockStart = text.length;
    const blockLines: number[] = [];
    const parts = lineParts[b]!;
    const texts = parts.map((pieces) => pieces.map((p) => p.text).join(''));
    for (let l = 0; l < block.length; l++) {
      const line = block[l]!;
      const pieces = parts[l]!;
      const lineText = texts[l]!;
      const nextText = texts[l + 1];
      const join: LineJoin | 'end' = nextText === undefined
        ? 'end'
        : dehyphenate
          ? lineJoin(lineText, nextText)
          : 'newline';
      const lineStart = text.length;
      for (let k = 0; k < pieces.length; k++) {
        const piece = pieces[k]!;
        const s = k === pieces.length - 1 && join === 'dehyphenate' ? piece.text.slice(0, -1) : piece.text;
        if (piece.item < 0) emit(s);
        else emit(s, piece.item, piece.offset);
      }
      const lineEnd = text.length;
      if (join === 'newline') emit('\n');
      else if (join === 'space') emit(' ');
      lines.push({
        text: lineText,
        box: toBox(line.rect),
        baseline: round2(line.baseline),
        fontSize: round2(line.fontSize),
        items: line.items,
        span: { start: lineStart, end: lineEnd },
        block: b,
        column: line.column,
        repeated: false,
      });
      blockLines.push(lines.length - 1);
    }
    const rect = unionRect(block.map((line) => line.rect))!;
    blocks.push({ box: toBox(rect), lines: blockLines, span: { start: blockStart, end: text.length } });
  }
  return { text, items, lines, blocks, segments };
}

/** Whether a UTF-16 unit is printable ASCII other than the space: surely no `\s` (tests that skip a regular expression per line). */
const isInk = (code: number): boolean => code > 0x20 && code < 0x7f;

/** The pieces of one line: item texts (trimmed at the line ends) and separators (item -1). */
function linePieces(items: readonly TextItem[], indices: number[]): Piece[] {
  const pieces: Piece[] = [];
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k]!;
    const item = items[index]!;
    let s = item.text;
    let offset = 0;
    if (k === 0 && !isInk(s.charCodeAt(0))) {
      const trimmed = s.replace(/^\s+/u, '');
      offset = s.length - trimmed.length;
      s = trimmed;
    }
    if (k === indices.length - 1 && !isInk(s.charCodeAt(s.length - 1))) s = s.replace(/\s+$/u, '');
    if (k > 0 && s.length) {
      const prevItem = items[indices[k - 1]!]!;
      const prev = pieces[pieces.length - 1];
      const gap = item.box.x - (prevItem.box.x + prevItem.box.width);
      const size = Math.min(item.fontSize, prevItem.fontSize);
      // A gap, or an item printed over the previous one (a label on a box): separate words.
      const needsSpace = gap > 0.15 * size || gap < -0.5 * size;
      if (needsSpace && prev && !/\s$/u.test(prev.text) && !/^\s/u.test(s)) pieces.push({ item: -1, offset: 0, text: ' ' });
    }
    if (s.length) pieces.push({ item: index, offset, text: s });
  }
  return pieces;
}

/**
 * Boxes of the characters `[start, end)` of the page text: one box per line
 * piece, from the exact glyph edges where known, else interpolated within the
 * item. Synthetic characters (separators) have no box.
 */
export function boxesForSpan(page: Pick<PageText, 'items' | 'segments'>, start: number, end: number): Box[] {
  const { segments, items } = page;
  if (end <= start) return [];
  // First segment that ends after `start`.
  let lo = 0, hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const rects: { rect: Rect; size: number }[] = [];
  for (let k = lo; k < segments.length; k++) {
    const seg = segments[k]!;
    if (seg.start >= end) break;
    const item = items[seg.item];
    if (!item) continue;
    const a = seg.offset + Math.max(start, seg.start) - seg.start;
    const b = seg.offset + Math.min(end, seg.end) - seg.start;
    if (b <= a) continue;
    rects.push({ rect: itemSubRect(item, a, b), size: item.fontSize });
  }
  // Merge neighbouring pieces on the same line.
  const merged: { rect: Rect; size: number }[] = [];
  for (const r of rects) {
    const last = merged[merged.length - 1];
    if (
      last &&
      Math.min(last.rect.y1, r.rect.y1) - Math.max(last.rect.y0, r.rect.y0) >= 0.5 * Math.min(last.rect.y1 - last.rect.y0, r.rect.y1 - r.rect.y0) &&
      r.rect.x0 >= last.rect.x0 &&
      r.rect.x0 - last.rect.x1 <= 1.5 * Math.max(last.size, r.size)
    ) {
      last.rect = unionRect([last.rect, r.rect])!;
    } else {
      merged.push({ rect: { ...r.rect }, size: r.size });
    }
  }
  return merged.map((m) => toBox(m.rect));
}

/** The box of characters `[a, b)` of an item. */
export function itemSubRect(item: TextItem, a: number, b: number): Rect {
  const r = fromBox(item.box);
  const n = item.text.length;
  if (!item.horizontal || n === 0 || (a <= 0 && b >= n)) return r;
  const edges = item.charEdges;
  if (edges && edges.length === 2 * n) {
    const x0 = edges[2 * a]!;
    const x1 = edges[2 * (b - 1) + 1]!;
    if (Number.isFinite(x0) && Number.isFinite(x1) && x1 >= x0) return { x0, y0: r.y0, x1, y1: r.y1 };
  }
  const w = r.x1 - r.x0;
  return { x0: r.x0 + (w * a) / n, y0: r.y0, x1: r.x0 + (w * b) / n, y1: r.y1 };
}

/** The page text of a span, for convenience. */
export function spanText(page: Pick<PageText, 'text'>, span: Span): string {
  return page.text.slice(span.start, span.end);
}

/** Options for `markRepeatedLines`. */
export interface RepeatedLineOptions {
  /** Share of the pages a line must appear on (default 0.6). */
  threshold?: number;
  /** Position tolerance, pt (default 4 vertically, 12 horizontally). */
  toleranceY?: number;
  toleranceX?: number;
}

/** Line text with digits collapsed, so page numbers ("Pagina 2 van 9") still match. */
export function repeatKey(text: string): string {
  return text.toLowerCase().replace(/\s+/gu, ' ').replace(/\d+/gu, '#').trim();
}

/**
 * Flags lines that repeat at the same place on at least `threshold` of the
 * pages (and on two pages at least): running headers and footers, page numbers,
 * document-id stamps (`281469`, `VWS-WOO-184702`). Mutates `repeated`.
 */
export function markRepeatedLines(pages: ReadonlyArray<{ lines: TextLine[] }>, options: RepeatedLineOptions = {}): void {
  const threshold = options.threshold ?? 0.6;
  const ty = options.toleranceY ?? 4;
  const tx = options.toleranceX ?? 12;
  const needed = Math.max(2, Math.ceil(threshold * pages.length - 1e-9));
  if (pages.length < 2) return;
  const byKey = new Map<string, { page: number; line: TextLine }[]>();
  pages.forEach((page, p) => {
    for (const line of page.lines) {
      const key = repeatKey(line.text);
      if (key === '') continue;
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push({ page: p, line });
    }
  });
  const cy = (b: { y: number; height: number }): number => b.y + b.height / 2;
  for (const list of byKey.values()) {
    if (new Set(list.map((e) => e.page)).size < needed) continue;
    // bucket by vertical position so that each line is compared only with lines near it
    // (a key shared by many lines, e.g. numbered table rows, was quadratic: 10^8 pairs on 200 pages)
    const buckets = new Map<number, { page: number; line: TextLine }[]>();
    for (const e of list) {
      const k = Math.floor(cy(e.line.box) / ty);
      let b = buckets.get(k);
      if (!b) buckets.set(k, (b = []));
      b.push(e);
    }
    for (const entry of list) {
      if (entry.line.repeated) continue;
      const a = entry.line.box;
      const k = Math.floor(cy(a) / ty);
      const pagesMatched = new Set<number>();
      for (const near of [buckets.get(k - 1), buckets.get(k), buckets.get(k + 1)]) {
        for (const other of near ?? []) {
          const b = other.line.box;
          if (Math.abs(cy(a) - cy(b)) > ty) continue;
          const sameX =
            Math.abs(a.x - b.x) <= tx ||
            Math.abs(a.x + a.width - (b.x + b.width)) <= tx ||
            Math.abs(a.x + a.width / 2 - (b.x + b.width / 2)) <= tx;
          if (sameX) pagesMatched.add(other.page);
        }
      }
      if (pagesMatched.size >= needed) entry.line.repeated = true;
    }
  }
}
