/**
 * Unit tests for the ground detector: every citation form and negative named in the
 * issue, with real strings from ../shared/domain/reference.md (§3, §7c.4, §8: R = real)
 * and the corpus. Each case: text, options, expected codes (sorted, specific and applied).
 */
import { describe, expect, it } from 'vitest';
import { detectGrounds, detectGroundsByLaw, type DetectOptions } from './index.js';

function codes(text: string, options: DetectOptions = {}): string[] {
  return [...new Set(detectGrounds(text, options).filter((c) => c.specific && !c.lawQuote).map((c) => c.code))].sort();
}

type Case = [text: string, expected: string[], options?: DetectOptions];

const prose: Case[] = [
  // full prose, Woo and Wob (reference §3.2, §8.1 nos. 47–76)
  ['artikel 5.1, tweede lid, aanhef en onder e, van de Woo', ['woo:5.1.2.e']],
  ['artikel 5.1, tweede lid, aanhef en onder i, van de Woo', ['woo:5.1.2.i']],
  ['artikel 5.1, eerste lid, aanhef en onder c, van de Woo', ['woo:5.1.1.c']],
  ['artikel 5.1, tweede lid, aanhef en onder e en i, van de Woo', ['woo:5.1.2.e', 'woo:5.1.2.i']],
  ['artikel 5.1, vijfde lid, van de Woo', ['woo:5.1.5']],
  ['artikel 5.1, vierde lid, Woo', ['woo:5.1.4']],
  ['artikel 5.1, zesde lid, van de Woo', ['woo:5.1.6']],
  ['artikel 5.2, eerste lid, van de Woo', ['woo:5.2.1']],
  ['artikel 5.4 van de Woo', ['woo:5.4']],
  ['artikel 5.4a, eerste lid, van de Wet open overheid (Woo)', ['woo:5.4a.1']],
  ['Art. 5.2 Woo (Persoonlijke beleidsopvattingen / intern beraad)', ['woo:5.2']],
  ['art. 5.1 lid 2 sub i Woo', ['woo:5.1.2.i']],
  ['artikel 5.1, lid 2, sub e', ['woo:5.1.2.e'], { law: 'woo' }],
  ['5.1, 2e lid, onderdeel e', ['woo:5.1.2.e'], { law: 'woo' }],
  ['de artikelen 5.1, eerste lid, onder c, en 5.1, tweede lid, onder f, van de Woo', ['woo:5.1.1.c', 'woo:5.1.2.f']],
  ['artikel 10, tweede lid, aanhef en onder e, van de Wob', ['wob:10.2.e']],
  ['artikel 10, tweede lid, aanhef en onder b, e en g, van de Wob', ['wob:10.2.b', 'wob:10.2.e', 'wob:10.2.g']],
  ['artikel 10, tweede lid, aanhef en onder b en g, van de Wob', ['wob:10.2.b', 'wob:10.2.g']],
  ['artikel 10,lid 1, sub c van de Wob', ['wob:10.1.c']],
  ['artikel 10.2 lid g , van de Wob', ['wob:10.2.g']],
  ['artikel 11.1 Wob~', ['wob:11.1']],
  ['artikel 10.2.g Wob~', ['wob:10.2.g']],
  ['artikel 11. eerste lid, van de Wob', ['wob:11.1']],
  ['artikelen 10 tweede lid, onder g, en 11 van de Wob', ['wob:10.2.g', 'wob:11']],
  ['artikel 10, tweede lid onder e)', ['wob:10.2.e'], { law: 'wob' }],
  ['artikel 10, tweede lid, onderdeel g, van de Wob', ['wob:10.2.g']],
  ['Artikel 10, eerste lid, aanhef en onder b, van de Wob', ['wob:10.1.b']],
  ['Artikel 10, tweede lid, aanhef en onder e van de. Wet openbaarheid van bestuur', ['wob:10.2.e']],
  ['Op grond van artikel 10 lid 2 sub g Wob heb ik de zogeheten offertescores', ['wob:10.2.g']],
  ['Economische en financiële belangen van de Staat (artikel 10.2.b Wob)', ['wob:10.2.b']],
  ['onderdeel op grond van artikel 11, eerste lid van de Wob geweigerd', ['wob:11.1']],
  // OCR noise inside citations (reference §7c.4)
  ['Op grond van artikel 5.2, eerste lid, van de Woo worden persoonlijke beleidsopvattingen', ['woo:5.2.1']],
  ['met toepassing van artikel 5.2, ·tweede lid, de persoonlijke · beleidsopvattingen', ['woo:5.2.2'], { law: 'woo' }],
  ['uit artikel 5.1, tweede lid, aanhef en onde r e, van de Woo is toegepast.', ['woo:5.1.2.e']],
  ['Op grond van artikel 5 .1, tweede lid, aanh ef en ond er e, van de Woo', ['woo:5.1.2.e']],
  ['Op grond van artlkel 10, tweede lid, aanhef en onder b, van de Wob blljft verstrekking', ['wob:10.2.b']],
  // declared notations
  ['aanhef en onder e, van de Wob Is toegepast (aangegeven als \'10.2.e\')', ['wob:10.2.e']],
  ['heb ik dat aangegeven met de code ’10.2.a’ als notatiewijze', ['wob:10.2.a']],
  ['informatie onleesbaar gemaakt onder vermelding van: 10.1.c.', ['wob:10.1.c']],
  ['onleesbaar gemaakt onder vermelding van: 11.1.', ['wob:11.1']],
  ['in de inventarisatielijst geduid zijn met de beoordelingscode 10.2.g', ['wob:10.2.g']],
  ['5.1.2e, 5.2', ['woo:5.1.2.e', 'woo:5.2']],
];

