import { describe, expect, it } from 'vitest';
import { loadPdfjs } from './pdfjs.js';
import { normalizeUnicode } from './unicode.js';

describe('normalizeUnicode', () => {
  it("equals pdf.js' normalizeUnicode on every code point of the BMP", async () => {
    const pdfjs = await loadPdfjs();
    const differ: string[] = [];
    for (let u = 0; u < 0x10000; u++) {
      if (u >= 0xd800 && u <= 0xdfff) continue;
      const ch = String.fromCharCode(u);
      if (normalizeUnicode(ch) !== pdfjs.normalizeUnicode(ch)) differ.push(u.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('normalises ligatures and spaces inside longer text, leaves ASCII alone', () => {
    expect(normalizeUnicode('of\ufb01cieel\u00a0besluit')).toBe('officieel besluit');
    expect(normalizeUnicode('\ufb05')).toBe('ſt');
    expect(normalizeUnicode('art. 5.1, tweede lid')).toBe('art. 5.1, tweede lid');
  });
});
