/**
 * Redaction boxes (lak) of a page:
 * - `vector`: filled rectangles in the page content that lie over or in the text;
 * - `annotation`: `/Redact` annotations and filled `/Square` annotations;
 * - `substitution`: text replaced by a placeholder in the text layer.
 * Each box gets its label (text printed on it or right beside it), the grounds
 * read from that label, and a leak flag when text is still present under it.
 */
import { detectGrounds } from '@lakmoes/detect';
import type { GroundCitation } from '@lakmoes/schema';
import {
  coveredShare,
  fromBox,
  intersection,
  iou,
  luminance,
  rectArea,
  rgbToHex,
  toBox,
  transformRect,
  unionRect,
  verticalOverlapShare,
  type Matrix,
  type Rect,
} from './geometry.js';
import type { FilledShape, Glyph, PageContent } from './operators.js';
import { boxesForSpan } from './text.js';
import type { PageText, RedactionBox, TextLine } from './types.js';

/** Options of the redaction finders. */
export interface RedactionOptions {
  /** Smallest box side, pt (default 4): thinner fills are rules and underlines. */
  minSide?: number;
  /** Brightest fill that can be a redaction (0 black … 1 white; default 0.8). */
  maxLuminance?: number;
  /** Share of a glyph a box must cover for the glyph to count as under it (default 0.5). */
  glyphCoverage?: number;
  /** The regime of the document, passed to the ground detector. */
  law?: 'woo' | 'wob';
}

const defaults = { minSide: 4, maxLuminance: 0.8, glyphCoverage: 0.5 };

/**
 * A ground as printed on or beside a box: `5.1.2e`, `5.1.2 e`, `10.2.e`,
 * `art. 10.2.e`, `artikel 5.1, lid 2 sub e`, `11.1`, `5.2`.
 */
const GROUND_TOKEN = String.raw`(?:art(?:ikel)?\.?\s*)?\d{1,2}(?:\.\d{1,2}){1,3}a?(?:[,\s]*lid\s*\d+)?(?:\.?\s?(?:sub\s*|onder\s*)?\(?[a-i]\)?)?`;
const GROUND_AT_START = new RegExp(String.raw`^[\s(\[]*(${GROUND_TOKEN})(?![\p{L}\p{N}])`, 'iu');
const GROUND_AT_END = new RegExp(String.raw`(?<![\p{L}\p{N}.])(${GROUND_TOKEN})[\s)\].,;:]*$`, 'iu');
const GROUND_ANYWHERE = new RegExp(String.raw`(?<![\p{L}\p{N}])${GROUND_TOKEN}(?![\p{L}\p{N}])`, 'iu');
/** Words printed on boxes instead of (or next to) a ground. */
const LABEL_WORDS = /(?<![\p{L}])(?:art(?:ikel)?|woo|wob|gelakt|weggelakt|geanonimiseerd|geredigeerd|onleesbaar|redacted)(?![\p{L}])/iu;

/** Whether short text printed on a box reads as a redaction label (a ground, or a word like "gelakt"). */
export function isLabelText(text: string): boolean {
  const t = text.trim();
  if (t === '' || t.length > 80) return false;
  return GROUND_ANYWHERE.test(t) || LABEL_WORDS.test(t) || detectGrounds(t, { source: 'label' }).length > 0;
}

/** Grounds of a label, with the page and box attached. */
export function labelGrounds(label: string | null, page: number, box: RedactionBox['box'], law?: 'woo' | 'wob'): GroundCitation[] {
  if (!label) return [];
  const found = detectGrounds(label, law ? { source: 'label', law } : { source: 'label' });
  return found.map((citation) => ({ ...citation, page, box }));
}

/** Joins glyphs into text, in reading order, with spaces at gaps. */
export function glyphText(glyphs: readonly Glyph[]): string {
  const sorted = [...glyphs].sort((a, b) => {
    const sameRow = verticalOverlapShare(a, b) >= 0.5;
    return sameRow ? a.x0 - b.x0 : a.y0 - b.y0;
  });
  let out = '';
  let prev: Glyph | null = null;
  for (const g of sorted) {
    if (g.space) continue;
    // The same glyph painted twice at (nearly) the same place: fake bold, or a stamp drawn twice.
    if (prev && prev.ch === g.ch && coveredShare(g, prev) >= 0.7) continue;
    if (prev) {
      const newRow = verticalOverlapShare(prev, g) < 0.5;
      if (newRow || g.x0 - prev.x1 > 0.2 * Math.min(prev.size, g.size)) out += ' ';
    }
    out += g.ch;
    prev = g;
  }
  return out.trim();
}

