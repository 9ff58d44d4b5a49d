/**
 * Page kind: `native` (a real text layer), `ocr-layer` (text laid over a page
 * image: invisible text as in scanned exports, or text hidden under the image),
 * `image-only` (no text, images covering a good part of the page: needs OCR),
 * `empty`.
 */
import { rectArea, unionArea, intersection, type Rect } from './geometry.js';
import type { PageContent } from './operators.js';
import type { PageKind } from './types.js';

export interface PageKindOptions {
  /** Image coverage at which a page with text counts as a scan with an OCR layer (default 0.7). */
  ocrCoverage?: number;
  /** Image coverage at which a page without text needs OCR (default 0.25). */
  imageOnlyCoverage?: number;
}

/** The figures a page kind is decided on. */
export interface PageKindEvidence {
  kind: PageKind;
  /** Non-whitespace glyphs painted in the page content. */
  glyphCount: number;
  /** Share of them in an invisible render mode (3, 7). */
  invisibleShare: number;
  /** Share of them painted before, and under, a later image. */
  underImageShare: number;
  /** Share of the page covered by images (union, clipped to the page). */
  imageCoverage: number;
}

/** Share of the page that images cover (their union, clipped to the page). */
export function imageCoverage(content: Pick<PageContent, 'images'>, width: number, height: number): number {
  const page: Rect = { x0: 0, y0: 0, x1: width, y1: height };
  const rects: Rect[] = [];
  for (const image of content.images) {
    if (image.annotation !== null) continue;
    const clipped = intersection(image.rect, page);
    if (clipped) rects.push(clipped);
  }
  const area = rectArea(page);
  return area > 0 ? Math.min(1, unionArea(rects) / area) : 0;
}

/**
 * Decides the kind of a page from its content walk. `textLength` is the number
 * of non-whitespace characters in pdf.js' text content (the text layer as a
 * reader would copy it).
 */
export function classifyPage(
  content: Pick<PageContent, 'glyphs' | 'images'>,
  width: number,
  height: number,
  textLength: number,
  options: PageKindOptions = {},
): PageKindEvidence {
  const ocrCoverage = options.ocrCoverage ?? 0.7;
  const imageOnlyCoverage = options.imageOnlyCoverage ?? 0.25;
  const coverage = imageCoverage(content, width, height);
  let glyphCount = 0;
  let invisible = 0;
  let underImage = 0;
  const images = content.images.filter((image) => image.annotation === null && rectArea(image.rect) > 0.1 * width * height);
  for (const g of content.glyphs) {
    if (g.space || g.annotation !== null) continue;
    glyphCount++;
    if (g.invisible) invisible++;
    if (images.length) {
      const cx = (g.x0 + g.x1) / 2, cy = (g.y0 + g.y1) / 2;
      if (images.some((im) => im.op > g.op && cx >= im.rect.x0 && cx <= im.rect.x1 && cy >= im.rect.y0 && cy <= im.rect.y1)) underImage++;
    }
  }
  const invisibleShare = glyphCount ? invisible / glyphCount : 0;
  const underImageShare = glyphCount ? underImage / glyphCount : 0;
  const hasText = textLength > 0 && glyphCount > 0;
  let kind: PageKind;
  if (!hasText) kind = coverage >= imageOnlyCoverage ? 'image-only' : 'empty';
  else if (coverage >= ocrCoverage && (invisibleShare >= 0.5 || underImageShare >= 0.5)) kind = 'ocr-layer';
  else kind = 'native';
  return { kind, glyphCount, invisibleShare, underImageShare, imageCoverage: coverage };
}
