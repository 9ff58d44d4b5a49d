/**
 * Dutch dates, normalised to ISO `YYYY-MM-DD`.
 *
 * Accepted: `12 maart 2024`, `1e mei 2022`, `12 mrt. 2024`, `12 sept 2021`,
 * `12-03-2024`, `12-3-2024`, `12.03.2024`, `12/03/2024`, `2024-03-12`. Numeric
 * dates are read day first, as Dutch writes them. Slash dates are the exception
 * in exports from English mail clients (`Thur 1/28/2021 7:41:12 AM`, inventories
 * listing `3/22/2020 5:42 PM`): their order is decided once per text, from the
 * dates that fit only one reading and from AM/PM times (see {@link slashOrder}),
 * so `4/6/2020` in such a list is 6 April, not 4 June. Two-digit years (`12-03-24`)
 * are not read: they collide with phone numbers, codes and ranges. Times
 * (`18.00 uur`), versions (`1.2.3`), amounts and page counters do not have the
 * day–month–four-digit-year shape; a date glued to more digits (`1.12.03.2024`,
 * `12-03-2024-001`, `Z2024-03-12`) is part of something else and skipped, but
 * both ends of a range (`1-1-2020/31-12-2020`) are dates.
 */
import type { Identifier } from '@lakmoes/schema';
import { isAsciiAlnumCode, isDigitCode } from './shared.js';

/** The written shape a date was found in. */
export type DateFormat = 'text' | 'numeric' | 'iso';

/** A calendar date. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Earliest and latest years accepted: wider than any Woo record, narrower than random numbers. */
export const DATE_YEAR_MIN = 1800;
export const DATE_YEAR_MAX = 2199;

/** Month names and abbreviations as written in Dutch letters, with their month number. */
export const DUTCH_MONTHS: Readonly<Record<string, number>> = {
  januari: 1, jan: 1,
  februari: 2, febr: 2, feb: 2,
  maart: 3, mrt: 3, mar: 3,
  april: 4, apr: 4,
  mei: 5,
  juni: 6, jun: 6,
  juli: 7, jul: 7,
  augustus: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  oktober: 10, okt: 10, oct: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};

/** Labels that name the date they precede (same line, or the line above in a letter-head column). */
export const DATE_LABELS: readonly string[] = [
  'Datum besluit',
  'Datum verzending',
  'Datum ondertekening',
  'Verzenddatum',
  'Verzonden',
  'Datum',
  'd.d.',
];

// One pass, case-sensitive (a case-insensitive flag measured 2× slower): the day,
// then either a written month or a numeric month; or an ISO date. A written month
// is any word of 3–9 letters, looked up in DUTCH_MONTHS in any case; after it a dot
// (abbreviation) or whitespace, so `maartje` is no month.
// Groups: 1 day; written 2 month, 3 year; numeric 4 separator, 5 month, 6 year; ISO 7 year, 8 month, 9 day.
const DATE_RE =
  /(\d{1,2})(?:(?:ste|de|e)?\s{1,3}([A-Za-z]{3,9})(?:\.\s{0,3}|\s{1,3})(\d{4})|([-./])(\d{1,2})\4(\d{4}))|(\d{4})-(\d{2})-(\d{2})/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Weekday names, which mail headers put between label and date ("Verzonden: donderdag 28 januari 2021"). */
export const DUTCH_WEEKDAYS: readonly string[] = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];

// Anchored at the end of the text before a date: label, spaces, optional colon, at
// most one line break, an optional weekday.
const LABEL_BEFORE_RE = new RegExp(
  String.raw`(?:^|[^A-Za-z])(` +
    DATE_LABELS.map((l) => l.split(' ').map(escapeRegExp).join(String.raw`[ \t]{1,3}`)).join('|') +
    String.raw`)[ \t]{0,20}(?::[ \t]{0,20})?(?:\r?\n[ \t]{0,40})?(?:(?:${DUTCH_WEEKDAYS.join('|')}),?[ \t]{1,3})?$`,
  'i',
);
const LABEL_LOOKBACK = 80;
/** Last characters (lower-case) of labels and weekdays: most dates follow none, and skip the label regex. */
const LABEL_LAST_CHARS = new Set(
  [...DATE_LABELS, ...DUTCH_WEEKDAYS].map((l) => l.toLowerCase().charCodeAt(l.length - 1)),
);

/** True for a real calendar day (leap years included). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (year < DATE_YEAR_MIN || year > DATE_YEAR_MAX || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/** `YYYY-MM-DD`. */
export function formatIsoDate(date: CalendarDate): string {
  const mm = date.month < 10 ? `0${date.month}` : String(date.month);
  const dd = date.day < 10 ? `0${date.day}` : String(date.day);
  return `${date.year}-${mm}-${dd}`;
}

/** Month number of a Dutch month name or abbreviation (`mrt`, `sept`), any case; `undefined` if unknown. */
export function dutchMonth(name: string): number | undefined {
  return DUTCH_MONTHS[name.toLowerCase()];
}

/**
 * Is the date glued to a longer token on the left? Letters and digits glue
 * (`Z2024-03-12`); so does the date's own separator after a digit (`1.12.03.2024`).
 * Another separator does not: `1-1-2020/31-12-2020` is a range of two dates.
 * `sep` is the separator's char code, or -1 for a written-out date.
 */
function gluedLeft(text: string, start: number, sep: number): boolean {
  if (start === 0) return false;
  const c = text.charCodeAt(start - 1);
  if (isAsciiAlnumCode(c)) return true;
  return c === sep && start > 1 && isDigitCode(text.charCodeAt(start - 2));
}

