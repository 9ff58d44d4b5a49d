import { describe, expect, it } from 'vitest';
import { KINDS, makeKindsPdf } from '../../../test/fixtures/pdf/make-fixtures.js';
import { classifyPage, imageCoverage } from './kind.js';
import type { Glyph, PaintedImage } from './operators.js';
import { readPdf } from './read.js';

describe('page kinds', () => {
  it('tells native, image-only, ocr-layer and empty pages apart', async () => {
    const { pages } = await readPdf(await makeKindsPdf());
    expect(pages.map((p) => p.kind)).toEqual(['native', 'image-only', 'ocr-layer', 'empty', 'ocr-layer']);
    expect(pages.map((p) => p.imageCoverage)).toEqual([0, 1, 1, 0, 1]);
    expect(pages[0]!.text).toBe(KINDS.nativeText);
    expect(pages[1]!.text).toBe('');
    // The invisible OCR layer is text all the same.
    expect(pages[2]!.text).toBe(KINDS.ocrText);
    expect(pages[4]!.text).toBe(KINDS.stripText);
  });

  it.each(['pdfium', 'pdfjs'] as const)('passes page images and their pixels to a page hook, and adds the boxes it returns (%s)', async (backend) => {
    const seen: { page: number; kind: string; images: number; pixels: string | null }[] = [];
    // PDFium hands grey images over as grey, pdf.js as RGB.
    const c = backend === 'pdfium' ? 1 : 3;
    const { pages, stats } = await readPdf(await makeKindsPdf(), {
      backend,
      onPage: async ({ page, images, getImagePixels }) => {
        const first = images[0];
        const pixels = first?.objId ? await getImagePixels(first.objId) : null;
        seen.push({
          page: page.number,
          kind: page.kind,
          images: images.length,
          pixels: pixels ? `${pixels.width}x${pixels.height}x${pixels.channels}:${pixels.data[0]}` : null,
        });
        if (page.kind !== 'image-only') return;
        const box = { x: 100, y: 100, width: 50, height: 10 };
        return [{ page: page.number, box, kind: 'raster' as const, fill: '#000000', label: null, grounds: [], leak: false, confidence: 0.9 }];
      },
    });
    expect(seen).toEqual([
      { page: 1, kind: 'native', images: 0, pixels: null },
      { page: 2, kind: 'image-only', images: 1, pixels: `40x56x${c}:200` },
      { page: 3, kind: 'ocr-layer', images: 1, pixels: `40x56x${c}:203` },
      { page: 4, kind: 'empty', images: 0, pixels: null },
      { page: 5, kind: 'ocr-layer', images: 4, pixels: `40x14x${c}:200` },
    ]);
    expect(pages[1]!.redactions.map((r) => r.kind)).toEqual(['raster']);
    expect(pages[1]!.stats.countsByKind.raster).toBe(1);
    expect(stats.countsByKind.raster).toBe(1);
  });
});

describe('classifyPage', () => {
  const glyph = (op: number, invisible: boolean): Glyph => ({
    x0: 100, y0: 100, x1: 106, y1: 111, ch: 'a', op, fill: '#000000', invisible, space: false, size: 10, annotation: null,
    ox: 100, oy: 109, ex: 106, ey: 109, dx: 1, dy: 0, em: 10, font: 'f1', tf: 10, vertical: false,
  });
  const image = (op: number, x0: number, y0: number, x1: number, y1: number): PaintedImage => ({
    rect: { x0, y0, x1, y1 }, op, objId: 'img', pixelWidth: 10, pixelHeight: 10, mask: false, annotation: null,
  });

  it('counts text hidden under a later page image as an OCR layer', () => {
    const content = { glyphs: [glyph(1, false), glyph(2, false)], images: [image(5, 0, 0, 595, 842)] };
    expect(classifyPage(content, 595, 842, 2).kind).toBe('ocr-layer');
  });

  it('keeps visible text over a background image native', () => {
    const content = { glyphs: [glyph(6, false), glyph(7, false)], images: [image(5, 0, 0, 595, 842)] };
    const evidence = classifyPage(content, 595, 842, 2);
    expect(evidence).toMatchObject({ kind: 'native', invisibleShare: 0, underImageShare: 0, imageCoverage: 1 });
  });

  it('needs images over a good part of the page before a text-less page needs OCR', () => {
    expect(classifyPage({ glyphs: [], images: [image(1, 0, 0, 100, 100)] }, 595, 842, 0).kind).toBe('empty');
    expect(classifyPage({ glyphs: [], images: [image(1, 0, 0, 595, 421)] }, 595, 842, 0).kind).toBe('image-only');
  });

  it('measures coverage as the union of images clipped to the page', () => {
    const images = [image(1, -100, -100, 400, 421), image(2, 0, 0, 400, 421), image(3, 0, 421, 595, 1000)];
    expect(imageCoverage({ images }, 595, 842)).toBeCloseTo((400 * 421 + 595 * 421) / (595 * 842), 6);
  });
});
