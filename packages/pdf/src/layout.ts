/**
 * Reading order: text items → lines (same baseline, sorted by x) → blocks, with
 * a simple column model: one vertical gutter between two columns, found from
 * the horizontal extents of the text; rows that cross the gutter (titles,
 * footers, wide tables) separate sections, and within a section the left
 * column is read before the right one.
 */
import { unionRect, verticalOverlapShare, type Rect } from './geometry.js';

/** What the layout needs of an item. */
export interface LayoutItem {
  rect: Rect;
  baseline: number;
  fontSize: number;
  horizontal: boolean;
  text: string;
}

/** A line found by the layout: item indices left to right. */
export interface LayoutLine {
  items: number[];
  rect: Rect;
  baseline: number;
  fontSize: number;
  column: 0 | 1 | 2;
}

export interface LayoutOptions {
  /** Detect two columns (default true). */
  columns?: boolean;
  /**
   * Filled rectangles on the page (candidate redaction boxes): a wide gap in a
   * row that such a box fills is a redacted word, not a field separator.
   */
  gapFillers?: readonly Rect[];
}

interface Row {
  items: number[];
  anchor: Rect;
  baseline: number;
  size: number;
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Lays out a page: returns blocks in reading order, each a list of lines.
 * Whitespace-only items are left out; non-horizontal items (rotated stamps,
 * margin text) become one-line blocks at the end.
 */
export function layoutItems(items: readonly LayoutItem[], options: LayoutOptions = {}): LayoutLine[][] {
  const horizontal: number[] = [];
  const other: number[] = [];
  items.forEach((item, i) => {
    if (item.text.trim() === '' || item.rect.x1 <= item.rect.x0) return;
    (item.horizontal ? horizontal : other).push(i);
  });

  const rows = groupRows(items, horizontal);
  const fillers = options.gapFillers ?? [];
  const gutter = options.columns === false ? null : findGutter(items, rows);

  // Streams of lines: each stream is read top to bottom and cut into blocks.
  const streams: LayoutLine[][] = [];
  if (!gutter) {
    streams.push(rows.flatMap((row) => makeLines(items, row.items, 0, fillers)));
  } else {
    let left: LayoutLine[] = [];
    let right: LayoutLine[] = [];
    let full: LayoutLine[] = [];
    const flushSection = (): void => {
      if (left.length) streams.push(left);
      if (right.length) streams.push(right);
      left = [];
      right = [];
    };
    const flushFull = (): void => {
      if (full.length) streams.push(full);
      full = [];
    };
    for (const row of rows) {
      const crossing = row.items.some((i) => items[i]!.rect.x0 < gutter.x1 && items[i]!.rect.x1 > gutter.x0);
      if (crossing) {
        flushSection();
        full.push(...makeLines(items, row.items, 0, fillers));
        continue;
      }
      flushFull();
      const mid = (gutter.x0 + gutter.x1) / 2;
      const l = row.items.filter((i) => items[i]!.rect.x1 <= mid);
      const r = row.items.filter((i) => items[i]!.rect.x1 > mid);
      if (l.length) left.push(...makeLines(items, l, 1, fillers));
      if (r.length) right.push(...makeLines(items, r, 2, fillers));
    }
    flushSection();
    flushFull();
  }

  const blocks: LayoutLine[][] = [];
  for (const stream of streams) blocks.push(...splitBlocks(stream));
  const rest = other
    .map((i) => makeLine(items, [i], 0))
    .sort((a, b) => a.rect.x0 - b.rect.x0 || a.rect.y0 - b.rect.y0);
  for (const line of rest) blocks.push([line]);
  return blocks;
}

/** Groups horizontal items into rows of the same baseline, top to bottom, items left to right. */
function groupRows(items: readonly LayoutItem[], indices: number[]): Row[] {
  const sorted = [...indices].sort((a, b) => items[a]!.baseline - items[b]!.baseline || items[a]!.rect.x0 - items[b]!.rect.x0);
  const rows: Row[] = [];
  for (const i of sorted) {
    const item = items[i]!;
    let best: Row | null = null;
    let bestScore = 0;
    for (let k = rows.length - 1; k >= 0; k--) {
      const row = rows[k]!;
      if (item.baseline - row.baseline > 2 * Math.max(item.fontSize, row.size)) break;
      const overlap = verticalOverlapShare(item.rect, row.anchor);
      const baselineGap = Math.abs(item.baseline - row.baseline);
      if (overlap >= 0.5 && baselineGap <= 0.6 * Math.max(item.fontSize, row.size) && overlap > bestScore) {
        best = row;
        bestScore = overlap;
      }
    }
    if (best) {
      best.items.push(i);
      // The largest item anchors the row (superscripts and OCR jitter should not drag it).
      if (item.fontSize > best.size) {
        best.anchor = item.rect;
        best.size = item.fontSize;
        best.baseline = item.baseline;
      }
    } else {
      rows.push({ items: [i], anchor: item.rect, baseline: item.baseline, size: item.fontSize });
    }
  }
  for (const row of rows) row.items.sort((a, b) => items[a]!.rect.x0 - items[b]!.rect.x0);
  rows.sort((a, b) => a.baseline - b.baseline);
  return rows;
}

/** Runs of a row: items merged across word gaps (≤ 1 em). */
function rowRuns(items: readonly LayoutItem[], row: Row): Rect[] {
  const runs: Rect[] = [];
  let current: Rect | null = null;
  for (const i of row.items) {
    const r = items[i]!.rect;
    if (current && r.x0 - current.x1 <= Math.max(items[i]!.fontSize, row.size) * 1.0) {
      current.x1 = Math.max(current.x1, r.x1);
      current.y0 = Math.min(current.y0, r.y0);
      current.y1 = Math.max(current.y1, r.y1);
    } else {
      if (current) runs.push(current);
      current = { x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 };
    }
  }
  if (current) runs.push(current);
  return runs;
}

/**
 * Finds one vertical gutter between two columns of running text, or null.
 * A gutter is an x-range in the middle 60 % of the text area that (almost) no
 * row covers, with at least three rows of substantial text on each side that
 * sit beside each other vertically.
 */
function findGutter(items: readonly LayoutItem[], rows: Row[]): { x0: number; x1: number } | null {
  if (rows.length < 6) return null;
  const runsByRow = rows.map((row) => rowRuns(items, row));
  let xMin = Infinity, xMax = -Infinity;
  for (const runs of runsByRow) for (const r of runs) {
    xMin = Math.min(xMin, r.x0);
    xMax = Math.max(xMax, r.x1);
  }
  const width = xMax - xMin;
  if (!(width > 120)) return null;
  const bins = Math.ceil(width);
  // runs per 1-pt bin: +1 where a run starts, -1 where it ends, then summed left to right
  const cover = new Int32Array(bins + 1);
  for (const runs of runsByRow) {
    for (const r of runs) {
      const a = Math.max(0, Math.floor(r.x0 - xMin));
      const b = Math.min(bins, Math.ceil(r.x1 - xMin));
      if (a < b) {
        cover[a]!++;
        cover[b]!--;
      }
    }
  }
  for (let k = 1; k <= bins; k++) cover[k]! += cover[k - 1]!;
  const limit = Math.max(2, Math.floor(rows.length * 0.2));
  const lo = Math.floor(width * 0.2);
  const hi = Math.ceil(width * 0.8);
  let best: { a: number; b: number; score: number } | null = null;
  for (let k = lo; k < hi; ) {
    if (cover[k]! > limit) {
      k++;
      continue;
    }
    let e = k;
    let sum = 0;
    while (e < hi && cover[e]! <= limit) sum += cover[e++]!;
    const w = e - k;
    if (w >= 6) {
      // Prefer wide, empty gutters.
      const score = w - sum / Math.max(1, w) * 10;
      if (!best || score > best.score) best = { a: k, b: e, score };
    }
    k = e;
  }
  if (!best) return null;
  const g0 = xMin + best.a;
  const g1 = xMin + best.b;
  const leftRuns: Rect[] = [];
  const rightRuns: Rect[] = [];
  for (const runs of runsByRow) {
    for (const r of runs) {
      if (r.x1 <= g0 + 0.5) leftRuns.push(r);
      else if (r.x0 >= g1 - 0.5) rightRuns.push(r);
    }
  }
  if (leftRuns.length < 3 || rightRuns.length < 3) return null;
  // Columns of running text: runs fill a good part of their column.
  const meanWidth = (rs: Rect[]): number => rs.reduce((s, r) => s + (r.x1 - r.x0), 0) / rs.length;
  if (meanWidth(leftRuns) < 0.4 * (g0 - xMin) || meanWidth(rightRuns) < 0.4 * (xMax - g1)) return null;
  // Side by side: their vertical extents overlap.
  const l = unionRect(leftRuns)!;
  const r = unionRect(rightRuns)!;
  const overlap = Math.min(l.y1, r.y1) - Math.max(l.y0, r.y0);
  if (overlap < 0.3 * Math.min(l.y1 - l.y0, r.y1 - r.y0)) return null;
  return { x0: g0, x1: g1 };
}

/**
 * Lines of one row: items far apart on the same baseline (a page number and a
 * document id in a footer, a label and a stamp) are separate lines.
 */
function makeLines(items: readonly LayoutItem[], indices: number[], column: 0 | 1 | 2, fillers: readonly Rect[]): LayoutLine[] {
  const sorted = [...indices].sort((a, b) => items[a]!.rect.x0 - items[b]!.rect.x0);
  const groups: number[][] = [];
  let right = -Infinity;
  let prev: Rect | null = null;
  for (const i of sorted) {
    const item = items[i]!;
    const current = groups[groups.length - 1];
    const gap = item.rect.x0 - right;
    const wide = gap > Math.max(4 * item.fontSize, 40);
    if (current && prev && (!wide || filled(prev, item.rect, right, item.rect.x0, fillers))) current.push(i);
    else groups.push([i]);
    right = Math.max(right, item.rect.x1);
    prev = item.rect;
  }
  return groups.map((g) => makeLine(items, g, column));
}

/** A box fills most of the gap `[x0, x1]` between two items of a row. */
function filled(a: Rect, b: Rect, x0: number, x1: number, fillers: readonly Rect[]): boolean {
  const band: Rect = { x0, x1, y0: Math.min(a.y0, b.y0), y1: Math.max(a.y1, b.y1) };
  for (const f of fillers) {
    const covered = Math.min(f.x1, x1) - Math.max(f.x0, x0);
    if (covered >= 0.5 * (x1 - x0) && verticalOverlapShare(f, band) >= 0.5) return true;
  }
  return false;
}

function makeLine(items: readonly LayoutItem[], indices: number[], column: 0 | 1 | 2): LayoutLine {
  const sorted = [...indices].sort((a, b) => items[a]!.rect.x0 - items[b]!.rect.x0);
  const rect = unionRect(sorted.map((i) => items[i]!.rect))!;
  let size = 0;
  let baseline = 0;
  for (const i of sorted) {
    if (items[i]!.fontSize > size) {
      size = items[i]!.fontSize;
      baseline = items[i]!.baseline;
    }
  }
  return { items: sorted, rect, baseline, fontSize: size, column };
}

/**
 * Cuts a stream of lines (top to bottom) into blocks where the gap between
 * baselines is clearly larger than the stream's usual line pitch, or the font
 * size changes.
 */
function splitBlocks(lines: LayoutLine[]): LayoutLine[][] {
  if (lines.length === 0) return [];
  const pitches: number[] = [];
  for (let k = 1; k < lines.length; k++) {
    const a = lines[k - 1]!, b = lines[k]!;
    const d = b.baseline - a.baseline;
    if (d > 0 && Math.abs(a.fontSize - b.fontSize) <= 0.2 * Math.max(a.fontSize, b.fontSize) && d < 2.5 * Math.max(a.fontSize, b.fontSize)) {
      pitches.push(d / Math.max(a.fontSize, b.fontSize));
    }
  }
  // Usual pitch in ems; 1.2 when the stream has too few lines to tell.
  const pitch = pitches.length >= 2 ? Math.min(median(pitches), 1.8) : 1.2;
  const blocks: LayoutLine[][] = [[lines[0]!]];
  for (let k = 1; k < lines.length; k++) {
    const a = lines[k - 1]!, b = lines[k]!;
    const size = Math.max(a.fontSize, b.fontSize);
    const d = b.baseline - a.baseline;
    const sizeChange = Math.abs(a.fontSize - b.fontSize) > 0.2 * size;
    const gap = d > Math.max(pitch * 1.35, pitch + 0.3) * size;
    if (gap || sizeChange) blocks.push([b]);
    else blocks[blocks.length - 1]!.push(b);
  }
  return blocks;
}
