/**
 * The issuing body (bestuursorgaan) of a decision, normalised, with its TOOI
 * organisation code where known.
 *
 * Read from the signature first ("De Minister van Landbouw, Natuur en
 * Voedselkwaliteit, namens deze", "Het college van burgemeester en wethouders van
 * Amsterdam, namens hen", "Gedeputeerde Staten van Noord-Holland"), since that names
 * the organ that decides; else from the letter head (ministry, municipality,
 * province, water board, or an agency with its parent ministry).
 */
import type { BodyKind, IssuingBody } from './types.js';

/** One ministry: TOOI code, canonical name, and the words of its name as letters print them. */
export interface MinistryEntry {
  tooi: string | null;
  name: string;
  /** Lower-case regex source of the part after "ministerie van" / "minister van". */
  pattern: string;
}

/**
 * Ministries with their TOOI codes (DiWoo ministerielijst, as kept by the VWS platform:
 * minvws/nl-rdo-woo-web `src/Domain/WooIndex/Tooi/Ministerie.php`; reference.md §5.2).
 * Order matters: longer names first.
 */
export const MINISTRIES: readonly MinistryEntry[] = [
  { tooi: 'mnre1010', name: 'ministerie van Algemene Zaken', pattern: 'algemene zaken' },
  { tooi: 'mnre1162', name: 'ministerie van Asiel en Migratie', pattern: 'asiel en migratie' },
  { tooi: 'mnre1034', name: 'ministerie van Binnenlandse Zaken en Koninkrijksrelaties', pattern: 'binnenlandse zaken(?: en koninkrijksrelaties)?' },
  { tooi: 'mnre1013', name: 'ministerie van Buitenlandse Zaken', pattern: 'buitenlandse zaken' },
  { tooi: 'mnre1018', name: 'ministerie van Defensie', pattern: 'defensie' },
  // The list has one code for Economische Zaken (mnre1045, alias mnre1040), used for EZK too.
  { tooi: 'mnre1045', name: 'ministerie van Economische Zaken en Klimaat', pattern: 'economische zaken en klimaat' },
  { tooi: 'mnre1045', name: 'ministerie van Economische Zaken', pattern: 'economische zaken' },
  { tooi: 'mnre1090', name: 'ministerie van Financiën', pattern: 'financi[eë]n' },
  { tooi: 'mnre1130', name: 'ministerie van Infrastructuur en Waterstaat', pattern: 'infrastructuur en waterstaat' },
  { tooi: null, name: 'ministerie van Infrastructuur en Milieu', pattern: 'infrastructuur en milieu' },
  { tooi: 'mnre1058', name: 'ministerie van Justitie en Veiligheid', pattern: 'justitie en veiligheid' },
  { tooi: null, name: 'ministerie van Veiligheid en Justitie', pattern: 'veiligheid en justitie' },
  { tooi: 'mnre1182', name: 'ministerie van Klimaat en Groene Groei', pattern: 'klimaat en groene groei' },
  { tooi: 'mnre1150', name: 'ministerie van Landbouw, Natuur en Voedselkwaliteit', pattern: 'landbouw,? natuur en voedselkwaliteit' },
  { tooi: 'mnre1153', name: 'ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur', pattern: 'landbouw,? visserij,? voedselzekerheid en natuur' },
  { tooi: 'mnre1109', name: 'ministerie van Onderwijs, Cultuur en Wetenschap', pattern: 'onderwijs,? cultuur en wetenschap' },
  { tooi: 'mnre1073', name: 'ministerie van Sociale Zaken en Werkgelegenheid', pattern: 'sociale zaken en werkgelegenheid' },
  { tooi: 'mnre0170', name: 'ministerie van Verkeer en Waterstaat', pattern: 'verkeer en waterstaat' },
  { tooi: 'mnre1025', name: 'ministerie van Volksgezondheid, Welzijn en Sport', pattern: 'volksgezondheid,? welzijn en sport' },
  { tooi: 'mnre1171', name: 'ministerie van Volkshuisvesting en Ruimtelijke Ordening', pattern: 'volkshuisvesting en ruimtelijke ordening' },
  { tooi: 'mnre0180', name: 'ministerie van Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer', pattern: 'volkshuisvesting,? ruimtelijke ordening en milieubeheer' },
];

