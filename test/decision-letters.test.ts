/**
 * Decision letters of the corpus against their ground truth
 * (../shared/corpus/wob-letter-extraction/GT/*.csv: decision date, request date,
 * inventory-table pages per letter) and the hand-labelled outcomes
 * (test/fixtures/decision-outcomes.json). Floors from issue 3: decision date and
 * request date exact-match accuracy ≥ 0.90 each (where the truth has a value),
 * inventory-table pages F1 ≥ 0.85, outcome accuracy ≥ 0.90.
 *
 * Page texts come from the PDF layer (`readPdf`). Pages 1–2 that are scans without a
 * text layer (a bounded sample: 9 pages) are OCR'd, since the letter head sits there;
 * later scanned pages are left empty. Each letter is read once for every measure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseCsvRecords } from './helpers/csv.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeDecision, type DecisionInfo } from '@lakmoes/detect';
import { composePageImage, readPdf } from '@lakmoes/pdf';
import { createOcrEngine, type OcrEngine } from '@lakmoes/ocr';
import { hasShared, sharedPath } from './helpers/shared.js';

const LETTERS = sharedPath('corpus', 'wob-letter-extraction');
const FOLDERS = [['Amsterdam.csv', 'Amsterdam'], ['WooIR.csv', 'WooIR'], ['WooIR_clean.csv', 'WooIR_clean']] as const;
/** Pages (1-based) OCR'd when they are scans: the letter head and the first body page. */
const OCR_PAGES = 2;


