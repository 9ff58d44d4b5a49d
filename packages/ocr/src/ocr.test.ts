/**
 * Real OCR (tesseract.js + @tesseract.js-data/nld, offline) of synthetic pages:
 * Dutch sentences drawn with pdf-lib, rendered at 300 dpi by `@lakmoes/pdf`'s
 * `pageImage`. Bounded for CI: 3 short pages, one 1-worker and one 2-worker engine.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import Tesseract from 'tesseract.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// The page images come from the PDF package (test-only import; @lakmoes/ocr does not depend on it).
import { openPdf, pdfjsDocument } from '../../pdf/src/open.js';
import { pageImage, type PageRaster } from '../../pdf/src/render.js';
import { defaultResolve } from './langdata.js';
import { createOcrEngine, OcrError, type OcrEngine, type OcrPage, type RasterImage } from './index.js';

const DPI = 300;
const S = DPI / 72;
const SIZE = 14;
const PAGES = [
  [
    'Het besluit is genomen op grond van artikel 5.1.2e van de Wet open overheid.',
    'Persoonsgegevens van medewerkers zijn onleesbaar gemaakt.',
    'Tegen dit besluit kunt u binnen zes weken bezwaar maken.',
  ],
  [
    'De minister van Volksgezondheid, Welzijn en Sport heeft uw verzoek ontvangen.',
    'Enkele documenten worden gedeeltelijk openbaar gemaakt.',
  ],
];

interface DrawnLine {
  text: string;
  /** Pixel box of the line at 300 dpi, top-left origin. */
  box: { x0: number; y0: number; x1: number; y1: number };
  font: PDFFont;
  x: number;
}

async function syntheticPage(lines: string[]): Promise<{ image: PageRaster; drawn: DrawnLine[] }> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  const drawn: DrawnLine[] = [];
  lines.forEach((text, i) => {
    const x = 72, y = 760 - i * 40;
    page.drawText(text, { x, y, size: SIZE, font });
    const top = 842 - y - SIZE * 0.75, bottom = 842 - y + SIZE * 0.25;
    drawn.push({ text, font, x, box: { x0: x * S, y0: top * S, x1: (x + font.widthOfTextAtSize(text, SIZE)) * S, y1: bottom * S } });
  });
  const handle = await openPdf(await doc.save(), { backend: 'pdfjs' });
  try {
    const image = await pageImage(await pdfjsDocument(handle).getPage(1), { dpi: DPI, grayscale: true });
    return { image, drawn };
  } finally {
    await handle.close();
  }
}

