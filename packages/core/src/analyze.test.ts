/**
 * analyzeDocument end to end on generated inputs: one record per input, `ok` with the
 * expected boxes, grounds and identifiers, or `error` with the right code — never a throw.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DocumentRecord } from '@lakmoes/schema';
import { makeEncryptedPdf, makeNotPdf, makeRedactionsPdf, makeTruncatedPdf } from '../../../test/fixtures/pdf/make-fixtures.js';
import { makeExamplePdf } from '../../../examples/make-example.js';
import { makeScanPdf } from '../../../test/engine-fixtures.js';
import { analyzeDocument, type OcrLike, type OcrWord } from './analyze.js';
import { analyzeDossier, summarize } from './dossier.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lakmoes-core-'));
const file = (name: string, bytes: Uint8Array | string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

const CORPUS = process.env.LAKMOES_CORPUS ?? fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
/** Two A4 letter pages scanned at 571 dpi, placed at one pixel a point: a 1.7 × 2.4 m page. */
const MIS_SIZED_SCAN = path.join(CORPUS, 'accessibilifier/examples/test_file.pdf');

describe('analyzeDocument', () => {
  it.skipIf(!existsSync(MIS_SIZED_SCAN))('finds the redactions of a letter scan placed at one pixel a point, and no specks', async () => {
    const r = await analyzeDocument(MIS_SIZED_SCAN, { ocr: 'off' });
    const boxes = r.pages!.map((p) => p.redactions.filter((b) => b.kind === 'raster').map((b) => [b.box.x, b.box.y, b.box.width, b.box.height].map(Math.round)));
    // page 1: after "mr." and "E:"; page 2: an e-mail address and the signature block
    // (read as a 70 dpi poster, the search also gave 19 and 7 glyph-sized specks)
    const expected = [
      [[3635, 1253, 595, 103], [3592, 2032, 409, 80]],
      [[1913, 3104, 580, 97], [465, 3830, 1105, 745]],
    ];
    expect(boxes.map((page) => page.length)).toEqual([2, 2]);
    boxes.forEach((page, i) => page.forEach((box, k) => box.forEach((v, j) => expect(Math.abs(v - expected[i]![k]![j]!)).toBeLessThanOrEqual(6))));
  }, 30_000);

  it('gives a ground read by OCR the box of the words it spans, in page points', async () => {
    // one scanned page of 320 × 453 px painted over the whole A4 page: 595/320 pt a pixel
    const text = 'Ik weiger dit op grond van artikel 5.1, tweede lid, onder e, van de Woo.';
    const words: OcrWord[] = [];
    for (const m of text.matchAll(/\S+/g)) {
      const k = words.length;
      words.push({ text: m[0], confidence: 90, span: { start: m.index, end: m.index + m[0].length }, box: { x: 10 + 20 * k, y: 100 + (k >= 8 ? 12 : 0), width: 18, height: 10 } });
    }
    const ocr: OcrLike = { recognize: async () => ({ text, confidence: 90, words, ms: 1 }) };
    const r = await analyzeDocument(file('scan-1.pdf', await makeScanPdf(1)), { ocrEngine: ocr, raster: false });
    const ground = r.grounds!.find((g) => g.code === 'woo:5.1.2.e');
    expect(ground, JSON.stringify(r.grounds)).toBeDefined();
    // 'artikel' … 'Woo.' are words 6 to 14: x from 10 + 120 px, y from 100 px, to the end of word 14 at 112 px
    const pt = 595 / 320;
    expect(ground!.box!.x).toBeCloseTo((10 + 20 * 6) * pt, 1);
    expect(ground!.box!.y).toBeCloseTo(100 * pt, 1);
    expect(ground!.box!.x + ground!.box!.width).toBeCloseTo((10 + 20 * 14 + 18) * pt, 1);
    expect(ground!.box!.y + ground!.box!.height).toBeCloseTo(122 * pt, 1);
  });

  it('reads the example decision: boxes with labels and leaks, grounds, identifiers, stats', async () => {
    const r = await analyzeDocument(file('voorbeeld.pdf', await makeExamplePdf()), { text: true });
    expect(DocumentRecord.parse(r).status).toBe('ok');
    expect(r.source.mediaType).toBe('application/pdf');
    expect(r.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    const page = r.pages![0]!;
    expect(page.kind).toBe('native');
    expect(page.redactions.map((x) => [x.kind, x.label, x.leak, x.grounds.map((g) => g.code)])).toEqual([
      ['vector', '5.1.2e', false, ['woo:5.1.2.e']],
      ['vector', '5.1.2e', true, ['woo:5.1.2.e']],
    ]);
    expect(page.redactions[1]!.hiddenText).toBe('06-12345678');
    const codes = new Set(r.grounds!.filter((g) => g.specific).map((g) => g.code));
    expect([...codes].sort()).toEqual(['woo:5.1.2.e', 'woo:5.2']);
    const prose = r.grounds!.find((g) => g.source === 'prose' && g.text.startsWith('artikel 5.1'))!;
    expect(prose.page).toBe(1);
    expect(prose.box).toBeDefined();
    expect(page.text!.slice(prose.span.start, prose.span.end)).toBe(prose.text);
    expect(r.identifiers!.map((i) => `${i.type}:${i.normalized}`)).toEqual(
      expect.arrayContaining(['kenmerk:2024-0000123456', 'ecli:ECLI:NL:RVS:2025:4814', 'kamerstuk:kst-35112-3', 'date:2024-03-12']),
    );
    expect(r.stats).toMatchObject({ pages: 1, redactionCount: 2, leakCount: 1, groundCounts: { 'woo:5.1.2.e': 2 } });
    // the decision layer: what the letter decides, and its inventory row
    expect(r.decision).toMatchObject({ role: 'decision', law: 'woo', decisionDate: '2024-03-12', requestDate: '2024-02-01', outcome: 'deels-openbaar', late: true });
    expect(r.inventory?.map((row) => [row.number, row.assessment, row.grounds])).toEqual([['1', 'deels-openbaar', ['woo:5.1.2.e', 'woo:5.2']]]);
  });

  it('takes bytes instead of a path', async () => {
    const r = await analyzeDocument({ path: 'in-memory.pdf', bytes: await makeRedactionsPdf() });
    expect(r.status).toBe('ok');
    expect(r.pages![0]!.redactions.length).toBeGreaterThan(0);
  });

  it.each([
    ['zero bytes', () => file('leeg.pdf', new Uint8Array()), 'EMPTY_FILE'],
    ['not a PDF', () => file('tekst.pdf', makeNotPdf()), 'NOT_PDF'],
    ['a text file named .pdf', () => file('brief.pdf', 'Geachte heer, dit is geen PDF.'), 'NOT_PDF'],
    ['a missing path', () => path.join(dir, 'bestaat-niet.pdf'), 'NOT_FOUND'],
    ['a folder', () => dir, 'NOT_FOUND'],
    ['encrypted with a user password', () => file('geheim.pdf', makeEncryptedPdf({ userPassword: 'geheim' })), 'PDF_ENCRYPTED'],
    ['a corrupt image', () => file('kapot.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])), 'IMAGE_CORRUPT'],
  ])('gives one error record for %s', async (_name, make, code) => {
    const r = await analyzeDocument(make());
    expect(DocumentRecord.parse(r)).toMatchObject({ status: 'error', error: { code } });
    expect(r.pages).toBeUndefined();
    expect(r.error!.message.length).toBeGreaterThan(0);
  });

  it('gives PDF_CORRUPT for a truncated PDF', async () => {
    const r = await analyzeDocument(file('afgebroken.pdf', await makeTruncatedPdf()));
    expect(r).toMatchObject({ status: 'error', error: { code: 'PDF_CORRUPT' } });
  });

  it('gives TOO_LARGE over the size limit without reading the file', async () => {
    const r = await analyzeDocument(file('groot.pdf', await makeRedactionsPdf()), { maxBytes: 100 });
    expect(r).toMatchObject({ status: 'error', error: { code: 'TOO_LARGE' } });
    expect(r.source.bytes).toBeGreaterThan(100);
  });

  it('reads a page image: raster boxes in pixels', async () => {
    // white A4 page at 100 dpi with two black boxes
    const w = 827, h = 1169;
    const png = await sharp({ create: { width: w, height: h, channels: 3, background: '#ffffff' } })
      .composite([
        { input: { create: { width: 160, height: 22, channels: 3, background: '#000000' } }, left: 100, top: 200 },
        { input: { create: { width: 240, height: 22, channels: 3, background: '#000000' } }, left: 300, top: 500 },
      ])
      .png()
      .toBuffer();
    const r = await analyzeDocument(file('scan.png', new Uint8Array(png)), { ocr: 'off' });
    expect(r.status).toBe('ok');
    expect(r.source.mediaType).toBe('image/png');
    const page = r.pages![0]!;
    expect([page.width, page.height, page.kind]).toEqual([w, h, 'image-only']);
    const boxes = page.redactions.map((x) => [x.kind, Math.round(x.box.x), Math.round(x.box.y), Math.round(x.box.width), Math.round(x.box.height)]);
    expect(boxes).toEqual([
      ['raster', 100, 200, 160, 22],
      ['raster', 300, 500, 240, 22],
    ]);
  });
});

describe('analyzeDossier', () => {
  it('yields exactly one record per input, in order, and the summary counts both kinds', async () => {
    const sub = mkdtempSync(path.join(dir, 'dossier-'));
    writeFileSync(path.join(sub, 'a.pdf'), await makeRedactionsPdf());
    writeFileSync(path.join(sub, 'b.pdf'), new Uint8Array());
    writeFileSync(path.join(sub, 'c notitie.txt'), 'wordt overgeslagen in een map');
    writeFileSync(path.join(sub, 'é ü.pdf'), makeNotPdf());
    const named = file('los bestand.txt', 'genoemd, dus gelezen');
    const records = [];
    for await (const r of analyzeDossier([sub, named])) records.push(r);
    expect(records.map((r) => [path.basename(r.source.path), r.status, r.error?.code ?? null])).toEqual([
      ['a.pdf', 'ok', null],
      ['b.pdf', 'error', 'EMPTY_FILE'],
      ['é ü.pdf', 'error', 'NOT_PDF'],
      ['los bestand.txt', 'error', 'NOT_PDF'],
    ]);
    const s = summarize(records, 1000);
    expect(s).toMatchObject({ files: 4, ok: 1, errors: 3, errorsByCode: { EMPTY_FILE: 1, NOT_PDF: 2 } });
  });
});
