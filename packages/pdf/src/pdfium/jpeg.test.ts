/**
 * JPEG images decoded with sharp give PDFium's pixels (up to IDCT rounding);
 * what sharp would decode differently (CMYK, a /Decode array) stays with PDFium.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, PDFStream, type PDFRef } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { halfSizeDifference } from '../../../../test/helpers/pixels.js';
import { fileSource } from '../byte-source.js';
import { pdfiumImagePixels, pdfiumPageContent, swapRedBlue3, swapRedBlue4 } from './content.js';
import { OCR_IMAGE_PIXELS, PAGE_IMAGE_PIXELS, pdfiumJpegSource, readJpegHeader } from './jpeg.js';
import { openPdfiumDocument, pdfiumInternals, type PdfiumDocument } from './pdfium.js';

const WIDTH = 203;
const HEIGHT = 131;

/** Smooth gradients, hard edges (a black bar, text-like strokes) and noise: what scans hold. */
function syntheticRgb(): Buffer {
  const data = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 7;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const noise = (seed >>> 24) % 24;
      const bar = y > 40 && y < 60 && x > 30 && x < 150;
      const stroke = x % 17 < 2 && y > 80;
      const i = (y * WIDTH + x) * 3;
      data[i] = bar || stroke ? 0 : Math.min(255, (x * 255) / WIDTH + noise);
      data[i + 1] = bar || stroke ? 0 : Math.min(255, (y * 255) / HEIGHT + noise);
      data[i + 2] = bar ? 0 : 200 - noise;
    }
  }
  return data;
}

/** The JPEG with an Adobe APP14 marker after SOI, saying colour transform `transform` (as scanners write it). */
async function withAdobe(jpeg: Promise<Buffer>, transform: number): Promise<Buffer> {
  const b = await jpeg;
  const app14 = Buffer.from([0xff, 0xee, 0x00, 0x0e, ...Buffer.from('Adobe'), 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, transform]);
  return Buffer.concat([b.subarray(0, 2), app14, b.subarray(2)]);
}

async function jpegPdf(jpeg: Uint8Array, edit?: (pdf: PDFDocument, ref: PDFRef) => void): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedJpg(jpeg);
  const page = pdf.addPage([WIDTH, HEIGHT]);
  page.drawImage(image, { x: 0, y: 0, width: WIDTH, height: HEIGHT });
  await image.embed();
  edit?.(pdf, image.ref);
  return pdf.save({ useObjectStreams: false });
}

/** The first image object of page 1 and what `pdfiumJpegSource` makes of it. */
function firstImage(doc: PdfiumDocument): { objId: string; fastPath: boolean } {
  const objId = pdfiumPageContent(doc, 0).content.images[0]!.objId!;
  const { lib, doc: d } = pdfiumInternals(doc);
  const page = lib.fn.FPDF_LoadPage(d, 0);
  try {
    return { objId, fastPath: pdfiumJpegSource(doc, page, lib.fn.FPDFPage_GetObject(page, Number(objId))) !== null };
  } finally {
    lib.fn.FPDF_ClosePage(page);
  }
}

/** PDFium's own decode (`FPDFImageObj_GetBitmap`) as grey or RGB, byte by byte. */
function pdfiumDecode(doc: PdfiumDocument, objId: string): { channels: number; data: Uint8Array } {
  const { lib, doc: d } = pdfiumInternals(doc);
  const { fn } = lib;
  const page = fn.FPDF_LoadPage(d, 0);
  const bitmap = fn.FPDFImageObj_GetBitmap(fn.FPDFPage_GetObject(page, Number(objId)));
  try {
    const [w, h, stride, format] = [fn.FPDFBitmap_GetWidth(bitmap), fn.FPDFBitmap_GetHeight(bitmap), fn.FPDFBitmap_GetStride(bitmap), fn.FPDFBitmap_GetFormat(bitmap)];
    const heap = lib.u8();
    const at = fn.FPDFBitmap_GetBuffer(bitmap) >>> 0;
    const step = [0, 1, 3, 4, 4][format]!;
    const channels = format === 1 ? 1 : 3;
    const data = new Uint8Array(w * h * channels);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const s = at + y * stride + x * step;
        const o = (y * w + x) * channels;
        if (channels === 1) data[o] = heap[s]!;
        else [data[o], data[o + 1], data[o + 2]] = [heap[s + 2]!, heap[s + 1]!, heap[s]!];
      }
    }
    return { channels, data };
  } finally {
    fn.FPDFBitmap_Destroy(bitmap);
    fn.FPDF_ClosePage(page);
  }
}

function difference(a: Uint8Array, b: Uint8Array): { max: number; mean: number } {
  expect(a.length).toBe(b.length);
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    max = Math.max(max, d);
    sum += d;
  }
  return { max, mean: sum / a.length };
}

