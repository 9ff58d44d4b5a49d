/**
 * Identifiers a Woo/Wob decision cites or carries: ECLI, ADI-style ids, BWB ids and
 * Juriconnect references, Kamerstukken and gazettes, kenmerken, zaaknummers and
 * dates. Each family has its own module with a few precompiled regexes, each run
 * once over the text; this module merges their findings.
 */
import type { Identifier, IdentifierType } from '@lakmoes/schema';
import { findAdis } from './adi.js';
import { findBwbAndJci } from './bwb.js';
import { findDates } from './dates.js';
import { findEclis } from './ecli.js';
import { findKenmerken } from './kenmerk.js';
import { findGazettes, findKamerstukken, findOfficialPublicationIds } from './parliamentary.js';

export { ADI_GRAMMAR_VERSION, formatAdi, kenmerkToOrdinal, mintAdi, parseAdi } from './adi.js';
export type { AdiErrorCode, AdiMintInput, AdiMintResult, AdiParts } from './adi.js';
export { formatEcli, parseEcli } from './ecli.js';
export type { EcliParts } from './ecli.js';
export { formatJci, isBwbId, parseJciParams } from './bwb.js';
export type { JciParts } from './bwb.js';
export { isOfficialPublicationId, kamerstukId, normalizeParliamentaryYear } from './parliamentary.js';
export type { KamerstukParts } from './parliamentary.js';
export { KENMERK_LABELS, isKenmerkValue, kindOfLabel, normalizeKenmerk } from './kenmerk.js';
export type { KenmerkKind, KenmerkLabel } from './kenmerk.js';
export { DATE_LABELS, DUTCH_MONTHS, formatIsoDate, isValidDate, slashOrder } from './dates.js';
export type { CalendarDate, DateFormat, SlashOrder } from './dates.js';

/**
 * When two findings start at the same offset and are equally long, the more
 * specific wins: a labelled kenmerk over a date-shaped value, a citation over a bare id.
 */
const PRIORITY: Readonly<Record<IdentifierType, number>> = {
  ecli: 0,
  adi: 1,
  jci: 2,
  kamerstuk: 3,
  staatscourant: 4,
  staatsblad: 5,
  'officiele-bekendmaking': 6,
  bwb: 7,
  zaaknummer: 8,
  kenmerk: 9,
  date: 10,
};

function compareFindings(a: Identifier, b: Identifier): number {
  return (
    a.span.start - b.span.start ||
    b.span.end - a.span.end ||
    PRIORITY[a.type] - PRIORITY[b.type]
  );
}

/**
 * Keep the first of overlapping findings after sorting (earliest start, then longest,
 * then most specific): a BWB id or a `z=` date inside a JCI is not reported again.
 * Sorts `found` in place.
 */
export function resolveOverlaps(found: Identifier[]): Identifier[] {
  found.sort(compareFindings);
  const out: Identifier[] = [];
  let lastEnd = -1;
  for (const f of found) {
    if (f.span.start < lastEnd) continue;
    out.push(f);
    lastEnd = f.span.end;
  }
  return out;
}

/** The finders, one regex pass each. */
const FINDERS: ReadonlyArray<(text: string) => Identifier[]> = [
  findEclis,
  findAdis,
  findBwbAndJci,
  findKamerstukken,
  findGazettes,
  findOfficialPublicationIds,
  findKenmerken,
  findDates,
];

/** All identifiers in a text, sorted by start offset, without overlapping duplicates. */
export function findIdentifiers(text: string): Identifier[] {
  const found: Identifier[] = [];
  for (const finder of FINDERS) {
    const hits = finder(text);
    for (let i = 0; i < hits.length; i++) found.push(hits[i]!);
  }
  return resolveOverlaps(found);
}

export {
  findAdis,
  findBwbAndJci,
  findDates,
  findEclis,
  findGazettes,
  findKamerstukken,
  findKenmerken,
  findOfficialPublicationIds,
};
