/**
 * Dossier splitting: streams built by concatenating the page texts of corpus files
 * (decision letters with their annexes and inventory, inventory lists, released
 * documents) with known boundaries: each file's first page, and inside a letter the
 * first inventory-table page of its ground truth. Floor from issue 3: boundary F1 ≥ 0.90.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitDossier } from '@lakmoes/detect';
import { readPdf } from '@lakmoes/pdf';
import { hasShared, sharedPath } from './helpers/shared.js';

interface Part { file: string; role: 'decision' | 'inventory' | 'released-document'; /** 1-based page of the file where its inventory table starts */ inventoryAt?: number }
const L = 'wob-letter-extraction/';
const V = 'minvws-woo-web/testdossiers/';
const F = 'woofairify/documenten/';
/** Four dossiers of the kinds found in practice: a letter (with its inventory), a separate inventory, released documents. */
const STREAMS: Part[][] = [
  [
    { file: `${L}WooIR_clean/Bes-besluit-2021-222.pdf`, role: 'decision', inventoryAt: 7 },
    { file: `${V}woo1/171059.pdf`, role: 'released-document' },
    { file: `${V}woo1/171080.pdf`, role: 'released-document' },
    { file: `${V}woo1/171115.pdf`, role: 'released-document' },
    { file: `${V}woo1/171137.pdf`, role: 'released-document' },
    { file: `${V}woo1/171141.pdf`, role: 'released-document' },
    { file: `${L}Amsterdam/20201203_wob_besluit_handhavingsverzoeken_geredigeerd.pdf`, role: 'decision', inventoryAt: 8 },
    { file: `${V}woo2/172684.pdf`, role: 'released-document' },
    { file: `${V}woo2/172695.pdf`, role: 'released-document' },
  ],
  [
    { file: `${F}Besluit actieve openbaarmaking Zonneweide Jaagweg jun juli aug 2021.pdf`, role: 'decision' },
    { file: `${F}Inventarisatielijst juni juli aug 2021 dossier zonneweide Jaagweg (1).pdf`, role: 'inventory' },
    { file: `${F}1. Memo GS juni 2021 definitief tbv bestuurders.pdf`, role: 'released-document' },
    { file: `${F}1. Memo BO verslag gesprek 20210324.pdf`, role: 'released-document' },
    { file: `${F}2. Memo BO verslag gesprek 20210421.pdf`, role: 'released-document' },
    { file: `${F}3. Memo BO verslag gesprek 20210520.pdf`, role: 'released-document' },
    { file: `${F}4. Memo BO verslag gesprek 20210907.pdf`, role: 'released-document' },
  ],
  [
    { file: `${L}WooIR_clean/Bes-besluit-2021-039.pdf`, role: 'decision', inventoryAt: 6 },
    { file: 'larooij-thesis/data/5d03dc8b8621ea5e53ad6fe7b44c8533_bijlage-4-inventarislijst-deelbesluit-1.pdf', role: 'inventory' },
    { file: `${V}woo3/173757.pdf`, role: 'released-document' },
    { file: `${V}woo3/173780.pdf`, role: 'released-document' },
    { file: `${V}woo3/173783.pdf`, role: 'released-document' },
    { file: `${V}woo3/173786.pdf`, role: 'released-document' },
    { file: `${L}WooIR_clean/Bes-besluit-wob-verzoek-contacten-efet.pdf`, role: 'decision' },
    { file: `${L}WooIR_clean/Bes-besluit+2020-115.pdf`, role: 'decision' },
  ],
  [
    { file: `${L}WooIR/Bes-wob-2021-102.pdf`, role: 'decision', inventoryAt: 7 },
    { file: 'larooij-thesis/data/2c4079ccaad78e8d2cb494681ae79928_inventarislijst-wob-verzoek-notities-besluitvorming-coronacrisis.pdf', role: 'inventory' },
    { file: `${V}woo4/181000.pdf`, role: 'released-document' },
    { file: `${V}woo4/181004.pdf`, role: 'released-document' },
    { file: `${V}woo4/181021.pdf`, role: 'released-document' },
    { file: `${V}woo4/181024.pdf`, role: 'released-document' },
    { file: `${V}woo4/181026.pdf`, role: 'released-document' },
    { file: `${L}Amsterdam/17_getekend_wob-besluit_geredigeerd.pdf`, role: 'decision', inventoryAt: 9 },
    { file: `${F}5. Agenda BO 18112021 gedeputeerde Stigter en Koggenland zonneweide Jaagweg.pdf`, role: 'released-document' },
  ],
];

describe.skipIf(!hasShared || !existsSync(sharedPath('corpus', 'woofairify')))('dossier splitting on concatenated corpus files', () => {
  const texts = new Map<string, string[]>();
  beforeAll(async () => {
    for (const p of STREAMS.flat()) {
      if (texts.has(p.file)) continue;
      const doc = await readPdf(new Uint8Array(readFileSync(sharedPath('corpus', p.file))));
      texts.set(p.file, doc.pages.map((x) => x.text));
    }
  }, 120_000);

  it('finds the document boundaries (F1 ≥ 0.90) and roles', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let roleOk = 0;
    let roleN = 0;
    const lines: string[] = [];
    STREAMS.forEach((stream, s) => {
      const pages: string[] = [];
      const truth = new Map<number, string>();
      for (const part of stream) {
        const t = texts.get(part.file)!;
        truth.set(pages.length, part.role);
        if (part.inventoryAt) truth.set(pages.length + part.inventoryAt - 1, 'inventory');
        pages.push(...t);
      }
      const parts = splitDossier(pages);
      const starts = new Map(parts.map((p) => [p.start, p.role]));
      // page 0 always starts a document: scored are the boundaries after it
      for (const st of starts.keys()) if (st > 0) (truth.has(st) ? tp++ : fp++);
      for (const st of truth.keys()) if (st > 0 && !starts.has(st)) fn++;
      for (const [st, role] of truth) {
        roleN++;
        if (starts.get(st) === role) roleOk++;
      }
      lines.push(`stream ${s + 1} (${pages.length} pages): truth ${[...truth.keys()].join(',')} | found ${parts.map((p) => `${p.start}:${p.role[0]}`).join(',')}`);
    });
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const f1 = (2 * precision * recall) / (precision + recall);
    console.log(`dossier boundaries: P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${f1.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn}); roles of true starts ${roleOk}/${roleN}\n  ${lines.join('\n  ')}`);
    expect(f1).toBeGreaterThanOrEqual(0.9);
  });
});
