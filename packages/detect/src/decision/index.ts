/**
 * Decision analysis: what was asked, what was decided, on which grounds and why
 * (letters), and where the documents of a dossier stream begin and end.
 */
export { analyzeDecision, LEGAL_TERM, WOO_IN_FORCE } from './analyze.js';
export { MINISTRIES, TOOI_MUNICIPALITIES, TOOI_PROVINCES, bodySlug, findIssuingBody, ministryNamed } from './bodies.js';
export type { MinistryEntry } from './bodies.js';
export { classifyDates, daysBetween, decisionDateOf, findLetterDates } from './dates.js';
export type { ClassifiedDate, LetterDate } from './dates.js';
export { combineStatements, readDocumentCount, readOutcome, sentenceStatement } from './outcome.js';
export type { OutcomeReading } from './outcome.js';
export { documentRole, inventoryPageIndices, pageCounter, pageFeatures, roleOf, splitDossier } from './pages.js';
export type { DossierRange, PageFeatures } from './pages.js';
export { headingKind, letterSections } from './sections.js';
export type { LetterSection, SectionKind } from './sections.js';
export type * from './types.js';
