/**
 * Records in, chart data out: parsing JSON / NDJSON from `lakmoes extract`, and the
 * aggregates the dashboard draws. Pure functions, no DOM.
 */
import { groundEntry } from '@lakmoes/detect';
import type { DocumentRecord } from '@lakmoes/schema';
import { appliedGrounds, baseName, bodyOf, durationOf, withholdingOf, type DecisionDuration, type Withholding } from '@lakmoes/example-researcher/fields';

export interface ParsedRecords {
  records: DocumentRecord[];
  /** lines or items that were not lakmoes records */
  skipped: number;
}

const isRecord = (v: unknown): v is DocumentRecord =>
  typeof v === 'object' && v !== null && typeof (v as DocumentRecord).schemaVersion === 'string' && typeof (v as DocumentRecord).source === 'object';

/** Records from the text of a JSON file (one record or an array of them) or an NDJSON file. */
export function parseRecords(text: string): ParsedRecords {
  const trimmed = text.trim();
  let items: unknown[] = [];
  let skipped = 0;
  if (trimmed.startsWith('[')) items = JSON.parse(trimmed) as unknown[];
  else {
    for (const line of trimmed.split(/\r?\n/)) {
      if (!line.trim()) continue;
      try {
        items.push(JSON.parse(line));
      } catch {
        // a pretty-printed single record spans many lines: try the whole text once
        if (items.length === 0) {
          try {
            items = [JSON.parse(trimmed)];
            break;
          } catch {
            /* fall through */
          }
        }
        skipped++;
      }
    }
  }
  const records = items.filter(isRecord);
  return { records, skipped: skipped + items.length - records.length };
}

export interface GroundBar {
  code: string;
  short: string;
  label: string;
  documents: number;
  citations: number;
  boxes: number;
}

export type GroundMeasure = 'documents' | 'citations' | 'boxes';

/** Grounds applied across the records (specific grounds, no quotes of the law, no markers), most documents first. */
export function groundFrequencies(records: readonly DocumentRecord[]): GroundBar[] {
  const bars = new Map<string, GroundBar>();
  for (const r of records) {
    const seen = new Set<string>();
    for (const g of appliedGrounds(r)) {
      let bar = bars.get(g.code);
      if (!bar) {
        const entry = groundEntry(g.code);
        bar = { code: g.code, short: entry?.short ?? g.short ?? g.code, label: entry?.labelNl ?? '', documents: 0, citations: 0, boxes: 0 };
        bars.set(g.code, bar);
      }
      bar.citations++;
      if (!seen.has(g.code)) {
        seen.add(g.code);
        bar.documents++;
        bar.boxes += r.stats?.groundCounts[g.code] ?? 0;
      }
    }
  }
  return [...bars.values()].sort((a, b) => b.documents - a.documents || b.citations - a.citations || a.code.localeCompare(b.code));
}

export interface DocumentShare {
  index: number;
  name: string;
  body: string;
  pages: number;
  redactions: number;
  /** redacted share of the text area, 0–1 */
  share: number;
  withheld: Withholding;
}

/** Redacted share of each readable document, largest first. */
export function documentShares(records: readonly DocumentRecord[]): DocumentShare[] {
  return records
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => r.status === 'ok' && r.stats)
    .map(({ r, index }) => ({
      index,
      name: baseName(r.source.path),
      body: bodyOf(r).body,
      pages: r.stats!.pages,
      redactions: r.stats!.redactionCount,
      share: r.stats!.redactedTextShare,
      withheld: withholdingOf(r),
    }))
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
}

export interface BodyShare {
  body: string;
  documents: number;
  full: number;
  part: number;
  none: number;
  /** mean redacted share of the text area over its documents, 0–1 */
  meanShare: number;
}

/** Per issuing body: documents withheld in full, in part, or not at all, and the mean redacted share. */
export function bodyShares(records: readonly DocumentRecord[]): BodyShare[] {
  const bodies = new Map<string, BodyShare & { sum: number }>();
  for (const d of documentShares(records)) {
    const b = bodies.get(d.body) ?? { body: d.body, documents: 0, full: 0, part: 0, none: 0, meanShare: 0, sum: 0 };
    b.documents++;
    b.sum += d.share;
    if (d.withheld === 'full' || d.withheld === 'part' || d.withheld === 'none') b[d.withheld]++;
    bodies.set(d.body, b);
  }
  return [...bodies.values()]
    .map(({ sum, ...b }) => ({ ...b, meanShare: b.documents ? sum / b.documents : 0 }))
    .sort((a, b) => b.documents - a.documents || a.body.localeCompare(b.body));
}

export interface DurationBar extends DecisionDuration {
  index: number;
  name: string;
  body: string;
}

/** Decisions with a request (or receipt) and decision date, longest first. */
export function decisionDurations(records: readonly DocumentRecord[]): DurationBar[] {
  const out: DurationBar[] = [];
  records.forEach((r, index) => {
    const d = durationOf(r);
    if (d) out.push({ ...d, index, name: baseName(r.source.path), body: bodyOf(r).body });
  });
  return out.sort((a, b) => b.days - a.days || a.name.localeCompare(b.name));
}

/** Totals for the summary strip. */
export function totals(records: readonly DocumentRecord[]): { documents: number; errors: number; pages: number; redactions: number; leaks: number } {
  let errors = 0, pages = 0, redactions = 0, leaks = 0;
  for (const r of records) {
    if (r.status !== 'ok') errors++;
    pages += r.pages?.length ?? 0;
    redactions += r.stats?.redactionCount ?? 0;
    leaks += r.stats?.leakCount ?? 0;
  }
  return { documents: records.length, errors, pages, redactions, leaks };
}
