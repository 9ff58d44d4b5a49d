/**
 * Readers for the record fields the examples aggregate on: issuing body, year, how much
 * was withheld, the grounds applied, their motivation passages and the decision's duration
 * against the legal term. Browser-safe (no Node built-ins): the dashboard uses it too.
 *
 * The `decision` object (body, dates, outcome; see the decision-analysis issue) is newer than
 * the rest of the record, so it is read defensively: every field is checked before use, and
 * body and year fall back to the PDF metadata (author, creation date) when it is absent.
 */
import type { DocumentRecord, GroundCitation } from '@lakmoes/schema';

/** The decision fields the examples use, normalised; null where the record does not say. */
export interface DecisionFields {
  /** Issuing body (bestuursorgaan), e.g. "Ministerie van Volksgezondheid, Welzijn en Sport". */
  body: string | null;
  law: 'woo' | 'wob' | null;
  kenmerk: string | null;
  /** Date of the request (verzoek), `YYYY-MM-DD`. */
  requestDate: string | null;
  /** Date the request was received (ontvangst), `YYYY-MM-DD`: the legal term runs from here. */
  receiptDate: string | null;
  /** Date of the decision (besluit), `YYYY-MM-DD`. */
  decisionDate: string | null;
  /** The term was extended (verdaagd). */
  extended: boolean;
  /** openbaar, deels openbaar, niet openbaar, reeds openbaar, niets aangetroffen, ... (lower case, spaces). */
  outcome: string | null;
}

/** How much of a document was withheld: in full, in part, nothing, or unknown (an error record). */
export type Withholding = 'full' | 'part' | 'none' | 'unknown';

/** Where a body or year was read from. */
export type FieldSource = 'decision' | 'metadata' | 'none';

/** A passage that motivates a ground (the sentence around its citation). */
export interface MotivationPassage {
  code: string;
  text: string;
  page: number | null;
  source: string;
}

/** Legal decision terms in days: Woo art. 4.4 (4 weeks, + 2 on extension), Wob art. 6 (4 weeks, + 4). */
export const LEGAL_TERM = {
  woo: { days: 28, extension: 14 },
  wob: { days: 28, extension: 28 },
} as const;

/** Text that stands for "no body known" in tables. */
export const UNKNOWN_BODY = '(onbekend)';

/** A share of documents counts as withheld in full from this share of redacted text area up. */
export const FULL_SHARE = 0.9;

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim().replace(/\s+/g, ' ') : null);

/** `YYYY-MM-DD` from an ISO date or date-time string; null for anything else. */
export function isoDay(v: unknown): string | null {
  const s = str(v);
  const m = s ? /^(\d{4}-\d{2}-\d{2})/.exec(s) : null;
  return m ? m[1]! : null;
}

/** A body given as a string or as an object with a name. */
function bodyName(v: unknown): string | null {
  if (isObject(v)) return str(v.name) ?? str(v.label) ?? str(v.normalized) ?? str(v.text);
  return str(v);
}

/** The record's `decision` object, normalised, or null when it has none. */
export function decisionOf(record: DocumentRecord): DecisionFields | null {
  const d = (record as unknown as Loose).decision;
  if (!isObject(d)) return null;
  const law = d.law === 'woo' || d.law === 'wob' ? d.law : null;
  const dates = isObject(d.dates) ? d.dates : {};
  const pick = (key: string): string | null => isoDay(d[key]) ?? isoDay(dates[key.replace(/Date$/, '')]) ?? isoDay(dates[key]);
  const extensionDate = pick('extensionDate');
  const outcome = str(isObject(d.outcome) ? d.outcome.value ?? d.outcome.code : d.outcome);
  return {
    body: bodyName(d.body),
    law,
    kenmerk: str(d.kenmerk),
    requestDate: pick('requestDate'),
    receiptDate: pick('receiptDate'),
    decisionDate: pick('decisionDate'),
    extended: d.extended === true || extensionDate !== null,
    outcome: outcome ? outcome.toLowerCase().replace(/[-_]+/g, ' ') : null,
  };
}

/** Issuing body: the decision's, else the PDF author, else {@link UNKNOWN_BODY}. */
export function bodyOf(record: DocumentRecord): { body: string; from: FieldSource } {
  const fromDecision = decisionOf(record)?.body;
  if (fromDecision) return { body: fromDecision, from: 'decision' };
  const author = str(record.metadata?.author);
  if (author) return { body: author, from: 'metadata' };
  return { body: UNKNOWN_BODY, from: 'none' };
}

/** Year of the decision, else of the PDF's creation date; null when neither is known. */
export function yearOf(record: DocumentRecord): { year: number | null; from: FieldSource } {
  const decided = decisionOf(record)?.decisionDate;
  if (decided) return { year: Number(decided.slice(0, 4)), from: 'decision' };
  const created = isoDay(record.metadata?.creationDate);
  if (created) return { year: Number(created.slice(0, 4)), from: 'metadata' };
  return { year: null, from: 'none' };
}

