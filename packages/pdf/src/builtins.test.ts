import { describe, expect, it } from 'vitest';
import { builtinsAreNative } from './builtins.js';
import { loadPdfjs } from './pdfjs.js';

describe('built-ins after loading pdf.js', () => {
  it('are the native ones again (the legacy build forces core-js polyfills on Node 20)', async () => {
    const { getDocument } = await loadPdfjs();
    expect(typeof getDocument).toBe('function');
    expect(builtinsAreNative()).toBe(true);
    for (const fn of [Array.prototype.push, JSON.parse, JSON.stringify]) expect(Function.prototype.toString.call(fn)).toContain('[native code]');
    // and pdf.js still works with them: its fake worker is the one loaded beside it
    const doc = await getDocument({ data: new TextEncoder().encode(MINIMAL), verbosity: 0 }).promise;
    expect(doc.numPages).toBe(1);
    await doc.destroy();
    expect(builtinsAreNative()).toBe(true);
  });
});

const MINIMAL = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;
