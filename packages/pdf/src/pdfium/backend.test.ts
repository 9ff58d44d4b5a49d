/**
 * `backend: 'pdfium'` against the default pdf.js path on the generated fixtures: the same
 * text, redactions and metadata where PDFium reads what we need, and the known gaps pinned.
 */
import { describe, expect, it } from 'vitest';
import {
  makeAnnotationPdf,
  makeAppearancePdf,
  makeBlendPdf,
  makeHyphenationPdf,
  makeKindsPdf,
  makePlaceholderPdf,
  makeRedactionsPdf,
  makeRepeatedPdf,
  makeRotatedPdf,
  makeTwoColumnPdf,
} from '../../../../test/fixtures/pdf/make-fixtures.js';
import { makeExamplePdf } from '../../../../examples/make-example.js';
import { readPdf } from '../read.js';
import { NOT_NORMAL_BLEND, pdfiumPageContent } from './content.js';
import { openPdfiumDocument } from './pdfium.js';

const fixtures: [string, () => Promise<Uint8Array>][] = [
  ['hyphenation', makeHyphenationPdf],
  ['two columns', makeTwoColumnPdf],
  ['redactions', makeRedactionsPdf],
  ['kinds', makeKindsPdf],
  ['placeholders', makePlaceholderPdf],
  ['repeated lines', makeRepeatedPdf],
  ['rotated', makeRotatedPdf],
  ['example decision', makeExamplePdf],
  ['blend modes', makeBlendPdf],
];

describe("readPdf with backend: 'pdfium'", () => {
  it.each(fixtures)('%s: the same text, page kinds and vector boxes as pdf.js', async (_name, make) => {
    const bytes = await make();
    const [a, b] = [await readPdf(bytes.slice(), { backend: 'pdfjs' }), await readPdf(bytes.slice(), { backend: 'pdfium' })];
    expect(b.pages.map((p) => p.text)).toEqual(a.pages.map((p) => p.text));
    expect(b.pages.map((p) => [p.kind, p.width, p.height, p.rotation])).toEqual(a.pages.map((p) => [p.kind, p.width, p.height, p.rotation]));
    const boxes = (d: typeof a) => d.pages.flatMap((p) => p.redactions.filter((r) => r.kind !== 'annotation').map((r) => [r.kind, r.label, r.leak, Math.round(r.box.x), Math.round(r.box.y)]));
    expect(boxes(b)).toEqual(boxes(a));
    expect({ ...b.metadata }).toEqual({ ...a.metadata, language: b.metadata.language });
  });

  it('reads /Redact and filled /Square annotations from their dictionaries, not a border-only /Square', async () => {
    const bytes = await makeAnnotationPdf();
    const [a, b] = [await readPdf(bytes.slice(), { backend: 'pdfjs' }), await readPdf(bytes.slice(), { backend: 'pdfium' })];
    const boxes = (d: typeof a) => d.pages.flatMap((p) => p.redactions.map((r) => [r.kind, r.label, r.leak, r.hiddenText, Math.round(r.box.x), Math.round(r.box.y), Math.round(r.box.width)]));
    expect(boxes(b)).toEqual(boxes(a));
    // colours: PDFium floors 0.5 × 255 where pdf.js rounds
    expect(b.pages[0]!.redactions.map((r) => r.fill)).toEqual(['#000000', '#7f7f7f']);
  });

  it('counts a black /BM /Multiply rectangle (also one inherited into a form) as no redaction, as pdf.js', async () => {
    const bytes = await makeBlendPdf();
    const [a, b] = [await readPdf(bytes.slice(), { backend: 'pdfjs' }), await readPdf(bytes.slice(), { backend: 'pdfium' })];
    const boxes = (d: typeof a) => d.pages[0]!.redactions.map((r) => [r.kind, r.fill, r.hiddenText, Math.round(r.box.y)]);
    expect(boxes(b)).toEqual(boxes(a));
    expect(boxes(b)).toEqual([['vector', '#000000', 'Normaal zwart vlak over', 132]]);
    const doc = await openPdfiumDocument(bytes.slice());
    try {
      const shapes = pdfiumPageContent(doc, 0).content.shapes;
      expect(shapes.map((s) => s.blend)).toEqual(['source-over', NOT_NORMAL_BLEND, 'source-over', NOT_NORMAL_BLEND]);
    } finally {
      doc.close();
    }
  });

  it('paints /Redact and /Square appearance streams: fill and overlay label as pdf.js, also under a rotated /Matrix', async () => {
    const bytes = await makeAppearancePdf();
    const [a, b] = [await readPdf(bytes.slice(), { backend: 'pdfjs' }), await readPdf(bytes.slice(), { backend: 'pdfium' })];
    const boxes = (d: typeof a) => d.pages.flatMap((p) => p.redactions.map((r) => [r.kind, r.fill, r.label, r.hiddenText, Math.round(r.box.x), Math.round(r.box.y), Math.round(r.box.width)]));
    expect(boxes(b)).toEqual(boxes(a));
    expect(b.pages[0]!.redactions.map((r) => [r.fill, r.label])).toEqual([
      ['#000000', '5.1.2e'],
      ['#000000', '5.1.2i'],
      ['#000000', '5.2.1'],
    ]);
    // the appearance lands where pdf.js paints it: glyph origins and shape boxes to 0.1 pt
    const doc = await openPdfiumDocument(bytes.slice());
    try {
      const { content } = pdfiumPageContent(doc, 0);
      const origins = content.glyphs.filter((g) => g.annotation !== null).map((g) => [g.annotation, g.ch, Math.round(g.ox * 10) / 10, Math.round(g.oy * 10) / 10]);
      expect(origins.slice(0, 2)).toEqual([
        ['10R', '5', 142, 142],
        ['10R', '.', 147, 142],
      ]);
      expect(origins.find((o) => o[0] === '11R')).toEqual(['11R', '5', 76, 236]);
      const fills = content.shapes.filter((s) => s.annotation !== null).map((s) => [s.annotation, s.fill, s.rect.x0, s.rect.y0, s.rect.x1, s.rect.y1].map((v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)));
      expect(fills).toEqual([
        ['10R', '#000000', 138, 130, 210, 146],
        ['11R', '#000000', 72, 222, 172, 242],
        ['12R', '#cccccc', 300, 222, 320, 242],
        ['12R', '#000000', 300, 222, 390, 242],
      ]);
    } finally {
      doc.close();
    }
  });
});
