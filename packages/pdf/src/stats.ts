/**
 * Redaction figures per page and per document: how many boxes, of which kind,
 * how much of the text area and of the page they cover, and how often each
 * ground is cited on them.
 */
import { fromBox, unionArea, type Rect } from './geometry.js';
import type { RedactionBox, RedactionKind, RedactionStats, TextLine } from './types.js';

const KINDS: readonly RedactionKind[] = ['vector', 'raster', 'annotation', 'substitution'];

function emptyKinds(): Record<RedactionKind, number> {
  return { vector: 0, raster: 0, annotation: 0, substitution: 0 };
}

const share = (part: number, whole: number): number => (whole > 0 ? Math.min(1, Math.max(0, part / whole)) : 0);
const round = (n: number, digits = 4): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Figures of one page. The text area is the union of the text-line boxes and
 * the redaction boxes: a redaction that removed its text leaves no line behind,
 * and would otherwise not count as text area at all.
 */
export function pageStats(
  redactions: readonly RedactionBox[],
  lines: readonly Pick<TextLine, 'box'>[],
  width: number,
  height: number,
): RedactionStats {
  const page: Rect = { x0: 0, y0: 0, x1: width, y1: height };
  const clip = (r: Rect): Rect => ({
    x0: Math.max(page.x0, r.x0),
    y0: Math.max(page.y0, r.y0),
    x1: Math.min(page.x1, r.x1),
    y1: Math.min(page.y1, r.y1),
  });
  const redacted = redactions.map((r) => clip(fromBox(r.box)));
  const text = lines.map((l) => clip(fromBox(l.box)));
  const redactedArea = unionArea(redacted);
  const textArea = unionArea([...text, ...redacted]);
  const pageArea = width * height;
  const countsByKind = emptyKinds();
  const groundCounts: Record<string, number> = {};
  let leakCount = 0;
  for (const r of redactions) {
    countsByKind[r.kind]++;
    if (r.leak) leakCount++;
    for (const code of new Set(r.grounds.map((g) => g.code))) groundCounts[code] = (groundCounts[code] ?? 0) + 1;
  }
  return {
    redactionCount: redactions.length,
    countsByKind,
    redactedArea: round(redactedArea, 2),
    textArea: round(textArea, 2),
    pageArea: round(pageArea, 2),
    redactedTextShare: round(share(redactedArea, textArea)),
    redactedPageShare: round(share(redactedArea, pageArea)),
    groundCounts,
    leakCount,
  };
}

/** Figures of a document: sums of the pages, shares weighted by area. */
export function documentStats(pages: readonly { stats: RedactionStats }[]): RedactionStats {
  const countsByKind = emptyKinds();
  const groundCounts: Record<string, number> = {};
  let redactionCount = 0, redactedArea = 0, textArea = 0, pageArea = 0, leakCount = 0;
  for (const { stats } of pages) {
    redactionCount += stats.redactionCount;
    redactedArea += stats.redactedArea;
    textArea += stats.textArea;
    pageArea += stats.pageArea;
    leakCount += stats.leakCount;
    for (const kind of KINDS) countsByKind[kind] += stats.countsByKind[kind];
    for (const [code, n] of Object.entries(stats.groundCounts)) groundCounts[code] = (groundCounts[code] ?? 0) + n;
  }
  return {
    redactionCount,
    countsByKind,
    redactedArea: round(redactedArea, 2),
    textArea: round(textArea, 2),
    pageArea: round(pageArea, 2),
    redactedTextShare: round(share(redactedArea, textArea)),
    redactedPageShare: round(share(redactedArea, pageArea)),
    groundCounts,
    leakCount,
  };
}
