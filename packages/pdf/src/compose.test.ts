import { describe, expect, it } from 'vitest';
import { CANVAS_BYTES, composePageImage, scanDpi, type ComposeCanvas } from './compose.js';
import { OCR_IMAGE_PIXELS, PAGE_IMAGE_PIXELS } from './pdfium/jpeg.js';
import type { ImagePixels, PdfPageContext } from './read.js';
import type { PdfPage } from './types.js';

/** A page of 100 × 40 pt painted as two strips of 200 × 40 px (2 px a point), and the strips' pixels. */
function context(strips: ImagePixels[], stripBoxes = [{ x: 0, y: 0, width: 100, height: 20 }, { x: 0, y: 20, width: 100, height: 20 }]): PdfPageContext {
  const page = { width: 100, height: 40 } as PdfPage;
  return {
    page,
    images: strips.map((px, i) => ({ box: stripBoxes[i]!, objId: `img${i}`, pixelWidth: px.width, pixelHeight: px.height, mask: false })),
    getImagePixels: async (objId) => strips[Number(objId.slice(3))] ?? null,
  };
}

function strip(channels: 1 | 3, value: (x: number, y: number) => number[], width = 200, height = 40): ImagePixels {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(value(x, y).slice(0, channels), (y * width + x) * channels);
  return { width, height, channels, data };
}

