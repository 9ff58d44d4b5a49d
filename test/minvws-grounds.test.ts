/**
 * Per-document ground sets on the VWS Woo releases (ZyLAB exports: page images with an
 * OCR layer, grey boxes with the ground printed in them) against the inventory's
 * "03 Beoordelingsgrond" column (../shared/corpus/minvws-inventory.csv). The issue's
 * floor: precision ≥ 0.90 and recall ≥ 0.90. Runs the full pipeline with OCR of the
 * box labels, as `lakmoes extract` does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeDocument } from '@lakmoes/core';
import { fromVwsKey } from '@lakmoes/detect';
import { createOcrEngine } from '@lakmoes/ocr';
import { parseCsv } from './helpers/csv.js';
import { fmt, score } from './helpers/scoring.js';
import { hasShared, sharedPath } from './helpers/shared.js';


const csv = sharedPath('corpus', 'minvws-inventory.csv');
describe.skipIf(!hasShared || !existsSync(csv))('VWS releases: grounds per document against the inventory', () => {
  let engine: Awaited<ReturnType<typeof createOcrEngine>>;
  beforeAll(async () => {
    engine = await createOcrEngine();
  });
  afterAll(async () => {
    await engine?.terminate();
  });

  it('reaches precision ≥ 0.90 and recall ≥ 0.90', async () => {
    const [header, ...rows] = parseCsv(readFileSync(csv, 'utf8'));
    const col = (name: string): number => header!.indexOf(name);
    const docs = rows
      .map((r) => ({ id: r[col('ID')]!, grounds: r[col('03 Beoordelingsgrond')] ?? '', pdf: r[col('pdf_in_corpus')] ?? '' }))
      .filter((d) => d.pdf);
    expect(docs.length).toBeGreaterThanOrEqual(15);
    const pairs: { expected: string[]; predicted: string[] }[] = [];
    const lines: string[] = [];
    for (const d of docs) {
      const expected = d.grounds.split(';').map((k) => fromVwsKey(k.trim())?.code).filter((c): c is string => !!c && !c.startsWith('marker:'));
      const r = await analyzeDocument(sharedPath('corpus', d.pdf), { ocrEngine: engine });
      expect(r.status, `${d.pdf}: ${r.error?.message}`).toBe('ok');
      const predicted = [...new Set((r.grounds ?? []).filter((g) => g.specific && !g.lawQuote && (g.law === 'woo' || g.law === 'wob')).map((g) => g.code))];
      pairs.push({ expected, predicted });
      lines.push(`${d.id}: expected ${expected.join(' ') || '-'} | found ${predicted.join(' ') || '-'}`);
    }
    const s = score(pairs);
    console.log(`VWS per-document grounds (${docs.length} documents): ${fmt(s)}\n${lines.join('\n')}`);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  }, 300_000);
});
