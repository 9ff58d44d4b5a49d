/**
 * PDFium reads a document through `FPDF_LoadCustomDocument`, block by block from the caller's
 * bytes: the file is not copied into WebAssembly memory (which never shrinks).
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { loadPdfium, openPdfiumDocument } from './pdfium.js';
import { pdfiumPageContent } from './content.js';

describe('PDFium file access', () => {
  it('reads a 48 MB file without copying it into WebAssembly memory', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([595, 842]);
    page.drawText('Besluit op uw Woo-verzoek', { x: 72, y: 770, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) });
    // 48 MB that no page uses (incompressible, so the file is that large)
    const junk = new Uint8Array(48 << 20);
    for (let i = 0, x = 1; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    pdf.context.register(pdf.context.stream(junk));
    const bytes = await pdf.save({ useObjectStreams: false });
    expect(bytes.length).toBeGreaterThan(48 << 20);
    const lib = await loadPdfium();
    const before = lib.u8().buffer.byteLength;
    const doc = await openPdfiumDocument(bytes);
    try {
      const text = pdfiumPageContent(doc, 0).content.glyphs.map((g) => g.ch).join('');
      expect(text).toBe('Besluit op uw Woo-verzoek');
      expect(lib.u8().buffer.byteLength - before).toBeLessThan(16 << 20);
    } finally {
      doc.close();
    }
  });
});
