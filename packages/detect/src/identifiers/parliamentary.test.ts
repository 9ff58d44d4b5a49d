import { describe, it, expect } from 'vitest';
import {
  findGazettes,
  findKamerstukken,
  findOfficialPublicationIds,
  findParliamentary,
  isOfficialPublicationId,
  normalizeParliamentaryYear,
} from './parliamentary.js';

describe('findKamerstukken', () => {
  it('normalises the reference.md example to the officielebekendmakingen id (grounds.md "Identifiers")', () => {
    const text = 'Kamerstukken II 2020/21, 35112, nr. 5';
    expect(findKamerstukken(text)).toEqual([
      {
        type: 'kamerstuk',
        text,
        normalized: 'kst-35112-5',
        span: { start: 0, end: text.length },
        parts: { chamber: 'II', year: '2020-2021', dossier: '35112', number: '5' },
      },
    ]);
  });

  // [text, normalized id, parts] — sources in the comment after each row.
  const cases: Array<[string, string, Record<string, string>]> = [
    // pgwoo commentary (PGWOO-8.2)
    ['Kamerstukken II 2013/14, 33 328, nr. 8, p. 14', 'kst-33328-8', { chamber: 'II', year: '2013-2014', dossier: '33328', number: '8', page: '14' }],
    // real letter (WooIR kinderopvangtoeslag)
    ['Kamerstuk 35 510, nr. 2', 'kst-35510-2', { dossier: '35510', number: '2' }],
    // nllegalcit/LX test; reference.md §8.2 negative 32
    ['Kamerstukken II 2008-2009, 31 700-VIII, nr. 32, blz. 3', 'kst-31700-VIII-32', { chamber: 'II', year: '2008-2009', dossier: '31700-VIII', number: '32', page: '3' }],
    // LX-accepted variants (nllegalcit test_oebp11.py)
    ['Kamerstukken I 2014/15, 33802, C, p. 3', 'kst-33802-C', { chamber: 'I', year: '2014-2015', dossier: '33802', number: 'C', page: '3' }],
    ['Kamerstukken II, 2008/09, 31700.VIII, 32', 'kst-31700-VIII-32', { chamber: 'II', year: '2008-2009', dossier: '31700-VIII', number: '32' }],
    ['Kamerstuk TK 31.700XII, 6', 'kst-31700-XII-6', { chamber: 'II', dossier: '31700-XII', number: '6' }],
    ['TK 2008-2009, 31473, nummer 25', 'kst-31473-25', { chamber: 'II', year: '2008-2009', dossier: '31473', number: '25' }],
    // NKOO 5.3 page; reference.md §8.2b negative 59 (`33328, 9` is a kamerstuk, not ground 3.3/9)
    ['Kamerstukken II 2013/14, 33328, 9, p. 81', 'kst-33328-9', { chamber: 'II', year: '2013-2014', dossier: '33328', number: '9', page: '81' }],
  ];
  for (const [text, normalized, parts] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => {
      const found = findKamerstukken(`(${text})`);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ text, normalized, parts, span: { start: 1, end: 1 + text.length } });
    });
  }

  it('reads citations wrapped over lines in real letters (WooIR kinderopvangtoeslag, WooIR Aanbestedingswet)', () => {
    const text =
      "rapport 'Ongekend Onrecht' (Kamerstuk 35\n510, nr. 2). vastgesteld op 22 januari 2021 (Kamerstuk TK 35 510,\nnr. 46). bepalingen van de Wob buiten toepassing blijven (Kamerstukken II,\n2009/10, 32440 nr. 3).";
    expect(findKamerstukken(text).map((k) => [k.text, k.normalized])).toEqual([
      ['Kamerstuk 35\n510, nr. 2', 'kst-35510-2'],
      ['Kamerstuk TK 35 510,\nnr. 46', 'kst-35510-46'],
      ['Kamerstukken II,\n2009/10, 32440 nr. 3', 'kst-32440-3'],
    ]);
  });

  it('reads the short TK form inside a sentence (WooIR subsidieverlening VWS)', () => {
    const text =
      '(zoals vermeld in de Kamerbrief van 21 december\n2018; TK II, 2018-2019, 29 214, nr. 80), ook\nrond zwangerschap en geboorte (TK II, 2017-2018, 32 279, nr. 123), en het';
    expect(findKamerstukken(text).map((k) => [k.text, k.normalized])).toEqual([
      ['TK II, 2018-2019, 29 214, nr. 80', 'kst-29214-80'],
      ['TK II, 2017-2018, 32 279, nr. 123', 'kst-32279-123'],
    ]);
  });

  it('does not read a year as a dossier', () => {
    expect(findKamerstukken('de Kamerstukken 2018; zie verder')).toEqual([]);
  });

  it('keeps a dossier-only reference at dossier level (WooIR vermogensmix: "Kamerstuk 34302 (Belastingplan 2016)")', () => {
    const [found] = findKamerstukken('verwijst u naar Kamerstuk 34302 (Belastingplan 2016)');
    expect(found).toMatchObject({ text: 'Kamerstuk 34302', normalized: 'kst-34302', parts: { dossier: '34302' } });
  });

  it('does not read "Kamerstukken" without numbers, or TK without year and number', () => {
    expect(findKamerstukken('de Kamerstukken van vorig jaar')).toEqual([]);
    expect(findKamerstukken('TK 31473')).toEqual([]);
    expect(findKamerstukken('WTK 2008-2009, 31473, nr. 25')).toEqual([]);
    expect(findKamerstukken('Kamerstuk 35 510, EU-richtlijn').map((k) => k.normalized)).toEqual(['kst-35510']);
  });
});