/** Glyphs bucketed by horizontal bands, to find those near a box without scanning the page. */
class GlyphIndex {
  private readonly bands = new Map<number, Glyph[]>();
  private static readonly BAND = 24;

  constructor(glyphs: readonly Glyph[]) {
    for (const g of glyphs) {
      const a = Math.floor(g.y0 / GlyphIndex.BAND), b = Math.floor(g.y1 / GlyphIndex.BAND);
      for (let k = a; k <= b; k++) {
        let list = this.bands.get(k);
        if (!list) this.bands.set(k, (list = []));
        list.push(g);
      }
    }
  }

  /** Glyphs whose band overlaps `[y0, y1]` (a superset of those touching the range), each once. */
  near(y0: number, y1: number): Glyph[] {
    const a = Math.floor(y0 / GlyphIndex.BAND), b = Math.floor(y1 / GlyphIndex.BAND);
    if (a === b) return this.bands.get(a) ?? [];
    const seen = new Set<Glyph>();
    for (let k = a; k <= b; k++) for (const g of this.bands.get(k) ?? []) seen.add(g);
    return [...seen];
  }
}

const isOpaqueNormal = (shape: Pick<FilledShape, 'alpha' | 'blend'>): boolean =>
  shape.alpha >= 0.9 && (shape.blend === 'source-over' || shape.blend === 'normal' || shape.blend === 'Normal');

interface Candidate {
  rect: Rect;
  fill: string;
  op: number;
  label: string | null;
  /** Glyphs printed on the box after it: its label. */
  onTop: Glyph[];
  hidden: Glyph[];
  accepted: boolean;
}

/**
 * Vector redaction boxes: uniformly filled rectangles (any colour that is not
 * white, not the page background, opaque) that are not rules, bullets or
 * backgrounds, and lie over or in the text. Text painted before a box and
 * covered by it is a leak; light text painted on it afterwards is its label.
 */
export function findVectorRedactions(
  pageNumber: number,
  content: Pick<PageContent, 'glyphs' | 'shapes'>,
  lines: readonly TextLine[],
  width: number,
  height: number,
  options: RedactionOptions = {},
): RedactionBox[] {
  const minSide = options.minSide ?? defaults.minSide;
  const maxLum = options.maxLuminance ?? defaults.maxLuminance;
  const coverage = options.glyphCoverage ?? defaults.glyphCoverage;
  const pageRect: Rect = { x0: 0, y0: 0, x1: width, y1: height };
  const pageArea = width * height;
  // built on first use: most pages have no dark fill to look under
  let index: GlyphIndex | null = null;
  const near = (y0: number, y1: number): Glyph[] =>
    (index ??= new GlyphIndex(content.glyphs.filter((g) => g.annotation === null && !g.space))).near(y0, y1);

  // Page backgrounds: (near) full-page fills; their colour is the page colour.
  const backgrounds = new Set<string>();
  for (const shape of content.shapes) {
    if (shape.annotation === null && shape.fill && rectArea(intersection(shape.rect, pageRect) ?? { x0: 0, y0: 0, x1: 0, y1: 0 }) >= 0.9 * pageArea) {
      backgrounds.add(shape.fill);
    }
  }

  const candidates: Candidate[] = [];
  for (const shape of content.shapes) {
    if (shape.annotation !== null || !shape.fill || !isOpaqueNormal(shape)) continue;
    if (luminance(shape.fill) > maxLum || backgrounds.has(shape.fill)) continue;
    for (const raw of shape.rects) {
      // thin fills (rules, table borders) are most of them: dropped before anything is allocated
      if (Math.min(raw.x1, width) - Math.max(raw.x0, 0) < minSide || Math.min(raw.y1, height) - Math.max(raw.y0, 0) < minSide) continue;
      const rect = intersection(raw, pageRect);
      if (!rect || rectArea(rect) < 0.5 * rectArea(raw)) continue;
      const w = rect.x1 - rect.x0, h = rect.y1 - rect.y0;
      if (w < minSide || h < minSide) continue;
      const inside = near(rect.y0, rect.y1).filter((g) => coveredShare(g, rect) >= coverage);
      const onTop = inside.filter((g) => g.op > shape.op && !g.invisible && contrasts(g.fill, shape.fill!));
      const hidden = inside.filter((g) => !onTop.includes(g));
      const topText = glyphText(onTop);
      // Ordinary text printed on a fill: table shading, a banner, a background.
      if (topText !== '' && !isLabelText(topText)) continue;
      let label: string | null = topText !== '' ? topText : null;
      if (!label) label = besideLabel(rect, near(rect.y0, rect.y1));
      // Full-page fills are backgrounds unless they clearly redact something.
      if (rectArea(rect) >= 0.5 * pageArea && !label && hidden.length === 0) continue;
      // Bullets, checkboxes: small squares with nothing under or on them.
      if (!label && hidden.length === 0 && Math.max(w, h) < 8 && Math.max(w, h) / Math.min(w, h) < 1.6) continue;
      candidates.push({ rect, fill: shape.fill, op: shape.op, label, onTop, hidden, accepted: false });
    }
  }

  // Same box painted twice (fill, then fill+stroke, a flattened annotation drawn
  // twice): keep the last, and do not take the first one's label for hidden text.
  const unique: Candidate[] = [];
  for (const c of candidates.sort((a, b) => a.op - b.op)) {
    const twin = unique.findIndex((u) => iou(u.rect, c.rect) >= 0.9);
    if (twin >= 0) {
      const old = unique[twin]!;
      const hidden = c.hidden.filter((g) => !old.onTop.includes(g));
      unique[twin] = { ...c, label: c.label ?? old.label, onTop: [...old.onTop, ...c.onTop], hidden };
    } else {
      unique.push(c);
    }
  }

  // In the text: on a text line, or labelled, or hiding text; then boxes that
  // fill a removed line between text (and accepted boxes) above and below.
  const lineRects = lines.map((l) => ({ rect: fromBox(l.box), size: l.fontSize }));
  for (const c of unique) {
    c.accepted = c.label !== null || c.hidden.length > 0 || lineRects.some((l) => onTextRow(c.rect, l.rect, l.size));
  }
  for (let round = 0; round < 5; round++) {
    let changed = false;
    const neighbours = [...lineRects, ...unique.filter((c) => c.accepted).map((c) => ({ rect: c.rect, size: c.rect.y1 - c.rect.y0 }))];
    for (const c of unique) {
      if (c.accepted) continue;
      if (betweenText(c.rect, neighbours)) {
        c.accepted = true;
        changed = true;
      }
    }
    if (!changed) break;
  }

  return unique
    .filter((c) => c.accepted)
    .sort((a, b) => a.rect.y0 - b.rect.y0 || a.rect.x0 - b.rect.x0)
    .map((c) => {
      const box = toBox(c.rect);
      const hiddenText = glyphText(c.hidden);
      const result: RedactionBox = {
        page: pageNumber,
        box,
        kind: 'vector',
        fill: c.fill,
        label: c.label,
        grounds: labelGrounds(c.label, pageNumber, box, options.law),
        leak: hiddenText !== '',
      };
      if (hiddenText !== '') result.hiddenText = hiddenText;
      return result;
    });
}