describe('composePageImage', () => {
  it.each([
    ['a 300 dpi A4 scan: halved to 150 dpi', 595, 842, 2481, 3508, PAGE_IMAGE_PIXELS],
    ['a 600 dpi A4 scan: quartered to 150 dpi', 595, 842, 4961, 7016, PAGE_IMAGE_PIXELS],
    ['a 300 dpi scan on a page a fraction wider (299.995 dpi): halved all the same', 599.05, 844.8, 2496, 3520, PAGE_IMAGE_PIXELS],
    ['a 110 dpi A0 drawing: whole, however large', 2384, 3370, 3642, 5148, 3642 * 5148],
    ['a 571 dpi letter scan placed at one pixel a point (a 1.7 × 2.4 m page): halved', 4861, 6871, 4726, 6681, (4726 * 6681) / 4],
  ])('asks for %s', async (_name, width, height, pixelWidth, pixelHeight, expected) => {
    const asked: (number | undefined)[] = [];
    const ctx: PdfPageContext = {
      page: { width, height } as PdfPage,
      images: [{ box: { x: 0, y: 0, width, height }, objId: 'img0', pixelWidth, pixelHeight, mask: false }],
      getImagePixels: async (_objId, options) => {
        asked.push(options?.maxPixels);
        return null;
      },
    };
    await composePageImage(ctx);
    expect(asked).toEqual([expected]);
    // OCR asks for more; the budget is never under it
    asked.length = 0;
    await composePageImage(ctx, { maxPixels: OCR_IMAGE_PIXELS });
    expect(asked).toEqual([Math.max(expected, OCR_IMAGE_PIXELS)]);
  });

  it('reads a letter scan placed at one pixel a point as A4 paper, not as a 70 dpi poster', async () => {
    expect(scanDpi({ width: 4861, height: 6871 }, 4726, 6681)).toBeCloseTo(4726 / 8.27, 6);
    expect(scanDpi({ width: 2384, height: 3370 }, 3642, 5148)).toBeCloseTo(110, 0); // an A0 drawing keeps its size
    expect(scanDpi({ width: 842, height: 1191 }, 819, 1158)).toBeCloseTo(70, 0); // a 70 dpi A3 page too
    const half = strip(3, () => [255, 255, 255], 2363, 3341);
    const ctx: PdfPageContext = {
      page: { width: 4861, height: 6871 } as PdfPage,
      images: [{ box: { x: 0, y: 0, width: 4861, height: 6871 }, objId: 'img0', pixelWidth: 4726, pixelHeight: 6681, mask: false }],
      getImagePixels: async () => half,
    };
    const page = await composePageImage(ctx);
    expect(page!.dpi).toBeCloseTo(4726 / 8.27 / 2, 1);
    expect(page!.scale).toBeCloseTo(4861 / 2363, 6); // boxes still map onto the page as it is
  });

  it('stacks grey strips into one grey page at the strips’ resolution', async () => {
    const top = strip(1, (x) => [x % 256]);
    const bottom = strip(1, (_x, y) => [y * 5]);
    const page = await composePageImage(context([top, bottom]));
    expect(page).toMatchObject({ width: 200, height: 80, channels: 1, dpi: 144, scale: 0.5 });
    expect(page!.data[10]).toBe(10); // row 0, column 10: from the top strip
    expect(page!.data[(40 + 7) * 200 + 3]).toBe(35); // row 7 of the bottom strip
  });

  it('makes an RGB page when any strip is in colour, grey strips spread over the three channels', async () => {
    const grey = strip(1, () => [90]);
    const red = strip(3, () => [200, 10, 20]);
    const page = await composePageImage(context([grey, red]));
    expect(page).toMatchObject({ width: 200, height: 80, channels: 3 });
    expect([...page!.data.subarray(0, 3)]).toEqual([90, 90, 90]);
    expect([...page!.data.subarray((40 * 200 + 5) * 3, (40 * 200 + 5) * 3 + 3)]).toEqual([200, 10, 20]);
  });

  it('scales a strip painted larger than its pixels (nearest neighbour) and leaves the rest white', async () => {
    const big = strip(1, (x) => [x < 100 ? 0 : 128], 200, 40);
    const half = strip(1, (x) => [x < 50 ? 60 : 120], 100, 20); // painted over 100 × 20 pt at 1 px a point
    const page = await composePageImage(context([big, half], [{ x: 0, y: 0, width: 100, height: 20 }, { x: 0, y: 20, width: 60, height: 20 }]));
    expect(page).toMatchObject({ width: 200, height: 80, channels: 1 });
    const at = (x: number, y: number): number => page!.data[y * 200 + x]!;
    expect([at(0, 0), at(150, 0)]).toEqual([0, 128]);
    // the second strip: 100 px over 120 output px, so output column 119 samples source column 99
    expect([at(0, 50), at(119, 50)]).toEqual([60, 120]);
    expect(at(150, 50)).toBe(255);
  });

  it('paints page after page into one canvas, each as it would be alone (white where nothing is)', async () => {
    const canvas: ComposeCanvas = {};
    const red = strip(3, () => [200, 10, 20]);
    const grey = strip(1, (x) => [x % 256]);
    // an RGB page, then a grey one half covered: its uncovered half must be white, not red
    const first = await composePageImage(context([red, red]), { canvas });
    const second = await composePageImage(context([grey], [{ x: 0, y: 0, width: 100, height: 20 }]), { canvas });
    expect(second!.data.buffer).toBe(first!.data.buffer);
    expect(second!.data.buffer).toBe(canvas.data!.buffer);
    expect(second).toEqual(await composePageImage(context([grey], [{ x: 0, y: 0, width: 100, height: 20 }])));
    expect(second!.data[60 * 200 + 5]).toBe(255);
  });

  it('keeps no canvas buffer for a page larger than CANVAS_BYTES', async () => {
    const canvas: ComposeCanvas = {};
    // 100 × 40 pt at 60 px a point, RGB: 6000 × 2400 × 3 bytes, over the limit
    const wide: ImagePixels = { width: 6000, height: 1200, channels: 3, data: new Uint8Array(6000 * 1200 * 3).fill(7) };
    const page = await composePageImage(context([wide, wide]), { canvas });
    expect(page!.data.length).toBe(6000 * 2400 * 3);
    expect(page!.data[5]).toBe(7);
    expect(page!.data.length).toBeGreaterThan(CANVAS_BYTES);
    expect(canvas.data).toBeUndefined();
  });

  it('gives nothing for a native page with a small logo', async () => {
    const logo = strip(3, () => [0, 0, 255], 20, 10);
    expect(await composePageImage(context([logo], [{ x: 0, y: 0, width: 10, height: 5 }]))).toBeNull();
  });
});
