import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, findRasterRedactions, segments, type RasterImage, type RasterRedaction, type Segment } from './raster.js';

/** A white page drawn in memory: RGB, 150 dpi unless told otherwise. */
class Page {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 3).fill(255);
  }
  rect(x: number, y: number, w: number, h: number, rgb: readonly [number, number, number]): this {
    for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(this.width, x + w); xx++) {
        const i = (yy * this.width + xx) * 3;
        this.data[i] = rgb[0];
        this.data[i + 1] = rgb[1];
        this.data[i + 2] = rgb[2];
      }
    }
    return this;
  }
  outline(x: number, y: number, w: number, h: number, t: number, rgb: readonly [number, number, number]): this {
    return this.rect(x, y, w, t, rgb)
      .rect(x, y + h - t, w, t, rgb)
      .rect(x, y, t, h, rgb)
      .rect(x + w - t, y, t, h, rgb);
  }
  /**
   * Text-like marks: `chars` glyphs of `size` px height built from strokes `stroke` px wide
   * (a stem, a bowl or bar, sometimes an ascender), deterministic.
   */
  text(x: number, y: number, chars: number, size: number, rgb: readonly [number, number, number], stroke = 2, seed = 1): this {
    let s = seed;
    const rnd = (): number => {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      return s / 0x7fffffff;
    };
    const advance = Math.round(size * 0.62);
    let cx = x;
    for (let c = 0; c < chars; c++) {
      if (rnd() < 0.15) {
        cx += advance; // word space
        continue;
      }
      const xh = Math.round(size * 0.6);
      const top = rnd() < 0.35 ? y : y + size - xh; // ascender or x-height glyph
      this.rect(cx, top, stroke, y + size - top, rgb); // stem
      const kind = rnd();
      if (kind < 0.4) this.rect(cx, y + size - xh, advance - 2, stroke, rgb); // bar (n, r)
      if (kind >= 0.4 && kind < 0.8) {
        this.rect(cx, y + size - stroke, advance - 2, stroke, rgb); // bowl bottom
        this.rect(cx + advance - 2 - stroke, y + size - xh, stroke, xh, rgb); // right side
      }
      cx += advance;
    }
    return this;
  }
  image(): RasterImage {
    return { data: this.data, width: this.width, height: this.height, channels: 3 };
  }
}

const BLACK = [0, 0, 0] as const;
const GREY = [192, 192, 192] as const;
const WHITE = [255, 255, 255] as const;

/** The found box nearest to an expected one, compared edge by edge within 2 px. */
function expectBox(found: RasterRedaction[], x: number, y: number, w: number, h: number): RasterRedaction {
  const hit = found.find((r) => Math.abs(r.box.x - x) <= 2 && Math.abs(r.box.y - y) <= 2);
  expect(hit, `a box at ${x},${y} among ${JSON.stringify(found.map((f) => f.box))}`).toBeDefined();
  const b = hit!.box;
  expect(Math.abs(b.x - x)).toBeLessThanOrEqual(2);
  expect(Math.abs(b.y - y)).toBeLessThanOrEqual(2);
  expect(Math.abs(b.x + b.width - (x + w))).toBeLessThanOrEqual(2);
  expect(Math.abs(b.y + b.height - (y + h))).toBeLessThanOrEqual(2);
  return hit!;
}

const opts = { dpi: 150 };

