/**
 * Smoke test on a real scan of the development corpus (read-only): page 1 of
 * the VWS `besluitbrief.pdf`, a 10-page 150-dpi JPEG scan with no text layer.
 * Skipped, with a message, when the corpus is not there (e.g. in CI).
 */
import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPdf, pdfjsDocument } from '../../pdf/src/open.js';
import { pageImage } from '../../pdf/src/render.js';
import { createOcrEngine, type OcrEngine } from './index.js';

const CORPUS = process.env.LAKMOES_CORPUS ?? fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));

/** The letter sits at `minvws-woo-web/besluitbrief.pdf`; look further down too, in case the corpus is reorganised. */
function findBesluitbrief(dir: string): string | null {
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === 'besluitbrief.pdf') return full;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const found = findBesluitbrief(path.join(dir, entry.name));
    if (found) return found;
  }
  return null;
}

const file = findBesluitbrief(path.join(CORPUS, 'minvws-woo-web'));
if (!file) console.warn(`[ocr corpus.test] no minvws-woo-web/**/besluitbrief.pdf under ${CORPUS}: OCR corpus smoke test skipped (set LAKMOES_CORPUS)`);

describe.skipIf(!file)('OCR of a real scanned decision letter', () => {
  let engine: OcrEngine | undefined;
  afterAll(async () => {
    await engine?.terminate();
  });

  it('reads page 1 of besluitbrief.pdf (scan, no text layer) as a Woo decision', async () => {
    const handle = await openPdf(new Uint8Array(readFileSync(file!)), { backend: 'pdfjs' });
    let image;
    try {
      image = await pageImage(await pdfjsDocument(handle).getPage(1), { grayscale: true });
    } finally {
      await handle.close();
    }
    // The scan's own pixels, not a render.
    expect(image).toMatchObject({ source: 'embedded', width: 1248, height: 1760, channels: 1 });
    expect(image.dpi).toBeCloseTo(150, 0);

    engine = await createOcrEngine();
    const page = await engine.recognize(image, { dpi: image.dpi });
    expect(page.confidence).toBeGreaterThan(60);
    expect(page.text).toMatch(/\bWoo\b/i);
    expect(page.text).toMatch(/besluit/i);
    expect(page.text).toMatch(/Ministerie van Volksgezondheid/);
    expect(page.words.length).toBeGreaterThan(200);
  }, 60_000);
});