describe('findGazettes', () => {
  it('reads Staatscourant and Staatsblad citations (reference.md §5.2, §8.2b negative 62)', () => {
    const text = 'Regeling (Stcrt. 2024, 30890) en besluit (Stb. 2021, 499).';
    expect(findGazettes(text)).toEqual([
      { type: 'staatscourant', text: 'Stcrt. 2024, 30890', normalized: 'stcrt-2024-30890', span: { start: 10, end: 28 }, parts: { year: '2024', number: '30890' } },
      { type: 'staatsblad', text: 'Stb. 2021, 499', normalized: 'stb-2021-499', span: { start: 42, end: 56 }, parts: { year: '2021', number: '499' } },
    ]);
  });

  it('reads the written-out names and "nr."', () => {
    expect(findGazettes('Staatscourant 2020, nr. 5938 en Staatsblad 2018 nr. 401').map((g) => g.normalized)).toEqual([
      'stcrt-2020-5938',
      'stb-2018-401',
    ]);
  });

  it('needs a comma or nr. before the number', () => {
    expect(findGazettes('de Staatscourant 2024 12 maart')).toEqual([]);
    expect(findGazettes('Stbx 2021, 499')).toEqual([]);
  });
});

describe('findOfficialPublicationIds', () => {
  it('finds ids in URLs and text (corpus: Amsterdam kruimelgevallen letter, WooIR brandweer)', () => {
    const text =
      'https://zoek.officielebekendmakingen.nl/stcrt-2020-5938.html\n- kst-29517-136, d.d. 11 december 2017, Veiligheidsregio’s';
    expect(findOfficialPublicationIds(text)).toEqual([
      { type: 'officiele-bekendmaking', text: 'stcrt-2020-5938', normalized: 'stcrt-2020-5938', span: { start: 40, end: 55 }, parts: { collection: 'stcrt' } },
      { type: 'officiele-bekendmaking', text: 'kst-29517-136', normalized: 'kst-29517-136', span: { start: 63, end: 76 }, parts: { collection: 'kst' } },
    ]);
  });

  it('knows the id shapes of reference.md §5.2', () => {
    const ids = ['kst-35112-3', 'kst-33328-N', 'stcrt-2024-30890', 'stb-2018-401', 'wsb-2025-17924', 'h-tk-20082009-7140-7144', 'kst-26643-144-h1'];
    expect(findOfficialPublicationIds(ids.join(' ')).map((f) => f.normalized)).toEqual(ids);
  });

  it('skips OCR-broken ids (WooIR brandweer: "kst-295 17-136. html", "blg-9 16599")', () => {
    expect(findOfficialPublicationIds('nh/kst-295 17-136. html https: //x. nl/blg-9 16599')).toEqual([]);
    expect(isOfficialPublicationId('kst-295')).toBe(false);
  });

  it('does not take ids glued to other tokens', () => {
    expect(findOfficialPublicationIds('xkst-35112-3 a-kst-35112-3 kst-35112-3x')).toEqual([]);
  });
});

describe('findParliamentary', () => {
  it('merges all three in text order', () => {
    const text = 'stb-2018-401; Kamerstuk 35 510, nr. 2; Stcrt. 2024, 30890';
    expect(findParliamentary(text).map((f) => f.type)).toEqual(['officiele-bekendmaking', 'kamerstuk', 'staatscourant']);
  });
});

describe('normalizeParliamentaryYear', () => {
  it('writes both years in full', () => {
    expect(normalizeParliamentaryYear('2020', '21')).toBe('2020-2021');
    expect(normalizeParliamentaryYear('1999', '00')).toBe('1999-2000');
    expect(normalizeParliamentaryYear('2008', '2009')).toBe('2008-2009');
    expect(normalizeParliamentaryYear('2013')).toBe('2013');
  });
});
