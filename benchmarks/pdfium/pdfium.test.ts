import { crc32, deflateSync } from 'node:zlib';
import {
  PDFDocument,
  PDFName,
  PDFHexString,
  StandardFonts,
  TextRenderingMode,
  beginText,
  degrees,
  endText,
  rgb,
  setFontAndSize,
  setTextRenderingMode,
  showText,
  moveText,
} from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMatrix } from '../../packages/pdf/src/geometry.js';
import { openPdf, pdfjsDocument, type PdfDocumentHandle } from '../../packages/pdf/src/open.js';
import { walkOperators, type PageContent } from '../../packages/pdf/src/operators.js';
import { fontLookup } from '../../packages/pdf/src/read.js';
import { compareContent } from './compare.js';
import { pdfiumImagePixels, pdfiumPageContent, type PdfiumPage } from '../../packages/pdf/src/pdfium/content.js';
import { openPdfiumDocument, type PdfiumDocument } from '../../packages/pdf/src/pdfium/pdfium.js';

async function pdfjsContent(handle: PdfDocumentHandle, number: number): Promise<{ content: PageContent; width: number; height: number }> {
  const page = await pdfjsDocument(handle).getPage(number);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const opList = await page.getOperatorList();
    return { content: walkOperators(opList, toMatrix(viewport.transform), fontLookup(page)), width: viewport.width, height: viewport.height };
  } finally {
    page.cleanup();
  }
}

/** A PNG of `w × h` RGB pixels (red rises left to right, green top to bottom). */
function png(w: number, h: number): Uint8Array {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) {
    raw[y * (1 + 3 * w)] = 0;
    for (let x = 0; x < w; x++) {
      const at = y * (1 + 3 * w) + 1 + 3 * x;
      raw[at] = Math.round((x / (w - 1)) * 255);
      raw[at + 1] = Math.round((y / (h - 1)) * 255);
      raw[at + 2] = 40;
    }
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

/**
 * Page 1: two lines of Helvetica, a black box painted over "secret" after the
 * text, an invisible (render mode 3) line. Page 2: /Rotate 90 with text and a
 * box. Page 3: a PNG image. Page 4: page 1 drawn as a form XObject, scaled.
 */
async function fixture(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const helv = await pdf.embedFont(StandardFonts.Helvetica);
  const times = await pdf.embedFont(StandardFonts.TimesRoman);

  const p1 = pdf.addPage([595, 842]);
  p1.drawText('Besluit op uw verzoek', { x: 72, y: 760, size: 14, font: helv });
  p1.drawText('The secret name is Jansen.', { x: 72, y: 730, size: 11, font: times, color: rgb(0.2, 0.2, 0.6) });
  p1.drawRectangle({ x: 107, y: 726, width: 32, height: 13, color: rgb(0, 0, 0) });
  const key = p1.node.newFontDictionary(helv.name, helv.ref);
  p1.pushOperators(
    beginText(),
    setFontAndSize(key, 10),
    setTextRenderingMode(TextRenderingMode.Invisible),
    moveText(72, 700),
    showText(helv.encodeText('OCR layer')),
    endText(),
  );

  const p2 = pdf.addPage([595, 842]);
  p2.setRotation(degrees(90));
  p2.drawText('Rotated page text', { x: 100, y: 500, size: 12, font: helv });
  p2.drawRectangle({ x: 100, y: 400, width: 80, height: 20, color: rgb(0.1, 0.1, 0.1) });

  const p3 = pdf.addPage([400, 400]);
  const image = await pdf.embedPng(png(16, 8));
  p3.drawImage(image, { x: 50, y: 100, width: 160, height: 80 });
  p3.drawText('Caption', { x: 50, y: 80, size: 9, font: helv });

  const p4 = pdf.addPage([595, 842]);
  const embedded = await pdf.embedPage(p1);
  p4.drawPage(embedded, { x: 20, y: 10, xScale: 0.8, yScale: 0.8 });

  return pdf.save();
}

/** A PDF whose /Encrypt asks for a user password nobody knows. */
async function encryptedFixture(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([200, 200]).drawText('x', { x: 10, y: 10, size: 10 });
  const bytes32 = (seed: number): PDFHexString =>
    PDFHexString.of(Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) & 255).toString(16).padStart(2, '0')).join(''));
  const encrypt = pdf.context.obj({ Filter: 'Standard', V: 1, R: 2, P: -44 });
  encrypt.set(PDFName.of('O'), bytes32(11));
  encrypt.set(PDFName.of('U'), bytes32(97));
  pdf.context.trailerInfo.Encrypt = pdf.context.register(encrypt);
  pdf.context.trailerInfo.ID = pdf.context.obj([bytes32(5), bytes32(5)]);
  return pdf.save({ useObjectStreams: false });
}

