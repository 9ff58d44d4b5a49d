import { describe, it, expect } from 'vitest';
import { findKenmerken, isKenmerkValue, kindOfLabel, normalizeKenmerk } from './kenmerk.js';

/** [label as printed, value as printed, normalized] of every finding. */
function triples(text: string): Array<[string | undefined, string, string]> {
  return findKenmerken(text).map((k) => [k.label, k.text, k.normalized]);
}

describe('findKenmerken', () => {
  it('reads a letter-head value on the line after its label, with exact span (WooIR 2021-222)', () => {
    const text = 'Onze referentie\nWOB/2021/222\nGeachte heer,';
    expect(findKenmerken(text)).toEqual([
      { type: 'kenmerk', text: 'WOB/2021/222', normalized: 'WOB/2021/222', span: { start: 16, end: 28 }, label: 'Onze referentie' },
    ]);
  });

  it('reads values on the label line (Amsterdam letters)', () => {
    const text = 'Datum 22 januari 2021\nOns kenmerk Z/20/43456\nBehandeld door\n…\nKenmerk CE20-07599\nPagina 2 van 10';
    expect(triples(text)).toEqual([
      ['Ons kenmerk', 'Z/20/43456', 'Z/20/43456'],
      ['Kenmerk', 'CE20-07599', 'CE20-07599'],
    ]);
  });

  // [text, label, value, normalized] from the corpus and reference.md §3.4 item 6 / §5.2.
  const cases: Array<[string, string, string, string]> = [
    ['Onze referentie\nWob/2021/039', 'Onze referentie', 'Wob/2021/039', 'Wob/2021/039'], // WooIR
    ['Kenmerk 2020-13953', 'Kenmerk', '2020-13953', '2020-13953'], // Amsterdam
    ['Kenmerk 1D18-6272/1118088', 'Kenmerk', '1D18-6272/1118088', '1D18-6272/1118088'], // Amsterdam (OCR)
    ['Kenmerk DGA-DAD / 20276159', 'Kenmerk', 'DGA-DAD / 20276159', 'DGA-DAD/20276159'], // WooIR nertsensector; §8.2 negative 27
    ['Ons kenmerk\nBBR / 21206193', 'Ons kenmerk', 'BBR / 21206193', 'BBR/21206193'], // WooIR
    ['kenmerk Min-BuZa.2020.5242-15', 'kenmerk', 'Min-BuZa.2020.5242-15', 'Min-BuZa.2020.5242-15'], // WooIR BZ
    ['bij het WOB verzoek met kenmerk 2019- 0000054227 d.d. 20 juli 2019', 'kenmerk', '2019- 0000054227', '2019-0000054227'], // WooIR_clean ABN Amro (GT request text)
    ['Ons kenmerk\n2023-0000539440', 'Ons kenmerk', '2023-0000539440', '2023-0000539440'], // grounds.md "Identifiers"
    ['Zaaknummer: Z2024-00004512', 'Zaaknummer', 'Z2024-00004512', 'Z2024-00004512'], // grounds.md "Identifiers"
    ['zaaknummer 2022-015529', 'zaaknummer', '2022-015529', '2022-015529'], // Overijssel, reference.md §5.2
    ['uw handhavingsverzoek d.d. 3 juli 2018 (uw kenmerk JZ 18-731), waarop', 'uw kenmerk', 'JZ 18-731', 'JZ 18-731'], // Amsterdam
    ['2020, kenmerk Wob 2020-171. In deze brief', 'kenmerk', 'Wob 2020-171', 'Wob 2020-171'], // WooIR percelen
    ['referentienummer WOB/2021/222. Gebruikt u dit nummer', 'referentienummer', 'WOB/2021/222', 'WOB/2021/222'], // WooIR 2021-222
    ['Zaak: UTR 21 / 1394', 'Zaak', 'UTR 21 / 1394', 'UTR 21/1394'], // reference.md §3.4 item 6
    ['Zaaknummer AWB - 23 _ 5139', 'Zaaknummer', 'AWB - 23 _ 5139', 'AWB-23_5139'], // reference.md §3.4 item 6
    ['Ons kenmerk WOB-Genhoes 19\nAdres Genhoes 19', 'Ons kenmerk', 'WOB-Genhoes 19', 'WOB-Genhoes 19'], // Amsterdam Genhoes letter
    ['Ons kenmerk\n2019,009\n1530350-190602-WJZ', 'Ons kenmerk', '2019,009', '2019,009'], // WooIR VWS, OCR of 2019.009
    ['ONS KENMERK: 2020-0000259648', 'ONS KENMERK', '2020-0000259648', '2020-0000259648'], // upper-case letter head
  ];
  for (const [text, label, value, normalized] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => {
      const found = findKenmerken(text);
      expect(found).toHaveLength(1);
      const start = text.indexOf(value);
      expect(found[0]).toMatchObject({ label, text: value, normalized, span: { start, end: start + value.length } });
    });
  }

  it('reads a label ending a line of prose with its value on the next line (WooIR RVO letter)', () => {
    const text = 'Uw verzoek van 12 februari 2021 is geregistreerd onder referentie\nWob/2021/039.\nWettelijk kader';
    expect(triples(text)).toEqual([['referentie', 'Wob/2021/039', 'Wob/2021/039']]);
  });

  describe('layout text (pdftotext -layout): label and value in a right-hand margin column', () => {
    it('takes the value below the label, past the body text (WooIR Wob/2020/101 letter)', () => {
      const text =
        'Zienswijzen                                                                           Onze referentie\n' +
        'Per brief van 25 augustus 2020 is een derde belanghebbende bij de                     Wob/2020/101\n' +
        'openbaarmaking van de documenten met nummers 1 tot en met 7 in de';
      const found = findKenmerken(text);
      expect(found).toHaveLength(1);
      const start = text.indexOf('Wob/2020/101');
      expect(found[0]).toMatchObject({ label: 'Onze referentie', text: 'Wob/2020/101', span: { start, end: start + 12 } });
    });

    it('skips a body line that does not reach the column (WooIR VWS 2019.009 letter)', () => {
      const text =
        '                                                                                      Ons kenmerk\n' +
        'onderling en met bewindspersonen kunnen communiceren. Staatsrechtelijk zijn\n' +
        '                                                                                      2019.009\n';
      expect(triples(text)).toEqual([['Ons kenmerk', '2019.009', '2019.009']]);
    });

    it('takes a value starting a little left of the label (WooIR IenW letter)', () => {
      const text =
        ' Datum          29 juli 2021                                                       Ons kenmerk\n' +
        ' Betreft        Besluit op uw Wob-verzoek d.d. 13 mei 2021 inzake                  IenW/BSK-2021/207134\n';
      expect(triples(text)).toEqual([['Ons kenmerk', 'IenW/BSK-2021/207134', 'IenW/BSK-2021/207134']]);
    });

    it('never takes body text under an empty margin cell', () => {
      const text =
        '                                                                                     Onze referentie\n' +
        'Artikel 10 van de Wob luidt, voor zover relevant, als volgt: 2020 en 2021 zijn jaren waarin veel gebeurde\n' +
        '1. Het verstrekken van informatie ingevolge deze wet blijft achterwege voor zover dit\n';
      expect(findKenmerken(text)).toEqual([]);
    });
  });

  it('types zaak labels as zaaknummer: a RvS zaaknummer after its label (reference.md §5.2)', () => {
    expect(findKenmerken('in de zaak met zaaknummer 201709469/1/A3 oordeelde')).toMatchObject([
      { type: 'zaaknummer', text: '201709469/1/A3', label: 'zaaknummer' },
    ]);
  });

  it('reads a list of two values (Amsterdam: "Ons kenmerk CE20-07584 en CE20-07583")', () => {
    expect(triples('Ons kenmerk CE20-07584 en CE20-07583\nBehandeld door')).toEqual([
      ['Ons kenmerk', 'CE20-07584', 'CE20-07584'],
      ['Ons kenmerk', 'CE20-07583', 'CE20-07583'],
    ]);
  });

  it('takes nothing without a label (reference.md §8.2 negative 36, §8.2b negative 44)', () => {
    expect(findKenmerken('Uitspraak 201709469/1/A3')).toEqual([]);
    expect(findKenmerken('DGA-DAD 1 22423 a7o')).toEqual([]);
    expect(findKenmerken('WOB/2021/222')).toEqual([]);
  });

  it('takes no plain words, empty labels or labels in prose (corpus)', () => {
    expect(findKenmerken('Onze referentie: Woo')).toEqual([]); // reference.md §5.2 oddity
    expect(findKenmerken('Uw kenmerk\nBehandeld door 10.2.e')).toEqual([]); // Amsterdam, redacted value
    expect(findKenmerken('Ons kenmerk\nBehandeld door\nBijlage(n)')).toEqual([]);
    expect(findKenmerken('• het kenmerk van deze brief (dit vindt u in de rechterkantlijn)')).toEqual([]);
    expect(findKenmerken('Uw brief (kenmerk)\n8 december 2020')).toEqual([]); // WooIR: a date in the kenmerk cell
    expect(findKenmerken('In de brief van 3 juni 2021, kenmerk is aan u medegedeeld')).toEqual([]);
    expect(findKenmerken('Onze referentie\n5.1 eerbiediging van de persoonlijke levenssfeer')).toEqual([]); // too short
    expect(findKenmerken('Onze referentie\nConclusie 4187132')).toEqual([]); // body heading between label and value
  });

  it('does not read labels inside words ("noodzaak", "kenmerken")', () => {
    expect(findKenmerken('de noodzaak 2020-1234 is groot')).toEqual([]);
    expect(findKenmerken('kenmerken 2020-1234')).toEqual([]);
  });

  it('reads an OCR-broken reference only as far as it is sure (reference.md §8.2b negative 43)', () => {
    expect(findKenmerken('Onze referentie 342 17004 ( 20 22 ·080)')).toEqual([]);
  });
});

describe('helpers', () => {
  it('normalizeKenmerk removes spaces around separators', () => {
    expect(normalizeKenmerk('DGA-DAD / 20276159')).toBe('DGA-DAD/20276159');
    expect(normalizeKenmerk('2019- 0000054227')).toBe('2019-0000054227');
    expect(normalizeKenmerk('JZ  18-731')).toBe('JZ 18-731');
  });

  it('isKenmerkValue needs a digit and four characters', () => {
    expect(isKenmerkValue('Woo')).toBe(false);
    expect(isKenmerkValue('5.1')).toBe(false);
    expect(isKenmerkValue('Z/20')).toBe(true);
  });

  it('kindOfLabel', () => {
    expect(kindOfLabel('Zaaknummer')).toBe('zaaknummer');
    expect(kindOfLabel('ons   zaaknummer')).toBe('zaaknummer');
    expect(kindOfLabel('Onze referentie')).toBe('kenmerk');
  });
});