/** Ministers "voor" a portfolio, and the ministry they belong to (by pattern of MINISTRIES). */
const MINISTERS_VOOR: ReadonlyArray<[RegExp, string]> = [
  [/^(?:medische zorg|langdurige zorg|jeugd,? preventie)/, 'volksgezondheid,? welzijn en sport'],
  [/^(?:buitenlandse handel|ontwikkelingssamenwerking|europese zaken)/, 'buitenlandse zaken'],
  [/^(?:basis- en voortgezet onderwijs|primair en voortgezet onderwijs|onderwijs)/, 'onderwijs,? cultuur en wetenschap'],
  [/^(?:rechtsbescherming|migratie)/, 'justitie en veiligheid'],
  [/^(?:klimaat en energie)/, 'economische zaken en klimaat'],
  [/^(?:natuur en stikstof)/, 'landbouw,? natuur en voedselkwaliteit'],
  [/^(?:volkshuisvesting|wonen)/, 'binnenlandse zaken(?: en koninkrijksrelaties)?'],
  [/^(?:armoedebeleid|armoede)/, 'sociale zaken en werkgelegenheid'],
];

/** Agencies printed in letter heads, with their kind and parent ministry or TOOI code. */
const AGENCIES: ReadonlyArray<{ re: RegExp; name: string; kind: BodyKind; ministry?: string; tooi?: string }> = [
  // reference.md §5.2: oorg10004 = Rijkswaterstaat
  { re: /\bRijkswaterstaat\b/, name: 'Rijkswaterstaat', kind: 'other', tooi: 'oorg10004' },
  { re: /\bRijksdienst\s+voor\s+Ondernemend\s+Nederland\b|\bRVO\.nl\b/i, name: 'Rijksdienst voor Ondernemend Nederland', kind: 'other' },
  { re: /Nederlandse\s+Voedsel-\s*en\s+Warenautoriteit|\bnvwa\.nl\b/i, name: 'Nederlandse Voedsel- en Warenautoriteit', kind: 'other' },
  { re: /Inspectie\s+van\s+het\s+Onderwijs|onderwijsinspectie\.nl/i, name: 'Inspectie van het Onderwijs', kind: 'other' },
  { re: /\bBelastingdienst\b/, name: 'Belastingdienst', kind: 'other' },
  { re: /Uitvoeringsinstituut\s+Werknemersverzekeringen|\bUWV\b/, name: 'Uitvoeringsinstituut Werknemersverzekeringen', kind: 'zbo' },
  { re: /Sociale\s+Verzekeringsbank|\bSVB\b/, name: 'Sociale Verzekeringsbank', kind: 'zbo' },
  { re: /\bAutoriteit\s+Consument\s+en\s+Markt\b/, name: 'Autoriteit Consument en Markt', kind: 'zbo' },
  { re: /\bAutoriteit\s+Persoonsgegevens\b/, name: 'Autoriteit Persoonsgegevens', kind: 'zbo' },
  { re: /\bAutoriteit\s+Financi[eë]le\s+Markten\b/, name: 'Autoriteit Financiële Markten', kind: 'zbo' },
  { re: /\bKansspelautoriteit\b/, name: 'Kansspelautoriteit', kind: 'zbo' },
  { re: /\bRijksdienst\s+voor\s+het\s+Wegverkeer\b|\bRDW\b/, name: 'Rijksdienst voor het Wegverkeer', kind: 'zbo' },
  { re: /Centraal\s+Bureau\s+Rijvaardigheidsbewijzen|\bCBR\b/, name: 'Centraal Bureau Rijvaardigheidsbewijzen', kind: 'zbo' },
  { re: /\bKadaster\b/, name: 'Kadaster', kind: 'zbo' },
  { re: /Centraal\s+Orgaan\s+opvang\s+asielzoekers|\bCOA\b/, name: 'Centraal Orgaan opvang asielzoekers', kind: 'zbo' },
  { re: /Nederlandse\s+Zorgautoriteit|\bNZa\b/, name: 'Nederlandse Zorgautoriteit', kind: 'zbo' },
  { re: /\bZorginstituut\s+Nederland\b/, name: 'Zorginstituut Nederland', kind: 'zbo' },
];

