import { describe, expect, it } from 'vitest';
import { loadPdfjs } from './pdfjs.js';
import { OPS } from './ops.js';

describe('OPS', () => {
  it("is pdf.js' operator table", async () => {
    const pdfjs = await loadPdfjs();
    expect({ ...OPS }).toEqual({ ...pdfjs.OPS });
  });
});