/** The same on the right (`12-03-2024-001`); ISO `T10:00` may follow. */
function gluedRight(text: string, end: number, sep: number): boolean {
  if (end >= text.length) return false;
  const c = text.charCodeAt(end);
  if (c === 84 && end + 1 < text.length && isDigitCode(text.charCodeAt(end + 1))) return false;
  if (isAsciiAlnumCode(c)) return true;
  return c === sep && end + 1 < text.length && isDigitCode(text.charCodeAt(end + 1));
}

/** The label printed right before `start`, if any. */
export function dateLabelBefore(text: string, start: number): string | undefined {
  // Skip back over what may separate label and date; the label's last character must come next.
  let i = start;
  let newlines = 0;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10) {
      if (++newlines > 1) return undefined;
    } else if (c !== 32 && c !== 9 && c !== 13 && c !== 58 && c !== 44) break;
    i--;
  }
  if (i === 0) return undefined;
  const last = text.charCodeAt(i - 1);
  if (!LABEL_LAST_CHARS.has(last >= 65 && last <= 90 ? last + 32 : last)) return undefined;
  const from = start > LABEL_LOOKBACK ? start - LABEL_LOOKBACK : 0;
  const m = LABEL_BEFORE_RE.exec(text.slice(from, start));
  return m === null ? undefined : m[1];
}

/** How slash dates (`4/6/2020`) in one text are read. */
export type SlashOrder = 'day-first' | 'month-first' | 'mixed';

// A time with AM/PM right after a slash date marks an English (month-first) writer.
const AM_PM_RE = /[ \t]{1,3}\d{1,2}:\d{2}(?::\d{2})?[ \t]?[AaPp]\.?[Mm]\b/y;

/** A date-shaped match before its reading is fixed. */
interface DateCandidate {
  start: number;
  end: number;
  text: string;
  label: string | undefined;
  format: DateFormat;
  /** Day-first reading for text, numeric and ISO forms. */
  date: CalendarDate;
  /** Slash dates: read later, once the text's order is known. */
  slash: boolean;
}

/**
 * Decide how the slash dates of one text are read. Dutch writes day first; a text
 * whose slash dates only make sense month first (`3/22/2020`), or carry AM/PM
 * times, came from an English mail client or export and is read month first
 * throughout. When both kinds of evidence occur, only unambiguous dates are kept.
 */
export function slashOrder(evidence: { dayFirstOnly: number; monthFirstOnly: number }): SlashOrder {
  if (evidence.monthFirstOnly === 0) return 'day-first';
  return evidence.dayFirstOnly === 0 ? 'month-first' : 'mixed';
}

/** All valid dates in a text, in order of appearance. */
export function findDates(text: string): Identifier[] {
  const candidates: DateCandidate[] = [];
  let dayFirstOnly = 0;
  let monthFirstOnly = 0;
  const re = DATE_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const whole = m[0];
    const end = start + whole.length;
    const sep = m[4] !== undefined ? m[4].charCodeAt(0) : m[7] !== undefined ? 45 : -1;
    let date: CalendarDate | undefined;
    let format: DateFormat = 'numeric';
    let slash = false;
    if (!gluedLeft(text, start, sep) && !gluedRight(text, end, sep)) {
      if (m[3] !== undefined) {
        const month = dutchMonth(m[2] ?? '');
        if (month !== undefined) date = { year: Number(m[3]), month, day: Number(m[1]) };
        format = 'text';
      } else if (m[6] !== undefined) {
        date = { year: Number(m[6]), month: Number(m[5]), day: Number(m[1]) };
        if (sep === 47) {
          slash = true;
          const first = date.day;
          const second = date.month;
          if (first > 12 && second <= 12) dayFirstOnly++;
          else if (second > 12 && first <= 12) monthFirstOnly++;
          else {
            AM_PM_RE.lastIndex = end;
            if (AM_PM_RE.test(text)) monthFirstOnly++;
          }
        }
      } else {
        date = { year: Number(m[7]), month: Number(m[8]), day: Number(m[9]) };
        format = 'iso';
      }
    }
    if (date === undefined || (!slash && !isValidDate(date.year, date.month, date.day))) {
      // Not a date: look again one character on, so a date inside the rejected
      // match ("Bijlage 3 tot 2024-03-12") is still found.
      re.lastIndex = start + 1;
      continue;
    }
    candidates.push({ start, end, text: whole, label: dateLabelBefore(text, start), format, date, slash });
  }
  const order = slashOrder({ dayFirstOnly, monthFirstOnly });
  const out: Identifier[] = [];
  for (const c of candidates) {
    let date = c.date;
    const parts: Record<string, string> = {};
    if (c.slash) {
      const first = date.day;
      const second = date.month;
      const monthFirst: CalendarDate = { year: date.year, month: first, day: second };
      if (order === 'month-first') date = monthFirst;
      else if (order === 'mixed') {
        // Keep a date only when one reading alone is valid.
        if (first <= 12 && second <= 12) continue;
        if (second > 12) date = monthFirst;
      }
      if (!isValidDate(date.year, date.month, date.day)) continue;
      parts.order = date === monthFirst ? 'month-first' : 'day-first';
    }
    const normalized = formatIsoDate(date);
    parts.year = normalized.slice(0, 4);
    parts.month = normalized.slice(5, 7);
    parts.day = normalized.slice(8, 10);
    parts.format = c.format;
    const found: Identifier = { type: 'date', text: c.text, normalized, span: { start: c.start, end: c.end }, parts };
    if (c.label !== undefined) found.label = c.label;
    out.push(found);
  }
  return out;
}