/** Text that stands out from a fill: a label. Unknown (pattern) text colours count as standing out. */
function contrasts(textFill: string | null, boxFill: string): boolean {
  if (!textFill) return true;
  return Math.abs(luminance(textFill) - luminance(boxFill)) >= 0.2;
}

/** The box sits on the row of a text line, near its text. */
function onTextRow(rect: Rect, line: Rect, size: number): boolean {
  if (verticalOverlapShare(rect, line) < 0.3) return false;
  const gap = Math.max(line.x0 - rect.x1, rect.x0 - line.x1, 0);
  return gap <= 3 * Math.max(size, 6);
}

/**
 * The box fills a line of its own inside the text: neighbours (text lines or
 * accepted boxes) just above and just below overlap it horizontally, and it is
 * no taller than a few lines.
 */
function betweenText(rect: Rect, neighbours: readonly { rect: Rect; size: number }[]): boolean {
  const h = rect.y1 - rect.y0;
  let above = false, below = false;
  for (const n of neighbours) {
    if (n.rect === rect) continue;
    const xOverlap = Math.min(rect.x1, n.rect.x1) - Math.max(rect.x0, n.rect.x0);
    if (xOverlap <= 0) continue;
    const reach = 2.5 * Math.max(n.size, 6);
    if (n.rect.y1 <= rect.y0 + 1 && rect.y0 - n.rect.y1 <= reach) above = true;
    if (n.rect.y0 >= rect.y1 - 1 && n.rect.y0 - rect.y1 <= reach) below = true;
    if (h <= 2.5 * Math.max(n.size, 6) && (above || below) && rect.x0 >= n.rect.x0 - 6 && rect.x1 <= n.rect.x1 + 6 && verticalDistance(rect, n.rect) <= 1.5 * Math.max(n.size, 6)) {
      return true;
    }
  }
  return above && below;
}

function verticalDistance(a: Rect, b: Rect): number {
  return Math.max(0, b.y0 - a.y1, a.y0 - b.y1);
}