describe('findRasterRedactions', () => {
  it('finds nothing on a blank page', () => {
    expect(findRasterRedactions(new Page(600, 400).image(), opts)).toEqual([]);
  });

  it('finds a solid black box in a line of text', () => {
    const page = new Page(900, 300).text(60, 100, 12, 18, BLACK).rect(220, 96, 240, 28, BLACK).text(480, 100, 14, 18, BLACK, 2, 7);
    const found = findRasterRedactions(page.image(), opts);
    expect(found).toHaveLength(1);
    const r = expectBox(found, 220, 96, 240, 28);
    expect(r.style).toBe('black');
    expect(r.fill).toBe('#000000');
    expect(r.confidence).toBeGreaterThan(0.8);
  });

  it('finds a grey box with a light label printed inside', () => {
    const page = new Page(800, 300).rect(150, 80, 260, 34, GREY).text(240, 90, 6, 14, WHITE, 2, 3);
    const found = findRasterRedactions(page.image(), opts);
    expect(found).toHaveLength(1);
    const r = expectBox(found, 150, 80, 260, 34);
    expect(r.style).toBe('grey');
    expect(r.fill).toBe('#c0c0c0');
  });

  it('finds a small grey box of one character', () => {
    const page = new Page(400, 200).text(40, 80, 6, 16, BLACK).rect(120, 78, 9, 14, GREY).text(140, 80, 6, 16, BLACK, 2, 5);
    expectBox(findRasterRedactions(page.image(), opts), 120, 78, 9, 14);
  });

  it('finds a coloured box', () => {
    const page = new Page(800, 300).rect(100, 100, 300, 30, [230, 40, 40]);
    const found = findRasterRedactions(page.image(), opts);
    expect(found).toHaveLength(1);
    expect(expectBox(found, 100, 100, 300, 30).style).toBe('colour');
  });

  it('splits touching boxes of the same colour by their outline and by their labels', () => {
    const page = new Page(900, 400)
      // a step: two stacked boxes of different widths
      .rect(100, 60, 300, 30, GREY)
      .rect(100, 90, 360, 30, GREY)
      .text(220, 68, 6, 12, WHITE)
      .text(240, 98, 6, 12, WHITE, 2, 9)
      // same width, only the labels tell them apart
      .rect(100, 200, 300, 32, GREY)
      .rect(100, 232, 300, 32, GREY)
      .text(220, 210, 6, 12, WHITE, 2, 4)
      .text(220, 242, 6, 12, WHITE, 2, 6);
    const found = findRasterRedactions(page.image(), opts);
    expect(found).toHaveLength(4);
    expectBox(found, 100, 60, 300, 30);
    expectBox(found, 100, 90, 360, 30);
    expectBox(found, 100, 200, 300, 32);
    expectBox(found, 100, 232, 300, 32);
  });

  it('finds a bordered white box with a label, in a scan-like grey page', () => {
    const page = new Page(1000, 600).rect(0, 0, 1000, 600, [246, 246, 244]);
    page.text(60, 100, 30, 18, BLACK).outline(100, 160, 600, 200, 2, [30, 30, 30]).text(106, 166, 7, 16, BLACK, 2, 11);
    page.text(60, 400, 10, 18, BLACK).outline(260, 396, 240, 30, 2, [20, 20, 20]).text(520, 400, 10, 18, BLACK, 2, 13);
    const found = findRasterRedactions(page.image(), opts);
    expect(found.map((f) => f.style)).toEqual(['border', 'border']);
    expectBox(found, 100, 160, 600, 200);
    expectBox(found, 260, 396, 240, 30);
  });

  it('ignores a table with rules, text, bold headings and a shaded header row', () => {
    const page = new Page(1200, 900);
    // heading in heavy type (4 px strokes, 40 px high)
    page.text(80, 40, 14, 40, BLACK, 5, 21);
    // table: outer frame, header row shaded grey with dark text, column and row rules
    const x0 = 80;
    const y0 = 140;
    const cols = [0, 300, 700, 1000];
    const rowH = 36;
    page.rect(x0, y0, 1000, rowH, [200, 200, 200]);
    page.text(x0 + 10, y0 + 10, 12, 16, BLACK, 3, 31).text(x0 + 310, y0 + 10, 12, 16, BLACK, 3, 32).text(x0 + 710, y0 + 10, 10, 16, BLACK, 3, 33);
    for (let r = 0; r <= 12; r++) page.rect(x0, y0 + r * rowH, 1000, 2, BLACK);
    for (const c of cols) page.rect(x0 + c, y0, 2, 12 * rowH + 2, BLACK);
    for (let r = 1; r < 12; r++) {
      page.text(x0 + 10, y0 + r * rowH + 10, 10, 16, BLACK, 2, 40 + r);
      page.text(x0 + 310, y0 + r * rowH + 10, 18, 16, BLACK, 2, 60 + r);
      if (r % 3) page.text(x0 + 710, y0 + r * rowH + 10, 8, 16, BLACK, 2, 80 + r);
    }
    // a black table header with white text, attached to the table's rules
    page.rect(80, 640, 600, 32, BLACK).text(90, 648, 20, 16, WHITE, 2, 90);
    page.rect(80, 640, 2, 220, BLACK).rect(678, 640, 2, 220, BLACK).rect(80, 858, 600, 2, BLACK);
    expect(findRasterRedactions(page.image(), opts)).toEqual([]);
  });

  it('ignores rules, bars, bullets, page edges and a photo-like texture', () => {
    const page = new Page(1000, 800);
    page.rect(50, 50, 900, 3, BLACK); // horizontal rule
    page.rect(50, 70, 900, 8, [200, 200, 200]); // thin grey bar
    page.rect(500, 100, 4, 300, BLACK); // vertical rule
    page.rect(60, 120, 10, 10, BLACK).text(80, 118, 20, 14, BLACK); // bullet and its text
    page.rect(0, 0, 12, 800, [40, 40, 40]); // scan edge
    for (let x = 0; x < 12; x++) page.rect(100 + x * 25, 500, 12, 150 - x * 9, [240, 120, 20]); // bar chart
    // "photo": smooth noise in mid-tones
    let s = 5;
    for (let y = 420; y < 700; y++) {
      for (let x = 600; x < 900; x++) {
        s = (s * 1103515245 + 12345) & 0x7fffffff;
        const v = 90 + Math.round(60 * Math.sin(x / 13) * Math.cos(y / 17)) + (s % 40);
        page.rect(x, y, 1, 1, [v, v, v]);
      }
    }
    expect(findRasterRedactions(page.image(), opts)).toEqual([]);
  });

  it('reads grey, grey+alpha, RGBA and clamped pixel data alike', () => {
    const rgb = new Page(600, 300).rect(100, 100, 200, 30, BLACK).image();
    const n = rgb.width * rgb.height;
    const grey = new Uint8Array(n);
    const greyAlpha = new Uint8Array(n * 2);
    const rgba = new Uint8ClampedArray(n * 4);
    for (let i = 0; i < n; i++) {
      grey[i] = rgb.data[i * 3]!;
      greyAlpha[i * 2] = rgb.data[i * 3]!;
      greyAlpha[i * 2 + 1] = 255;
      rgba.set([rgb.data[i * 3]!, rgb.data[i * 3 + 1]!, rgb.data[i * 3 + 2]!, 255], i * 4);
    }
    for (const image of [
      { ...rgb, data: grey, channels: 1 as const },
      { ...rgb, data: greyAlpha, channels: 2 as const },
      { ...rgb, data: rgba, channels: 4 as const },
    ]) {
      expectBox(findRasterRedactions(image, opts), 100, 100, 200, 30);
    }
  });

  it('works at 300 dpi (downscaled) with exact full-resolution boxes', () => {
    const page = new Page(1600, 800).text(100, 200, 20, 36, BLACK, 4).rect(640, 196, 421, 58, BLACK).rect(300, 500, 333, 61, GREY);
    const found = findRasterRedactions(page.image(), { dpi: 300 });
    expect(found).toHaveLength(2);
    expectBox(found, 640, 196, 421, 58);
    expectBox(found, 300, 500, 333, 61);
  });

  it('only returns the styles asked for', () => {
    const page = new Page(800, 400).rect(100, 100, 200, 30, BLACK).rect(100, 200, 200, 30, GREY);
    expect(findRasterRedactions(page.image(), { ...opts, styles: ['grey'] }).map((r) => r.style)).toEqual(['grey']);
  });

  it('rejects data shorter than width x height x channels', () => {
    expect(() => findRasterRedactions({ data: new Uint8Array(10), width: 10, height: 10, channels: 3 })).toThrow(RangeError);
  });
});