const labels: Case[] = [
  ['5.1.2e', ['woo:5.1.2.e'], { source: 'label' }],
  ['5.1.2.e', ['woo:5.1.2.e'], { source: 'label' }],
  ['5.1.2 e', ['woo:5.1.2.e'], { source: 'label' }],
  ['5.1.2,d', ['woo:5.1.2.d'], { source: 'label' }],
  ['5.1.1c', ['woo:5.1.1.c'], { source: 'label' }],
  ['5.1.5', ['woo:5.1.5'], { source: 'label' }],
  ['5.2', ['woo:5.2'], { source: 'label' }],
  ['5.2.2', ['woo:5.2.2'], { source: 'label' }],
  ['5.4', ['woo:5.4'], { source: 'label' }],
  ['5.1 lid 2 sub e', ['woo:5.1.2.e'], { source: 'label' }],
  ['10.2.e', ['wob:10.2.e'], { source: 'label' }],
  ['10.2e', ['wob:10.2.e'], { source: 'label' }],
  ['10.2g', ['wob:10.2.g'], { source: 'label' }],
  ['10.1d', ['wob:10.1.d'], { source: 'label' }],
  ['art. 10.2.e', ['wob:10.2.e'], { source: 'label' }],
  ['Art. 10.2.e.', ['wob:10.2.e'], { source: 'label' }],
  ['11.1', ['wob:11.1'], { source: 'label' }],
  ['5.1.2e @minvws.nl', ['woo:5.1.2.e'], { source: 'label' }],
  // OCR corruptions, only in labels and inventory cells (reference §3.2, §8.1 nos. 23–30, 42–43, 108)
  ['5.1.2¢', ['woo:5.1.2.e'], { source: 'label' }],
  ['5.1.2¢e', ['woo:5.1.2.e'], { source: 'label' }],
  ['5.1.1¢c', ['woo:5.1.1.c'], { source: 'label' }],
  ['51.2e', ['woo:5.1.2.e'], { source: 'label' }],
  ['512e', ['woo:5.1.2.e'], { source: 'label' }],
  ['5.12e', ['woo:5.1.2.e'], { source: 'label' }],
  ['51 2e', ['woo:5.1.2.e'], { source: 'label' }],
  ['5.1.26', ['woo:5.1.2.e'], { source: 'label' }],
  ['b.1.2e', ['woo:5.1.2.e'], { source: 'label' }],
  ['io.i.c', ['wob:10.1.c'], { source: 'inventory' }],
  ['ao.2.e', ['wob:10.2.e'], { source: 'inventory' }],
];