/**
 * Municipalities and provinces with TOOI codes: the provinces (pv20–pv31, TOOI
 * `provincie` list) and a few large municipalities (CBS code = TOOI `gm` code).
 */
export const TOOI_PROVINCES: Readonly<Record<string, string>> = {
  groningen: 'pv20', 'fryslân': 'pv21', friesland: 'pv21', drenthe: 'pv22', overijssel: 'pv23', flevoland: 'pv24',
  gelderland: 'pv25', utrecht: 'pv26', 'noord-holland': 'pv27', 'zuid-holland': 'pv28', zeeland: 'pv29',
  'noord-brabant': 'pv30', limburg: 'pv31',
};
export const TOOI_MUNICIPALITIES: Readonly<Record<string, string>> = {
  amsterdam: 'gm0363', rotterdam: 'gm0599', 'den haag': 'gm0518', "'s-gravenhage": 'gm0518', utrecht: 'gm0344',
};

const PROVINCE_NAMES: Readonly<Record<string, string>> = {
  'fryslân': 'Fryslân', friesland: 'Fryslân', 'noord-holland': 'Noord-Holland', 'zuid-holland': 'Zuid-Holland', 'noord-brabant': 'Noord-Brabant',
};

function ministryByPattern(pattern: string): MinistryEntry | undefined {
  return MINISTRIES.find((m) => m.pattern === pattern);
}

/** Letters only, lower-case: survives OCR'd spacing ("FINANC IEN", "e n W aterstaat") and line breaks. */
function squash(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
}

/** The ministry named at the start of `words` (the text after "ministerie van" / "minister van"). */
export function ministryNamed(words: string): MinistryEntry | undefined {
  const w = squash(words.slice(0, 120));
  let best: MinistryEntry | undefined;
  let bestLength = 0;
  for (const m of MINISTRIES) {
    const name = squash(m.name.replace(/^ministerie van /, ''));
    if (w.startsWith(name) && name.length > bestLength) {
      best = m;
      bestLength = name.length;
    }
  }
  return best;
}

function ministryBody(entry: MinistryEntry, text: string): IssuingBody {
  const b: IssuingBody = { name: entry.name, kind: 'ministerie', text };
  if (entry.tooi) b.tooi = entry.tooi;
  return b;
}

/** A place name as printed, trimmed of trailing punctuation and words that follow it. */
function placeName(raw: string): string {
  return raw.replace(/\s+/g, ' ').replace(/[,.;:]+$/, '').trim();
}

function titleCase(name: string): string {
  return name.replace(/(^|[\s-])([a-zà-ÿ])/g, (_, p: string, c: string) => p + c.toUpperCase());
}

function gemeente(place: string, text: string): IssuingBody {
  const p = placeName(place);
  const b: IssuingBody = { name: `gemeente ${p}`, kind: 'gemeente', text };
  const tooi = TOOI_MUNICIPALITIES[p.toLowerCase()];
  if (tooi) b.tooi = tooi;
  return b;
}

function provincie(place: string, text: string): IssuingBody {
  const key = placeName(place).toLowerCase();
  const b: IssuingBody = { name: `provincie ${PROVINCE_NAMES[key] ?? titleCase(key)}`, kind: 'provincie', text };
  const tooi = TOOI_PROVINCES[key];
  if (tooi) b.tooi = tooi;
  return b;
}

