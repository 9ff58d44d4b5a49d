/**
 * The VWS inventory spreadsheets (../shared/corpus/minvws-woo-web/testdossiers/*\/inventory.xlsx)
 * read into rows whose grounds equal the sheet's `03 Beoordelingsgrond` cells and the
 * corpus' minvws-inventory.csv (made from the same export).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../../test/helpers/csv.js';
import { describe, expect, it } from 'vitest';
import { utils, write } from '@e965/xlsx';
import { compareInventory, toVwsKey } from '@lakmoes/detect';
import { inventoryHeaderField, inventoryRowsFromTable, readInventoryXlsx, vwsGrounds } from './inventory-xlsx.js';

const CORPUS = process.env.LAKMOES_CORPUS ?? fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const DOSSIERS = `${CORPUS}/minvws-woo-web/testdossiers`;

describe('inventoryHeaderField', () => {
  it('matches headers as the VWS importer does (leading digits stripped, aliases)', () => {
    expect(inventoryHeaderField('02 Beoordeling')).toBe('assessment');
    expect(inventoryHeaderField('03 Beoordelingsgrond')).toBe('groundsText');
    expect(inventoryHeaderField('06 Datum')).toBe('date');
    expect(inventoryHeaderField('01 Document')).toBe('description');
    expect(inventoryHeaderField('Publieke link')).toBe('link');
    expect(inventoryHeaderField('Tag015')).toBeNull();
  });
});

describe('vwsGrounds', () => {
  it('splits on ";" and maps the VWS vocabulary, markers apart', () => {
    expect(vwsGrounds('5.1.2e; 5.1.2i;')).toEqual({ grounds: ['woo:5.1.2.e', 'woo:5.1.2.i'], markers: [] });
    expect(vwsGrounds('5.1.1c; 5.1.2e; dubbel')).toEqual({ grounds: ['woo:5.1.1.c', 'woo:5.1.2.e'], markers: ['marker:dubbel'] });
    expect(vwsGrounds('10.2g')).toEqual({ grounds: ['wob:10.2.g'], markers: [] });
    // woo3/inventory.xlsx, document 173757: "5.1.2e;Buiten verzoek"
    expect(vwsGrounds('5.1.2e;Buiten verzoek')).toEqual({ grounds: ['woo:5.1.2.e'], markers: ['marker:buiten-reikwijdte'] });
  });
});

describe('readInventoryXlsx', () => {
  it('reads a sheet written in memory (header row found below a title row)', () => {
    const ws = utils.aoa_to_sheet([
      ['Inventaris besluit'],
      ['ID', 'Matter', '01 Document', '06 Datum', '02 Beoordeling', '03 Beoordelingsgrond', 'Publieke link'],
      ['1001', '55', 'Mail over testen', '11/2/2020 9:23 AM UTC', 'Deels Openbaar', '5.1.2e; 5.1.2i', ''],
      ['1002', '55', 'Nota', '2020-09-21', 'Reeds openbaar', '', 'https://example.org/a | https://example.org/b'],
    ]);
    const wb = utils.book_new();
    utils.book_append_sheet(wb, ws, 'Sheet1');
    const bytes = new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const rows = readInventoryXlsx(bytes);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ number: '1001', description: 'Mail over testen', date: '2020-11-02', assessment: 'deels-openbaar', grounds: ['woo:5.1.2.e', 'woo:5.1.2.i'] });
    expect(rows[1]).toMatchObject({ number: '1002', date: '2020-09-21', assessment: 'reeds-openbaar', grounds: [], link: 'https://example.org/a' });
  });

  it('returns no rows for a sheet without an inventory header', () => {
    expect(inventoryRowsFromTable([['a', 'b'], ['1', '2']])).toEqual([]);
  });
});


describe.skipIf(!existsSync(DOSSIERS))('VWS inventory.xlsx files of the corpus', () => {
  const files = existsSync(DOSSIERS)
    ? readdirSync(DOSSIERS).filter((d) => existsSync(`${DOSSIERS}/${d}/inventory.xlsx`)).map((d) => ({ dossier: d, path: `${DOSSIERS}/${d}/inventory.xlsx` }))
    : [];

  it('reads every row with grounds equal to the sheet cell and to minvws-inventory.csv', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    const [header, ...csvRows] = parseCsv(readFileSync(`${CORPUS}/minvws-inventory.csv`, 'utf8'));
    const col = (n: string): number => header!.indexOf(n);
    const csvById = new Map(csvRows.map((r) => [r[col('ID')]!, r]));
    let rows = 0;
    let equal = 0;
    let csvChecked = 0;
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(f.path));
      const parsed = readInventoryXlsx(bytes);
      expect(parsed.length).toBeGreaterThan(0);
      for (const r of parsed) {
        rows++;
        // the sheet's keys, as VWS compares them (case-insensitive, spaces removed), against our codes' VWS keys
        const expected = (r.groundsText ?? '').split(';').map((k) => k.toLowerCase().replace(/\s+/g, '')).filter(Boolean);
        const got = [...r.grounds, ...r.markers].map((c) => toVwsKey(c) ?? (c === 'marker:buiten-reikwijdte' ? 'buitenverzoek' : c));
        if (JSON.stringify(got) === JSON.stringify(expected)) equal++;
        else console.log(`${f.dossier}/${r.number}: sheet ${expected.join(';')} read ${got.join(';')}`);
        const c = csvById.get(r.number ?? '');
        if (c) {
          csvChecked++;
          const csvCodes = (c[col('03 Beoordelingsgrond')] ?? '').split(';').map((k) => k.trim()).filter(Boolean);
          expect(vwsGrounds(csvCodes.join(';')).grounds, `${f.dossier}/${r.number}`).toEqual(r.grounds);
          expect(r.assessment, `${f.dossier}/${r.number}`).toBe((c[col('02 Beoordeling')] ?? '').toLowerCase().includes('deels') ? 'deels-openbaar' : r.assessment);
        }
      }
    }
    console.log(`VWS inventory.xlsx: ${files.length} files, ${rows} rows, grounds equal to the sheet in ${equal}/${rows}, checked against minvws-inventory.csv: ${csvChecked}`);
    expect(equal).toBe(rows);
    expect(csvChecked).toBeGreaterThanOrEqual(20);
  });

  it('compares a dossier against its inventory (labels found vs grounds claimed, missing documents)', () => {
    const woo1 = files.find((f) => f.dossier === 'woo1');
    if (!woo1) return;
    const rows = readInventoryXlsx(new Uint8Array(readFileSync(woo1.path)));
    const first = rows[0]!;
    const report = compareInventory(rows, [
      { id: first.number!, grounds: [...first.grounds, 'woo:5.1.2.i'] },
      { id: 'not-in-inventory', grounds: [] },
    ]);
    expect(report.documents[0]).toMatchObject({ id: first.number, missing: [], extra: ['woo:5.1.2.i'], consistent: false });
    expect(report.missingFromInventory).toEqual(['not-in-inventory']);
    expect(report.missingFromDossier).toEqual(rows.slice(1).map((r) => r.number));
  });
});