/**
 * A ground printed right beside a box on the same row: `████ 5.1.2e` or
 * `5.1.2e ████` (as in memos that print `art. 10.2.e` after each box).
 */
export function besideLabel(rect: Rect, glyphs: readonly Glyph[]): string | null {
  const row = glyphs.filter((g) => {
    const cy = (g.y0 + g.y1) / 2;
    return (cy >= rect.y0 && cy <= rect.y1) || verticalOverlapShare(g, rect) >= 0.5;
  });
  if (row.length === 0) return null;
  const right = row.filter((g) => g.x0 >= rect.x1 - 1).sort((a, b) => a.x0 - b.x0);
  const rightRun = takeRun(right, rect.x1, 1);
  const r = rightRun ? GROUND_AT_START.exec(glyphText(rightRun)) : null;
  if (r?.[1]) return r[1].trim();
  const left = row.filter((g) => g.x1 <= rect.x0 + 1).sort((a, b) => b.x1 - a.x1);
  const leftRun = takeRun(left, rect.x0, -1);
  const l = leftRun ? GROUND_AT_END.exec(glyphText(leftRun)) : null;
  if (l?.[1]) return l[1].trim();
  return null;
}

/** Glyphs that start right at `edge` and continue with word-sized gaps, up to 40 characters. */
function takeRun(sorted: readonly Glyph[], edge: number, direction: 1 | -1): Glyph[] | null {
  const first = sorted[0];
  if (!first) return null;
  const startGap = direction === 1 ? first.x0 - edge : edge - first.x1;
  if (startGap > Math.max(8, 2 * first.size)) return null;
  const run: Glyph[] = [first];
  for (let k = 1; k < sorted.length && run.length < 40; k++) {
    const prev = run[run.length - 1]!;
    const g = sorted[k]!;
    const gap = direction === 1 ? g.x0 - prev.x1 : prev.x0 - g.x1;
    if (gap > 0.9 * Math.max(prev.size, g.size)) break;
    run.push(g);
  }
  return run;
}

/** What `findAnnotationRedactions` reads of a pdf.js annotation. */
export interface AnnotationLike {
  id?: unknown;
  subtype?: unknown;
  rect?: unknown;
  color?: unknown;
  contentsObj?: { str?: unknown } | null;
}

/**
 * `/Redact` annotations (marked, not yet applied: the text under them is still
 * there, so they leak it) and `/Square` annotations with an interior colour.
 * `viewport` maps PDF user space to the displayed page.
 */
export function findAnnotationRedactions(
  pageNumber: number,
  annotations: readonly AnnotationLike[],
  content: Pick<PageContent, 'glyphs' | 'shapes'>,
  viewport: Matrix,
  width: number,
  height: number,
  options: RedactionOptions = {},
): RedactionBox[] {
  const coverage = options.glyphCoverage ?? defaults.glyphCoverage;
  const maxLum = options.maxLuminance ?? defaults.maxLuminance;
  const pageRect: Rect = { x0: 0, y0: 0, x1: width, y1: height };
  // the page's own glyphs, filtered on first use: most pages have no redaction annotation
  let glyphs: Glyph[] | null = null;
  const pageGlyphs = (): Glyph[] => (glyphs ??= content.glyphs.filter((g) => g.annotation === null && !g.space));
  const out: RedactionBox[] = [];
  for (const annotation of annotations) {
    const subtype = annotation.subtype;
    if (subtype !== 'Redact' && subtype !== 'Square') continue;
    const r = annotation.rect as ArrayLike<number> | undefined;
    if (!r || r.length < 4) continue;
    const raw = transformRect(viewport, Math.min(r[0]!, r[2]!), Math.min(r[1]!, r[3]!), Math.max(r[0]!, r[2]!), Math.max(r[1]!, r[3]!));
    const rect = intersection(raw, pageRect);
    if (!rect) continue;
    const id = typeof annotation.id === 'string' ? annotation.id : null;
    // The appearance pdf.js painted for it: filled shapes and glyphs (overlay text).
    const fills = id ? content.shapes.filter((s) => s.annotation === id && s.fill && isOpaqueNormal(s)) : [];
    const biggest = fills.sort((a, b) => rectArea(b.rect) - rectArea(a.rect))[0];
    const colour = colourHex(annotation.color);
    let fill: string | null = biggest?.fill ?? (subtype === 'Redact' ? colour : null);
    if (subtype === 'Square') {
      // Only filled squares hide anything.
      if (!biggest?.fill || luminance(biggest.fill) > maxLum) continue;
      fill = biggest.fill;
    }
    const overlay = id ? glyphText(content.glyphs.filter((g) => g.annotation === id)) : '';
    const contents = typeof annotation.contentsObj?.str === 'string' ? annotation.contentsObj.str.trim() : '';
    let label: string | null = null;
    if (overlay && isLabelText(overlay)) label = overlay;
    else if (contents && isLabelText(contents)) label = contents;
    else label = besideLabel(rect, pageGlyphs().filter((g) => coveredShare(g, rect) < coverage));
    const hiddenText = glyphText(pageGlyphs().filter((g) => coveredShare(g, rect) >= coverage));
    const box = toBox(rect);
    const result: RedactionBox = {
      page: pageNumber,
      box,
      kind: 'annotation',
      fill,
      label,
      grounds: labelGrounds(label, pageNumber, box, options.law),
      leak: hiddenText !== '',
    };
    if (hiddenText !== '') result.hiddenText = hiddenText;
    out.push(result);
  }
  return out;
}