/** A place name on one line (letter heads). */
const PLACE_LINE = String.raw`((?:'s[- ])?[A-Z][\wÀ-ÿ'’-]+(?:[ -](?:aan|op|den|de|an|[A-Z][\wÀ-ÿ'’-]+)){0,3})[ \t]*(?=\n|$)`;
const PLACE = String.raw`((?:'s[- ])?[A-Z][\wÀ-ÿ'’-]+(?:[ -](?:aan|op|den|de|an|[A-Z][\wÀ-ÿ'’-]+)){0,3})`;
const SIGNATURE_RES: ReadonlyArray<{ re: RegExp; make: (m: RegExpExecArray) => IssuingBody | null }> = [
  {
    re: new RegExp(String.raw`(?:[Cc]ollege\s+van\s+)?[Bb]urgemeester\s+en\s+[Ww]ethouders\s+van\s+(?:de\s+gemeente\s+)?${PLACE}`),
    make: (m) => gemeente(m[1] ?? '', m[0]),
  },
  { re: new RegExp(String.raw`Gedeputeerde\s+Staten\s+van\s+(?:de\s+provincie\s+)?${PLACE}`), make: (m) => provincie(m[1] ?? '', m[0]) },
  {
    re: new RegExp(String.raw`(?:[Dd]agelijks\s+bestuur|[Cc]ollege\s+van\s+dijkgraaf\s+en\s+heemraden)\s+van\s+(?:het\s+)?([Ww]aterschap|[Hh]oogheemraadschap|[Ww]etterskip)\s+${PLACE}`),
    make: (m) => ({ name: `${(m[1] ?? '').toLowerCase()} ${placeName(m[2] ?? '')}`, kind: 'waterschap', text: m[0] }),
  },
  {
    re: /\b(?:de\s+)?(?:minister|staatssecretaris)\s+van\s+([A-Za-zÀ-ÿ,\s-]{4,90})/i,
    make: (m) => {
      const e = ministryNamed(m[1] ?? '');
      return e ? ministryBody(e, m[0].replace(/\s+/g, ' ').replace(/,?\s*namens.*$/i, '').trim()) : null;
    },
  },
  {
    re: /\b(?:de\s+)?minister\s+voor\s+([A-Za-zÀ-ÿ, -]{4,80}?)(?:,|\n|>|\s+namens\b|$)/i,
    make: (m) => {
      const portfolio = (m[1] ?? '').toLowerCase();
      const hit = MINISTERS_VOOR.find(([re]) => re.test(portfolio));
      const e = hit ? ministryByPattern(hit[1]) : undefined;
      return e ? ministryBody(e, m[0].replace(/[,\n]$/, '').trim()) : null;
    },
  },
  { re: new RegExp(String.raw`\b[Dd]e\s+burgemeester\s+van\s+${PLACE}`), make: (m) => gemeente(m[1] ?? '', m[0]) },
];

/** "namens deze", "namens hen", "n.d.": the line(s) before are the deciding organ. */
const NAMENS_RE = /\bnamens\s+(?:deze|dezen|hem|haar|hen|het\s+college|dit\s+college)\s*[,:;\n]|\bnamens\s+(?:deze|dezen|hem|haar|hen)\s*$|\bn\.d\.\s*$/gim;

/** Signature blocks: the up to 240 characters before each "namens …". */
function signatureCandidates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NAMENS_RE)) out.push(text.slice(Math.max(0, m.index - 240), m.index + m[0].length));
  return out;
}

/** Read the body from a signature block; the last organ named before "namens" wins. */
function fromSignature(block: string): IssuingBody | null {
  let best: { at: number; body: IssuingBody } | null = null;
  for (const { re, make } of SIGNATURE_RES) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    for (const m of block.matchAll(g)) {
      const body = make(m as unknown as RegExpExecArray);
      if (body && (!best || m.index >= best.at)) best = { at: m.index, body };
    }
  }
  return best?.body ?? null;
}

const HEAD_RES: ReadonlyArray<{ re: RegExp; make: (m: RegExpExecArray) => IssuingBody | null }> = [
  {
    re: /(?:^|\n)[ \t]*Ministerie\s+van\s+([A-Za-zÀ-ÿ,\s-]{4,90})/,
    make: (m) => {
      const e = ministryNamed(m[1] ?? '');
      return e ? ministryBody(e, m[0].trim()) : null;
    },
  },
  { re: new RegExp(String.raw`(?:^|\n)[ \t]*Gemeente[ \t]+${PLACE_LINE}`), make: (m) => gemeente(m[1] ?? '', m[0].trim()) },
  { re: new RegExp(String.raw`(?:^|\n)[ \t]*Provincie[ \t]+${PLACE_LINE}`), make: (m) => (TOOI_PROVINCES[placeName(m[1] ?? '').toLowerCase()] ? provincie(m[1] ?? '', m[0]) : null) },
  {
    re: new RegExp(String.raw`(?:^|\n)[ \t]*(Waterschap|Hoogheemraadschap|Wetterskip)[ \t]+${PLACE_LINE}`),
    make: (m) => ({ name: `${(m[1] ?? '').toLowerCase()} ${placeName(m[2] ?? '')}`, kind: 'waterschap', text: m[0] }),
  },
];