describe('JPEG images through sharp', () => {
  const raw = { raw: { width: WIDTH, height: HEIGHT, channels: 3 as const } };

  it.each([
    ['RGB, 4:2:0', () => sharp(syntheticRgb(), raw).jpeg({ quality: 75 }).toBuffer(), 3],
    ['RGB, 4:4:4, progressive', () => sharp(syntheticRgb(), raw).jpeg({ quality: 90, chromaSubsampling: '4:4:4', progressive: true }).toBuffer(), 3],
    ['grey', () => sharp(syntheticRgb(), raw).toColourspace('b-w').jpeg({ quality: 80 }).toBuffer(), 1],
    // PDFium ignores a profile inside the JPEG; sharp would convert to sRGB unless it is cut out
    ['RGB with an embedded Display P3 profile', () => sharp(syntheticRgb(), raw).withIccProfile('p3').jpeg({ quality: 80 }).toBuffer(), 3],
    // scanners' Adobe markers that change nothing: YCbCr on RGB, none on grey
    ['RGB with an Adobe marker saying YCbCr', () => withAdobe(sharp(syntheticRgb(), raw).jpeg({ quality: 80 }).toBuffer(), 1), 3],
    ['grey with an Adobe marker', () => withAdobe(sharp(syntheticRgb(), raw).toColourspace('b-w').jpeg({ quality: 80 }).toBuffer(), 0), 1],
  ])('%s: the pixels PDFium decodes (max difference ≤ 3, mean ≤ 0.5)', async (_name, make, channels) => {
    const jpeg = new Uint8Array(await make());
    const doc = await openPdfiumDocument(await jpegPdf(jpeg));
    try {
      const { objId, fastPath } = firstImage(doc);
      expect(fastPath).toBe(true);
      const fast = await pdfiumImagePixels(doc, 0, objId);
      expect(fast && [fast.width, fast.height, fast.channels]).toEqual([WIDTH, HEIGHT, channels]);
      const reference = pdfiumDecode(doc, objId);
      expect(reference.channels).toBe(channels);
      const { max, mean } = difference(fast!.data, reference.data);
      expect(max).toBeLessThanOrEqual(3);
      expect(mean).toBeLessThanOrEqual(0.5);
    } finally {
      doc.close();
    }
  });

  it('finds the stream dictionary when the document is read from a file, window by window', async () => {
    const jpeg = new Uint8Array(await sharp(syntheticRgb(), raw).jpeg({ quality: 80 }).toBuffer());
    // 9 MB of incompressible junk before the image: the search crosses several windows
    const bytes = await jpegPdf(jpeg, (pdf) => {
      const junk = new Uint8Array(9 << 20);
      for (let i = 0, x = 3; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
      pdf.context.register(pdf.context.stream(junk));
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lakmoes-jpeg-')), 'scan.pdf');
    writeFileSync(file, bytes);
    const [fromFile, fromBytes] = [await openPdfiumDocument(fileSource(file)), await openPdfiumDocument(bytes)];
    try {
      const [a, b] = [firstImage(fromFile), firstImage(fromBytes)];
      expect([a.fastPath, b.fastPath]).toEqual([true, true]);
      expect((await pdfiumImagePixels(fromFile, 0, a.objId))!.data).toEqual((await pdfiumImagePixels(fromBytes, 0, b.objId))!.data);
    } finally {
      fromFile.close();
      fromBytes.close();
    }
  });

  it('finds the dictionaries of a file of scans reading each stream about twice, not a 4 MB window per image', async () => {
    // 12 pages, each its own noisy 320 × 320 JPEG (~150–250 KB): the shape of a dossier of scans
    const pdf = await PDFDocument.create();
    for (let p = 0; p < 12; p++) {
      const noise = Buffer.alloc(320 * 320 * 3);
      for (let i = 0, x = p + 1; i < noise.length; i++) noise[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
      const image = await pdf.embedJpg(await sharp(noise, { raw: { width: 320, height: 320, channels: 3 } }).jpeg({ quality: 90 }).toBuffer());
      pdf.addPage([320, 320]).drawImage(image, { x: 0, y: 0, width: 320, height: 320 });
    }
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lakmoes-jpeg-')), 'scans.pdf');
    writeFileSync(file, await pdf.save({ useObjectStreams: false }));
    const source = fileSource(file);
    let searched = 0;
    const counting = { ...source, size: source.size, read: (position: number, length: number, scratch?: Buffer) => {
      const bytes = source.read(position, length, scratch);
      searched += bytes.length;
      return bytes;
    } };
    const doc = await openPdfiumDocument(counting);
    try {
      const { lib, doc: d } = pdfiumInternals(doc);
      for (let p = 0; p < 12; p++) {
        const objId = pdfiumPageContent(doc, p).content.images[0]!.objId!;
        const page = lib.fn.FPDF_LoadPage(d, p);
        try {
          expect(pdfiumJpegSource(doc, page, lib.fn.FPDFPage_GetObject(page, Number(objId)))).not.toBeNull();
        } finally {
          lib.fn.FPDF_ClosePage(page);
        }
      }
      // each search reads its stream twice (to find its tail, to compare it whole) and 64 KB more;
      // 4 MB windows read the rest of the file for every image, ~6 times the file here
      expect(searched).toBeGreaterThan(source.size);
      expect(searched).toBeLessThan(3 * source.size);
    } finally {
      doc.close();
    }
  });

  it('halves a large scan while decoding, to at most PAGE_IMAGE_PIXELS unless asked for more', async () => {
    const [w, h] = [3000, 2000];
    const big = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 3;
        const ink = (y % 200 > 80 && y % 200 < 120 && x > 300 && x < 2700) || x % 97 < 3;
        big[i] = ink ? 0 : 230;
        big[i + 1] = ink ? 0 : (x * 255) / w;
        big[i + 2] = ink ? 0 : (y * 255) / h;
      }
    }
    const jpeg = new Uint8Array(await sharp(big, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 85 }).toBuffer());
    const doc = await openPdfiumDocument(await jpegPdf(jpeg));
    try {
      const { objId, fastPath } = firstImage(doc);
      expect(fastPath).toBe(true);
      const half = (await pdfiumImagePixels(doc, 0, objId))!;
      expect([half.width, half.height, half.channels]).toEqual([1500, 1000, 3]);
      expect(w * h).toBeGreaterThan(PAGE_IMAGE_PIXELS);
      const full = (await pdfiumImagePixels(doc, 0, objId, { maxPixels: OCR_IMAGE_PIXELS }))!;
      expect([full.width, full.height]).toEqual([w, h]);
      // the halved picture is the full one 2 x 2 averaged, up to DCT scaling
      expect(halfSizeDifference(full, half, 3).mean).toBeLessThan(4);
    } finally {
      doc.close();
    }
  });

  it('leaves a three-component JPEG whose Adobe marker says RGB (no transform) to PDFium', async () => {
    const jpeg = new Uint8Array(await withAdobe(sharp(syntheticRgb(), raw).jpeg({ quality: 80 }).toBuffer(), 0));
    expect(readJpegHeader(jpeg)?.adobeTransform).toBe(0);
    const doc = await openPdfiumDocument(await jpegPdf(jpeg));
    try {
      expect(firstImage(doc).fastPath).toBe(false);
    } finally {
      doc.close();
    }
  });

  it('leaves a CMYK JPEG to PDFium', async () => {
    const jpeg = new Uint8Array(await sharp(syntheticRgb(), raw).toColourspace('cmyk').jpeg({ quality: 80 }).toBuffer());
    expect(readJpegHeader(jpeg)?.components).toBe(4);
    const doc = await openPdfiumDocument(await jpegPdf(jpeg));
    try {
      const { objId, fastPath } = firstImage(doc);
      expect(fastPath).toBe(false);
      const pixels = await pdfiumImagePixels(doc, 0, objId);
      expect(pixels && [pixels.width, pixels.height, pixels.channels]).toEqual([WIDTH, HEIGHT, 3]);
      expect(pixels!.data).toEqual(pdfiumDecode(doc, objId).data);
    } finally {
      doc.close();
    }
  });

  it('leaves an image with a /Decode array to PDFium, which inverts it', async () => {
    const jpeg = new Uint8Array(await sharp(syntheticRgb(), raw).jpeg({ quality: 80 }).toBuffer());
    const plain = await openPdfiumDocument(await jpegPdf(jpeg));
    const inverted = await openPdfiumDocument(
      await jpegPdf(jpeg, (pdf, ref) => pdf.context.lookup(ref, PDFStream).dict.set(PDFName.of('Decode'), pdf.context.obj([1, 0, 1, 0, 1, 0]))),
    );
    try {
      const a = firstImage(plain);
      const b = firstImage(inverted);
      expect([a.fastPath, b.fastPath]).toEqual([true, false]);
      const [x, y] = [await pdfiumImagePixels(plain, 0, a.objId), await pdfiumImagePixels(inverted, 0, b.objId)];
      const flipped = y!.data.map((v) => 255 - v);
      expect(difference(x!.data, flipped).max).toBeLessThanOrEqual(3);
    } finally {
      plain.close();
      inverted.close();
    }
  });
});

describe('BGR to RGB', () => {
  it.each([0, 1, 4, 5, 13, 64])('swaps red and blue of %i pixels as a byte loop does', (pixels) => {
    const bgr = Uint8Array.from({ length: pixels * 3 }, (_, i) => (i * 37 + 11) & 0xff);
    const expected = bgr.slice();
    for (let i = 0; i < expected.length; i += 3) [expected[i], expected[i + 2]] = [expected[i + 2]!, expected[i]!];
    expect(swapRedBlue3(bgr.slice())).toEqual(expected);
    // unaligned views take the byte loop
    const shifted = new Uint8Array(bgr.length + 1);
    shifted.set(bgr, 1);
    expect(swapRedBlue3(shifted.subarray(1))).toEqual(expected);

    const bgra = Uint8Array.from({ length: pixels * 4 }, (_, i) => (i * 53 + 3) & 0xff);
    const expected4 = bgra.slice();
    for (let i = 0; i < expected4.length; i += 4) [expected4[i], expected4[i + 2]] = [expected4[i + 2]!, expected4[i]!];
    expect(swapRedBlue4(bgra.slice())).toEqual(expected4);
  });
});
