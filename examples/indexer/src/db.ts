/**
 * The DuckDB index: one row per document, page, ground citation, redaction box and
 * identifier, and an inverted index of page words for search. Rows go in through DuckDB
 * appenders (the fast path for bulk loads); a document's own row is written after its
 * children, so a run that dies leaves at most orphan rows, which the next run removes
 * before it resumes.
 */
import { DuckDBInstance, LIST, VARCHAR, listValue, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { DocumentRecord } from '@lakmoes/schema';
import { bodyOf, decisionOf, lawOf, withholdingOf, yearOf } from '@lakmoes/example-researcher/fields';
import { termCounts } from './terms.js';

export const TABLES = ['documents', 'pages', 'grounds', 'redactions', 'identifiers', 'terms'] as const;
export type Table = (typeof TABLES)[number];

/** The tables. Coordinates are PDF points (pixels for page images), origin top-left, as in the records. */
export const DDL = `
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  path VARCHAR NOT NULL,
  sha256 VARCHAR,
  bytes BIGINT,
  media_type VARCHAR,
  status VARCHAR NOT NULL,          -- ok | error
  error_code VARCHAR,               -- NOT_FOUND, PDF_CORRUPT, ... (README)
  title VARCHAR,
  author VARCHAR,
  body VARCHAR,                     -- issuing body: decision.body, else the PDF author
  body_from VARCHAR,                -- decision | metadata | none
  year INTEGER,                     -- decision year, else the PDF creation year
  year_from VARCHAR,
  law VARCHAR,                      -- woo | wob
  outcome VARCHAR,                  -- decision.outcome when present
  request_date DATE,
  decision_date DATE,
  withheld VARCHAR,                 -- full | part | none | unknown
  page_count INTEGER,
  redaction_count INTEGER,
  leak_count INTEGER,
  redacted_text_share DOUBLE,
  ms DOUBLE
);
CREATE TABLE IF NOT EXISTS pages (
  document_id INTEGER NOT NULL,
  page INTEGER NOT NULL,
  width DOUBLE,
  height DOUBLE,
  kind VARCHAR,                     -- native | ocr-layer | image-only | empty
  ocr_confidence DOUBLE,
  redaction_count INTEGER,
  redacted_text_share DOUBLE,
  redacted_page_share DOUBLE,
  text VARCHAR
);
CREATE TABLE IF NOT EXISTS grounds (
  document_id INTEGER NOT NULL,
  page INTEGER,
  code VARCHAR NOT NULL,            -- woo:5.1.2.e, wob:10.2.g, other:awr:67, marker:dubbel
  short VARCHAR,                    -- 5.1.2e
  law VARCHAR,
  specific BOOLEAN,
  law_quote BOOLEAN,
  source VARCHAR,                   -- prose | label | inventory | description
  text VARCHAR,
  context VARCHAR,                  -- the motivating sentence
  confidence DOUBLE,
  x DOUBLE, y DOUBLE, width DOUBLE, height DOUBLE
);
CREATE TABLE IF NOT EXISTS redactions (
  document_id INTEGER NOT NULL,
  page INTEGER NOT NULL,
  kind VARCHAR,                     -- vector | raster | annotation | substitution
  fill VARCHAR,
  label VARCHAR,
  codes VARCHAR[],
  leak BOOLEAN,
  hidden_text VARCHAR,
  x DOUBLE, y DOUBLE, width DOUBLE, height DOUBLE
);
CREATE TABLE IF NOT EXISTS identifiers (
  document_id INTEGER NOT NULL,
  page INTEGER,
  type VARCHAR,                     -- ecli, kenmerk, date, ...
  text VARCHAR,
  normalized VARCHAR,
  label VARCHAR
);
CREATE TABLE IF NOT EXISTS terms (
  term VARCHAR NOT NULL,
  document_id INTEGER NOT NULL,
  page INTEGER NOT NULL,
  count INTEGER NOT NULL
);
`;

export interface Index {
  connection: DuckDBConnection;
  close(): void;
}

/** Open (or create) an index file; `:memory:` for a throw-away one. */
export async function openIndex(file: string): Promise<Index> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  // No network at run time: never fetch an extension behind our back.
  await connection.run('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;');
  await connection.run(DDL);
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Rows of a query as plain JSON-safe objects. */
export async function query<T = Record<string, unknown>>(connection: DuckDBConnection, sql: string, params?: Record<string, DuckDBValue> | DuckDBValue[]): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJson() as T[];
}

const num = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Writes records into an index, resuming where an earlier run stopped. */
export class IndexWriter {
  private appenders = new Map<Table, DuckDBAppender>();
  private nextId = 1;
  private pending = 0;
  /** Paths already indexed (skipped on resume). */
  readonly indexed = new Set<string>();