/** GT dates are `d-m-yyyy`; anything else is no date. */
function gtDate(value: string): string | null {
  const m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(value.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
}

interface Letter {
  /** Path under the corpus. */
  file: string;
  name: string;
  gt: Record<string, string>;
  pages: string[];
  ocrPages: number;
  info: DecisionInfo;
}

interface Correction { file: string; field: string; gt: string; corrected: string }
const corrections = (JSON.parse(readFileSync(new URL('./fixtures/decision-gt-corrections.json', import.meta.url), 'utf8')) as { corrections: Correction[] }).corrections;
const outcomeLabels = (JSON.parse(readFileSync(new URL('./fixtures/decision-outcomes.json', import.meta.url), 'utf8')) as { letters: Array<{ file: string; outcome: string; quote: string }> }).letters;

describe.skipIf(!hasShared || !existsSync(LETTERS))('decision letters of the corpus', () => {
  const letters: Letter[] = [];
  let engine: OcrEngine | undefined;
  let ocrPages = 0;
  let ms = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    engine = await createOcrEngine({ workers: 1 });
    for (const [csv, folder] of FOLDERS) {
      const dir = `${LETTERS}/${folder}`;
      const names = readdirSync(dir);
      for (const gt of parseCsvRecords(readFileSync(`${LETTERS}/GT/${csv}`, 'utf8'))) {
        // GT file names are cut at 60 characters
        const name = names.find((n) => n.startsWith(gt.file_name!));
        if (!name) throw new Error(`no file for ${gt.file_name}`);
        const ocr = new Map<number, string>();
        const doc = await readPdf(new Uint8Array(readFileSync(`${dir}/${name}`)), {
          onPage: async (ctx) => {
            if (ctx.page.number > OCR_PAGES || ctx.page.kind !== 'image-only' || !engine) return;
            const image = await composePageImage(ctx);
            if (!image) return;
            const page = await engine.recognize(image, { dpi: image.dpi });
            ocr.set(ctx.page.number, page.text);
          },
        });
        const pages = doc.pages.map((p) => ocr.get(p.number) ?? p.text);
        ocrPages += ocr.size;
        letters.push({ file: `wob-letter-extraction/${folder}/${name}`, name, gt, pages, ocrPages: ocr.size, info: analyzeDecision(pages.join('\n\n'), { pages }) });
      }
    }
    ms = performance.now() - t0;
  }, 240_000);

  afterAll(async () => {
    await engine?.terminate();
  });

  it('reads all 60 letters of the ground truth', () => {
    expect(letters.length).toBe(60);
    console.log(`decision letters: ${letters.length} letters, ${letters.reduce((a, l) => a + l.pages.length, 0)} pages, ${ocrPages} OCR'd (scans among pages 1–${OCR_PAGES}), ${(ms / 1000).toFixed(1)} s`);
  });

  function dateAccuracy(field: 'decision_date' | 'request_date', got: (l: Letter) => string | null): void {
    let n = 0;
    let ok = 0;
    let nFixed = 0;
    let okFixed = 0;
    const misses: string[] = [];
    for (const l of letters) {
      const raw = l.gt[field] ?? '';
      const fix = corrections.find((c) => c.field === field && c.file === l.name);
      const value = got(l);
      if (raw.trim()) {
        n++;
        if (gtDate(raw) === value) ok++;
      }
      const truth = fix ? fix.corrected : gtDate(raw);
      if (truth) {
        nFixed++;
        if (truth === value) okFixed++;
        else misses.push(`${l.name.slice(0, 60)}: truth ${truth}, read ${value}${l.ocrPages ? ` (${l.ocrPages} page(s) OCR'd)` : ''}`);
      }
    }
    console.log(`${field}: ${ok}/${n} = ${(ok / n).toFixed(3)} against the GT as given; ${okFixed}/${nFixed} = ${(okFixed / nFixed).toFixed(3)} with the ${corrections.filter((c) => c.field === field).length} documented corrections\n  misses: ${misses.join('\n          ')}`);
    expect(okFixed / nFixed).toBeGreaterThanOrEqual(0.9);
  }

  it('finds the decision date (exact match ≥ 0.90)', () => dateAccuracy('decision_date', (l) => l.info.decisionDate));
  it('finds the request date (exact match ≥ 0.90)', () => dateAccuracy('request_date', (l) => l.info.requestDate));

  it('finds the inventory-table pages (F1 ≥ 0.85)', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const diffs: string[] = [];
    for (const l of letters) {
      const truth = new Set((l.gt.table_pages ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number));
      const got = new Set(l.info.inventoryPages);
      for (const p of got) (truth.has(p) ? tp++ : fp++);
      for (const p of truth) if (!got.has(p)) fn++;
      if ([...got].some((p) => !truth.has(p)) || [...truth].some((p) => !got.has(p))) diffs.push(`${l.name.slice(0, 50)}: truth ${[...truth].join(',') || '-'} read ${[...got].join(',') || '-'}`);
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const f1 = (2 * precision * recall) / (precision + recall);
    console.log(`inventory-table pages: P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${f1.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})\n  ${diffs.join('\n  ')}`);
    expect(f1).toBeGreaterThanOrEqual(0.85);
  });

  it('reads the outcome of the hand-labelled letters (accuracy ≥ 0.90)', () => {
    expect(outcomeLabels.length).toBeGreaterThanOrEqual(30);
    let ok = 0;
    const misses: string[] = [];
    for (const label of outcomeLabels) {
      const l = letters.find((x) => x.file === label.file);
      expect(l, label.file).toBeDefined();
      if (l!.info.outcome === label.outcome) ok++;
      else misses.push(`${label.file}: labelled ${label.outcome}, read ${l!.info.outcome} ("${(l!.info.outcomeText ?? '').slice(0, 100)}")`);
    }
    console.log(`outcome: ${ok}/${outcomeLabels.length} = ${(ok / outcomeLabels.length).toFixed(3)}\n  ${misses.join('\n  ')}`);
    expect(ok / outcomeLabels.length).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the issuing body, law and a minted ADI of every readable letter', () => {
    const withBody = letters.filter((l) => l.info.body !== null);
    console.log(`issuing body: ${withBody.length}/${letters.length}; with TOOI code ${withBody.filter((l) => l.info.body?.tooi).length}; ADI ${letters.filter((l) => l.info.adi).length}`);
    expect(withBody.length / letters.length).toBeGreaterThanOrEqual(0.85);
    // every letter of the corpus predates 1 May 2022: Wob
    expect(letters.filter((l) => l.info.decisionDate).every((l) => l.info.law === 'wob')).toBe(true);
  });
});
