/**
 * Text items straight from the glyphs of the operator walk, so a page is parsed once
 * (pdf.js' `getTextContent` parsed every content stream a second time: 4.2 of 17.2 CPU
 * seconds on 500 born-digital pages, benchmarks/RESULTS.md).
 *
 * Glyphs are grouped into runs the way pdf.js groups text content (pdf.worker.mjs
 * `compareWithLastPosition`, 5.6.205), in ems of the glyph's matrix: a gap along the
 * baseline of more than 0.102 is a space, more than 0.6 or a jump back of more than 0.2
 * ends the run; a baseline shift of more than 0.25 of the font size ends the run, and so
 * does a new font or Tf. A space glyph becomes one space before the next glyph of the run,
 * unless that glyph touches the previous one (gap ≤ 0.03: no space) or follows it closely
 * (≤ 0.102: the run ends). Text is normalised like pdf.js does (`normalizeUnicode`:
 * ligatures split, compatibility spaces). Every UTF-16 unit gets the x edges of the glyph
 * it came from (ligatures split evenly; spaces span the gap).
 * Not done (not in our documents): right-to-left reordering, vertical writing.
 */
import { toBox } from './geometry.js';
import type { Glyph } from './operators.js';
import { normalizeUnicode } from './unicode.js';
import type { TextItem } from './types.js';

const SPACE_MIN = 0.102;
const SPACE_MAX = 0.6;
const NEGATIVE_MAX = -0.2;
const NOT_A_SPACE = 0.03;
/** pdf.js compares in PDF space, we on the page: rounding differs in the last bits. */
const EPSILON = 0.01;
const SHIFT_MAX = 0.25;