  private constructor(private readonly connection: DuckDBConnection, private readonly flushEvery: number) {}

  /** A writer on an open index: removes the rows of documents an interrupted run did not finish. */
  static async open(index: Index, options: { flushEvery?: number } = {}): Promise<IndexWriter> {
    const c = index.connection;
    for (const table of TABLES.filter((t) => t !== 'documents')) {
      await c.run(`DELETE FROM ${table} WHERE document_id NOT IN (SELECT id FROM documents)`);
    }
    const w = new IndexWriter(c, options.flushEvery ?? 50);
    const [max] = await query<{ max: number | null }>(c, 'SELECT max(id) AS max FROM documents');
    w.nextId = (max?.max ?? 0) + 1;
    for (const row of await query<{ path: string }>(c, 'SELECT path FROM documents')) w.indexed.add(row.path);
    return w;
  }

  private async appender(table: Table): Promise<DuckDBAppender> {
    let a = this.appenders.get(table);
    if (!a) {
      a = await this.connection.createAppender(table);
      this.appenders.set(table, a);
    }
    return a;
  }

  private async row(table: Table, values: DuckDBValue[]): Promise<void> {
    const a = await this.appender(table);
    for (const v of values) {
      if (v === null || v === undefined) a.appendNull();
      else a.appendValue(v);
    }
    a.endRow();
  }

  /** Add one record; replaces an earlier row of the same path. Returns the document id. */
  async add(record: DocumentRecord): Promise<number> {
    if (this.indexed.has(record.source.path)) await this.remove(record.source.path);
    const id = this.nextId++;
    for (const page of record.pages ?? []) {
      await this.row('pages', [
        id, page.number, page.width, page.height, page.kind, num(page.ocr?.confidence), page.redactions.length,
        page.stats.redactedTextShare, page.stats.redactedPageShare, page.text ?? null,
      ]);
      for (const r of page.redactions) {
        const a = await this.appender('redactions');
        for (const v of [id, r.page, r.kind, r.fill, r.label]) v === null ? a.appendNull() : a.appendValue(v);
        a.appendList(listValue([...new Set(r.grounds.map((g) => g.code))]), LIST(VARCHAR));
        for (const v of [r.leak, r.hiddenText ?? null, r.box.x, r.box.y, r.box.width, r.box.height]) v === null ? a.appendNull() : a.appendValue(v);
        a.endRow();
      }
      if (page.text) for (const [term, count] of termCounts(page.text)) await this.row('terms', [term, id, page.number, count]);
    }
    for (const g of record.grounds ?? []) {
      await this.row('grounds', [
        id, g.page ?? null, g.code, g.short, g.law, g.specific, g.lawQuote === true, g.source, g.text, g.context.text, g.confidence,
        num(g.box?.x), num(g.box?.y), num(g.box?.width), num(g.box?.height),
      ]);
    }
    for (const i of record.identifiers ?? []) await this.row('identifiers', [id, i.page ?? null, i.type, i.text, i.normalized, i.label ?? null]);

    const d = decisionOf(record);
    const body = bodyOf(record);
    const year = yearOf(record);
    const ok = record.status === 'ok';
    await this.row('documents', [
      id, record.source.path, record.source.sha256, record.source.bytes, record.source.mediaType, record.status, record.error?.code ?? null,
      record.metadata?.title ?? null, record.metadata?.author ?? null, body.body, body.from, year.year, year.from,
      ok ? lawOf(record) : null, d?.outcome ?? null, d?.requestDate ?? null, d?.decisionDate ?? null, withholdingOf(record),
      record.pages?.length ?? null, record.stats?.redactionCount ?? null, record.stats?.leakCount ?? null,
      num(record.stats?.redactedTextShare), record.ms,
    ]);
    this.indexed.add(record.source.path);
    if (++this.pending >= this.flushEvery) this.flush();
    return id;
  }

  /** Delete a document and its rows (before indexing it again). */
  private async remove(path: string): Promise<void> {
    this.flush();
    const [row] = await query<{ id: number }>(this.connection, 'SELECT id FROM documents WHERE path = $path', { path });
    if (!row) return;
    for (const table of TABLES.filter((t) => t !== 'documents')) await this.connection.run(`DELETE FROM ${table} WHERE document_id = $id`, { id: row.id });
    await this.connection.run('DELETE FROM documents WHERE id = $id', { id: row.id });
    this.indexed.delete(path);
  }

  /** Write buffered rows to the database: children first, so the document row commits last. */
  flush(): void {
    for (const table of [...TABLES.filter((t) => t !== 'documents'), 'documents' as const]) this.appenders.get(table)?.flushSync();
    this.pending = 0;
  }

  /** Flush and close the appenders. */
  close(): void {
    this.flush();
    for (const a of this.appenders.values()) a.closeSync();
    this.appenders.clear();
  }
}
