/** The decision layer on the example decision (synthetic, examples/make-example.ts). */
import { describe, expect, it } from 'vitest';
import { readPdf } from '@lakmoes/pdf';
import { Decision, InventoryRow } from '@lakmoes/schema';
import { makeExamplePdf } from '../../../examples/make-example.js';
import { readDecisionLayer } from './decision.js';

describe('readDecisionLayer', () => {
  it('reads the decision and the inventory row of the example letter', async () => {
    const doc = await readPdf(await makeExamplePdf());
    const pages = doc.pages.map((p) => ({
      text: p.text,
      lines: p.lines.map((l) => ({ text: l.text, y: l.box.y, cells: l.items.map((i) => ({ text: p.items[i]!.text, x: p.items[i]!.box.x })) })),
    }));
    const layer = readDecisionLayer(pages);
    const d = Decision.parse(layer.decision);
    expect(d).toMatchObject({
      role: 'decision',
      law: 'woo',
      kenmerk: '2024-0000123456',
      decisionDate: '2024-03-12',
      requestDate: '2024-02-01',
      outcome: 'deels-openbaar',
      daysTaken: 40,
      legalTermDays: 28,
      late: true,
    });
    expect(d.grounds.map((g) => g.code)).toEqual(expect.arrayContaining(['woo:5.1.2.e', 'woo:5.2']));
    expect(d.grounds.find((g) => g.code === 'woo:5.1.2.e')!.passages[0]!.text).toMatch(/artikel 5\.1, tweede lid/);
    expect(d.body).toMatchObject({ name: 'ministerie van Voorbeeldzaken', kind: 'ministerie' });
    expect(d.adi).toMatchObject({ id: 'ADI:NL:ministerie-van-voorbeeldzaken:2024:2024.0000123456', minted: true, year: 2024 });
    const rows = (layer.inventory ?? []).map((r) => InventoryRow.parse(r));
    expect(rows.map((r) => [r.number, r.date, r.assessment, r.grounds])).toEqual([['1', '2024-01-10', 'deels-openbaar', ['woo:5.1.2.e', 'woo:5.2']]]);
  });
});