const inventory: Case[] = [
  ['5.1.2e; 5.1.5', ['woo:5.1.2.e', 'woo:5.1.5'], { source: 'inventory' }],
  ['5.1.2e; 5.1.2i', ['woo:5.1.2.e', 'woo:5.1.2.i'], { source: 'inventory' }],
  ['5.1.1c; 5.1.2e;', ['woo:5.1.1.c', 'woo:5.1.2.e'], { source: 'inventory' }],
  ['5.1.2e; buiten verzoek', ['woo:5.1.2.e'], { source: 'inventory' }],
  ['10.2.e; 11.1', ['wob:10.2.e', 'wob:11.1'], { source: 'inventory' }],
  ['10.2.a; 10.2.e; 11.1', ['wob:10.2.a', 'wob:10.2.e', 'wob:11.1'], { source: 'inventory' }],
  ['10.2.b, 10.2.e, 10.2.g', ['wob:10.2.b', 'wob:10.2.e', 'wob:10.2.g'], { source: 'inventory' }],
  ['10.2b 10.2g', ['wob:10.2.b', 'wob:10.2.g'], { source: 'inventory' }],
  ['Art. 11 lid 1 Wob', ['wob:11.1'], { source: 'inventory' }],
  ['10.1.c + 10.2.g + 11.1', ['wob:10.1.c', 'wob:10.2.g', 'wob:11.1'], { source: 'inventory' }],
  ['10.2.g, 11.2', ['wob:10.2.g', 'wob:11.2'], { source: 'inventory' }],
  ['10.2.e,10.2.f', ['wob:10.2.e', 'wob:10.2.f'], { source: 'inventory' }],
  ['12 | 12-03-2021 | E-mail over de planning | Deels openbaar | 5.1.2e, 5.1.2i', ['woo:5.1.2.e', 'woo:5.1.2.i'], { source: 'inventory' }],
];

const descriptions: Case[] = [
  ['Ik heb de namen ter bescherming van de persoonlijke levenssfeer niet openbaar gemaakt.', ['wob:10.2.e'], { law: 'wob' }],
  ['Deze passages zijn gelakt omdat het goed functioneren van de Staat zwaarder weegt.', ['woo:5.1.2.i'], { law: 'woo' }],
  ['Persoonlijke beleidsopvattingen in documenten voor intern beraad maak ik niet openbaar.', ['woo:5.2'], { law: 'woo' }],
  ['Persoonlijke beleidsopvattingen in documenten voor intern beraad maak ik niet openbaar.', ['wob:11'], { law: 'wob' }],
  ['Bescherming persoonlijke levenssfeer', ['wob:10.2.e'], { source: 'label', law: 'wob' }],
  ['Het voorkomen van onevenredige benadeling', ['woo:5.1.5'], { source: 'label', law: 'woo' }],
  ['Het voorkomen van onevenredige bevoordeling of benadeling', ['wob:10.2.g'], { source: 'label', law: 'wob' }],
  ['Nationale identificatienummers', ['woo:5.1.1.e'], { source: 'label' }],
  ['Informatie die berust bij de formateur', ['woo:5.4'], { source: 'label' }],
  ['De eerbiediging van de persoonlijke levenssfeer', ['woo:5.1.2.e'], { law: 'woo' }], // heading
];

const negatives: Case[] = [
  // reference §8.2 / §8.2b (R = real strings)
  ['5.1     Inleiding                                                    44', []],
  ['5.3.1   Beoordelingsschaal', []],
  ['5.4     Energietransitie', []],
  ['in artikel 11.6, derde lid, onder c, van dit', []],
  ['als bedoeld in artikel 5:11 van de Algemene wet bestuursrecht', []],
  ['artikel 2.10 lid 3 van de Wet dieren', []],
  ['artikel 5.8 van de Regeling houders van dieren', []],
  ['Advies n.a.v. 102e OMT', []],
  ['Advies n.a.v. 63e OMT COVID-19', []],
  ['artikel 10, tweede lid, van het EVRM', []],
  ['Artikel 10 Euroiees Verdrag van de Rechten van de Mens (EVRM)', [], { law: 'wob' }],
  ['Art. 3 Wob', []],
  ['Ingevolge artikel 4.1, zevende lid van de Woo', []],
  ['met inachtneming van het bepaalde in hoofdstuk 5 van de Woo', []],
  ['artikel 3.3, zevende lid, aanhef en onder i, Woo', []],
  ['artikel 4.4, tweede lid, van de Woo', []],
  ['Omgevingswet art. 5.1 lid 1 sub b (rijksmonumentenactiviteit) en art. 5.1 lid 2 sub a (omgevingsplanactiviteit)', []],
  ['Erfgoedwet art. 5.1 (certificaatplicht opgraving)', []],
  ['Besluit SUWI:paragraaf 5.1', []],
  ['Uitvoeringsbesluit WEB:artikel 5.1.1', []],
  ['Procesreglement bestuursrecht 2017:artikel 5.2', []],
  ['"glob-parent": "^5.1.2"', []],
  ['https://registry.npmjs.org/yaml/-/yaml-1.10.2.tgz', []],
  ['pyzmq==25.1.2', []],
  ['WOB/2021/222', []],
  ['Pagina 6 van 7', []],
  ['Thur 1/28/2021 7:41:12 AM', []],
  ['Voorbereiding MCCb 9 maart 2020 / 18.00 uur', []],
  ['Kamerstukken II 2008-2009, 31 700-VIII, nr. 32, blz. 3', []],
  ['(ECLI:NL:RVS:2019:795)', []],
  ['art. 7:673 lid 7, aanhef en onder b, BW', []],
  ['artikel 6:80 lid 1 aanhef en onder b BW', []],
  ['foi_groundsOfRefusal: 2.1.e', []],
  ['De bijgevoegde 5.1.20', []],
  ['€ 5.125', []],
  ['5.120 verzoeken', []],
  ['met toepassing van de uitzonderingsgronden van de Wob', []],
  ['de uitzonderingsgronden in de artikelen 10 en 11 van de Wob', []],
  ['Ingevolge artlkel 3, vljfde lid, van de Wob', []],
  ['Dit staat in het eerste lid van artikel 1.1. van de Woo', []],
  ['De uitzonderingsgronden staan in hoofdstuk 5 van de Woo.', []],
  ['giflib=5.2.1=hbcb3906_2', []],
  ['Versie 1. 2 en 1.2 04-05-2023 mbt tot het FTPs.', []],
  ['2. 3 UWV Service richtlijnen. 6', []],
  ['version="0.9.8"', []],
  ['(Zie artikel 6:7 en artikel 6:8, lid 1, Awb.)', []],
  ['Kamerstukken II 2013/14, 33328, 9, p. 81', []],
  ['zoals we die kenden van de Wob (artikel 6 lid 6)', []],
  ['Stcrt. 2024, 30890', []],
  ['artikel 3.3 lid 2 Woo … In sub k punt 6', []],
  ['zie paragraaf 5.1.2 en tabel 5.1.2e van het rapport', []],
  ['In 2021 zijn 5.1 miljoen euro en 10.2 procent besteed.', []],
  // a section number that is a ground code in a label is a ground, but not in prose
  ['In 5.2 staat de aanpak beschreven.', []],
  ['In hoofdstuk 11.1 leest u meer.', []],
];