/**
 * How much was withheld: from the decision's outcome when it has one, else from the
 * redactions (none: no boxes; full: boxes cover ≥ {@link FULL_SHARE} of the text area).
 */
export function withholdingOf(record: DocumentRecord): Withholding {
  if (record.status !== 'ok') return 'unknown';
  const outcome = decisionOf(record)?.outcome;
  if (outcome) {
    if (/^(geheel )?niet openbaar|^geweigerd/.test(outcome)) return 'full';
    if (/deels|gedeeltelijk/.test(outcome)) return 'part';
    if (/openbaar|niets aangetroffen|ontvankelijk|buiten/.test(outcome)) return 'none';
  }
  const stats = record.stats;
  if (!stats || stats.redactionCount === 0) return 'none';
  return stats.redactedTextShare >= FULL_SHARE ? 'full' : 'part';
}

/** Citations that apply a ground: one specific ground (not an article-level mention), not a marker, not a quote of the law. */
export function isAppliedGround(g: GroundCitation): boolean {
  return g.specific && !g.lawQuote && !g.code.startsWith('marker:');
}

/** Citations of grounds applied in the record (all sources: prose, labels, inventory, descriptions). */
export function appliedGrounds(record: DocumentRecord): GroundCitation[] {
  return (record.grounds ?? []).filter(isAppliedGround);
}

/**
 * Motivation passages per ground: the sentence around each prose or description citation
 * (labels and inventory cells carry no motivation), once per ground and text, plus the
 * passages the decision object lists for its grounds when it has them.
 */
export function motivationsOf(record: DocumentRecord): MotivationPassage[] {
  const out: MotivationPassage[] = [];
  const seen = new Set<string>();
  const add = (p: MotivationPassage): void => {
    const key = `${p.code}\u0000${p.text}`;
    if (!p.text || seen.has(key)) return;
    seen.add(key);
    out.push(p);
  };
  for (const g of appliedGrounds(record)) {
    if (g.source !== 'prose' && g.source !== 'description') continue;
    add({ code: g.code, text: g.context.text.replace(/\s+/g, ' ').trim(), page: g.page ?? null, source: g.source });
  }
  const d = (record as unknown as Loose).decision;
  const grounds = isObject(d) && Array.isArray(d.grounds) ? d.grounds : [];
  for (const g of grounds) {
    if (!isObject(g) || typeof g.code !== 'string') continue;
    const passages = Array.isArray(g.passages) ? g.passages : Array.isArray(g.motivation) ? g.motivation : [];
    for (const p of passages) {
      const text = str(isObject(p) ? p.text : p);
      const page = isObject(p) && typeof p.page === 'number' ? p.page : null;
      if (text) add({ code: g.code, text, page, source: 'decision' });
    }
  }
  return out;
}

/** Whole days from one `YYYY-MM-DD` to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The law a record falls under: the decision's, else the law cited most, else by date (Woo since 2022-05-01). */
export function lawOf(record: DocumentRecord): 'woo' | 'wob' {
  const d = decisionOf(record);
  if (d?.law) return d.law;
  let woo = 0, wob = 0;
  for (const g of appliedGrounds(record)) {
    if (g.law === 'woo') woo++;
    else if (g.law === 'wob') wob++;
  }
  if (woo !== wob) return woo > wob ? 'woo' : 'wob';
  const day = d?.decisionDate ?? isoDay(record.metadata?.creationDate);
  return day && day < '2022-05-01' ? 'wob' : 'woo';
}

/** How long a decision took against its legal term. */
export interface DecisionDuration {
  law: 'woo' | 'wob';
  /** The date the term runs from (receipt, else request), `YYYY-MM-DD`. */
  from: string;
  decisionDate: string;
  days: number;
  /** The term without extension, and the term that applied (with extension when extended). */
  termDays: number;
  allowedDays: number;
  extended: boolean;
  late: boolean;
}

/** Duration of the decision, or null when the record lacks the decision or request date. */
export function durationOf(record: DocumentRecord): DecisionDuration | null {
  const d = decisionOf(record);
  const from = d?.receiptDate ?? d?.requestDate;
  if (!d || !from || !d.decisionDate) return null;
  const days = daysBetween(from, d.decisionDate);
  if (!Number.isFinite(days) || days < 0) return null;
  const law = lawOf(record);
  const term = LEGAL_TERM[law];
  const allowedDays = term.days + (d.extended ? term.extension : 0);
  return { law, from, decisionDate: d.decisionDate, days, termDays: term.days, allowedDays, extended: d.extended, late: days > allowedDays };
}

/** The file name of a path (either separator). */
export function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}
