/**
 * Parliamentary papers and official gazettes: Kamerstukken, Staatscourant,
 * Staatsblad, and the ids of officielebekendmakingen.nl (`kst-35112-3`,
 * `stcrt-2024-30890`, `stb-2018-401`).
 *
 * Citations are normalised to the officielebekendmakingen id, because that id is
 * what resolves (`https://zoek.officielebekendmakingen.nl/kst-35112-5`) and what
 * LiDO uses (`…/terms/oep/id/stb-2018-401`). Kamerstuk forms follow the variants
 * LinkeXtractor accepts (chamber `TK`/`EK`, year `2008/09` or `2008-2009`,
 * dossier `31 700-VIII` or `31700.VIII`, `nr.` optional after a comma).
 */
import type { Identifier } from '@lakmoes/schema';
import { gluedBefore, isAsciiAlnumCode, letterRunStart } from './shared.js';

/** The parts of a Kamerstuk citation. */
export interface KamerstukParts {
  /** `II` (Tweede Kamer) or `I` (Eerste Kamer), when printed. */
  chamber?: string;
  /** Parliamentary year as `2020-2021`, when printed. */
  year?: string;
  /** Dossier number with its sub-dossier: `35112`, `31700-VIII`, `21501-20`. */
  dossier: string;
  /** Document number within the dossier (`5`, or a letter such as `C` in the Eerste Kamer). */
  number?: string;
  /** Page or page range cited. */
  page?: string;
}

// Between parts: a comma with optional spaces, or plain whitespace (line breaks too;
// citations wrap). Alternatives cannot both match the same text, so no blow-up.
const SEP = String.raw`(?:\s{0,3},\s{0,3}|\s{1,3})`;
const NR = String.raw`(?:nrs?|no|nummer)\.?\s{0,2}`;
// Before a document number: a comma (then optionally `nr.`), or `nr.` after spaces.
const NUMBER_SEP = String.raw`(?:\s{0,3},\s{0,3}(?:${NR})?|\s{1,3}${NR})`;

const YEAR = String.raw`(\d{4})(?:\s{0,2}[/-]\s{0,2}(\d{4}|\d{2}))?(?![0-9])`;
const DOSSIER =
  String.raw`(\d{1,3}(?:[ .]|\r?\n)?\d{3}|\d{3,6})(?![0-9])` +
  String.raw`(?:[.-]?([IVXLC]{1,6})(?![A-Za-z0-9])|-(\d{1,3})(?![0-9]))?`;
// A letter number (Eerste Kamer: `C`, `N`) is not the start of a word such as `EU-richtlijn`.
const NUMBER = String.raw`(\d{1,4}|[A-Z]{1,2}(?!-))(?![A-Za-z0-9])`;
const PAGE = String.raw`(?:${SEP}(?:p|pp|blz|pag)(?:\.\s{0,2}|\s{1,2})(\d{1,4}(?:\s{0,2}[-–]\s{0,2}\d{1,4})?)(?![0-9]))?`;

// "Kamerstuk(ken)", optional chamber and year, dossier, optional number and page.
// Groups: 1 chamber, 2 year, 3 second year, 4 dossier digits, 5 roman sub-dossier,
// 6 arabic sub-dossier, 7 number, 8 page.
const KAMERSTUK_RE = new RegExp(
  String.raw`[Kk]amerstuk(?:ken)?(?:${SEP}(II|I|TK|EK)(?![A-Za-z]))?(?:${SEP}${YEAR})?${SEP}${DOSSIER}(?:${NUMBER_SEP}${NUMBER})?${PAGE}`,
  'g',
);

// The short form "TK 2008-2009, 31473, nummer 25" (also "TK II, 2018-2019, 29 214, nr. 80"):
// without the word Kamerstuk the year and the number are required. Same groups
// (a roman numeral after TK/EK repeats the chamber and is not kept).
const CHAMBER_RE = new RegExp(
  String.raw`(TK|EK)(?:\s{1,3}(?:II|I)(?![A-Za-z]))?${SEP}${YEAR}${SEP}${DOSSIER}${NUMBER_SEP}${NUMBER}${PAGE}`,
  'g',
);