const COMBINING = /^\p{M}+$/u;
const FORMAT = /^\p{Cf}+$/u;
/** Tested on every glyph: the usual single character skips the regular expression (no format character, Cf, lies below U+00AD). */
const isFormat = (ch: string): boolean => !(ch.length === 1 && ch.charCodeAt(0) < 0xad) && FORMAT.test(ch);
/** No combining mark (M) lies below U+0300. */
const isCombining = (text: string): boolean => !(text.length === 1 && text.charCodeAt(0) < 0x300) && COMBINING.test(text);
/** Whether `text[u]` starts a surrogate pair (one character of two UTF-16 units). */
function pairAt(text: string, u: number): boolean {
  const c = text.charCodeAt(u);
  if (c < 0xd800 || c > 0xdbff || u + 1 >= text.length) return false;
  const d = text.charCodeAt(u + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

interface Run {
  text: string;
  edges: number[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Baseline origin of the first glyph. */
  ox: number;
  oy: number;
  /** Origin and end of the last glyph. */
  lastOx: number;
  lastOy: number;
  ex: number;
  ey: number;
  dx: number;
  dy: number;
  size: number;
  font: string;
  tf: number;
  pendingSpace: boolean;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Groups the page's glyphs (paint order, page coordinates) into text items. Glyphs of
 * annotation appearances, vertical fonts and glyphs wholly off the page are left out,
 * as pdf.js' text content leaves them out; invisible glyphs (OCR layers) are kept.
 */
export function itemsFromGlyphs(glyphs: readonly Glyph[], pageWidth: number, pageHeight: number): TextItem[] {
  const out: TextItem[] = [];
  let run: Run | null = null;

  const flush = (): void => {
    if (run && run.text.trim() !== '') out.push(toItem(run));
    run = null;
  };

  for (const g of glyphs) {
    if (g.annotation !== null || g.vertical) continue;
    if (g.space) {
      if (run) run.pendingSpace = true;
      continue;
    }
    if (g.x1 < 0 || g.x0 > pageWidth || g.y1 < 0 || g.y0 > pageHeight) continue;
    if (isFormat(g.ch)) continue;
    const text = normalizeUnicode(g.ch);
    const combining = isCombining(text);
    if (run && combining) {
      append(run, g, text, false, true);
      continue;
    }
    if (run) {
      const r: Run = run;
      const size = r.size;
      // a new font or font size (Tf, not the size on the page: OCR layers scale words by matrix) ends the run
      let keep = r.font === g.font && r.tf === g.tf && r.dx * g.dx + r.dy * g.dy > 0.999;
      let space = false;
      if (keep) {
        const along = (g.ox - r.ex) * r.dx + (g.oy - r.ey) * r.dy;
        const across = Math.abs((g.ox - r.lastOx) * -r.dy + (g.oy - r.lastOy) * r.dx);
        // gaps along the baseline in ems of the glyph's own matrix (pdf.js: text space, its
        // advance scale follows every Tm), shifts across it in the run's font size
        const em = g.em || size;
        // glyphs that touch: a space glyph painted between them is no word break (pdf.js `notASpace`)
        if (along <= NOT_A_SPACE * em) r.pendingSpace = false;
        if (along < NEGATIVE_MAX * em || across > SHIFT_MAX * size + EPSILON || along > SPACE_MAX * em) keep = false;
        // a space glyph and a narrow gap: pdf.js ends the item there and the layout decides
        else if (along <= SPACE_MIN * em) keep = !r.pendingSpace;
        else space = true;
      }
      if (keep) {
        append(r, g, text, space, false);
        continue;
      }
      flush();
    }
    run = {
      text: '',
      edges: [],
      x0: g.x0,
      y0: g.y0,
      x1: g.x1,
      y1: g.y1,
      ox: g.ox,
      oy: g.oy,
      lastOx: g.ox,
      lastOy: g.oy,
      ex: g.ex,
      ey: g.ey,
      dx: g.dx,
      dy: g.dy,
      size: g.size,
      font: g.font,
      tf: g.tf,
      pendingSpace: false,
    };
    append(run, g, text, false, combining);
  }
  flush();
  return out;
}

function append(run: Run, g: Glyph, text: string, space: boolean, combining: boolean): void {
  if (space && run.text !== '') {
    const prev = run.edges.length ? run.edges[run.edges.length - 1]! : g.x0;
    run.text += ' ';
    run.edges.push(prev, Math.max(prev, g.x0));
  }
  // x edges per UTF-16 unit: the glyph's span split over its characters (code points;
  // counted in place: spreading the text into an array per glyph was most of this function)
  let n = 0;
  for (let u = 0; u < text.length; u++, n++) if (pairAt(text, u)) u++;
  const w = (g.x1 - g.x0) / Math.max(1, n);
  for (let u = 0, k = 0; u < text.length; u++, k++) {
    const x0 = g.x0 + w * k, x1 = g.x0 + w * (k + 1);
    run.edges.push(x0, x1);
    if (pairAt(text, u)) {
      run.edges.push(x0, x1);
      u++;
    }
  }
  run.text += text;
  if (g.x0 < run.x0) run.x0 = g.x0;
  if (g.x1 > run.x1) run.x1 = g.x1;
  // a horizontal run keeps the height of its first glyph (as pdf.js items do: OCR layers
  // scale each word by its own matrix); other directions take the union
  if (!(run.dx > 0 && Math.abs(run.dy) <= 0.1 * run.dx)) {
    if (g.y0 < run.y0) run.y0 = g.y0;
    if (g.y1 > run.y1) run.y1 = g.y1;
  }
  if (!combining) {
    run.lastOx = g.ox;
    run.lastOy = g.oy;
    run.ex = g.ex;
    run.ey = g.ey;
  }
  run.pendingSpace = false;
}

function toItem(run: Run): TextItem {
  const horizontal = run.dx > 0 && Math.abs(run.dy) <= 0.1 * run.dx;
  const item: TextItem = {
    text: run.text,
    box: toBox({ x0: run.x0, y0: run.y0, x1: run.x1, y1: run.y1 }),
    baseline: round2(run.oy),
    fontSize: round2(run.size),
    horizontal,
  };
  if (horizontal) item.charEdges = run.edges.map(round2);
  return item;
}
