import { describe, expect, it } from 'vitest';
import { compareInventory, documentKey } from './compare.js';
import { headerColumns, normalizeAssessment, parseInventoryRows } from './rows.js';

describe('normalizeAssessment', () => {
  it('reads the assessments inventories print (reference.md §4.2)', () => {
    expect(normalizeAssessment('Deels Openbaar')).toBe('deels-openbaar');
    expect(normalizeAssessment('Gedeeltelijk openbaar')).toBe('deels-openbaar');
    expect(normalizeAssessment('Niet-openbaar')).toBe('niet-openbaar');
    expect(normalizeAssessment('Reeds openbaar')).toBe('reeds-openbaar');
    expect(normalizeAssessment('Volledig openbaar')).toBe('openbaar');
    expect(normalizeAssessment('Buiten reikwijdte')).toBe('buiten-reikwijdte');
    expect(normalizeAssessment('Geen bedenkingen')).toBeNull();
  });
});

describe('parseInventoryRows', () => {
  it('reads pdftotext -layout columns split on two or more spaces', () => {
    const text = [
      'Nr.   Document                        Datum        Beoordeling       Weigeringsgronden',
      '1     Mail over testkosten            12-03-2020   Deels openbaar    5.1.2e; 5.1.2i',
      '2     Nota aan de minister            13-03-2020   Openbaar',
      '      (vervolg van de titel)',
      '3     Verslag                         14-03-2020   Niet openbaar     5.2',
    ].join('\n');
    const rows = parseInventoryRows(text, { law: 'woo' });
    expect(rows.map((r) => [r.number, r.date, r.assessment, r.grounds])).toEqual([
      ['1', '2020-03-12', 'deels-openbaar', ['woo:5.1.2.e', 'woo:5.1.2.i']],
      ['2', '2020-03-13', 'openbaar', []],
      ['3', '2020-03-14', 'niet-openbaar', ['woo:5.2']],
    ]);
    expect(rows[1]!.description).toBe('Nota aan de minister (vervolg van de titel)');
  });

  it('uses cell x positions from the PDF layer; header and row split in lines of the same y (corpus: Bes-besluit-2021-222 p. 7)', () => {
    const rows = parseInventoryRows([
      { text: 'Nr. Document', cells: [{ text: 'Nr.', x: 84 }, { text: 'Document', x: 113 }], y: 303 },
      { text: 'Beoordeling Wob', cells: [{ text: 'Beoordeling', x: 345 }, { text: 'Wob', x: 431 }], y: 303 },
      { text: '1. Aan- afvoer mest APK24 1-5-19 t/m 25-8-211 Reeds openbaar N.v.t.', cells: [{ text: '1.', x: 84 }, { text: 'Aan- afvoer mest APK24', x: 113 }, { text: '1-5-19 t/m 25-8-21', x: 230 }, { text: '1', x: 321 }, { text: 'Reeds openbaar', x: 345 }, { text: 'N.v.t.', x: 431 }], y: 316 },
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ number: '1', assessment: 'reeds-openbaar', grounds: [] });
  });

  it('reads lines without columns, assessments wrapped over two lines (corpus: Amsterdam 17_getekend p. 9)', () => {
    const rows = parseInventoryRows(['01. Fwd_ wet openbaarheid bestuur', 'Gedeeltelijk Art. 10.2.e.', 'openbaar', '07.a. foto 28-30a', 'Openbaar'], { law: 'wob' });
    expect(rows.map((r) => [r.number, r.assessment, r.grounds])).toEqual([
      ['01', 'deels-openbaar', ['wob:10.2.e']],
      ['07.a', 'openbaar', []],
    ]);
  });

  it('detects header rows and not prose', () => {
    expect(headerColumns('Nr.  Document  Beoordeling  Wob-grond')?.map((c) => c.kind)).toEqual(['number', 'description', 'assessment', 'grounds']);
    expect(headerColumns('De beoordeling van het document volgt hieronder.')).toBeNull();
  });
});

describe('compareInventory', () => {
  it('reports missing and extra grounds per document, and documents missing on either side', () => {
    const rows = parseInventoryRows(
      ['Nr.  Document  Beoordeling     Weigeringsgronden', '1    Mail      Deels openbaar  5.1.2e; 5.1.2i', '2    Nota      Openbaar', '3    Verslag   Niet openbaar   5.2'].join('\n'),
      { law: 'woo' },
    );
    const report = compareInventory(rows, [
      { id: '01', grounds: ['woo:5.1.2.e'] },
      { id: '2', grounds: ['woo:5.1.2.e'] },
      { id: '4', grounds: [] },
    ]);
    expect(report.documents).toEqual([
      { id: '01', claimed: ['woo:5.1.2.e', 'woo:5.1.2.i'], found: ['woo:5.1.2.e'], missing: ['woo:5.1.2.i'], extra: [], consistent: false, assessmentMismatch: false },
      { id: '2', claimed: [], found: ['woo:5.1.2.e'], missing: [], extra: ['woo:5.1.2.e'], consistent: false, assessmentMismatch: true },
    ]);
    expect(report.missingFromDossier).toEqual(['3']);
    expect(report.missingFromInventory).toEqual(['4']);
    // a Wob label matches the Woo ground its row claims
    expect(compareInventory(rows.slice(0, 1), [{ id: '1', grounds: ['wob:10.2.e', 'woo:5.1.2.i'] }]).documents[0]!.consistent).toBe(true);
    expect(documentKey('01.a.')).toBe('1.a');
  });
});