// Staatscourant / Staatsblad: groups 1 name, 2 year, 3 number. A number needs a
// comma or `nr.` before it, so `Staatscourant 2024 12 maart` is not read as one.
const GAZETTE_RE = new RegExp(
  String.raw`(Stcrt|Staatscourant|Stb|Staatsblad)(?![A-Za-z])\.?\s{0,3}(\d{4})(?![0-9])${NUMBER_SEP}(\d{1,7})(?![0-9])`,
  'g',
);

// Bare officielebekendmakingen ids, in text or URLs: found from a cheap scan for
// "letter, hyphen, digit" (an alternation of the prefixes scans ~8× slower), then
// matched sticky at the start of the letters. Group 1 collection.
const OB_SCAN_RE = /[a-z]-\d/g;
const OB_ID_RE = /(kst|stcrt|stb|trb|gmb|prb|wsb|bgr|blg|h-tk|h-ek|ah-tk|ah-ek)-(?=\d)[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*/y;

/**
 * Shapes of officielebekendmakingen ids per collection: a match that does not fit
 * is an OCR-broken or truncated id (`kst-295 17-136` → `kst-295`) and is skipped.
 */
const OB_ID_SHAPES: Readonly<Record<string, RegExp>> = {
  kst: /^kst-\d{3,6}(?:-[A-Z]{1,6}|-\d{1,3})?-(?:\d{1,4}|[A-Z]{1,2})(?:-[a-z]?\d{1,3})?$/,
  stcrt: /^stcrt-\d{4}-\d{1,7}$/,
  stb: /^stb-\d{4}-\d{1,5}$/,
  trb: /^trb-\d{4}-\d{1,5}$/,
  gmb: /^gmb-\d{4}-\d{1,7}$/,
  prb: /^prb-\d{4}-\d{1,7}$/,
  wsb: /^wsb-\d{4}-\d{1,7}$/,
  bgr: /^bgr-\d{4}-\d{1,7}$/,
  blg: /^blg-\d{4,8}$/,
  'h-tk': /^h-tk-\d{8}-\d{1,5}(?:-\d{1,5})?$/,
  'h-ek': /^h-ek-\d{8}-\d{1,5}(?:-\d{1,5})?$/,
  'ah-tk': /^ah-tk-\d{8}-\d{1,5}$/,
  'ah-ek': /^ah-ek-\d{8}-\d{1,5}$/,
};

/** True when `id` has the shape of its officielebekendmakingen collection (`kst-35112-3`, `stcrt-2024-30890`). */
export function isOfficialPublicationId(id: string): boolean {
  const dash = id.startsWith('h-') || id.startsWith('ah-') ? id.indexOf('-', id.indexOf('-') + 1) : id.indexOf('-');
  const shape = OB_ID_SHAPES[id.slice(0, dash)];
  return shape !== undefined && shape.test(id);
}

/** `2020/21` → `2020-2021`, `2008-2009` → `2008-2009`, `2013` → `2013`. */
export function normalizeParliamentaryYear(first: string, second?: string): string {
  if (second === undefined) return first;
  if (second.length === 4) return `${first}-${second}`;
  let full = Number(first.slice(0, 2) + second);
  if (full < Number(first)) full += 100;
  return `${first}-${full}`;
}

/** The officielebekendmakingen id of a Kamerstuk: `kst-35112-5`, `kst-31700-VIII-32`; `kst-34302` for a dossier only. */
export function kamerstukId(parts: KamerstukParts): string {
  return parts.number === undefined ? `kst-${parts.dossier}` : `kst-${parts.dossier}-${parts.number}`;
}

function normalizeChamber(raw: string): string {
  if (raw === 'TK') return 'II';
  if (raw === 'EK') return 'I';
  return raw;
}

function toRecord(parts: KamerstukParts): Record<string, string> {
  const record: Record<string, string> = {};
  if (parts.chamber !== undefined) record.chamber = parts.chamber;
  if (parts.year !== undefined) record.year = parts.year;
  record.dossier = parts.dossier;
  if (parts.number !== undefined) record.number = parts.number;
  if (parts.page !== undefined) record.page = parts.page;
  return record;
}

/** Kamerstuk citations (`Kamerstukken II 2020/21, 35112, nr. 5`, `TK 2008-2009, 31473, nummer 25`). */
export function findKamerstukken(text: string): Identifier[] {
  const out: Identifier[] = [];
  collectKamerstukken(text, KAMERSTUK_RE, out);
  const before = out.length;
  collectKamerstukken(text, CHAMBER_RE, out);
  if (out.length > before && before > 0) out.sort((a, b) => a.span.start - b.span.start);
  return out;
}

function collectKamerstukken(text: string, re: RegExp, out: Identifier[]): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    if (gluedBefore(text, start)) continue;
    const [whole, chamber, year1, year2, dossierRaw = '', roman, subdossier, number, page] = m;
    // Without a document number, a bare four-digit "dossier" is a year ("Kamerstukken 2018").
    if (number === undefined && roman === undefined && subdossier === undefined && /^\d{1,4}$/.test(dossierRaw)) continue;
    let dossier = dossierRaw.replace(/[\s.]/g, '');
    if (roman !== undefined) dossier += `-${roman}`;
    else if (subdossier !== undefined) dossier += `-${subdossier}`;
    const parts: KamerstukParts = { dossier };
    if (chamber !== undefined) parts.chamber = normalizeChamber(chamber);
    if (year1 !== undefined) parts.year = normalizeParliamentaryYear(year1, year2);
    if (number !== undefined) parts.number = number;
    if (page !== undefined) parts.page = page.replace(/\s+/g, '').replace('–', '-');
    const end = start + whole.length;
    out.push({ type: 'kamerstuk', text: whole, normalized: kamerstukId(parts), span: { start, end }, parts: toRecord(parts) });
  }
}

