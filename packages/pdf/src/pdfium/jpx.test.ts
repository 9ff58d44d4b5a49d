/**
 * JPEG 2000 scans are decoded by OpenJPEG at a reduced size: the colours PDFium gives at full
 * size, a quarter of the pixels, and PDFium's WebAssembly memory untouched.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { halfSizeDifference } from '../../../../test/helpers/pixels.js';
import { fileSource } from '../byte-source.js';
import { pdfiumImagePixels, pdfiumPageContent } from './content.js';
import { OCR_IMAGE_PIXELS, PAGE_IMAGE_PIXELS } from './jpeg.js';
import { decodeJpx, JPX_KEEP_BYTES, jpxMemoryBytes, jpxReducePower, pdfiumJpxSource, readJpxHeader } from './jpx.js';
import { openPdfiumDocument, pdfiumInternals, pdfiumMemoryBytes, type PdfiumDocument } from './pdfium.js';

const CORPUS = process.env.LAKMOES_CORPUS ?? fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url));
/** 22 pages, each one 2481 × 3508 RGB JPEG 2000 scan (300 dpi). */
const SCANS = path.join(CORPUS, 'wob-letter-extraction/Amsterdam/09_bouwbesluittoets_rijnbout.pdf');
/** A 2496 × 3520 RGB JPEG 2000 scan whose /ColorSpace is an indirect [/ICCBased …]. */
const ICC_RGB = path.join(CORPUS, 'accessibilifier/WER_annotation_data/annotated_pdf_files/doc4.pdf');
/** Grey JPEG 2000 images with an ICC colour space, the second with a soft mask. */
const ICC_GREY = path.join(CORPUS, 'accessibilifier/WER_annotation_data/annotated_pdf_files/doc3.pdf');

/** The image object of the first image on a page. */
function imageOn(doc: PdfiumDocument, pageIndex: number): { objId: string; source: ReturnType<typeof pdfiumJpxSource> } {
  const objId = pdfiumPageContent(doc, pageIndex).content.images[0]!.objId!;
  const { lib, doc: d } = pdfiumInternals(doc);
  const page = lib.fn.FPDF_LoadPage(d, pageIndex);
  try {
    return { objId, source: pdfiumJpxSource(doc, page, lib.fn.FPDFPage_GetObject(page, Number(objId))) };
  } finally {
    lib.fn.FPDF_ClosePage(page);
  }
}

/** PDFium's own full-size decode, as RGB. */
function pdfiumRgb(doc: PdfiumDocument, pageIndex: number, objId: string): { width: number; height: number; data: Uint8Array } {
  const { lib, doc: d } = pdfiumInternals(doc);
  const { fn } = lib;
  const page = fn.FPDF_LoadPage(d, pageIndex);
  const bitmap = fn.FPDFImageObj_GetBitmap(fn.FPDFPage_GetObject(page, Number(objId)));
  try {
    const [width, height, stride, format] = [fn.FPDFBitmap_GetWidth(bitmap), fn.FPDFBitmap_GetHeight(bitmap), fn.FPDFBitmap_GetStride(bitmap), fn.FPDFBitmap_GetFormat(bitmap)];
    const step = format === 2 ? 3 : 4;
    const heap = lib.u8();
    const at = fn.FPDFBitmap_GetBuffer(bitmap) >>> 0;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const s = at + y * stride + x * step;
        const o = (y * width + x) * 3;
        data[o] = heap[s + 2]!;
        data[o + 1] = heap[s + 1]!;
        data[o + 2] = heap[s]!;
      }
    }
    return { width, height, data };
  } finally {
    fn.FPDFBitmap_Destroy(bitmap);
    fn.FPDF_ClosePage(page);
  }
}

describe('JPEG 2000 headers and sizes', () => {
  it('reads the SIZ marker: size, components, 8-bit unsigned', () => {
    const siz = (csiz: number, ssiz: number): Uint8Array => {
      const b = new Uint8Array(4 + 2 + 38 + 3 * csiz + 8);
      const v = new DataView(b.buffer);
      v.setUint16(0, 0xff4f); // SOC
      v.setUint16(2, 0xff51); // SIZ
      const at = 4; // after the marker
      v.setUint16(at, 38 + 3 * csiz);
      v.setUint32(at + 4, 2491); // Xsiz
      v.setUint32(at + 8, 3508); // Ysiz
      v.setUint32(at + 12, 10); // XOsiz
      v.setUint16(at + 36, csiz);
      for (let c = 0; c < csiz; c++) b.set([ssiz, 1, 1], at + 38 + 3 * c);
      return b;
    };
    expect(readJpxHeader(siz(3, 7))).toEqual({ width: 2481, height: 3508, components: 3, eightBit: true });
    expect(readJpxHeader(siz(1, 15))?.eightBit).toBe(false);
    expect(readJpxHeader(new Uint8Array(64))).toBeNull();
  });

  it('halves the size until it fits', () => {
    expect(jpxReducePower(1000, 1000)).toBe(0);
    expect(jpxReducePower(2481, 3508)).toBe(1); // 300 dpi A4 -> 150 dpi
    expect(jpxReducePower(4961, 7016)).toBe(2); // 600 dpi A4 -> 150 dpi
    expect((2481 * 3508) / 4).toBeLessThanOrEqual(PAGE_IMAGE_PIXELS);
    expect(jpxReducePower(2481, 3508, OCR_IMAGE_PIXELS)).toBe(0);
    expect(jpxReducePower(4961, 7016, OCR_IMAGE_PIXELS)).toBe(1);
  });
});

