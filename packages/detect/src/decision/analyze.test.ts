import { describe, expect, it } from 'vitest';
import { analyzeDecision } from './analyze.js';
import { findIssuingBody } from './bodies.js';
import { findLetterDates } from './dates.js';
import { readDocumentCount, sentenceStatement } from './outcome.js';
import { pageCounter, splitDossier } from './pages.js';
import { headingKind } from './sections.js';

// Built from lines of WooIR_clean/Bes-besluit-2021-222.pdf (page 1 text layer, RVO).
const RVO_LETTER = `> Retouradres Postbus 40225 8004 DE Zwolle

Datum 19 oktober 2021
Betreft Besluit op uw Wob-verzoek

Geachte ,

In uw bericht van 1 september 2021, heeft u met een beroep op de Wet
openbaarheid van bestuur (hierna: Wob) verzocht om informatie.

Onze referentie
WOB/2021/222

Procedure

De ontvangst van uw verzoek is schriftelijk bevestigd bij brief van 3 september
2021, kenmerk Wob/2021/222. In deze brief is tevens de beslistermijn met vier

weken verdaagd.

Inventarisatie documenten

Op basis van uw verzoek is één document aangetroffen.

Besluit
De informatie waarom u heeft verzocht is reeds openbaar. Omdat de Wob niet
van toepassing is op reeds openbare informatie moet ik uw verzoek afwijzen.

Met vriendelijke groet,

De Minister van Landbouw, Natuur en Voedselkwaliteit,
namens deze:
`;

describe('analyzeDecision', () => {
  it('reads the fields of an RVO Wob letter (corpus: Bes-besluit-2021-222)', () => {
    const d = analyzeDecision(RVO_LETTER);
    expect(d).toMatchObject({
      decisionDate: '2021-10-19',
      requestDate: '2021-09-01',
      requestDateFrom: 'request',
      kenmerk: 'WOB/2021/222',
      subject: 'Besluit op uw Wob-verzoek',
      outcome: 'reeds-openbaar',
      documentCount: 1,
      law: 'wob',
      extended: true,
      daysTaken: 48,
      legalTermDays: 56,
      late: false,
    });
    expect(d.body).toMatchObject({ name: 'ministerie van Landbouw, Natuur en Voedselkwaliteit', kind: 'ministerie', tooi: 'mnre1150' });
    expect(d.adi).toMatchObject({ id: 'ADI:NL:mnre1150:2021:WOB.2021.222', minted: true, year: 2021, legalBasis: 'jci1.3:c:BWBR0005252&artikel=3' });
    expect(d.role).toBe('decision');
  });

  it('does not take a date in the body for the decision date (no Datum label)', () => {
    const d = analyzeDecision('Geachte heer,\n\nIn uw brief van 5 november 2020, ontvangen op 6 november 2020, heeft u verzocht om informatie.\nOp 3 december 2020 heb ik de termijn verdaagd.');
    expect(d.decisionDate).toBeNull();
    expect(d.requestDate).toBe('2020-11-05');
    expect(d.receiptDate).toBe('2020-11-06');
  });

  it('uses the Woo from 1 May 2022 even when the letter says "Wob-verzoek"', () => {
    const d = analyzeDecision('Datum 3 juni 2022\nBetreft Besluit op uw Wob-verzoek\n\nGeachte,\n\nIn uw e-mail van 2 mei 2022 heeft u verzocht om informatie op grond van de Wob.');
    expect(d.law).toBe('woo');
    expect(d.legalTermDays).toBe(28);
    expect(d.daysTaken).toBe(32);
    expect(d.late).toBe(true);
  });

  it('mints an ADI with a slug when the body has no TOOI code, and finds printed ones first', () => {
    const slug = analyzeDecision('Gemeente Haarlem\nDatum 3 juni 2022\nOns kenmerk 2022/123\n\nGeachte,');
    expect(slug.body).toMatchObject({ name: 'gemeente Haarlem', kind: 'gemeente' });
    expect(slug.adi?.id).toBe('ADI:NL:gemeente-haarlem:2022:2022.123');
    const printed = analyzeDecision('Datum 3 juni 2022\nADI:NL:gm0363:2022:WOO.2022.17\nGeachte,');
    expect(printed.adi).toMatchObject({ id: 'ADI:NL:gm0363:2022:WOO.2022.17', minted: false });
  });

  it('links each ground to its motivation passages (corpus: Amsterdam 20201203, "Namen van ambtenaren")', () => {
    const d = analyzeDecision('Datum 7 december 2020\n\nGeachte,\n\nBesluit\nIk heb besloten de documenten openbaar te maken met uitzondering van de daarin vermelde persoonsgegevens.\n\nOverwegingen\nDe namen van ambtenaren maak ik niet openbaar op grond van artikel 10, tweede lid, aanhef en onder e, van de Wob. Het belang van de eerbiediging van de persoonlijke levenssfeer weegt zwaarder.');
    expect(d.outcome).toBe('deels-openbaar');
    expect(d.grounds.map((g) => g.code)).toEqual(['wob:10.2.e']);
    expect(d.grounds[0]!.passages[0]!.text).toContain('De namen van ambtenaren maak ik niet openbaar');
  });
});

