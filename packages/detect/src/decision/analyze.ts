/**
 * `analyzeDecision()`: one decision letter (text, and its pages when known) → a
 * {@link DecisionInfo}: role, issuing body, law, kenmerk, subject, dates, outcome,
 * document count, days taken against the legal term, the grounds applied with their
 * motivation passages, and an ADI-style identifier (found, or minted).
 */
import type { GroundCitation } from '@lakmoes/schema';
import { detectGrounds } from '../index.js';
import { documentRegime } from '../grounds.js';
import { isGroundCode, groundEntry } from '../catalogue.js';
import { findAdis, formatAdi, kenmerkToOrdinal, mintAdi, ADI_MAX_ORDINAL } from '../identifiers/adi.js';
import { findKenmerken } from '../identifiers/kenmerk.js';
import { bodySlug, findIssuingBody } from './bodies.js';
import { classifyDates, daysBetween, decisionDateOf, findLetterDates, type ClassifiedDate } from './dates.js';
import { readDocumentCount, readOutcome } from './outcome.js';
import { documentRole, featuresOf, inventoryPageIndices } from './pages.js';
import { letterSections } from './sections.js';
import type { AnalyzeDecisionOptions, DecisionAdi, DecisionGround, DecisionInfo, MotivationPassage } from './types.js';

/** The Woo applies to decisions taken from this day (no transitional law: reference.md §7c.1). */
export const WOO_IN_FORCE = '2022-05-01';

/** Decision term in days (Woo 4.4 lid 1, Wob 6 lid 1), and the extension each law allows. */
export const LEGAL_TERM = { base: 28, extension: { woo: 14, wob: 28 } } as const;

/** Juriconnect references of the articles a decision on a request rests on. */
const LEGAL_BASIS = { woo: 'jci1.3:c:BWBR0045754&artikel=4.1', wob: 'jci1.3:c:BWBR0005252&artikel=3' } as const;

/** Where each page starts in the analysed text. */
interface Layout {
  text: string;
  pageStarts: number[];
}

function layoutOf(text: string, pages: string[] | undefined): Layout {
  if (!pages || pages.length === 0) return { text, pageStarts: [0] };
  const starts: number[] = [];
  let from = 0;
  let ok = true;
  for (const p of pages) {
    const at = p.length === 0 ? from : text.indexOf(p, from);
    if (at < 0) {
      ok = false;
      break;
    }
    starts.push(at);
    from = at + p.length;
  }
  if (ok) return { text, pageStarts: starts };
  // The text is not the pages' concatenation: analyse the pages joined by blank lines.
  const joined: number[] = [];
  let pos = 0;
  for (const p of pages) {
    joined.push(pos);
    pos += p.length + 2;
  }
  return { text: pages.join('\n\n'), pageStarts: joined };
}