describe('PDFium backend', () => {
  let bytes: Uint8Array;
  let pdfjs: PdfDocumentHandle;
  let doc: PdfiumDocument;
  const pdfiumPages: PdfiumPage[] = [];
  const pdfjsPages: { content: PageContent; width: number; height: number }[] = [];

  beforeAll(async () => {
    bytes = await fixture();
    pdfjs = await openPdf(bytes, { backend: 'pdfjs' });
    doc = await openPdfiumDocument(bytes);
    for (let i = 0; i < doc.pageCount; i++) {
      pdfiumPages.push(pdfiumPageContent(doc, i));
      pdfjsPages.push(await pdfjsContent(pdfjs, i + 1));
    }
  });
  afterAll(async () => {
    doc?.close();
    await pdfjs?.close();
  });

  it('opens the document and counts pages', () => {
    expect(doc.pageCount).toBe(4);
  });

  it('matches pdf.js page sizes and rotation', () => {
    for (let i = 0; i < 4; i++) {
      expect(pdfiumPages[i]!.width).toBeCloseTo(pdfjsPages[i]!.width, 3);
      expect(pdfiumPages[i]!.height).toBeCloseTo(pdfjsPages[i]!.height, 3);
    }
    expect(pdfiumPages[1]!.rotation).toBe(90);
  });

  // Tolerances, from what the fixture shows: glyph x edges agree to < 0.01 pt (both use the font's
  // advance widths); vertical extents differ by up to ~0.7 pt because PDFium's metrics for the
  // standard 14 fonts (its substitutes) are not pdf.js' (Helvetica ascent 0.945 vs 0.905 of an em).
  // Rectangles are computed from the same path points: 0.01 pt.
  const X_TOL = 0.05;
  const Y_TOL = 1;

  it.each([1, 2, 3, 4])('page %i: same glyphs, boxes, shapes and images as pdf.js', (number) => {
    const a = pdfjsPages[number - 1]!.content;
    const b = pdfiumPages[number - 1]!.content;
    const agreement = compareContent(a, b);
    expect(agreement.textEqual).toBe(true);
    expect(agreement.glyphsB).toBe(agreement.glyphsA);
    expect(agreement.aligned).toBe(agreement.glyphsA);
    expect(agreement.invisibleMismatch).toBe(0);
    const ga = a.glyphs.filter((g) => !g.space);
    const gb = b.glyphs.filter((g) => !g.space);
    for (let k = 0; k < ga.length; k++) {
      const p = ga[k]!, q = gb[k]!;
      expect(q.ch).toBe(p.ch);
      expect(q.size).toBeCloseTo(p.size, 2);
      expect(q.fill).toBe(p.fill);
      // Along the writing direction (x on upright pages, y on the /Rotate 90 page): the advance.
      const along = number === 2 ? [[p.y0, q.y0], [p.y1, q.y1]] : [[p.x0, q.x0], [p.x1, q.x1]];
      const across = number === 2 ? [[p.x0, q.x0], [p.x1, q.x1]] : [[p.y0, q.y0], [p.y1, q.y1]];
      for (const [u, v] of along) expect(Math.abs(u! - v!)).toBeLessThan(X_TOL);
      for (const [u, v] of across) expect(Math.abs(u! - v!)).toBeLessThan(Y_TOL);
      // Baseline start and end, and direction: as pdf.js.
      expect(Math.hypot(q.ox - p.ox, q.oy - p.oy)).toBeLessThan(X_TOL);
      expect(Math.hypot(q.ex - p.ex, q.ey - p.ey)).toBeLessThan(X_TOL);
      expect(Math.hypot(q.dx - p.dx, q.dy - p.dy)).toBeLessThan(1e-3);
      expect(q.em).toBeCloseTo(p.em, 2);
      expect(q.tf).toBeCloseTo(p.tf, 2);
    }
    expect(agreement.rectsB).toBe(agreement.rectsA);
    expect(agreement.rectsMatched).toBe(agreement.rectsA);
    expect(b.shapes.map((s) => s.fill)).toEqual(a.shapes.map((s) => s.fill));
    for (let k = 0; k < a.shapes.length; k++) {
      for (const key of ['x0', 'y0', 'x1', 'y1'] as const) expect(Math.abs(b.shapes[k]!.rect[key] - a.shapes[k]!.rect[key])).toBeLessThan(0.01);
    }
    expect(b.images.length).toBe(a.images.length);
    for (let k = 0; k < a.images.length; k++) {
      const p = a.images[k]!, q = b.images[k]!;
      expect([q.pixelWidth, q.pixelHeight, q.mask]).toEqual([p.pixelWidth, p.pixelHeight, p.mask]);
      for (const key of ['x0', 'y0', 'x1', 'y1'] as const) expect(Math.abs(q.rect[key] - p.rect[key])).toBeLessThan(0.01);
    }
  });

  it('keeps paint order: the box painted after the text has a higher op than the glyphs it hides', () => {
    const { glyphs, shapes } = pdfiumPages[0]!.content;
    const box = shapes[0]!;
    const hidden = glyphs.filter((g) => !g.space && g.x0 >= box.rect.x0 && g.x1 <= box.rect.x1 && g.y0 >= box.rect.y0 - 3 && g.y1 <= box.rect.y1 + 3);
    expect(hidden.length).toBeGreaterThanOrEqual(3);
    for (const g of hidden) expect(g.op).toBeLessThan(box.op);
    // In the form XObject (page 4) too.
    const p4 = pdfiumPages[3]!.content;
    expect(p4.glyphs.filter((g) => g.ch === 's')[0]!.op).toBeLessThan(p4.shapes[0]!.op);
  });

  it('marks render mode 3 text invisible', () => {
    const invisible = pdfiumPages[0]!.content.glyphs.filter((g) => g.invisible);
    expect(invisible.map((g) => g.ch).join('')).toBe('OCR layer');
  });

  it('decodes image pixels as pdf.js does', async () => {
    const image = pdfiumPages[2]!.content.images[0]!;
    const px = await pdfiumImagePixels(doc, 2, image.objId!);
    expect(px).not.toBeNull();
    expect([px!.width, px!.height, px!.channels]).toEqual([16, 8, 3]);
    // Red rises left to right, green top to bottom, blue 40.
    expect(Array.from(px!.data.subarray(0, 6))).toEqual([0, 0, 40, 17, 0, 40]);
    const last = (8 * 16 - 1) * 3;
    expect(Array.from(px!.data.subarray(last, last + 3))).toEqual([255, 255, 40]);
    expect(await pdfiumImagePixels(doc, 2, '99')).toBeNull();
  });

  it('reads nothing from a closed document', () => {
    const copy = bytes;
    return openPdfiumDocument(copy).then((d) => {
      d.close();
      d.close();
      expect(() => pdfiumPageContent(d, 0)).toThrow(/closed/);
    });
  });

  it('throws coded errors for encrypted, corrupt and empty input', async () => {
    await expect(openPdfiumDocument(await encryptedFixture())).rejects.toMatchObject({ code: 'PDF_ENCRYPTED' });
    await expect(openPdfiumDocument(new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage'))).rejects.toMatchObject({ code: 'PDF_CORRUPT' });
    await expect(openPdfiumDocument(new Uint8Array(0))).rejects.toMatchObject({ code: 'PDF_EMPTY' });
  });

  it('reads annotations: subtype, rect, interior colour, contents', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([300, 300]);
    const square = pdf.context.obj({ Type: 'Annot', Subtype: 'Square', Rect: [50, 50, 150, 80], IC: [0, 0, 0], C: [1, 0, 0] });
    square.set(PDFName.of('Contents'), PDFHexString.fromText('5.1.2e'));
    const redact = pdf.context.obj({ Type: 'Annot', Subtype: 'Redact', Rect: [50, 100, 150, 120] });
    page.node.set(PDFName.of('Annots'), pdf.context.obj([pdf.context.register(square), pdf.context.register(redact)]));
    const d = await openPdfiumDocument(await pdf.save());
    try {
      const { annotations, content } = pdfiumPageContent(d, 0);
      expect(annotations.map((a) => [a.subtype, a.rect, a.contentsObj.str])).toEqual([
        ['Square', [50, 50, 150, 80], '5.1.2e'],
        ['Redact', [50, 100, 150, 120], ''],
      ]);
      expect(Array.from(annotations[0]!.color!)).toEqual([255, 0, 0]);
      expect(annotations[0]!.id).toMatch(/^\d+R$/);
      // The filled square stands in for its appearance, as pdf.js would paint it.
      expect(content.shapes).toMatchObject([{ fill: '#000000', annotation: annotations[0]!.id, rect: { x0: 50, y0: 220, x1: 150, y1: 250 } }]);
    } finally {
      d.close();
    }
  });
});