function colourHex(color: unknown): string | null {
  if (!color || typeof color !== 'object') return null;
  const c = color as ArrayLike<number> & Record<string, number>;
  const r = c[0], g = c[1], b = c[2];
  if (typeof r !== 'number' || typeof g !== 'number' || typeof b !== 'number') return null;
  return rgbToHex(r, g, b);
}

/**
 * Placeholders that replace withheld text in the text layer. A catalogue, in
 * one place: `context` says where the phrase counts (a phrase like "geen
 * openbare informatie" also occurs in prose).
 */
export const PLACEHOLDERS: readonly { name: string; pattern: RegExp; context: 'field' | 'anywhere' }[] = [
  { name: 'geen openbare informatie', pattern: /geen\s+openbare\s+informatie/giu, context: 'field' },
  {
    name: 'bracketed',
    pattern: /[[(]\s*(?:gelakt|weggelakt|verwijderd|geanonimiseerd|geredigeerd|onleesbaar gemaakt)(?:\s*[,:;]\s*([^\])\n]{1,40}?))?\s*[\])]/giu,
    context: 'anywhere',
  },
  // the lookahead only names the first character, so that the scan skips ahead to one (4x faster on plain text)
  { name: 'run', pattern: /(?=[xX█■▇▆])(?<!\p{L})(?:[xX]{4,}|[█■▇▆]{4,})(?:[ .\-@]?(?:[xX]{4,}|[█■▇▆]{4,}))*(?!\p{L})/gu, context: 'anywhere' },
];

/**
 * Substitutions: placeholders in the page text ("geen openbare informatie",
 * "[gelakt]", "[verwijderd]", "(weggelakt)", runs of ≥ 4 x or █). The box is the
 * placeholder's box; the label a ground inside the brackets or right after it.
 */
export function findSubstitutions(pageNumber: number, page: PageText, options: RedactionOptions = {}): RedactionBox[] {
  const out: RedactionBox[] = [];
  const text = page.text;
  const taken: [number, number][] = [];
  for (const placeholder of PLACEHOLDERS) {
    placeholder.pattern.lastIndex = 0;
    for (let m = placeholder.pattern.exec(text); m; m = placeholder.pattern.exec(text)) {
      const start = m.index, end = m.index + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const nl = text.indexOf('\n', end);
      const lineEnd = nl < 0 ? text.length : nl;
      const before = text.slice(lineStart, start).trim();
      const after = text.slice(end, lineEnd);
      if (placeholder.context === 'field') {
        // A field value: alone on its line or after a label with a colon, nothing but a ground after it.
        const okBefore = before === '' || /[:\[(]$/u.test(before);
        const okAfter = after.trim() === '' || /^[\s)\].,;]/u.test(after) || GROUND_AT_START.test(after);
        if (!okBefore || !okAfter) continue;
      }
      const boxes = boxesForSpan(page, start, end);
      const rect = unionRect(boxes.map(fromBox));
      if (!rect) continue;
      taken.push([start, end]);
      const inner = m[1]?.trim();
      let label: string | null = inner && isLabelText(inner) ? inner : null;
      if (!label) {
        const g = GROUND_AT_START.exec(after.slice(0, 40));
        if (g?.[1] && /^[\s,:;(\[]/u.test(after)) label = g[1].trim();
      }
      const box = toBox(rect);
      out.push({
        page: pageNumber,
        box,
        kind: 'substitution',
        fill: null,
        label,
        grounds: labelGrounds(label, pageNumber, box, options.law),
        leak: false,
        span: { start, end },
      });
    }
  }
  return out.sort((a, b) => a.span!.start - b.span!.start);
}
