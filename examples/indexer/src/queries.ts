/**
 * Example queries over the index. Each is plain SQL you can also run in the DuckDB shell
 * (`duckdb lakmoes.duckdb`) or with `indexer sql`.
 */
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { query } from './db.js';
import { fold, tokenize } from './terms.js';

/** A citation that applies a ground: one specific ground, not a quotation of the law, not an inventory marker. */
const APPLIED = `g.specific AND NOT g.law_quote AND g.code NOT LIKE 'marker:%'`;

/** Kind of body from its name, for "per ministry" questions. */
export const BODY_KIND = `CASE
  WHEN d.body ILIKE 'ministerie%' OR d.body ILIKE 'minister %' OR d.body ILIKE 'staatssecretaris%' THEN 'ministerie'
  WHEN d.body ILIKE 'gemeente%' OR d.body ILIKE '%college van burgemeester%' THEN 'gemeente'
  WHEN d.body ILIKE 'provincie%' OR d.body ILIKE '%gedeputeerde staten%' THEN 'provincie'
  WHEN d.body ILIKE 'waterschap%' OR d.body ILIKE 'hoogheemraadschap%' THEN 'waterschap'
  ELSE 'overig' END`;

export interface WithheldUnderRow {
  body: string;
  body_kind: string;
  year: number | null;
  documents: number;
  boxes: number;
  citations: number;
}

/**
 * Documents withheld under one ground, per body and year: documents that apply the ground
 * (a box labelled with it, or a citation in the letter or inventory), with the number of
 * boxes and citations. `ministries: true` keeps ministries only.
 */
export const WITHHELD_UNDER_SQL = `
SELECT d.body, ${BODY_KIND} AS body_kind, d.year,
       count(DISTINCT d.id)::INTEGER AS documents,
       count(*) FILTER (WHERE g.source = 'label')::INTEGER AS boxes,
       count(*)::INTEGER AS citations
FROM documents d JOIN grounds g ON g.document_id = d.id
WHERE g.code = $code AND ${APPLIED} AND d.status = 'ok'
  AND ($ministries = false OR (${BODY_KIND}) = 'ministerie')
GROUP BY ALL
ORDER BY d.body, d.year`;

export function withheldUnder(c: DuckDBConnection, code: string, options: { ministries?: boolean } = {}): Promise<WithheldUnderRow[]> {
  return query<WithheldUnderRow>(c, WITHHELD_UNDER_SQL, { code, ministries: options.ministries === true });
}

export interface GroundTotalRow {
  code: string;
  short: string | null;
  documents: number;
  boxes: number;
  citations: number;
}

/** Every ground applied in the index, most documents first. */
export function groundTotals(c: DuckDBConnection): Promise<GroundTotalRow[]> {
  return query<GroundTotalRow>(
    c,
    `SELECT g.code, any_value(g.short) AS short, count(DISTINCT g.document_id)::INTEGER AS documents,
            count(*) FILTER (WHERE g.source = 'label')::INTEGER AS boxes, count(*)::INTEGER AS citations
     FROM grounds g WHERE ${APPLIED}
     GROUP BY g.code ORDER BY documents DESC, citations DESC, g.code`,
  );
}

export interface WithheldShareRow {
  body: string;
  year: number | null;
  documents: number;
  full: number;
  part: number;
  none: number;
  unknown: number;
  redacted_text_share: number | null;
}

/** Documents withheld in full or in part, per body and year, with the mean redacted share of the text area. */
export function withheldShares(c: DuckDBConnection): Promise<WithheldShareRow[]> {
  return query<WithheldShareRow>(
    c,
    `SELECT d.body, d.year, count(*)::INTEGER AS documents,
            count(*) FILTER (WHERE withheld = 'full')::INTEGER AS "full",
            count(*) FILTER (WHERE withheld = 'part')::INTEGER AS part,
            count(*) FILTER (WHERE withheld = 'none')::INTEGER AS "none",
            count(*) FILTER (WHERE withheld = 'unknown')::INTEGER AS unknown,
            round(avg(redacted_text_share), 4) AS redacted_text_share
     FROM documents d GROUP BY ALL ORDER BY d.body, d.year`,
  );
}

export interface LeakRow {
  path: string;
  page: number;
  boxes: number;
  labels: string | null;
}

