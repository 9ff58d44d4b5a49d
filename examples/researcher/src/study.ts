/**
 * The researcher's aggregates over a set of records, built one record at a time (records
 * are not kept): ground frequencies per body and year, the share of documents withheld in
 * full or in part, and the motivation passages per ground.
 */
import { groundEntry } from '@lakmoes/detect';
import type { DocumentRecord } from '@lakmoes/schema';
import { appliedGrounds, bodyOf, motivationsOf, withholdingOf, yearOf, type Withholding } from './fields.js';

/** How often a ground was applied by one body in one year. */
export interface GroundFrequencyRow {
  body: string;
  year: number | null;
  code: string;
  short: string;
  label: string;
  /** documents citing the ground anywhere */
  documents: number;
  /** citations, all sources (prose, labels, inventory, descriptions) */
  citations: number;
  /** redaction boxes labelled with it */
  boxes: number;
}

/** Documents of one body in one year by how much was withheld. */
export interface WithheldRow {
  body: string;
  year: number | null;
  documents: number;
  full: number;
  part: number;
  none: number;
  /** error records: unknown */
  unknown: number;
  /** (full + part) / documents that could be read; null when none could */
  withheldShare: number | null;
}

/** One motivation passage of a ground in a document. */
export interface MotivationRow {
  code: string;
  short: string;
  label: string;
  body: string;
  year: number | null;
  document: string;
  page: number | null;
  source: string;
  text: string;
}

const ALL = '(alle)';

export function groundLabel(code: string): { short: string; label: string } {
  const entry = groundEntry(code);
  return { short: entry?.short ?? code.replace(/^[a-z]+:/, ''), label: entry?.labelNl ?? '' };
}

const key = (...parts: (string | number | null)[]): string => parts.map((p) => p ?? '').join('\u0000');

export class Study {
  private readonly grounds = new Map<string, GroundFrequencyRow>();
  private readonly withheld = new Map<string, WithheldRow>();
  private readonly total: WithheldRow = { body: ALL, year: null, documents: 0, full: 0, part: 0, none: 0, unknown: 0, withheldShare: null };
  private readonly passages: MotivationRow[] = [];
  records = 0;
  errors = 0;

  add(record: DocumentRecord): void {
    this.records++;
    if (record.status !== 'ok') this.errors++;
    const { body } = bodyOf(record);
    const { year } = yearOf(record);
    const w = withholdingOf(record);
    const row = this.withheld.get(key(body, year)) ?? { body, year, documents: 0, full: 0, part: 0, none: 0, unknown: 0, withheldShare: null };
    this.withheld.set(key(body, year), row);
    for (const r of [row, this.total]) count(r, w);

    const citations = new Map<string, number>();
    for (const g of appliedGrounds(record)) citations.set(g.code, (citations.get(g.code) ?? 0) + 1);
    for (const [code, n] of citations) {
      const k = key(body, year, code);
      const g = this.grounds.get(k) ?? { body, year, code, ...groundLabel(code), documents: 0, citations: 0, boxes: 0 };
      g.documents++;
      g.citations += n;
      g.boxes += record.stats?.groundCounts[code] ?? 0;
      this.grounds.set(k, g);
    }
    for (const m of motivationsOf(record)) {
      this.passages.push({ ...groundLabel(m.code), code: m.code, body, year, document: record.source.path, page: m.page, source: m.source, text: m.text });
    }
  }

  /** Ground frequencies, by body and year, most documents first. */
  groundRows(): GroundFrequencyRow[] {
    return [...this.grounds.values()].sort(
      (a, b) => a.body.localeCompare(b.body) || (a.year ?? 0) - (b.year ?? 0) || b.documents - a.documents || b.citations - a.citations || a.code.localeCompare(b.code),
    );
  }

  /** Withheld shares by body and year; the last row (body `(alle)`) is the total. */
  withheldRows(): WithheldRow[] {
    const rows = [...this.withheld.values()].sort((a, b) => a.body.localeCompare(b.body) || (a.year ?? 0) - (b.year ?? 0));
    return [...rows, this.total].map((r) => ({ ...r, withheldShare: share(r) }));
  }

  /** Motivation passages, by ground code, then document and page. */
  motivationRows(): MotivationRow[] {
    return [...this.passages].sort((a, b) => a.code.localeCompare(b.code) || a.document.localeCompare(b.document) || (a.page ?? 0) - (b.page ?? 0));
  }
}

function count(r: WithheldRow, w: Withholding): void {
  r.documents++;
  r[w]++;
}

function share(r: WithheldRow): number | null {
  const known = r.documents - r.unknown;
  return known > 0 ? Math.round(((r.full + r.part) / known) * 1000) / 1000 : null;
}