/** Staatscourant and Staatsblad citations (`Stcrt. 2024, 30890` → `stcrt-2024-30890`, `Stb. 2021, 499` → `stb-2021-499`). */
export function findGazettes(text: string): Identifier[] {
  const out: Identifier[] = [];
  const re = GAZETTE_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    if (gluedBefore(text, start)) continue;
    const [whole, name = '', year = '', number = ''] = m;
    const courant = name === 'Stcrt' || name === 'Staatscourant';
    const prefix = courant ? 'stcrt' : 'stb';
    out.push({
      type: courant ? 'staatscourant' : 'staatsblad',
      text: whole,
      normalized: `${prefix}-${year}-${number}`,
      span: { start, end: start + whole.length },
      parts: { year, number },
    });
  }
  return out;
}

/** Match an officielebekendmakingen id at `at` (sticky); `null` when none starts there. */
function obIdAt(text: string, at: number): RegExpExecArray | null {
  // `xkst-1`, `a-kst-1`: part of another token.
  if (at > 0) {
    const c = text.charCodeAt(at - 1);
    if (c === 45 || isAsciiAlnumCode(c)) return null;
  }
  OB_ID_RE.lastIndex = at;
  return OB_ID_RE.exec(text);
}

/** Bare officielebekendmakingen ids (`kst-35112-3`, `stcrt-2024-30890`, `blg-906820`), also inside URLs. */
export function findOfficialPublicationIds(text: string): Identifier[] {
  const out: Identifier[] = [];
  const scan = OB_SCAN_RE;
  scan.lastIndex = 0;
  let hit: RegExpExecArray | null;
  while ((hit = scan.exec(text)) !== null) {
    const run = letterRunStart(text, hit.index + 1);
    // `h-tk-…` and `ah-ek-…` have a hyphen inside the prefix.
    const outer = run > 1 && text.charCodeAt(run - 1) === 45 ? letterRunStart(text, run - 1) : -1;
    const m = (outer >= 0 && outer < run - 1 ? obIdAt(text, outer) : null) ?? obIdAt(text, run);
    if (m === null) continue;
    const start = m.index;
    const whole = m[0];
    const end = start + whole.length;
    scan.lastIndex = end > hit.index ? end : hit.index + 1;
    if (end < text.length && isAsciiAlnumCode(text.charCodeAt(end))) continue;
    if (!isOfficialPublicationId(whole)) continue;
    out.push({
      type: 'officiele-bekendmaking',
      text: whole,
      normalized: whole,
      span: { start, end },
      parts: { collection: m[1] ?? '' },
    });
  }
  return out;
}

/** Kamerstukken, gazette citations and bare officielebekendmakingen ids, in order of appearance. */
export function findParliamentary(text: string): Identifier[] {
  const all = [...findKamerstukken(text), ...findGazettes(text), ...findOfficialPublicationIds(text)];
  return all.sort((a, b) => a.span.start - b.span.start);
}
