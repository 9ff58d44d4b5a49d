/**
 * PDFium reads a document through `FPDF_LoadCustomDocument`, block by block from the caller's
 * bytes: the file is not copied into WebAssembly memory (which never shrinks).
 */
import { makePaddedPdf } from '../../../../test/fixtures/pdf/make-fixtures.js';
import { describe, expect, it } from 'vitest';
import { loadPdfium, openPdfiumDocument } from './pdfium.js';
import { pdfiumPageContent } from './content.js';

describe('PDFium file access', () => {
  it('reads a 48 MB file without copying it into WebAssembly memory', async () => {
    // 48 MB that no page uses (incompressible, so the file is that large)
    const bytes = await makePaddedPdf(48 << 20);
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
