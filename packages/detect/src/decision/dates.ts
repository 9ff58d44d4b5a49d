/**
 * The dates of a decision letter: when the request was made and received, when the
 * term was extended, and when the decision was taken.
 *
 * One pass of the shared date finder ({@link findDates}) plus a few forms letters print
 * that it does not read (a ministry's date stamp OCR'd with spaced digits, `2 9 MEI
 * 2019`; a month glued to the year, `4 december2020`; a year left out, `6 augustus
 * jl.`). Each date is then classified by the words around it in its sentence: the
 * letter head's `Datum` label, "uw brief van …", "ontvangen op …", "verdaagd …".
 */
import type { Identifier } from '@lakmoes/schema';
import { findDates } from '../identifiers/dates.js';
import { DUTCH_MONTHS, formatIsoDate, isValidDate } from '../identifiers/dates.js';

/** A date found in a letter, normalised. */
export interface LetterDate {
  iso: string;
  start: number;
  end: number;
  text: string;
  /** The label printed before it (`Datum`, `d.d.`), from the shared finder. */
  label?: string;
  /** Read by a letter-specific form (spaced stamp, glued year, `jl.`). */
  loose?: boolean;
}

const MONTH_NAMES = Object.keys(DUTCH_MONTHS).sort((a, b) => b.length - a.length).join('|');

// A date stamp with OCR'd spaced digits right after `Datum`: "Datum: 2 9 MEI 2019", "2 5 SEP. 2019".
const STAMP_RE = new RegExp(String.raw`Datum[ \t]{0,3}:?[ \t]{0,20}(\d)[ ](\d)[ \t]{1,3}(${MONTH_NAMES})\.?[ \t]{1,3}(\d{4})(?!\d)`, 'gi');
// A month glued to its year: "4 december2020".
const GLUED_RE = new RegExp(String.raw`(?<![\w])(\d{1,2})[ \t]{1,3}(${MONTH_NAMES})(\d{4})(?!\d)`, 'gi');
// A date without year, "jl." (of this year) after it: "Op 6 augustus jl. hebben wij".
const JL_RE = new RegExp(String.raw`(?<![\w])(\d{1,2})[ \t]{1,3}(${MONTH_NAMES})\.?[ \t]{1,3}(?:jl|j\.l)\.`, 'gi');

function monthOf(name: string): number | undefined {
  return DUTCH_MONTHS[name.toLowerCase()];
}

function toLetterDate(found: Identifier): LetterDate {
  const d: LetterDate = { iso: found.normalized, start: found.span.start, end: found.span.end, text: found.text };
  if (found.label !== undefined) d.label = found.label;
  return d;
}

/**
 * All dates of a text, the shared finder's and the letter-specific forms, in order.
 * `referenceDate` (ISO) dates a `jl.` date: the latest such day on or before it.
 */
export function findLetterDates(text: string, referenceDate?: string | null): LetterDate[] {
  const out = findDates(text).map(toLetterDate);
  const extra: LetterDate[] = [];
  for (const m of text.matchAll(STAMP_RE)) {
    const month = monthOf(m[3] ?? '');
    const day = Number(`${m[1]}${m[2]}`);
    const year = Number(m[4]);
    if (month === undefined || !isValidDate(year, month, day)) continue;
    const start = m.index + m[0].indexOf(m[1] ?? '', 5);
    extra.push({ iso: formatIsoDate({ year, month, day }), start, end: m.index + m[0].length, text: text.slice(start, m.index + m[0].length), label: 'Datum', loose: true });
  }
  for (const m of text.matchAll(GLUED_RE)) {
    const month = monthOf(m[2] ?? '');
    const day = Number(m[1]);
    const year = Number(m[3]);
    if (month === undefined || !isValidDate(year, month, day)) continue;
    extra.push({ iso: formatIsoDate({ year, month, day }), start: m.index, end: m.index + m[0].length, text: m[0], loose: true });
  }
  if (referenceDate) {
    const refYear = Number(referenceDate.slice(0, 4));
    for (const m of text.matchAll(JL_RE)) {
      const month = monthOf(m[2] ?? '');
      const day = Number(m[1]);
      if (month === undefined) continue;
      let year = refYear;
      let iso = isValidDate(year, month, day) ? formatIsoDate({ year, month, day }) : '';
      if (iso > referenceDate) {
        year -= 1;
        iso = isValidDate(year, month, day) ? formatIsoDate({ year, month, day }) : '';
      }
      if (!iso) continue;
      extra.push({ iso, start: m.index, end: m.index + m[0].length, text: m[0], loose: true });
    }
  }
  if (extra.length === 0) return out;
  // A loose form wins over a shared-finder date inside it ("2 9 MEI 2019" over "9 MEI 2019").
  const kept = out.filter((d) => !extra.some((e) => e.start <= d.start && d.end <= e.end));
  return kept.concat(extra).sort((a, b) => a.start - b.start);
}

/** Labels that name the decision's own date in a letter head. */
const DECISION_LABELS = new Set(['datum', 'datum besluit', 'datum verzending', 'verzenddatum', 'datum ondertekening']);

