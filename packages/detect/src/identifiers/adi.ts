/**
 * ADI — Administrative Decision Identifier, for *beschikkingen* (individual
 * administrative decisions).
 *
 * The standard is being drafted (Tilburg University with KOOP; concept due
 * 2026-07-01) and no syntax is public yet. Until it is, lakmoes reads and mints an
 * ECLI-shaped *ADI-style* identifier, `ADI:<country>:<issuer>:<year>:<ordinal>`,
 * where the issuer is a TOOI organisation code (`gm0363` Amsterdam, `mnre1025`
 * VWS, `pv27` Noord-Holland, `ws0664`, `oorg10004`). The whole grammar lives in
 * this module, versioned by {@link ADI_GRAMMAR_VERSION}, so it can follow the
 * standard when it is published without touching other code.
 */
import type { Identifier } from '@lakmoes/schema';
import { gluedBefore, trailingDots } from './shared.js';

/**
 * Version of the ADI grammar implemented here. `0.x` = lakmoes' provisional
 * ECLI-shaped proposal; bump when the published standard is adopted.
 */
export const ADI_GRAMMAR_VERSION = '0.1.0-ecli-shaped';

/** Longest ordinal, as for ECLI. */
export const ADI_MAX_ORDINAL = 25;

/** The parts of an ADI-style identifier. */
export interface AdiParts {
  /** ISO country code, upper-case (`NL`). */
  country: string;
  /** TOOI organisation code, lower-case (`gm0363`, `mnre1025`, `pv27`). */
  issuer: string;
  /** Year of the decision, 4 digits. */
  year: string;
  /** Ordinal: letters, digits and dots, at most 25, upper-case. */
  number: string;
}

/** What {@link mintAdi} needs: who decided, when, and the decision's kenmerk. */
export interface AdiMintInput {
  /** TOOI organisation code of the issuer. */
  issuer: string;
  /** Year of the decision. */
  year: number | string;
  /** The kenmerk (reference) printed on the decision, e.g. `WOB/2021/222`. */
  kenmerk: string;
  /** Country code; `NL` by default. */
  country?: string;
}

/** Why an ADI could not be minted. */
export type AdiErrorCode = 'ADI_INVALID_ISSUER' | 'ADI_INVALID_YEAR' | 'ADI_EMPTY_ORDINAL' | 'ADI_ORDINAL_TOO_LONG' | 'ADI_INVALID_COUNTRY';

/** Result of {@link mintAdi}: errors are values with codes, never throws. */
export type AdiMintResult =
  | { ok: true; id: string; parts: AdiParts }
  | { ok: false; code: AdiErrorCode; message: string };

/** TOOI organisation codes: a lower-case type prefix and a number (`gm0363`, `oorg10004`, `col01`). */
const ISSUER_RE = /^[a-z]{2,5}\d{1,6}$/;
const COUNTRY_RE = /^[A-Z]{2}$/;
const YEAR_RE = /^\d{4}$/;
const ORDINAL_RE = /^[A-Z0-9](?:[A-Z0-9.]{0,23}[A-Z0-9])?$/;

// Groups: 1 country, 2 issuer, 3 year, 4 ordinal. Bounded separators, one pass.
const ADI_RE =
  /ADI\s{0,3}:\s{0,3}([A-Za-z]{2})\s{0,3}:\s{0,3}([A-Za-z]{2,5}\d{1,6})\s{0,3}:\s{0,3}(\d{4})\s{0,3}:\s{0,3}([A-Za-z0-9][A-Za-z0-9.]*)/gi;

/** Canonical text: `ADI:NL:gm0363:2024:WOO.2024.17`. */
export function formatAdi(parts: AdiParts): string {
  return `ADI:${parts.country.toUpperCase()}:${parts.issuer.toLowerCase()}:${parts.year}:${parts.number.toUpperCase()}`;
}