describe('decodeImage', () => {
  it('decodes a PNG into pixels the detector reads', async () => {
    const page = new Page(600, 300).rect(100, 100, 200, 30, BLACK);
    const png = await sharp(Buffer.from(page.data), { raw: { width: 600, height: 300, channels: 3 } }).png().toBuffer();
    const image = await decodeImage(new Uint8Array(png));
    expect([image.width, image.height, image.channels]).toEqual([600, 300, 3]);
    expectBox(findRasterRedactions(image, opts), 100, 100, 200, 30);
  });

  it('rejects bytes that are not an image', async () => {
    await expect(decodeImage(new Uint8Array([1, 2, 3, 4]))).rejects.toThrow();
  });
});

/** `segments` as it was first written: each line scanned in place, pixel by pixel (the reference). */
function segmentsByScan(mask: Uint8Array, w: number, h: number, minLen: number, gap: number, maxThick: number, vertical: boolean): Segment[] {
  const lines = vertical ? w : h;
  const length = vertical ? h : w;
  const lineStep = vertical ? 1 : w;
  const step = vertical ? w : 1;
  let open: Segment[] = [];
  const done: Segment[] = [];
  for (let y = 0; y < lines; y++) {
    const next: Segment[] = [];
    let x = 0;
    while (x < length) {
      if (!mask[y * lineStep + x * step]) {
        x++;
        continue;
      }
      const s = x;
      let e = x + 1;
      for (x++; x < length && x - e < gap; x++) if (mask[y * lineStep + x * step]) e = x + 1;
      x = e;
      if (e - s < minLen) continue;
      const merged = open.find((o) => Math.min(o.e, e) - Math.max(o.s, s) > 0.7 * Math.min(o.e - o.s, e - s));
      if (merged) {
        merged.a1 = y + 1;
        merged.s = Math.min(merged.s, s);
        merged.e = Math.max(merged.e, e);
        if (!next.includes(merged)) next.push(merged);
      } else next.push({ at: y, a0: y, a1: y + 1, s, e });
    }
    for (const o of open) if (!next.includes(o)) done.push(o);
    open = next;
  }
  done.push(...open);
  return done.filter((g) => g.a1 - g.a0 <= maxThick).map((g) => ({ ...g, at: (g.a0 + g.a1 - 1) / 2 }));
}

