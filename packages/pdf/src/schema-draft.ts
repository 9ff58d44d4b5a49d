/**
 * The record schemas of the PDF layer (`RedactionBox`, `RedactionKind`,
 * `PageKind`, `RedactionStats`). They were drafted here and now live in
 * `@lakmoes/schema`; this module re-exports them so that nothing is defined twice.
 */
export { PageKind, RedactionBox, RedactionKind, RedactionStats } from '@lakmoes/schema';
