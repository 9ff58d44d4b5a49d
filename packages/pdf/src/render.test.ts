import {
  concatTransformationMatrix,
  degrees,
  drawObject,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  StandardFonts,
} from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { openPdf, pdfjsDocument, type PdfDocumentHandle } from './open.js';
import { pageImage, toGray, type PageRaster } from './render.js';

const handles: PdfDocumentHandle[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
});

async function firstPage(bytes: Uint8Array) {
  const handle = await openPdf(bytes, { backend: 'pdfjs' });
  handles.push(handle);
  return pdfjsDocument(handle).getPage(1);
}

/** A W x H RGB PNG, white, with a black square in the top-left quarter (so orientation shows). */
async function markedPng(width: number, height: number): Promise<Uint8Array> {
  const raw = Buffer.alloc(width * height * 3, 255);
  for (let y = Math.round(height * 0.1); y < Math.round(height * 0.3); y++) {
    for (let x = Math.round(width * 0.1); x < Math.round(width * 0.3); x++) raw.fill(0, (y * width + x) * 3, (y * width + x) * 3 + 3);
  }
  return new Uint8Array(await sharp(raw, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer());
}

/** Centre of the dark pixels, as a share of width and height. */
function darkCentroid(image: PageRaster): { x: number; y: number; count: number } {
  const gray = toGray(image);
  let sx = 0, sy = 0, count = 0;
  for (let y = 0; y < gray.height; y++) {
    for (let x = 0; x < gray.width; x++) {
      if (gray.data[y * gray.width + x]! < 100) {
        sx += x;
        sy += y;
        count++;
      }
    }
  }
  return { x: sx / count / gray.width, y: sy / count / gray.height, count };
}

function darkIn(image: PageRaster, x0: number, y0: number, x1: number, y1: number): number {
  const gray = toGray(image);
  let n = 0;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(gray.height, Math.ceil(y1)); y++) {
    for (let x = Math.max(0, Math.floor(x0)); x < Math.min(gray.width, Math.ceil(x1)); x++) if (gray.data[y * gray.width + x]! < 128) n++;
  }
  return n;
}