function pageAt(layout: Layout, offset: number): number {
  let lo = 0;
  let hi = layout.pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (layout.pageStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const LAW_TEXT_RE = /(?:^|\n)\s*Artikel\s+\d+(?:\.\d+)?[a-z]?\s*\n\s*(?:1\.|\(1\)|In\s+deze\s+wet|Het\s+verstrekken|Een\s+ieder|Het\s+bestuursorgaan)/;

/** End of the letter proper: the first annex page quoting the law or holding the inventory. */
function letterEnd(layout: Layout, pages: string[] | undefined, inventory: number[]): number {
  const { text, pageStarts } = layout;
  if (pages && pages.length > 1) {
    const features = featuresOf(pages);
    for (let i = 1; i < pages.length; i++) {
      const f = features[i]!;
      if (f.lawText || inventory.includes(i)) {
        // the law may start mid-page: cut at its first article heading
        if (f.lawText) {
          const m = LAW_TEXT_RE.exec(pages[i]!);
          const relevant = /(?:^|\n)[^\n]{0,40}(?:relevante\s+(?:wets|wob-|woo-)?artikelen|wettekst|artikelen\s+uit\s+de\s+(?:wob|woo|wet))[^\n]*/i.exec(pages[i]!);
          const cut = Math.min(m ? m.index : Infinity, relevant ? relevant.index : Infinity);
          return pageStarts[i]! + (Number.isFinite(cut) ? cut : 0);
        }
        return pageStarts[i]!;
      }
    }
    return text.length;
  }
  const m = LAW_TEXT_RE.exec(text.slice(1500));
  return m ? 1500 + m.index : text.length;
}

/** "het gevraagde document niet aangetroffen", "geen documenten aangetroffen". */
const NOTHING_FOUND = /(?:niet|geen\s+(?:\w+\s+){0,3}(?:documenten|document|stukken))\s+(?:zijn\s+|is\s+)?(?:\w+\s+){0,2}(?:aangetroffen|gevonden)|(?:document|documenten|stukken)\s+(?:\w+\s+){0,3}niet\s+(?:zijn\s+)?aangetroffen/i;

/** Labels that introduce the letter's own reference (not the requester's). */
const OWN_KENMERK = /^(?:ons\s+kenmerk|kenmerk|onze\s+referentie|referentie|referentienummer|zaaknummer|ons\s+zaaknummer|zaak|documentnummer|dossiernummer)$/i;

function readKenmerk(head: string): string | null {
  for (const k of findKenmerken(head)) if (k.label && OWN_KENMERK.test(k.label.replace(/\s+/g, ' '))) return k.normalized;
  return null;
}

const SUBJECT_RE = /(?:^|\n)[ \t]*(?:Betreft|Onderwerp)[ \t]*:?[ \t]+([^\n]{3,200})(?:\n[ \t]*([^\n]{3,120}))?/;

function readSubject(head: string): string | null {
  const m = SUBJECT_RE.exec(head);
  if (!m) return null;
  let s = (m[1] ?? '').trim();
  const next = (m[2] ?? '').trim();
  // a subject wrapped over two lines ends its first line with a linking word
  if (next && /\b(?:inzake|de|het|van|over|en|op|tot|met|betreffende|aangaande|voor|om|uw|in|aan|-)$/i.test(s) && !/^(?:Geachte|Datum|Ons|Uw|Kenmerk|Bijlage)/.test(next)) s = `${s} ${next}`;
  return s.replace(/\s+/g, ' ').replace(/\s*(?:10\.2\.e|5\.1\.2e)\s*$/i, '').trim() || null;
}

function firstOf(dates: ClassifiedDate[], kind: ClassifiedDate['kind'], before: string | null): ClassifiedDate | null {
  for (const d of dates) if (d.kind === kind && (before === null || d.iso <= before)) return d;
  return null;
}

/** Grounds applied in the letter body, merged per code with their motivation passages. */
function decisionGrounds(layout: Layout, bodyEnd: number, law: 'woo' | 'wob' | null): DecisionGround[] {
  const body = layout.text.slice(0, bodyEnd);
  const found = detectGrounds(body, { identifiers: false, ...(law ? { law } : {}) });
  const byCode = new Map<string, GroundCitation[]>();
  for (const g of found) {
    if (!g.specific || g.lawQuote || !isGroundCode(g.code)) continue;
    const list = byCode.get(g.code) ?? [];
    list.push(g);
    byCode.set(g.code, list);
  }
  const out: DecisionGround[] = [];
  for (const [code, cites] of byCode) {
    const spans = cites.map((c) => c.context.span).sort((a, b) => a.start - b.start);
    const merged: Array<{ start: number; end: number }> = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
      else merged.push({ start: s.start, end: s.end });
    }
    const passages: MotivationPassage[] = merged.map((s) => {
      const p: MotivationPassage = { text: body.slice(s.start, s.end), span: s };
      if (layout.pageStarts.length > 1) p.page = pageAt(layout, s.start);
      return p;
    });
    out.push({ code, short: groundEntry(code)?.short ?? null, citations: cites.length, passages });
  }
  return out;
}

function readAdi(text: string, body: DecisionInfo['body'], decisionDate: string | null, kenmerk: string | null, subject: string | null, law: 'woo' | 'wob' | null): DecisionAdi | null {
  const legalBasis = LEGAL_BASIS[law ?? 'woo'];
  const base = { type: 'besluit op Woo-verzoek' as const, date: decisionDate, subject, legalBasis };
  const printed = findAdis(text)[0];
  if (printed) {
    const parts = printed.parts ?? {};
    return { id: printed.normalized, minted: false, issuer: parts.issuer ?? '', year: Number(parts.year), ...base };
  }
  if (!decisionDate || !kenmerk || !body) return null;
  const year = Number(decisionDate.slice(0, 4));
  if (body.tooi) {
    const minted = mintAdi({ issuer: body.tooi, year, kenmerk });
    return minted.ok ? { id: minted.id, minted: true, issuer: body.tooi, year, ...base } : null;
  }
  // No TOOI code: the same shape with a slug for the issuer (not valid ADI grammar, marked by the slug's hyphens).
  const number = kenmerkToOrdinal(kenmerk);
  if (!number || number.length > ADI_MAX_ORDINAL) return null;
  const issuer = bodySlug(body.name);
  return { id: formatAdi({ country: 'NL', issuer, year: String(year), number }), minted: true, issuer, year, ...base };
}

/** Read a decision letter. */
export function analyzeDecision(text: string, options: AnalyzeDecisionOptions = {}): DecisionInfo {
  const layout = layoutOf(text, options.pages);
  const t = layout.text;
  const pages = options.pages && options.pages.length > 0 ? options.pages : undefined;
  const inventoryIdx = pages ? inventoryPageIndices(pages) : [];
  const bodyEnd = letterEnd(layout, pages, inventoryIdx);
  // The head: the first two pages (the date and kenmerk repeat in the margin of page 2).
  const headEnd = pages ? (layout.pageStarts[2] ?? t.length) : Math.min(t.length, 5000);
  const head = t.slice(0, Math.min(headEnd, Math.max(bodyEnd, layout.pageStarts[1] ?? t.length)));

  let dates = findLetterDates(t);
  const decision = decisionDateOf(t, dates, Math.min(headEnd, Math.max(bodyEnd, 1)));
  const decisionDate = decision?.iso ?? null;
  if (decisionDate && /\bj\.?l\./.test(t)) dates = findLetterDates(t, decisionDate);
  const classified = classifyDates(t, dates, bodyEnd);
  const request = firstOf(classified, 'request', decisionDate);
  const receipt = firstOf(classified, 'receipt', decisionDate);
  const extension = firstOf(classified, 'extension', decisionDate);
  const bodyText = t.slice(0, bodyEnd);
  const extended = extension !== null || /(?:beslis)?termijn[^.]{0,120}(?:verdaagd|verlengd|opgeschoven)|verdaag|verdaging|verleng(?:d|en|ing)\s+(?:van\s+)?de\s+(?:beslis)?termijn/i.test(bodyText);
  const suspended = /(?:termijn|beslistermijn)[^.]{0,80}opgeschort|opschorting\s+van\s+de\s+(?:beslis)?termijn|opgeschort[^.]{0,80}zienswijze/i.test(bodyText);

  const law: 'woo' | 'wob' | null = decisionDate ? (decisionDate >= WOO_IN_FORCE ? 'woo' : 'wob') : documentRegime(bodyText);
  const kenmerk = readKenmerk(head);
  const subject = readSubject(head);
  const sections = letterSections(t, bodyEnd);
  const outcome = readOutcome(t, sections.filter((s) => s.kind === 'besluit').map((s) => [s.bodyStart, s.end] as [number, number]), bodyEnd);
  const documentCount = readDocumentCount(t, bodyEnd);
  const grounds = decisionGrounds(layout, bodyEnd, law);
  // A bare refusal in a letter that found nothing and cites no ground: nothing was found.
  let outcomeValue = outcome?.outcome ?? null;
  if (outcomeValue === 'niet-openbaar' && grounds.length === 0 && NOTHING_FOUND.test(bodyText)) outcomeValue = 'niets-aangetroffen';

  const requestDate = request?.iso ?? receipt?.iso ?? null;
  const from = receipt?.iso ?? request?.iso ?? null;
  const daysTaken = decisionDate && from ? daysBetween(from, decisionDate) : null;
  const legalTermDays = law ? LEGAL_TERM.base + (extended ? LEGAL_TERM.extension[law] : 0) : null;
  let late: boolean | null = null;
  if (daysTaken !== null && legalTermDays !== null) {
    if (daysTaken <= legalTermDays) late = false;
    else late = suspended ? null : true;
  }
  const body = findIssuingBody(t.slice(0, Math.min(headEnd, Math.max(bodyEnd, layout.pageStarts[1] ?? 0))), bodyText);
  const { role, confidence } = documentRole(t, pages);
  return {
    role,
    roleConfidence: confidence,
    body,
    law,
    kenmerk,
    subject,
    requestDate,
    requestDateFrom: request ? 'request' : receipt ? 'receipt' : null,
    receiptDate: receipt?.iso ?? null,
    decisionDate,
    extensionDate: extension?.iso ?? null,
    extended,
    suspended,
    outcome: outcomeValue,
    outcomeText: outcome?.text ?? null,
    documentCount,
    daysTaken,
    legalTermDays,
    late,
    grounds,
    adi: readAdi(t, body, decisionDate, kenmerk, subject, law),
    inventoryPages: inventoryIdx.map((i) => i + 1),
  };
}