/** Start of the line holding `index`. */
function lineStart(text: string, index: number): number {
  const i = text.lastIndexOf('\n', index - 1);
  return i < 0 ? 0 : i + 1;
}

// "Datum: Uitsluitend verstuurd per mail op 14 december 2020": the label, then words, on the same line.
const DATUM_LINE_RE = /(?:^|\n)[ \t]*Datum\b[ \t]*:?[^\n]{0,60}$/;
// "Amsterdam, 4 augustus 2020" / "'s-Gravenhage, 12 maart 2021": a place-date line.
const PLACE_BEFORE_RE = /(?:^|\n)[ \t]*(?:'s[- ])?[A-Z][A-Za-z'’.-]+(?:[ -][A-Za-z'’.-]+){0,3},?[ \t]+(?:de[ \t]+)?$/;
/** Words that make a "Datum" line a table header or mail field, not a letter head. */
const NOT_LETTERHEAD = /\b(?:verzonden|sent|van|from|aan|to)\s*:/i;

/**
 * The decision date: a date under the letter head's `Datum` label (or on its line),
 * else the date of a place-date line ("Den Haag, 3 mei 2022"). Only the head of the
 * letter is searched (`headEnd`), so dates of the body are never taken.
 */
export function decisionDateOf(text: string, dates: LetterDate[], headEnd: number): LetterDate | null {
  for (const d of dates) {
    if (d.start >= headEnd) break;
    if (d.label && DECISION_LABELS.has(d.label.toLowerCase().replace(/\s+/g, ' '))) return d;
  }
  for (const d of dates) {
    if (d.start >= headEnd) break;
    const before = text.slice(lineStart(text, d.start), d.start);
    if (DATUM_LINE_RE.test(before) && !NOT_LETTERHEAD.test(before)) return d;
  }
  for (const d of dates) {
    if (d.start >= headEnd) break;
    const ls = lineStart(text, d.start);
    const before = text.slice(ls, d.start);
    let le = text.indexOf('\n', d.end);
    if (le < 0) le = text.length;
    const after = text.slice(d.end, le);
    if (PLACE_BEFORE_RE.test(before) && /^[ \t.]*$/.test(after) && !/^\s*(?:Datum|Op|In|Bij|Per|Van|Tot)\b/.test(before)) return d;
  }
  return null;
}

/** A date with what it stands for in the letter. */
export interface ClassifiedDate extends LetterDate {
  kind: 'request' | 'receipt' | 'extension' | 'extended-until';
}

// What stands right before a request date.
const MEDIUM = String.raw`(?:aangetekende\s+|eerste\s+|tweede\s+)?(?:brief|e-?mail(?:bericht)?|mail(?:bericht)?|bericht|fax(?:bericht)?|schrijven|webformulier|formulier|contactformulier|(?:Wob|Woo|WOB|WOO|wob|woo)[- ]?verzoek(?:en)?|verzoek(?:en)?|informatieverzoek|aanvraag|(?:herhaald\s+)?verzoek)`;
const REQUEST_BEFORE: readonly RegExp[] = [
  // "In uw brief van", "uw Wob-verzoek d.d.", "uw e-mail, gedateerd op", "Uw brief (kenmerk)\n"
  new RegExp(String.raw`\b[Uu]w\s+${MEDIUM}\s*(?:\([^)\n]{0,20}\)\s*)?,?\s*(?:van|d\.\s?d\.|gedateerd(?:\s+op)?|verzonden\s+op|ingediend\s+op)?\s*:?\s*$`),
  // "Bij brief van … heeft u", "Per e-mail van"  (checked for a following "u" below)
  new RegExp(String.raw`(?:^|[.;:]\s+|\n\s*)(?:Bij|Per|Met|In|Via)\s+(?:een\s+)?${MEDIUM}\s+(?:van|d\.\s?d\.|gedateerd(?:\s+op)?)\s*$`),
  // "Beslissing op uw verzoek in het kader van Wet openbaarheid bestuur van 29 september 2020"
  /\bverzoek\b[^.\n]{0,70}\b(?:Wet\s+openbaarheid\s+(?:van\s+)?bestuur|Wet\s+open\s+overheid|Wob|Woo)\s+(?:van|d\.\s?d\.)\s*$/,
  // "verzoek om informatie van 3 mei 2022"
  /\bverzoek\s+om\s+informatie\s+(?:van|d\.\s?d\.)\s*$/,
];
/** Sentence words that make a date the acknowledgement, a reminder or a procedural step, not the request. */
const NOT_REQUEST = /bevestig|verdaag|verdaging|verleng|opgeschort|opschort|ingebreke|in\s+gebreke|niet\s+tijdig|zienswijze|herinner|rappel|aangevuld|gepreciseerd|specificatie|toegezonden|verzonden\s+aan\s+u|beroep\s+ingesteld|uitgebreid|aanvullend/i;
const RECEIPT_BEFORE: readonly RegExp[] = [
  /\b(?:ontvangen|binnengekomen|ingekomen)\s*(?:op|d\.\s?d\.)?\s*$/i,
  /\b(?:ontvangst|ontvangstdatum)\s*(?:op|d\.\s?d\.|van)?\s*:?\s*$/i,
];
/** "Op <date> ontvingen wij …", "Op <date> hebben wij … ontvangen", "Op <date> heeft u … verzocht". */
const OP_BEFORE = /(?:^|[.;:]\s+|\n\s*)(?:Op|op|Sinds)\s*$/;

const EXTENSION_WORDS = /verdaag|verdaging|verleng|uitgesteld|uitstel/i;
const UNTIL_BEFORE = /\b(?:tot\s+en\s+met|t\/m|tot|uiterlijk|naar)\s*$/i;

/** The sentence (bounded by `.`, `;` or a blank line) around `[start, end)`. */
function sentenceBounds(text: string, start: number, end: number): [number, number] {
  let s = start;
  while (s > 0 && start - s < 400) {
    const c = text[s - 1];
    if ((c === '.' || c === '?' || c === '!') && /\s/.test(text[s] ?? ' ') && !/\b(?:d\.d|jl|nr|art|o\.a|i\.v\.m|t\.a\.v|dhr|mevr|mr|e\.d|ca|bijv)$/i.test(text.slice(Math.max(0, s - 8), s - 1))) break;
    if (c === '\n' && text[s - 2] === '\n') break;
    s--;
  }
  let e = end;
  while (e < text.length && e - end < 400) {
    const c = text[e];
    if ((c === '.' || c === '?' || c === '!') && /\s/.test(text[e + 1] ?? ' ') && !/\b(?:d\.d|jl|nr|art|o\.a|i\.v\.m|t\.a\.v|dhr|mevr|mr|e\.d|ca|bijv)$/i.test(text.slice(Math.max(0, e - 7), e))) break;
    if (c === '\n' && text[e + 1] === '\n') break;
    e++;
  }
  return [s, e];
}

/** Classify the dates of the letter body (before `bodyEnd`) by the words around them. */
export function classifyDates(text: string, dates: LetterDate[], bodyEnd: number): ClassifiedDate[] {
  const out: ClassifiedDate[] = [];
  for (const d of dates) {
    if (d.start >= bodyEnd) break;
    const [ss, se] = sentenceBounds(text, d.start, d.end);
    const before = text.slice(Math.max(ss, d.start - 120), d.start);
    const sentence = text.slice(ss, se);
    const afterInSentence = text.slice(d.end, se);
    const kind = classifyOne(before, sentence, afterInSentence);
    if (kind) out.push({ ...d, kind });
  }
  return out;
}

function classifyOne(before: string, sentence: string, after: string): ClassifiedDate['kind'] | null {
  if (EXTENSION_WORDS.test(sentence) && /termijn|beslis|besluit|verzoek|datum/i.test(sentence)) {
    if (UNTIL_BEFORE.test(before)) return 'extended-until';
    if (/(?:^|\s)(?:op|van|per|d\.d\.|bij\s+(?:brief|e-?mail)\s+van)\s*$/i.test(before) || /^\s*(?:is|heb|hebben|heeft|werd)\b/i.test(after)) return 'extension';
  }
  if (RECEIPT_BEFORE.some((re) => re.test(before)) && !/bevestig|ontvangstbevestiging/i.test(before.slice(-40))) return 'receipt';
  if (REQUEST_BEFORE[0]!.test(before) || REQUEST_BEFORE[2]!.test(before) || REQUEST_BEFORE[3]!.test(before)) {
    if (!NOT_REQUEST.test(before.slice(-60)) && !/bevestig|ontvangstbevestiging/i.test(sentence.slice(0, Math.max(0, sentence.length - after.length)))) return 'request';
  }
  if (REQUEST_BEFORE[1]!.test(before)) {
    if (!NOT_REQUEST.test(sentence) && /\b(?:heeft|hebt|heb|verzoekt|vraagt|deed|deden|diende|dienden)\s+u\b|\bu\b[^.]{0,80}\b(?:verzocht|gevraagd|ingediend|verzoek)/i.test(after)) return 'request';
  }
  if (OP_BEFORE.test(before)) {
    const clause = after.split(/[,;]/)[0] ?? '';
    if (/\bontv(?:ingen|angen)\b|\bbinnengekomen\b/i.test(clause) && !/bevestig/i.test(sentence)) return 'receipt';
    if (!NOT_REQUEST.test(sentence) && /\b(?:verzoek|verzocht|verzoekt|vraagt|gevraagd|Wob|Woo|informatie)\b/i.test(after) &&
      /^\s*(?:(?:heeft|hebt|is|heb|hebben|deed|diende)\b[^.]{0,80}\b(?:u|uw)\b|(?:heeft|is)\s+(?:het|de)\b[^.]{0,80}\buw\s+verzoek)/i.test(after)) return 'request';
  }
  // "uw verzoek ... van <date>" further back in the same clause: "uw Wob-verzoek (ons kenmerk …) van"
  return null;
}

/** Whole days from `from` to `to` (ISO dates). */
export function daysBetween(from: string, to: string): number {
  const a = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const b = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)));
  return Math.round((b - a) / 86_400_000);
}
