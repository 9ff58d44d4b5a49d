/**
 * ECLI — European Case Law Identifier: `ECLI:<country>:<court>:<year>:<ordinal>`.
 *
 * Structure per the Council conclusions (OJ C 127, 2011): country 2 letters (EU for
 * EU courts), court code 1–7 characters starting with a letter, year 4 digits,
 * ordinal at most 25 letters, digits and dots. Decision letters cite case law
 * sloppily, so, like KOOP's LinkeXtractor, we accept any case, spaces around the
 * colons (`ECLI : NL:HR:2010:392`), a space for the first colon
 * (`ECLI NL:RVS:2013:528`), a dot between court and year (`ECLI:NL:RVS.2010:BM1041`)
 * and a missing country (`ECLI:RVS:2010:BO1165`, completed as NL). All are
 * repaired in `normalized`.
 */
import type { Identifier } from '@lakmoes/schema';
import { gluedBefore, trailingDots } from './shared.js';

/** The four parts of an ECLI, upper-case. */
export interface EcliParts {
  /** ISO country code, or `EU`. */
  country: string;
  /** Court code, e.g. `RVS`, `HR`, `RBDHA`. */
  court: string;
  /** Year of the decision, 4 digits. */
  year: string;
  /** Ordinal, unique per court and year (old LJN numbers such as `BM1041` included). */
  number: string;
}

/** Longest ordinal the standard allows. */
export const ECLI_MAX_ORDINAL = 25;

// One pass; every quantifier between parts is bounded, so no backtracking blow-up.
// Groups: 1 country (optional), 2 court, 3 year, 4 ordinal (trailing dots trimmed later).
const ECLI_RE =
  /ECLI(?:\s{0,3}:\s{0,3}|\s{1,3})(?:([A-Za-z]{2})\s{0,3}:\s{0,3})?([A-Za-z][A-Za-z0-9]{0,6})\s{0,3}[:.]\s{0,3}(\d{4})\s{0,3}:\s{0,3}([A-Za-z0-9][A-Za-z0-9.]*)/gi;

const ECLI_EXACT_RE = /^ECLI:([A-Z]{2}):([A-Z][A-Z0-9]{0,6}):(\d{4}):([A-Z0-9.]{1,25})$/;

/** Canonical text of an ECLI: upper-case, colon-separated, no spaces. */
export function formatEcli(parts: EcliParts): string {
  return `ECLI:${parts.country}:${parts.court}:${parts.year}:${parts.number}`.toUpperCase();
}

/** Parse a canonical ECLI (any case); `undefined` when it does not follow the standard. */
export function parseEcli(text: string): EcliParts | undefined {
  const m = ECLI_EXACT_RE.exec(text.trim().toUpperCase());
  if (m === null) return undefined;
  const [, country = '', court = '', year = '', number = ''] = m;
  if (number.endsWith('.') || number.startsWith('.')) return undefined;
  return { country, court, year, number };
}

/** All ECLIs in a text, in order of appearance. */
export function findEclis(text: string): Identifier[] {
  const out: Identifier[] = [];
  const re = ECLI_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    if (gluedBefore(text, start)) continue;
    const [whole, countryRaw, courtRaw = '', year = '', ordinalRaw = ''] = m;
    const dots = trailingDots(ordinalRaw);
    const ordinal = ordinalRaw.slice(0, ordinalRaw.length - dots);
    // Longer than the standard allows: not an ECLI (or glued to other text).
    if (ordinal.length > ECLI_MAX_ORDINAL) continue;
    const court = courtRaw.toUpperCase();
    // `ECLI:NL:2010:5` has no court; do not read the country as one.
    if (countryRaw === undefined && (court === 'NL' || court === 'EU')) continue;
    const parts: EcliParts = {
      country: countryRaw === undefined ? 'NL' : countryRaw.toUpperCase(),
      court,
      year,
      number: ordinal.toUpperCase(),
    };
    const end = start + whole.length - dots;
    const record: Record<string, string> = { ...parts };
    if (countryRaw === undefined) record.inferred = 'country';
    out.push({
      type: 'ecli',
      text: text.slice(start, end),
      normalized: formatEcli(parts),
      span: { start, end },
      parts: record,
    });
  }
  return out;
}