describe('numbered citations in prose', () => {
  it.each(prose)('%s', (text, expected, options) => expect(codes(text, options)).toEqual(expected));
});
describe('redaction labels', () => {
  it.each(labels)('%s', (text, expected, options) => expect(codes(text, options)).toEqual(expected));
});
describe('inventory cells and rows', () => {
  it.each(inventory)('%s', (text, expected, options) => expect(codes(text, options)).toEqual(expected));
});
describe('grounds named by their words', () => {
  it.each(descriptions)('%s', (text, expected, options) => expect(codes(text, options)).toEqual(expected));
  it('ignores the words when the sentence is not about withholding', () => {
    expect(codes('De Woo beschermt ook de persoonlijke levenssfeer van burgers in het algemeen.')).toEqual([]);
  });
});
describe('negatives', () => {
  it.each(negatives)('%s', (text, expected, options) => expect(codes(text, options)).toEqual(expected));
  it('OCR corruptions do not count in prose', () => {
    expect(codes('Zie 512e en 51.2e hierboven.')).toEqual([]);
  });
});

describe('citation objects', () => {
  it('keeps offsets, text, parts and the motivating sentence', () => {
    const text = 'Dat is de reden. De namen van ambtenaren maak ik niet openbaar op grond van artikel 10, tweede lid, aanhef en onder e, van de Wob. Zie ook art. 5 hierna.';
    const [c, ...rest] = detectGrounds(text);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      code: 'wob:10.2.e', law: 'wob', article: '10', lid: 2, point: 'e', short: '10.2e', specific: true, source: 'prose',
    });
    expect(text.slice(c!.span.start, c!.span.end)).toBe('artikel 10, tweede lid, aanhef en onder e, van de Wob');
    expect(c!.context.text).toBe('De namen van ambtenaren maak ik niet openbaar op grond van artikel 10, tweede lid, aanhef en onder e, van de Wob.');
    expect(c!.confidence).toBeGreaterThan(0.9);
  });
  it('cuts a context without sentence ends (a table) to the lines around the citation', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i + 1}\n9-3-2020 memo overleg ${i + 1}\nDeels openbaar\n${i === 30 ? '10.2.e; 11.1' : 'Openbaar'}\nLNV`);
    const text = `Besluit op uw Wob-verzoek op grond van artikel 10, tweede lid, onder e, van de Wob de volgende lijst\n${rows.join('\n')}`;
    const cites = detectGrounds(text);
    const row = cites.find((c) => c.text.startsWith('10.2.e'));
    expect(row).toBeDefined();
    expect(row!.context.text.length).toBeLessThanOrEqual(600);
    expect(row!.context.text).toContain('memo overleg 31\nDeels openbaar\n10.2.e; 11.1\nLNV');
    expect(text.slice(row!.context.span.start, row!.context.span.end)).toBe(row!.context.text);
    // whole lines: it starts after a line break and ends before one
    expect(text[row!.context.span.start - 1]).toBe('\n');
    expect(text[row!.context.span.end]).toBe('\n');
  });

  it('gives each article of a list its own span', () => {
    const text = 'op grond van de artikelen 5.1, eerste lid, onder c, en 5.1, tweede lid, onder f, van de Woo';
    const cs = detectGrounds(text);
    expect(cs.map((c) => [c.code, c.text])).toEqual([
      ['woo:5.1.1.c', 'artikelen 5.1, eerste lid, onder c'],
      ['woo:5.1.2.f', '5.1, tweede lid, onder f, van de Woo'],
    ]);
  });
  it('marks article-level mentions as not specific', () => {
    const cs = detectGrounds('de uitzonderingsgronden in de artikelen 10 en 11 van de Wob');
    expect(cs.map((c) => [c.code, c.specific])).toEqual([['wob:10', false], ['wob:11', false]]);
  });
  it('flags OCR repairs and inferred law', () => {
    const [c] = detectGrounds('51.2e', { source: 'label' });
    expect(c).toMatchObject({ code: 'woo:5.1.2.e', ocrRepaired: true, lawInferred: true, source: 'label' });
  });
  it('flags citations inside a quoted annex of the law', () => {
    const text = 'Ik weiger op grond van artikel 5.1, tweede lid, onder e, van de Woo.\n\nBijlage 1 - Relevante artikelen uit de Woo\nArtikel 5.1\n2. Het verstrekken van informatie ingevolge deze wet blijft eveneens achterwege voor zover het belang daarvan niet opweegt tegen (…) e. de eerbiediging van de persoonlijke levenssfeer; zie artikel 5.1, tweede lid, onder i, van de Woo.';
    const cs = detectGrounds(text);
    expect(cs.filter((c) => !c.lawQuote).map((c) => c.code)).toEqual(['woo:5.1.2.e']);
    expect(cs.filter((c) => c.lawQuote).length).toBeGreaterThan(0);
  });
  it('records special statutory regimes as other:<law>:<article> when they are the refusal basis', () => {
    const cs = detectGrounds('Openbaarmaking is geweigerd omdat artikel 67 AWR een bijzondere openbaarmakingsregeling is.');
    expect(cs.map((c) => c.code)).toEqual(['other:awr:67']);
    expect(detectGrounds('De termijn staat in artikel 6:7 Awb.').map((c) => c.code)).toEqual([]);
  });
  it('emits inventory markers in inventory cells only', () => {
    expect(detectGrounds('dubbel', { source: 'inventory' }).map((c) => c.code)).toEqual(['marker:dubbel']);
    expect(detectGrounds('reeds openbaar', { source: 'inventory' }).map((c) => c.code)).toEqual(['marker:reeds-openbaar']);
    expect(detectGrounds('Dit document is dubbel aangeleverd.').map((c) => c.code)).toEqual([]);
  });
  it('takes the regime of a description from the law named in its sentence', () => {
    const cs = detectGrounds('Op grond van de Wob zijn de namen ter bescherming van de persoonlijke levenssfeer gelakt.', { law: 'woo' });
    expect(cs.map((c) => c.code)).toEqual(['wob:10.2.e']);
  });
});

describe('detectGroundsByLaw', () => {
  const texts = [
    'Op grond van artikel 10, tweede lid, aanhef en onder e, van de Wob en artikel 5.1, tweede lid, onder e lak ik namen. Zie ook 10.2.g en 11.1.',
    'Ik heb namen gelakt ter bescherming van de persoonlijke levenssfeer (art. 5.1 lid 2 sub e). De Woo is van toepassing.',
    'artikel lo, tweede lid, onder e; 5.1.2e, 5.2\n10.2.e\nDeels openbaar',
    'Relevante artikelen\nArtikel 5.1\n1. Het verstrekken van informatie ingevolge deze wet blijft achterwege voor zover …',
  ];
  it('gives per law what detectGrounds gives for that law', () => {
    for (const text of texts) {
      for (const source of ['prose', 'label', 'inventory'] as const) {
        const found = detectGroundsByLaw(text, ['woo', 'wob', undefined], { source });
        expect(found).toEqual([detectGrounds(text, { source, law: 'woo' }), detectGrounds(text, { source, law: 'wob' }), detectGrounds(text, { source })]);
      }
    }
  });
});