/** The addressee of an objection is the deciding organ: "bezwaarschrift … gericht aan de Minister van X". */
const BEZWAAR_RE = /bezwaar(?:schrift)?[^.]{0,160}?\b(?:gericht|richten|sturen|zenden|indienen)\s+(?:aan|bij|naar)\s+(?:de|het)\s+((?:minister|staatssecretaris|college|gedeputeerde)[^.]{0,140})/i;

/** Mail domains of the ministries (contact addresses in letter heads). */
const MAIL_DOMAINS: ReadonlyArray<[RegExp, string]> = [
  [/@minienw\.nl|@minienm\.nl/i, 'infrastructuur en waterstaat'],
  [/@minfin\.nl/i, 'financi[eë]n'],
  [/@minbuza\.nl/i, 'buitenlandse zaken'],
  [/@minezk\.nl/i, 'economische zaken en klimaat'],
  [/@minlnv\.nl/i, 'landbouw,? natuur en voedselkwaliteit'],
  [/@minvws\.nl/i, 'volksgezondheid,? welzijn en sport'],
  [/@minocw\.nl/i, 'onderwijs,? cultuur en wetenschap'],
  [/@minbzk\.nl/i, 'binnenlandse zaken(?: en koninkrijksrelaties)?'],
  [/@minjenv\.nl|@minjus\.nl/i, 'justitie en veiligheid'],
  [/@minszw\.nl/i, 'sociale zaken en werkgelegenheid'],
  [/@mindef\.nl/i, 'defensie'],
  [/@minaz\.nl/i, 'algemene zaken'],
];

/**
 * The issuing body of a letter. `head` is the letter head (first page); `body` the
 * letter without annexes, where the signature is looked for.
 */
export function findIssuingBody(head: string, body: string): IssuingBody | null {
  const signatures = signatureCandidates(body);
  for (let i = signatures.length - 1; i >= 0; i--) {
    const b = fromSignature(signatures[i]!);
    if (b) return b;
  }
  const bezwaar = BEZWAAR_RE.exec(body);
  if (bezwaar) {
    const b = fromSignature(bezwaar[1] ?? '');
    if (b) return b;
  }
  // Signature lines without "namens": "Het college van burgemeester en wethouders van Amsterdam,"
  for (const { re, make } of SIGNATURE_RES.slice(0, 3)) {
    const m = re.exec(body);
    if (m) {
      const b = make(m);
      if (b) return b;
    }
  }
  let first: { at: number; body: IssuingBody } | null = null;
  for (const { re, make } of HEAD_RES) {
    const m = re.exec(head);
    if (!m) continue;
    const b = make(m);
    if (b && (!first || m.index < first.at)) first = { at: m.index, body: b };
  }
  if (first) return first.body;
  for (const [re, pattern] of MAIL_DOMAINS) {
    const m = re.exec(head);
    const e = m ? ministryByPattern(pattern) : undefined;
    if (m && e) return ministryBody(e, m[0]);
  }
  for (const a of AGENCIES) {
    const m = a.re.exec(head);
    if (!m) continue;
    const b: IssuingBody = { name: a.name, kind: a.kind, text: m[0] };
    if (a.tooi) b.tooi = a.tooi;
    return b;
  }
  // a ministry the gazetteer does not know (renamed or new ones, e.g. after a cabinet
  // formation) on a letterhead line of its own: kept by name, without a TOOI code
  const unknown = /^[ \t]*(Ministerie van ([A-Z][\p{L}-]*(?:,? (?:en |[A-Z])[\p{L}-]*)*))[ \t]*$/mu.exec(head);
  if (unknown) return { name: `ministerie van ${unknown[2]}`, kind: 'ministerie', text: unknown[1]! };
  return null;
}

/** A slug of a body's name for identifiers: `gemeente-haarlem`. */
export function bodySlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