/** Parse an ADI-style identifier (any case, spaces after colons allowed); `undefined` if it does not fit the grammar. */
export function parseAdi(text: string): AdiParts | undefined {
  const pieces = text.trim().split(':');
  if (pieces.length !== 5) return undefined;
  const [prefix = '', country = '', issuer = '', year = '', number = ''] = pieces.map((p) => p.trim());
  const parts: AdiParts = {
    country: country.toUpperCase(),
    issuer: issuer.toLowerCase(),
    year,
    number: number.toUpperCase(),
  };
  if (prefix.toUpperCase() !== 'ADI' || !isValidAdiParts(parts)) return undefined;
  return parts;
}

/** True when every part fits the grammar (after case normalisation). */
export function isValidAdiParts(parts: AdiParts): boolean {
  return (
    COUNTRY_RE.test(parts.country) &&
    ISSUER_RE.test(parts.issuer) &&
    YEAR_RE.test(parts.year) &&
    ORDINAL_RE.test(parts.number)
  );
}

/**
 * Map a kenmerk to an ordinal: every character outside `[A-Za-z0-9]` becomes a dot,
 * runs of dots collapse, leading and trailing dots go, letters upper-case
 * (`WOB/2021/222` → `WOB.2021.222`, `DGA-DAD / 20276159` → `DGA.DAD.20276159`).
 */
export function kenmerkToOrdinal(kenmerk: string): string {
  return kenmerk
    .replace(/[^A-Za-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '')
    .toUpperCase();
}

/** Build an ADI-style identifier from issuer, year and kenmerk. */
export function mintAdi(input: AdiMintInput): AdiMintResult {
  const country = (input.country ?? 'NL').trim().toUpperCase();
  if (!COUNTRY_RE.test(country)) {
    return { ok: false, code: 'ADI_INVALID_COUNTRY', message: `not a two-letter country code: ${input.country ?? ''}` };
  }
  const issuer = input.issuer.trim().toLowerCase();
  if (!ISSUER_RE.test(issuer)) {
    return { ok: false, code: 'ADI_INVALID_ISSUER', message: `not a TOOI organisation code: ${input.issuer}` };
  }
  const year = String(input.year).trim();
  if (!YEAR_RE.test(year)) {
    return { ok: false, code: 'ADI_INVALID_YEAR', message: `not a four-digit year: ${year}` };
  }
  const number = kenmerkToOrdinal(input.kenmerk);
  if (number === '') {
    return { ok: false, code: 'ADI_EMPTY_ORDINAL', message: 'the kenmerk has no letters or digits' };
  }
  if (number.length > ADI_MAX_ORDINAL) {
    return {
      ok: false,
      code: 'ADI_ORDINAL_TOO_LONG',
      message: `ordinal ${number} has ${number.length} characters; at most ${ADI_MAX_ORDINAL} allowed`,
    };
  }
  const parts: AdiParts = { country, issuer, year, number };
  return { ok: true, id: formatAdi(parts), parts };
}

/** All ADI-style identifiers in a text, in order of appearance. */
export function findAdis(text: string): Identifier[] {
  const out: Identifier[] = [];
  const re = ADI_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    if (gluedBefore(text, start)) continue;
    const [whole, country = '', issuer = '', year = '', ordinalRaw = ''] = m;
    const dots = trailingDots(ordinalRaw);
    const parts: AdiParts = {
      country: country.toUpperCase(),
      issuer: issuer.toLowerCase(),
      year,
      number: ordinalRaw.slice(0, ordinalRaw.length - dots).toUpperCase(),
    };
    if (!isValidAdiParts(parts)) continue;
    const end = start + whole.length - dots;
    out.push({
      type: 'adi',
      text: text.slice(start, end),
      normalized: formatAdi(parts),
      span: { start, end },
      parts: { ...parts, grammar: ADI_GRAMMAR_VERSION },
    });
  }
  return out;
}
