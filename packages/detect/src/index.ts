/**
 * @lakmoes/detect — pure text detectors for Dutch Woo/Wob decisions: exception-ground
 * citations (numbered and by description) and decision identifiers.
 * Imports no Node built-in: it runs in the browser too.
 */
import type { DetectResult, GroundCitation } from '@lakmoes/schema';
import { descriptionCitations, phraseHits, type PhraseHit } from './descriptions.js';
import { documentRegime, lawQuoteStart, numberedCitations, scanNumbered, type NumberedScan, type TextContext } from './grounds.js';
import { findIdentifiers } from './identifiers/index.js';
import { sentenceLookup } from './sentences.js';

/** How a text is to be read. */
export interface DetectOptions {
  /**
   * `prose` (default): running text of a letter or document. `label`: the text of a
   * redaction label (the box print). `inventory`: a grounds cell or row of an inventory list.
   * In `label` and `inventory`, bare codes (`5.2`, `11.1`), known OCR corruptions
   * (`5.1.2¢`, `51.2e`) and markers (`dubbel`, `reeds openbaar`) count.
   */
  source?: 'prose' | 'label' | 'inventory';
  /** The regime of the document when known; used where a citation does not name its law. */
  law?: 'woo' | 'wob';
  /** Find identifiers too (default true). */
  identifiers?: boolean;
  /** Find grounds named only by their words (default true). */
  descriptions?: boolean;
}

/** Exception-ground citations in a text, sorted by offset. */
export function detectGrounds(text: string, options: DetectOptions = {}): GroundCitation[] {
  return detectGroundsByLaw(text, [options.law], options)[0]!;
}

/**
 * `detectGrounds` of one text under several regimes at once: the k-th result is
 * `detectGrounds(text, { ...options, law: laws[k] })`. What does not depend on the regime
 * (chains, compact codes, phrases, sentence ends) is found once; laws that come to the same
 * regime (`undefined`: the one the text names, see `documentRegime`) share one result array.
 */
export function detectGroundsByLaw(text: string, laws: ReadonlyArray<'woo' | 'wob' | undefined>, options: Omit<DetectOptions, 'law'> = {}): GroundCitation[][] {
  const mode = options.source ?? 'prose';
  const lawQuoteFrom = mode === 'prose' ? lawQuoteStart(text) : Infinity;
  let scan: NumberedScan | undefined;
  let hits: PhraseHit[] | undefined;
  let named: 'woo' | 'wob' | null | undefined;
  const byRegime = new Map<'woo' | 'wob' | null, GroundCitation[]>();
  return laws.map((law) => {
    const regime = law ?? (named === undefined ? (named = documentRegime(text)) : named);
    const known = byRegime.get(regime);
    if (known) return known;
    const ctx: TextContext = { text, mode, regime, lawQuoteFrom, sentence: sentenceLookup(text) };
    const numbered = numberedCitations(ctx, (scan ??= scanNumbered(ctx)));
    const described = options.descriptions === false ? [] : descriptionCitations(ctx, numbered, (hits ??= phraseHits(text)));
    const all = numbered.concat(described);
    all.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : 1));
    byRegime.set(regime, all);
    return all;
  });
}

/** Grounds and identifiers in one text. */
export function detect(text: string, options: DetectOptions = {}): DetectResult {
  return {
    grounds: detectGrounds(text, options),
    identifiers: options.identifiers === false ? [] : findIdentifiers(text),
  };
}

export { findIdentifiers };
export {
  ADI_GRAMMAR_VERSION, formatAdi, kenmerkToOrdinal, mintAdi, parseAdi,
  formatEcli, parseEcli, formatJci, isBwbId, parseJciParams,
  isOfficialPublicationId, kamerstukId, normalizeParliamentaryYear,
  KENMERK_LABELS, isKenmerkValue, normalizeKenmerk, DATE_LABELS, DUTCH_MONTHS, formatIsoDate, isValidDate,
} from './identifiers/index.js';
export type { AdiMintInput, AdiMintResult, AdiParts, EcliParts, JciParts, KamerstukParts } from './identifiers/index.js';
export { annotate, type AnnotateOptions } from './annotate.js';
export { CATALOGUE, SPECIAL_REGIMES, fromVwsKey, groundEntry, isGroundCode, toVwsKey, wooSuccessors } from './catalogue.js';
export type { GroundEntry, GroundKind, SpecialRegime } from './catalogue.js';
export { sentenceAround, splitSentences, SentenceIndex } from './sentences.js';
export { documentRegime } from './grounds.js';

// Decision letters, dossier streams and inventory lists.
export * from './decision/index.js';
export * from './inventory/index.js';
