/**
 * Smoke test over a few real documents of the development corpus (read-only).
 * Skipped, with a message, when the corpus is not there (e.g. in CI).
 */
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPdf } from './open.js';
import { readPage, readPdf } from './read.js';

const CORPUS = process.env.LAKMOES_CORPUS ?? fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const available = existsSync(CORPUS);
if (!available) console.warn(`[corpus.test] ${CORPUS} not found: corpus smoke tests skipped (set LAKMOES_CORPUS)`);

const file = (relative: string): Uint8Array => new Uint8Array(readFileSync(path.join(CORPUS, relative)));

describe.skipIf(!available)('real documents', { timeout: 30_000 }, () => {
  it('woofairify memo: grey vector boxes labelled art. 10.2.e in the text layer', async () => {
    const doc = await readPdf(file('woofairify/documenten/1. Memo BO verslag gesprek 20210324.pdf'));
    expect(doc.metadata.producer).toMatch(/Adobe PDF Library/);
    expect(doc.pages.map((p) => p.kind)).toEqual(['native', 'native']);
    const boxes = doc.pages.flatMap((p) => p.redactions).filter((r) => r.kind === 'vector');
    expect(boxes.length).toBeGreaterThanOrEqual(5);
    for (const r of boxes) {
      expect(r.fill).toBe('#bfbfbf');
      expect(r.label).toContain('10.2.e');
      expect(r.leak).toBe(false);
      expect(r.grounds.map((g) => g.code)).toEqual(['wob:10.2.e']);
    }
    expect(doc.stats.groundCounts['wob:10.2.e']).toBe(boxes.length);
  });

  it('VWS ZyLAB export: text over a page image is an ocr-layer page', async () => {
    const doc = await readPdf(file('minvws-woo-web/testdossiers/woo1/171141.pdf'));
    expect(doc.metadata.producer).toMatch(/ZyLAB/);
    expect(doc.pages.map((p) => p.kind)).toEqual(['ocr-layer']);
    expect(doc.pages[0]!.imageCoverage).toBeGreaterThan(0.95);
    expect(doc.pages[0]!.text).toContain('Ministerie van Volksgezondheid');
  });

  it('images shared by several pages (g_ ids in commonObjs) are delivered, not waited for forever', async () => {
    // hung at page 10 when pixels were asked from page.objs: pdf.js keeps reused images in
    // commonObjs (a pdf.js matter: PDFium names images by their place on the page)
    const bytes = file('wob-letter-extraction/WooIR/Bes-besluit+op+wob-verzoek+over+conceptovergangsregeling+afschaffing+afvalstoffenbelasting.pdf');
    let withPixels = 0;
    const doc = await readPdf(bytes, {
      backend: 'pdfjs',
      onPage: async (ctx) => {
        for (const image of ctx.images) if (image.objId?.startsWith('g_') && (await ctx.getImagePixels(image.objId))) withPixels++;
      },
    });
    expect(doc.pages).toHaveLength(21);
    expect(withPixels).toBeGreaterThan(0);
  });

  it('besluitbrief.pdf: a scan without text is image-only', async () => {
    const handle = await openPdf(file('minvws-woo-web/besluitbrief.pdf'));
    try {
      expect(handle.numPages).toBe(10);
      for (const n of [1, 2]) {
        const page = await readPage(handle, n);
        expect(page.kind).toBe('image-only');
        expect(page.text).toBe('');
      }
    } finally {
      await handle.close();
    }
  });

  it('Overijssel form: "geen openbare informatie" placeholders are substitutions', async () => {
    const handle = await openPdf(
      file('pzh-wooverzicht/48d59af40e35263f1ae72ea2ef5cb127_Geanonimiseerde_documenten_actief_publiceren_melding_zaaknr._Z2024-00004512.pdf'),
    );
    try {
      const page = await readPage(handle, 1);
      const subs = page.redactions.filter((r) => r.kind === 'substitution');
      expect(subs.length).toBeGreaterThanOrEqual(2);
      for (const r of subs) expect(page.text.slice(r.span!.start, r.span!.end)).toBe('geen openbare informatie');
    } finally {
      await handle.close();
    }
  });
});

describe.skipIf(!available)('PDFium and pdf.js read the same text', { timeout: 60_000 }, () => {
  // Subset fonts whose ToUnicode PDFium cannot map back to char codes: its font widths then
  // belong to other glyphs (digits 0.38 em against 0.53, a ligature's first letter), which put a
  // space between every digit ("€ 3 7 2 .0 9 6") and inside ligatures ("heffi ngen", "off ensieve").
  it.each([
    ['woo-hoo/data/samples/jaarplan_belastingdienst_2024.pdf', 5, ['€ 372.096', 'inkomensheffingen', '28.081 fte']],
    ['woo-hoo/data/samples/cybersecuritybeeld_nederland_2024.pdf', 6, ['offensieve', 'slachtoffers']],
  ] as const)('%s page %i', async (name, page, expected) => {
    const texts: string[] = [];
    for (const backend of ['pdfium', 'pdfjs'] as const) {
      const handle = await openPdf(file(name), { backend });
      try {
        texts.push((await readPage(handle, page)).text);
      } finally {
        await handle.close();
      }
    }
    for (const e of expected) expect(texts[0]).toContain(e);
    expect(texts[0]).toBe(texts[1]);
  });
});
