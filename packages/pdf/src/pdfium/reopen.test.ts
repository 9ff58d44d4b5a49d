/**
 * The PDFium document is closed and opened again every `PDFIUM_REOPEN_EVERY` page reads (to give
 * back what PDFium caches for the life of a document): pages read after a reopen are the same.
 */
import { describe, expect, it } from 'vitest';
import { makeDossierPdf } from '../../../../test/engine-fixtures.js';
import { openPdf, pdfiumDocument } from '../open.js';
import { readPage } from '../read.js';
import { PDFIUM_REOPEN_EVERY, pdfiumInternals } from './pdfium.js';

describe('reopening the PDFium document', () => {
  it('reads every page of a long document the same as pdf.js, across reopens', async () => {
    const pages = 2 * PDFIUM_REOPEN_EVERY + 5;
    const bytes = await makeDossierPdf(pages, { linesPerPage: 6 });
    const a = await openPdf(bytes.slice(), { backend: 'pdfium' });
    const b = await openPdf(bytes.slice(), { backend: 'pdfjs' });
    try {
      const docs: number[] = [];
      for (let n = 1; n <= pages; n++) {
        const [p, q] = [await readPage(a, n), await readPage(b, n)];
        expect([n, p.text]).toEqual([n, q.text]);
        expect(p.text).toContain(`${n}`);
        docs.push(pdfiumInternals(pdfiumDocument(a)!).doc);
      }
      // the document was opened again twice, and stays usable
      expect(pdfiumInternals(pdfiumDocument(a)!).uses).toBe(pages - 2 * PDFIUM_REOPEN_EVERY);
      expect(new Set(docs.slice(0, PDFIUM_REOPEN_EVERY)).size).toBe(1);
      expect((await readPage(a, 1)).text).toBe((await readPage(b, 1)).text);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