describe('pageImage', () => {
  it('takes a full-page scan from the PDF without rendering, at its own pixel size', async () => {
    const doc = await PDFDocument.create();
    const png = await doc.embedPng(await markedPng(850, 1100));
    doc.addPage([612, 792]).drawImage(png, { x: 0, y: 0, width: 612, height: 792 });
    const page = await firstPage(await doc.save());

    const image = await pageImage(page, { dpi: 150 });
    expect(image).toMatchObject({ source: 'embedded', width: 850, height: 1100, channels: 3, dpi: 100 });
    expect(image.data.length).toBe(850 * 1100 * 3);
    // Top-left quarter is black, the rest white: not flipped.
    const c = darkCentroid(image);
    expect(c.x).toBeCloseTo(0.2, 2);
    expect(c.y).toBeCloseTo(0.2, 2);

    const gray = await pageImage(page, { grayscale: true });
    expect(gray).toMatchObject({ source: 'embedded', width: 850, height: 1100, channels: 1 });
  });

  it('turns the scan of a rotated page the way a reader sees it, as rendering does', async () => {
    const doc = await PDFDocument.create();
    const png = await doc.embedPng(await markedPng(850, 1100));
    const p = doc.addPage([612, 792]);
    p.drawImage(png, { x: 0, y: 0, width: 612, height: 792 });
    p.setRotation(degrees(90));
    const page = await firstPage(await doc.save());

    const embedded = await pageImage(page);
    const rendered = await pageImage(page, { embedded: false, dpi: 100 });
    expect(embedded).toMatchObject({ source: 'embedded', width: 1100, height: 850, dpi: 100 });
    expect(rendered).toMatchObject({ source: 'rendered', width: 1100, height: 850 });
    const a = darkCentroid(embedded), b = darkCentroid(rendered);
    expect(a.x).toBeCloseTo(b.x, 2);
    expect(a.y).toBeCloseTo(b.y, 2);
    expect(a.x).toBeCloseTo(0.8, 2); // /Rotate 90 turns clockwise: top-left goes to top-right
  });

  it('unpacks a 1-bit scan (bit 1 = white) and undoes a vertical flip', async () => {
    const doc = await PDFDocument.create();
    const width = 200, height = 100, rowBytes = Math.ceil(width / 8);
    const bits = new Uint8Array(rowBytes * height).fill(0xff);
    // Black block in rows 10..29, columns 16..63 of the image as stored.
    for (let y = 10; y < 30; y++) for (let b = 2; b < 8; b++) bits[y * rowBytes + b] = 0x00;
    const stream = doc.context.stream(bits, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
    });
    const ref = doc.context.register(stream);
    const p = doc.addPage([400, 200]);
    const name = p.node.newXObject('Im', ref);
    // Drawn upside down: the stored first row lands at the bottom of the page.
    p.pushOperators(pushGraphicsState(), concatTransformationMatrix(400, 0, 0, -200, 0, 200), drawObject(name), popGraphicsState());
    const page = await firstPage(await doc.save());

    const image = await pageImage(page);
    expect(image).toMatchObject({ source: 'embedded', width, height, channels: 1, dpi: 36 });
    expect([...new Set(image.data)].sort()).toEqual([0, 255]);
    // Stored rows 10..29 are rows 70..89 from the top of the displayed page.
    expect(image.data[80 * width + 40]).toBe(0);
    expect(image.data[20 * width + 40]).toBe(255);
    expect(darkIn(image, 16, 70, 64, 90)).toBe(48 * 20);
    expect(darkCentroid(image).count).toBe(48 * 20);
  });

  it('renders a page with text at the requested dpi, dark where the text is', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const p = doc.addPage([612, 792]);
    const text = 'Woo-besluit 5.1.2e';
    p.drawText(text, { x: 72, y: 700, size: 24, font, color: rgb(0, 0, 0) });
    const textWidth = font.widthOfTextAtSize(text, 24);
    const page = await firstPage(await doc.save());

    const image = await pageImage(page, { dpi: 150 });
    expect(image).toMatchObject({ source: 'rendered', width: 1275, height: 1650, channels: 4, dpi: 150 });
    expect(image.data.length).toBe(1275 * 1650 * 4);
    const s = 150 / 72;
    // Text box: baseline at 792 - 700 = 92 pt from the top, cap height ~ 0.72 em, descenders ~ 0.22 em.
    const box = { x0: 72 * s, y0: (92 - 24 * 0.75) * s, x1: (72 + textWidth) * s, y1: (92 + 24 * 0.25) * s };
    const inside = darkIn(image, box.x0, box.y0, box.x1, box.y1);
    const all = darkIn(image, 0, 0, image.width, image.height);
    expect(inside).toBeGreaterThan(2000);
    expect(all - inside).toBeLessThan(20);
    // White background, not transparent.
    expect([...image.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
  });

  it('renders a scan that has something visible drawn over it (a vector redaction box)', async () => {
    const doc = await PDFDocument.create();
    const png = await doc.embedPng(await markedPng(850, 1100));
    const p = doc.addPage([612, 792]);
    p.drawImage(png, { x: 0, y: 0, width: 612, height: 792 });
    p.drawRectangle({ x: 300, y: 100, width: 200, height: 30, color: rgb(0, 0, 0) });
    const page = await firstPage(await doc.save());

    const image = await pageImage(page, { dpi: 72 });
    expect(image).toMatchObject({ source: 'rendered', width: 612, height: 792, dpi: 72 });
    expect(darkIn(image, 300, 792 - 130, 500, 792 - 100)).toBeGreaterThan(0.95 * 200 * 30);
  });

  it('lowers the dpi of huge pages to stay under maxPixels', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([612, 792]);
    const page = await firstPage(await doc.save());
    const image = await pageImage(page, { dpi: 300, maxPixels: 1_000_000 });
    expect(image.width * image.height).toBeLessThanOrEqual(1_000_000);
    expect(image.dpi).toBeLessThan(300);
    expect(image.width).toBe(Math.round((612 * image.dpi) / 72));
  });
});