describe.skipIf(!existsSync(SCANS))('JPEG 2000 scans from the corpus', { timeout: 60_000 }, () => {
  it('decodes at half size with the colours PDFium gives at full size, without growing PDFium memory', async () => {
    const doc = await openPdfiumDocument(fileSource(SCANS));
    try {
      const { objId, source } = imageOn(doc, 0);
      expect(source && [source.width, source.height, source.channels]).toEqual([2481, 3508, 3]);
      const before = pdfiumMemoryBytes();
      const pixels = await pdfiumImagePixels(doc, 0, objId);
      expect(pixels && [pixels.width, pixels.height, pixels.channels]).toEqual([1241, 1754, 3]);
      // OpenJPEG keeps its instance after a half-size decode...
      expect(jpxMemoryBytes()).toBeGreaterThan(0);
      expect(jpxMemoryBytes()).toBeLessThanOrEqual(JPX_KEEP_BYTES);
      // ...and for OCR decodes the full 300 dpi, still without PDFium, then gives its memory back
      const forOcr = await pdfiumImagePixels(doc, 0, objId, { maxPixels: OCR_IMAGE_PIXELS });
      expect(forOcr && [forOcr.width, forOcr.height, forOcr.channels]).toEqual([2481, 3508, 3]);
      expect(jpxMemoryBytes()).toBe(0);
      expect(pdfiumMemoryBytes() - before).toBeLessThan(8 << 20);
      // a new instance decodes the same pixels, also two at once; WebAssembly.instantiate is pdf.js' own again after
      const instantiate = WebAssembly.instantiate;
      const [again, twice] = await Promise.all([decodeJpx(source!), decodeJpx(source!)]);
      expect(again && Buffer.from(again.data).equals(Buffer.from(pixels!.data))).toBe(true);
      expect(twice && Buffer.from(twice.data).equals(Buffer.from(pixels!.data))).toBe(true);
      expect(WebAssembly.instantiate).toBe(instantiate);

      // PDFium's full-size pixels, 2 × 2 averaged: the same picture up to wavelet rounding
      const { mean, dark } = halfSizeDifference(pdfiumRgb(doc, 0, objId), pixels!, 3);
      expect(mean).toBeLessThan(4);
      expect(dark).toBeGreaterThan(10_000); // a page with text on it, not a blank one

    } finally {
      doc.close();
    }
  });

  it('decodes a JPEG 2000 scan with an RGB ICC profile (behind an indirect object) itself, with the colours PDFium gives', async () => {
    const doc = await openPdfiumDocument(fileSource(ICC_RGB));
    try {
      const { objId, source } = imageOn(doc, 0);
      expect(source && [source.width, source.height, source.channels]).toEqual([2496, 3520, 3]);
      const before = pdfiumMemoryBytes();
      const pixels = await pdfiumImagePixels(doc, 0, objId);
      expect(pixels && [pixels.width, pixels.height, pixels.channels]).toEqual([1248, 1760, 3]);
      expect(pdfiumMemoryBytes() - before).toBeLessThan(8 << 20);
      // PDFium applies the profile, OpenJPEG's samples are taken as sRGB: this profile is close to it (1.5)
      const { mean, dark } = halfSizeDifference(pdfiumRgb(doc, 0, objId), pixels!, 3);
      expect(mean).toBeLessThan(4);
      expect(dark).toBeGreaterThan(10_000);
    } finally {
      doc.close();
    }
  });

  it('decodes a grey one with a grey ICC profile itself, and leaves one with a soft mask to PDFium', async () => {
    const doc = await openPdfiumDocument(fileSource(ICC_GREY));
    try {
      const images = pdfiumPageContent(doc, 0).content.images.map((i) => i.objId!);
      const { lib, doc: d } = pdfiumInternals(doc);
      const page = lib.fn.FPDF_LoadPage(d, 0);
      const sources = images.map((id) => pdfiumJpxSource(doc, page, lib.fn.FPDFPage_GetObject(page, Number(id))));
      lib.fn.FPDF_ClosePage(page);
      expect(sources.map((s) => s && s.channels)).toEqual([1, null]);
      const pixels = await pdfiumImagePixels(doc, 0, images[1]!);
      expect(pixels && [pixels.width, pixels.height]).toEqual([832, 1173]);
    } finally {
      doc.close();
    }
  });
});