describe('segments (line pieces of a mask)', () => {
  /** A mask of lines, bars, broken lines and specks; the same for the same seed. */
  function mask(w: number, h: number, seed: number, density: number): Uint8Array {
    const m = new Uint8Array(w * h);
    let x = seed;
    const rand = (): number => (x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < m.length; i++) m[i] = rand() < density ? 1 : 0;
    for (let k = 0; k < 12; k++) {
      const [x0, y0] = [Math.floor(rand() * w), Math.floor(rand() * h)];
      const [len, thick, horizontal, broken] = [5 + Math.floor(rand() * w), 1 + Math.floor(rand() * 6), rand() < 0.5, rand() < 0.4];
      for (let a = 0; a < len; a++) {
        if (broken && a % 7 === 3) continue;
        for (let t = 0; t < thick; t++) {
          const [px, py] = horizontal ? [x0 + a, y0 + t] : [x0 + t, y0 + a];
          if (px < w && py < h) m[py * w + px] = 1;
        }
      }
    }
    return m;
  }

  it.each([
    [97, 61, 1, 0.02],
    [64, 64, 2, 0.2],
    [150, 40, 3, 0],
    [33, 180, 4, 0.05],
    [1, 50, 5, 0.5],
    [50, 1, 6, 0.5],
  ])('finds what a pixel-by-pixel scan finds (%i × %i, seed %i, specks %f)', (w, h, seed, density) => {
    const m = mask(w, h, seed, density);
    for (const vertical of [false, true]) {
      for (const [minLen, gap, maxThick] of [[1, 1, 100], [5, 2, 3], [12, 3, 6], [20, 4, 2]] as const) {
        const found = segments(m, w, h, minLen, gap, maxThick, vertical);
        expect(found).toEqual(segmentsByScan(m, w, h, minLen, gap, maxThick, vertical));
        // in a longer scratch buffer, whose bytes past w × h are left from a larger page
        const scratch = new Uint8Array(m.length + 3 * w + 5).fill(1);
        scratch.set(m);
        expect(segments(scratch, w, h, minLen, gap, maxThick, vertical)).toEqual(found);
        if (minLen === 5 && density < 0.5) expect(found.length).toBeGreaterThan(0);
      }
    }
  });
});
