/**
 * The PDFium backend never loads pdf.js (~0.4 s and ~50 MB a thread); the pdf.js backend
 * loads it on first use. Its own file: vitest gives every test file fresh modules.
 */
import { describe, expect, it } from 'vitest';
import { makeRedactionsPdf } from '../../../test/fixtures/pdf/make-fixtures.js';
import { pdfjsLoaded } from './pdfjs.js';
import { readPdf } from './read.js';

describe('loading pdf.js', () => {
  it('happens only when a document is read with pdf.js', async () => {
    const bytes = await makeRedactionsPdf();
    const pdfium = await readPdf(bytes.slice(), { backend: 'pdfium' });
    expect(pdfium.pages.length).toBeGreaterThan(0);
    expect(pdfjsLoaded()).toBe(false);
    expect((globalThis as { pdfjsWorker?: unknown }).pdfjsWorker).toBeUndefined();
    const pdfjs = await readPdf(bytes.slice(), { backend: 'pdfjs' });
    expect(pdfjs.pages.map((p) => p.text)).toEqual(pdfium.pages.map((p) => p.text));
    expect(pdfjsLoaded()).toBe(true);
  });
});