/** Pages whose redactions still have text under them (failed redactions), without printing that text. */
export function leaks(c: DuckDBConnection): Promise<LeakRow[]> {
  return query<LeakRow>(
    c,
    `SELECT d.path, r.page, count(*)::INTEGER AS boxes, string_agg(DISTINCT r.label, ', ') AS labels
     FROM redactions r JOIN documents d ON d.id = r.document_id
     WHERE r.leak GROUP BY ALL ORDER BY d.path, r.page`,
  );
}

export interface SearchHit {
  path: string;
  page: number;
  score: number;
  snippet: string;
}

/**
 * Full-text search over page text: pages that hold every word of the query, ranked by
 * tf·idf over the `terms` table. With `phrase: true` the query is matched as a whole,
 * case-insensitively (ILIKE), and ranked by the number of hits.
 */
export async function search(c: DuckDBConnection, text: string, options: { limit?: number; phrase?: boolean } = {}): Promise<SearchHit[]> {
  const limit = options.limit ?? 10;
  const terms = [...new Set(tokenize(text))];
  if (terms.length === 0) return [];
  // page text on one line, and folded (lower case, no accents) for matching
  const flat = `regexp_replace(p.text, '\\s+', ' ', 'g')`;
  const folded = `lower(strip_accents(${flat}))`;
  // 200 characters around the first hit; `cut` says whether the snippet starts inside the text
  const snippet = (needle: string) =>
    `substr(${flat}, greatest(1, strpos(${folded}, ${needle}) - 80), 200) AS snippet, strpos(${folded}, ${needle}) > 81 AS cut`;
  const tidy = (hits: (SearchHit & { cut?: boolean })[]): SearchHit[] =>
    hits.map(({ cut, ...h }) => ({ ...h, snippet: `${cut ? '…' + h.snippet.replace(/^\S*\s/, '') : h.snippet}`.trim() }));
  if (options.phrase) {
    const phrase = fold(text).replace(/\s+/g, ' ').trim();
    return tidy(await query<SearchHit>(
      c,
      `SELECT d.path, p.page,
              ((length(${folded}) - length(replace(${folded}, $phrase, ''))) / length($phrase))::DOUBLE AS score,
              ${snippet('$phrase')}
       FROM pages p JOIN documents d ON d.id = p.document_id
       WHERE contains(${folded}, $phrase)
       ORDER BY score DESC, d.path, p.page LIMIT $limit`,
      { phrase, limit },
    ));
  }
  return tidy(await query<SearchHit>(
    c,
    `WITH q AS (SELECT unnest($terms::VARCHAR[]) AS term),
     n AS (SELECT count(*)::DOUBLE AS pages FROM pages),
     df AS (SELECT term, count(*)::DOUBLE AS df FROM terms WHERE term IN (SELECT term FROM q) GROUP BY term),
     hits AS (
       SELECT t.document_id, t.page, sum(t.count * ln(1 + n.pages / df.df)) AS score, count(*) AS matched
       FROM terms t JOIN df USING (term) CROSS JOIN n
       GROUP BY t.document_id, t.page)
     SELECT d.path, h.page, round(h.score, 3) AS score, ${snippet('$first')}
     FROM hits h
     JOIN documents d ON d.id = h.document_id
     JOIN pages p ON p.document_id = h.document_id AND p.page = h.page
     WHERE h.matched = (SELECT count(*) FROM q)
     ORDER BY h.score DESC, d.path, h.page LIMIT $limit`,
    { terms: listValue(terms), first: terms[0]!, limit },
  ));
}

/** Counts of rows per table. */
export async function tableCounts(c: DuckDBConnection): Promise<Record<string, number>> {
  const [row] = await query<Record<string, number>>(
    c,
    `SELECT (SELECT count(*) FROM documents)::INTEGER AS documents, (SELECT count(*) FROM pages)::INTEGER AS pages,
            (SELECT count(*) FROM grounds)::INTEGER AS grounds, (SELECT count(*) FROM redactions)::INTEGER AS redactions,
            (SELECT count(*) FROM identifiers)::INTEGER AS identifiers, (SELECT count(*) FROM terms)::INTEGER AS terms`,
  );
  return row ?? {};
}