const normalise = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/** Fewest edits turning `needle` into some substring of `hay` (Sellers' approximate matching). */
function substringDistance(needle: string, hay: string): number {
  let prev = new Array<number>(hay.length + 1).fill(0);
  for (let i = 1; i <= needle.length; i++) {
    const cur = [i];
    for (let j = 1; j <= hay.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (needle[i - 1] === hay[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return Math.min(...prev);
}

function expectLines(page: OcrPage, drawn: DrawnLine[]): void {
  const text = normalise(page.text);
  for (const line of drawn) expect(substringDistance(line.text, text), `"${line.text}" in "${text}"`).toBeLessThanOrEqual(2);
  expect(page.confidence).toBeGreaterThan(70);
  // Every word lies on the line it was drawn on, starting where pdf-lib put it.
  for (const line of drawn) {
    let offset = 0;
    for (const word of line.text.split(' ')) {
      const expectedX = (line.x + line.font.widthOfTextAtSize(line.text.slice(0, line.text.indexOf(word, offset)), SIZE)) * S;
      offset = line.text.indexOf(word, offset) + word.length;
      const found = page.words.find((w) => w.text === word && Math.abs(w.box.x - expectedX) < 15 && w.box.y > line.box.y0 - 15 && w.box.y < line.box.y1);
      if (!found) continue; // a misread word (≤ 2 errors allowed above)
      expect(found.box.y + found.box.height).toBeLessThan(line.box.y1 + 15);
      expect(found.box.x + found.box.width).toBeLessThan(line.box.x1 + 15);
      expect(found.confidence).toBeGreaterThan(0);
      expect(page.text.slice(found.span.start, found.span.end)).toBe(found.text);
    }
    const located = line.text.split(' ').filter((word) => page.words.some((w) => w.text === word && w.box.y > line.box.y0 - 15 && w.box.y < line.box.y1));
    expect(located.length).toBeGreaterThanOrEqual(line.text.split(' ').length - 2);
  }
}

describe('createOcrEngine (real OCR, 300 dpi)', () => {
  let pages: { image: PageRaster; drawn: DrawnLine[] }[];
  let engine: OcrEngine;
  const results: OcrPage[] = [];

  beforeAll(async () => {
    pages = await Promise.all(PAGES.map(syntheticPage));
    engine = await createOcrEngine({ workers: 1 });
  });
  afterAll(async () => {
    await engine?.terminate();
  });

  it('reads Dutch sentences and 5.1.2e with word boxes where the text was drawn', async () => {
    const first = pages[0]!;
    expect(first.image).toMatchObject({ source: 'rendered', dpi: 300, width: Math.round(595 * S), height: Math.round(842 * S) });
    const page = await engine.recognize(first.image, { dpi: first.image.dpi });
    results.push(page);
    expectLines(page, first.drawn);
    expect(page).toMatchObject({ width: first.image.width, height: first.image.height, dpi: 300 });
    expect(page.ms).toBeGreaterThan(0);
    const ground = page.words.find((w) => w.text.includes('5.1.2e'));
    expect(ground).toBeDefined();
    expect(page.lines.length).toBe(3);
    expect(page.lines[0]!.words.map((i) => page.words[i]!.text).join(' ')).toBe(page.lines[0]!.text);
  }, 30_000);

  it('reuses its worker for the next page, and drops a queued page when aborted', async () => {
    const second = pages[1]!;
    const controller = new AbortController();
    const running = engine.recognize(second.image, { dpi: DPI });
    const queued = engine.recognize(second.image, { dpi: DPI, signal: controller.signal });
    expect(engine.queued).toBe(1);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    expect(engine.queued).toBe(0);
    const page = await running;
    results.push(page);
    expectLines(page, second.drawn);
    expect(engine.workerCount).toBe(1);
  }, 30_000);

  it('rejects bad and oversized images with codes, without losing the worker', async () => {
    await expect(engine.recognize({ data: new Uint8Array(10), width: 10, height: 10, channels: 3 })).rejects.toMatchObject({ code: 'OCR_BAD_IMAGE' });
    await expect(engine.recognize({ data: new Uint8Array(0), width: 0, height: 10, channels: 1 })).rejects.toMatchObject({ code: 'OCR_BAD_IMAGE' });
    await expect(engine.recognize({ data: new Uint8Array(1), width: 70_000, height: 1_000, channels: 1 })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(engine.workerCount).toBe(1);
  });

  it('spreads pages over 2 workers with the same result', async () => {
    const two = await createOcrEngine({ workers: 2 });
    try {
      expect(two.workerCount).toBe(2);
      const both = await Promise.all(pages.map((p) => two.recognize(p.image, { dpi: DPI })));
      both.forEach((page, i) => expectLines(page, pages[i]!.drawn));
      // Same text as the 1-worker engine gave (when those tests ran).
      if (results.length === 2) expect(both.map((p) => p.text)).toEqual(results.map((p) => p.text));
      expect(two.workerCount).toBe(2);
    } finally {
      await two.terminate();
    }
    await expect(two.recognize(pages[0]!.image)).rejects.toMatchObject({ code: 'OCR_TERMINATED' });
  }, 40_000);
});

/** A strip of rows of a 1-channel image: one line of text OCRs in a fraction of a second. */
function strip(image: PageRaster, y0: number, y1: number): RasterImage {
  const top = Math.max(0, Math.floor(y0)), bottom = Math.min(image.height, Math.ceil(y1));
  return { data: image.data.slice(top * image.width, bottom * image.width), width: image.width, height: bottom - top, channels: 1 };
}

describe('worker lifecycle', () => {
  it('recycles a worker after recycleAfter pages and keeps reading', async () => {
    const { image, drawn } = await syntheticPage(PAGES[0]!.slice(0, 1));
    const line = strip(image, drawn[0]!.box.y0 - 40, drawn[0]!.box.y1 + 40);
    const engine = await createOcrEngine({ recycleAfter: 1 });
    try {
      const a = await engine.recognize(line);
      const b = await engine.recognize(line);
      expect(normalise(b.text)).toBe(normalise(a.text));
      expect(substringDistance(drawn[0]!.text, normalise(a.text))).toBeLessThanOrEqual(2);
      // The first worker was replaced after page a and its successor read page b (its own successor is still starting).
      expect(engine.workerCount).toBe(2);
    } finally {
      await engine.terminate();
    }
  }, 30_000);

  it('rejects the page in progress with OCR_TERMINATED when the engine stops', async () => {
    const { image } = await syntheticPage(PAGES[1]!);
    const engine = await createOcrEngine();
    const running = engine.recognize(image, { dpi: DPI });
    const queued = engine.recognize(image, { dpi: DPI });
    const outcomes = Promise.allSettled([running, queued]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await engine.terminate();
    for (const outcome of await outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'OCR_TERMINATED' });
    }
    await engine.terminate(); // twice is harmless
  }, 30_000);
});

describe('a worker thread that dies', () => {
  it('fails the page it was on with OCR_FAILED and is replaced, idle or busy', async () => {
    const { image, drawn } = await syntheticPage(PAGES[0]!.slice(0, 1));
    const line = strip(image, drawn[0]!.box.y0 - 40, drawn[0]!.box.y1 + 40);
    const spy = vi.spyOn(Tesseract, 'createWorker');
    const engine = await createOcrEngine();
    try {
      const threadOf = async (i: number) => ((await spy.mock.results[i]!.value) as { worker: import('node:worker_threads').Worker }).worker;
      // Killed while idle: replaced before the next page arrives.
      await (await threadOf(0)).terminate();
      const after = await engine.recognize(line);
      expect(substringDistance(drawn[0]!.text, normalise(after.text))).toBeLessThanOrEqual(2);
      expect(engine.workerCount).toBe(2);
      // Killed while busy: that page fails, the next one is read by a fresh worker.
      const busy = engine.recognize(image, { dpi: DPI });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await (await threadOf(1)).terminate();
      await expect(busy).rejects.toMatchObject({ code: 'OCR_FAILED' });
      const next = await engine.recognize(line);
      expect(normalise(next.text)).toBe(normalise(after.text));
      expect(engine.workerCount).toBe(3);
    } finally {
      spy.mockRestore();
      await engine.terminate();
    }
  }, 30_000);
});

describe('language data', () => {
  it('combines languages from their own packages (nld+eng)', async () => {
    // A stand-in `@tesseract.js-data/eng` package whose model is a copy of the Dutch one.
    const fake = await mkdtemp(path.join(os.tmpdir(), 'lakmoes-ocr-test-'));
    const model = path.join(path.dirname(defaultResolve('@tesseract.js-data/nld/package.json')), '4.0.0_best_int', 'nld.traineddata.gz');
    await mkdir(path.join(fake, '4.0.0_best_int'));
    await copyFile(model, path.join(fake, '4.0.0_best_int', 'eng.traineddata.gz'));
    const resolve = (specifier: string): string =>
      specifier === '@tesseract.js-data/eng/package.json' ? path.join(fake, 'package.json') : defaultResolve(specifier);
    const { image, drawn } = await syntheticPage(PAGES[1]!.slice(0, 1));
    const engine = await createOcrEngine({ languages: 'nld+eng', resolve });
    try {
      expect(engine.languages).toEqual(['nld', 'eng']);
      const page = await engine.recognize(strip(image, drawn[0]!.box.y0 - 40, drawn[0]!.box.y1 + 40));
      expect(substringDistance(drawn[0]!.text, normalise(page.text))).toBeLessThanOrEqual(2);
    } finally {
      await engine.terminate();
      await rm(fake, { recursive: true, force: true });
    }
  }, 30_000);

  it('fails with OCR_LANGDATA_MISSING before starting a worker when the package is not installed', async () => {
    const spy = vi.spyOn(Tesseract, 'createWorker');
    try {
      const notInstalled = (specifier: string): string => {
        throw Object.assign(new Error(`Cannot find module '${specifier}'`), { code: 'MODULE_NOT_FOUND' });
      };
      const error = await createOcrEngine({ resolve: notInstalled }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OcrError);
      expect(error).toMatchObject({ code: 'OCR_LANGDATA_MISSING' });
      expect((error as OcrError).message).toContain('@tesseract.js-data/nld');

      // A package without the LSTM model directory.
      const empty = await createOcrEngine({ resolve: () => '/nonexistent/@tesseract.js-data/nld/package.json' }).catch((e: unknown) => e);
      expect(empty).toMatchObject({ code: 'OCR_LANGDATA_MISSING' });

      await expect(createOcrEngine({ languages: 'xx/../nld' })).rejects.toMatchObject({ code: 'OCR_LANGDATA_MISSING' });
      await expect(createOcrEngine({ languages: 'nld+fry' })).rejects.toMatchObject({ code: 'OCR_LANGDATA_MISSING' });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