describe('dates', () => {
  it('reads stamps with OCR-spaced digits, glued years and "jl." dates (corpus letters)', () => {
    expect(findLetterDates('Datum: 2 9 MEI 2019').map((d) => d.iso)).toEqual(['2019-05-29']);
    expect(findLetterDates('Op 4 december2020 hebben wij per email uw verzoek ontvangen').map((d) => d.iso)).toEqual(['2020-12-04']);
    expect(findLetterDates('Op 6 augustus jl. hebben wij uw e-mailbericht ontvangen', '2018-09-20').map((d) => d.iso)).toEqual(['2018-08-06']);
  });
  it('takes "Datum: Uitsluitend verzonden per mail op …" as the decision date (corpus: NVWA letter)', () => {
    expect(analyzeDecision('Datum: Uitsluitend verzonden per mail op 23 maart 2021\nBetreft: Besluit op Wob-verzoek 20-0658.').decisionDate).toBe('2021-03-23');
  });
  it('does not take the acknowledgement letter for the request (RVO: "bevestigd bij brief van")', () => {
    const d = analyzeDecision('Datum 20 april 2021\n\nDe ontvangst van uw verzoek is schriftelijk bevestigd bij brief van 3 maart 2021.');
    expect(d.requestDate).toBeNull();
  });
});

describe('outcome', () => {
  it('classifies decision sentences of the corpus', () => {
    expect(sentenceStatement('Ik besluit de door u gevraagde informatie gedeeltelijk openbaar te maken.')).toBe('deels');
    expect(sentenceStatement('Ik heb besloten de documenten met nummers 1 t/m 9 openbaar te maken met uitzondering van de daarin vermelde persoonsgegevens.')).toBe('deels');
    expect(sentenceStatement('Ik heb besloten om uw verzoek af te wijzen en het document niet openbaar te maken.')).toBe('niet');
    expect(sentenceStatement('Ik heb besloten aan uw verzoek tegemoet te komen en de informatie waar u om heeft verzocht, openbaar te maken.')).toBe('openbaar');
    expect(sentenceStatement('Ik kan uw verzoek niet inwilligen aangezien er geen document bij het ministerie is met de door u gevraagde informatie.')).toBe('niets');
    expect(sentenceStatement('Uw verzoek verklaar ik niet-ontvankelijk.')).toBe('niet-ontvankelijk');
    // a sentence that reports, not decides
    expect(sentenceStatement('Voor de relevante Wob-artikelen verwijs ik u naar bijlage 1.')).toBeNull();
  });
  it('counts documents found (corpus: Qatar letter, "in totaal 66 documenten aangetroffen")', () => {
    expect(readDocumentCount('Op basis van uw verzoek zijn in totaal 66 documenten aangetroffen.')).toBe(66);
    expect(readDocumentCount('Op basis van uw verzoek is één document aangetroffen.')).toBe(1);
    expect(readDocumentCount('Er zijn 5.120 verzoeken binnengekomen.')).toBeNull();
  });
});

describe('issuing body', () => {
  it('reads signatures, letter heads and mail domains', () => {
    expect(findIssuingBody('', 'Hoogachtend,\nDE MINISTER VAN FINANC IEN,\nnamens deze,')).toMatchObject({ tooi: 'mnre1090' });
    expect(findIssuingBody('', 'de minister voor Basis- en Voortgezet Onderwijs en Media,\nnamens deze,')).toMatchObject({ tooi: 'mnre1109' });
    expect(findIssuingBody('', 'Het college van burgemeester en wethouders van Amsterdam,\nnamens hen,')).toMatchObject({ name: 'gemeente Amsterdam', tooi: 'gm0363' });
    expect(findIssuingBody('', 'Gedeputeerde Staten van Noord-Holland,')).toMatchObject({ kind: 'provincie', tooi: 'pv27' });
    expect(findIssuingBody('', 'het dagelijks bestuur van het Hoogheemraadschap Rijnland,')).toMatchObject({ kind: 'waterschap', name: 'hoogheemraadschap Rijnland' });
    expect(findIssuingBody('Contactpersoon\nwob-loket@minienw.nl', '')).toMatchObject({ tooi: 'mnre1130' });
    // "namens hen openbaar te maken" in the body is no signature (corpus: EZK hoogspanning letter)
    expect(findIssuingBody('', 'mij verzocht deze namens hen openbaar te maken, behoudens persoonsgegevens')).toBeNull();
  });
});

describe('pages and splitting', () => {
  it('reads page counters', () => {
    expect(pageCounter('Pagina 2 van 7')).toEqual({ page: 2, of: 7 });
    expect(pageCounter('mogelijk verzoek gemeente Koggenland 2 | 5 22 juni 2021 | Memo')).toEqual({ page: 2, of: 5 });
    expect(pageCounter('€ 5.125 per jaar')).toBeNull();
  });
  it('splits a stream on counter restarts, stamps and inventory starts', () => {
    const parts = splitDossier([
      'Retouradres Postbus 1\nDatum 1 mei 2021\nGeachte heer,\nBesluit op uw Wob-verzoek. Ik heb besloten.\nPagina 1 van 2',
      'Bezwaar\nPagina 2 van 2',
      'Bijlage 2 – Inventarislijst\nNr. Document Beoordeling Wob\n1. Mail 1 Deels openbaar 10.2.e\n2. Nota Openbaar',
      '171080\nAGENDA\nPagina 1 van 2',
      '171080\nToelichting\nPagina 2 van 2',
      '171115\nMinisterie van Volksgezondheid,\nPagina 1 van 1',
    ]);
    expect(parts.map((p) => [p.start, p.end, p.role])).toEqual([
      [0, 1, 'decision'],
      [2, 2, 'inventory'],
      [3, 4, 'released-document'],
      [5, 5, 'released-document'],
    ]);
  });
  it('knows letter headings', () => {
    expect(headingKind('Besluit')).toBe('besluit');
    expect(headingKind('3. Zienswijze')).toBe('zienswijzen');
    expect(headingKind('Besluit op uw Wob-verzoek van 13 maart 2023 inzake het onderwerp, dat lang is.')).toBeNull();
  });
});
