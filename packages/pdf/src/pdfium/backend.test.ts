/**
 * `backend: 'pdfium'` against the default pdf.js path on the generated fixtures: the same
 * text, redactions and metadata where PDFium reads what we need, and the known gaps pinned.
 */
import { describe, expect, it } from 'vitest';
import {
  makeAnnotationPdf,
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

const fixtures: [string, () => Promise<Uint8Array>][] = [
  ['hyphenation', makeHyphenationPdf],
  ['two columns', makeTwoColumnPdf],
  ['redactions', makeRedactionsPdf],
  ['kinds', makeKindsPdf],
  ['placeholders', makePlaceholderPdf],
  ['repeated lines', makeRepeatedPdf],
  ['rotated', makeRotatedPdf],
  ['example decision', makeExamplePdf],
];

describe("readPdf with backend: 'pdfium'", () => {
  it.each(fixtures)('%s: the same text, page kinds and vector boxes as pdf.js', async (_name, make) => {
    const bytes = await make();
    const [a, b] = [await readPdf(bytes.slice()), await readPdf(bytes.slice(), { backend: 'pdfium' })];
    expect(b.pages.map((p) => p.text)).toEqual(a.pages.map((p) => p.text));
    expect(b.pages.map((p) => [p.kind, p.width, p.height, p.rotation])).toEqual(a.pages.map((p) => [p.kind, p.width, p.height, p.rotation]));
    const boxes = (d: typeof a) => d.pages.flatMap((p) => p.redactions.filter((r) => r.kind !== 'annotation').map((r) => [r.kind, r.label, r.leak, Math.round(r.box.x), Math.round(r.box.y)]));
    expect(boxes(b)).toEqual(boxes(a));
    expect({ ...b.metadata }).toEqual({ ...a.metadata, language: b.metadata.language });
  });

  it('reads /Redact and filled /Square annotations from their dictionaries, not a border-only /Square', async () => {
    const bytes = await makeAnnotationPdf();
    const [a, b] = [await readPdf(bytes.slice()), await readPdf(bytes.slice(), { backend: 'pdfium' })];
    const boxes = (d: typeof a) => d.pages.flatMap((p) => p.redactions.map((r) => [r.kind, r.label, r.leak, r.hiddenText, Math.round(r.box.x), Math.round(r.box.y), Math.round(r.box.width)]));
    expect(boxes(b)).toEqual(boxes(a));
    // colours: PDFium floors 0.5 × 255 where pdf.js rounds
    expect(b.pages[0]!.redactions.map((r) => r.fill)).toEqual(['#000000', '#7f7f7f']);
  });
});
