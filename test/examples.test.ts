/**
 * The researcher and indexer examples, run on the example decision (examples/data) and a
 * few corpus PDFs (skipped when ../shared/corpus is absent): the CSV rows they write and
 * the DuckDB query results they give.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeDocument } from '@lakmoes/core';
import type { DocumentRecord } from '@lakmoes/schema';
import { bodyOf, decisionOf, durationOf, withholdingOf, yearOf } from '../examples/researcher/src/fields.js';
import { runResearch } from '../examples/researcher/src/main.js';
import { openIndex, IndexWriter, query, type Index } from '../examples/indexer/src/db.js';
import { indexInputs, report } from '../examples/indexer/src/main.js';
import { groundTotals, search, tableCounts, withheldShares, withheldUnder } from '../examples/indexer/src/queries.js';
import { tokenize } from '../examples/indexer/src/terms.js';
import { hasShared, sharedPath } from './helpers/shared.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE_DIR = path.join(ROOT, 'examples', 'data');
const EXAMPLE_PDF = path.join(EXAMPLE_DIR, 'besluit-voorbeeld.pdf');
const tmp = mkdtempSync(path.join(tmpdir(), 'lakmoes-examples-'));
const run = promisify(execFile);

/** Born-digital Noord-Holland documents: grey boxes labelled `10.2e` in the text layer, Wob-era. */
const CORPUS = [
  'woofairify/documenten/1. Memo BO verslag gesprek 20210324.pdf',
  'woofairify/documenten/2. Memo BO verslag gesprek 20210421.pdf',
  'woofairify/documenten/Besluit actieve openbaarmaking Zonneweide Jaagweg sept okt nov dec 2021.pdf',
].map((p) => sharedPath('corpus', p));
const hasCorpus = hasShared && CORPUS.every((p) => existsSync(p));

/** CSV text → rows of objects (the examples' CSV: RFC 4180 quoting, CRLF). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

const readCsv = (dir: string, name: string): Record<string, string>[] => parseCsv(readFileSync(path.join(dir, name), 'utf8'));

describe('researcher example', () => {
  it('runs from the command line on examples/data and writes the three CSV files', async () => {
    const out = path.join(tmp, 'cli');
    const { stdout } = await run('pnpm', ['--silent', '--filter', '@lakmoes/example-researcher', 'start', '--', 'examples/data', '--out', out, '--ocr', 'off'], {
      cwd: ROOT,
      timeout: 90_000,
    });
    expect(stdout).toContain('Grounds per body and year');
    expect(stdout).toMatch(/ministerie van Voorbeeldzaken\s+2024\s+5\.1\.2e/);

    const grounds = readCsv(out, 'grounds.csv');
    expect(grounds.map((r) => [r.body, r.year, r.code, r.short, r.documents, r.boxes])).toEqual([
      ['ministerie van Voorbeeldzaken', '2024', 'woo:5.1.2.e', '5.1.2e', '1', '2'],
      ['ministerie van Voorbeeldzaken', '2024', 'woo:5.2', '5.2', '1', '0'],
    ]);
    expect(grounds[0]!.label).toBe('Eerbiediging van de persoonlijke levenssfeer');
    expect(Number(grounds[0]!.citations)).toBeGreaterThanOrEqual(3); // prose, description, two labels, inventory

    const withheld = readCsv(out, 'withheld.csv');
    expect(withheld).toEqual([
      { body: 'ministerie van Voorbeeldzaken', year: '2024', documents: '1', full: '0', part: '1', none: '0', unknown: '0', withheldShare: '1' },
      { body: '(alle)', year: '', documents: '1', full: '0', part: '1', none: '0', unknown: '0', withheldShare: '1' },
    ]);

    const motivations = readCsv(out, 'motivations.csv');
    const texts = motivations.filter((m) => m.code === 'woo:5.1.2.e').map((m) => m.text);
    expect(texts).toContain('Namen en contactgegevens van medewerkers maak ik niet openbaar op grond van artikel 5.1, tweede lid, aanhef en onder e, van de Woo.');
    expect(motivations.find((m) => m.code === 'woo:5.2')?.text).toContain('Persoonlijke beleidsopvattingen');
    expect(motivations.every((m) => m.source === 'prose' || m.source === 'description' || m.source === 'decision')).toBe(true);
    expect(motivations.every((m) => m.document!.endsWith('besluit-voorbeeld.pdf') && (m.page === '1' || m.page === ''))).toBe(true);
  }, 120_000);

  it('reads NDJSON and prefers the decision object (body, date, outcome, motivations) over the metadata', async () => {
    // without a decision object of its own: body and year come from the PDF metadata
    const { decision: _own, ...base } = (await analyzeDocument(EXAMPLE_PDF, { ocr: 'off' })) as DocumentRecord & { decision?: unknown };
    const decided = {
      ...base,
      source: { ...base.source, path: 'besluit-2.pdf' },
      decision: {
        role: 'decision',
        body: { name: 'Gemeente Voorbeeldstad' },
        law: 'woo',
        requestDate: '2023-11-01',
        decisionDate: '2023-12-20',
        outcome: 'niet-openbaar',
        grounds: [{ code: 'woo:5.1.2.i', passages: [{ text: 'Het goed functioneren van de gemeente weegt zwaarder.', page: 2 }] }],
      },
    };
    const broken = { ...base, source: { ...base.source, path: 'kapot.pdf' }, status: 'error', error: { code: 'PDF_CORRUPT', message: 'bad xref' }, pages: undefined, grounds: undefined, stats: undefined, metadata: undefined };
    const file = path.join(tmp, 'records.ndjson');
    writeFileSync(file, [base, decided, broken].map((r) => JSON.stringify(r)).join('\n') + '\n');

    const out = path.join(tmp, 'ndjson');
    const lines: string[] = [];
    const study = await runResearch([file], { out, ocr: 'off', log: (l) => lines.push(l) });
    expect(study.records).toBe(3);
    expect(study.errors).toBe(1);

    const withheld = readCsv(out, 'withheld.csv');
    expect(withheld.map((r) => [r.body, r.year, r.documents, r.full, r.part, r.unknown, r.withheldShare])).toEqual([
      ['(onbekend)', '', '1', '0', '0', '1', ''],
      ['Gemeente Voorbeeldstad', '2023', '1', '1', '0', '0', '1'],
      ['Ministerie van Voorbeeldzaken', '2024', '1', '0', '1', '0', '1'],
      ['(alle)', '', '3', '1', '1', '1', '1'],
    ]);
    const grounds = readCsv(out, 'grounds.csv');
    expect(grounds.filter((r) => r.code === 'woo:5.1.2.e').map((r) => r.body)).toEqual(['Gemeente Voorbeeldstad', 'Ministerie van Voorbeeldzaken']);
    const motivations = readCsv(out, 'motivations.csv');
    expect(motivations.find((m) => m.code === 'woo:5.1.2.i')).toMatchObject({ source: 'decision', page: '2', body: 'Gemeente Voorbeeldstad', year: '2023' });
    expect(lines.join('\n')).toContain('3 documents (1 could not be read)');
  }, 60_000);

  it('reads the decision fields defensively', () => {
    const r = { schemaVersion: '0.1.0', source: { path: 'x.pdf', bytes: 1, sha256: null, mediaType: 'application/pdf' }, status: 'ok', ms: 1 } as DocumentRecord;
    const withDecision = (decision: unknown): DocumentRecord => ({ ...r, decision }) as unknown as DocumentRecord;
    expect(decisionOf(r)).toBeNull();
    expect(decisionOf(withDecision('nonsense'))).toBeNull();
    expect(bodyOf(r)).toEqual({ body: '(onbekend)', from: 'none' });
    expect(yearOf(r)).toEqual({ year: null, from: 'none' });
    expect(withholdingOf(r)).toBe('none');
    expect(bodyOf(withDecision({ body: '  Ministerie van  Financiën ' }))).toEqual({ body: 'Ministerie van Financiën', from: 'decision' });
    expect(bodyOf(withDecision({ body: 42 })).from).toBe('none');
    expect(yearOf(withDecision({ decisionDate: '2022-07-01T00:00:00Z' }))).toEqual({ year: 2022, from: 'decision' });
    expect(withholdingOf(withDecision({ outcome: 'deels_openbaar' }))).toBe('part');
    expect(withholdingOf(withDecision({ outcome: 'Reeds openbaar' }))).toBe('none');
    // Woo: 4 weeks, + 2 on extension; counted from receipt when known
    expect(durationOf(withDecision({ law: 'woo', requestDate: '2024-01-01', decisionDate: '2024-02-15' }))).toMatchObject({ days: 45, allowedDays: 28, late: true });
    expect(durationOf(withDecision({ law: 'woo', requestDate: '2024-01-01', decisionDate: '2024-02-05', extensionDate: '2024-01-20' }))).toMatchObject({ days: 35, allowedDays: 42, late: false });
    expect(durationOf(withDecision({ law: 'wob', requestDate: '2019-12-20', receiptDate: '2020-01-02', decisionDate: '2020-02-20', extended: true }))).toMatchObject({ days: 49, allowedDays: 56, late: false, from: '2020-01-02' });
    expect(durationOf(withDecision({ law: 'woo', decisionDate: '2024-02-15' }))).toBeNull();
  });

  it.skipIf(!hasCorpus)('tallies corpus documents: grounds per body and year, withheld shares, motivations', async () => {
    const out = path.join(tmp, 'corpus');
    const study = await runResearch([EXAMPLE_DIR, ...CORPUS], { out, ocr: 'off', quiet: true });
    expect(study.records).toBe(1 + CORPUS.length);
    expect(study.errors).toBe(0);
    const grounds = readCsv(out, 'grounds.csv');
    const wob = grounds.filter((r) => r.code === 'wob:10.2.e');
    // every corpus file applies 10.2e (boxes in the memos, citations in the decision), all in 2021
    expect(wob.reduce((n, r) => n + Number(r.documents), 0)).toBe(CORPUS.length);
    expect(wob.every((r) => r.year === '2021' && r.short === '10.2e' && r.label!.length > 0)).toBe(true);
    expect(wob.reduce((n, r) => n + Number(r.boxes), 0)).toBeGreaterThanOrEqual(3);
    expect(grounds.filter((r) => r.code!.startsWith('woo:')).every((r) => r.body === 'ministerie van Voorbeeldzaken')).toBe(true);

    const withheld = readCsv(out, 'withheld.csv');
    const total = withheld.at(-1)!;
    expect(total).toMatchObject({ body: '(alle)', documents: String(1 + CORPUS.length), unknown: '0' });
    expect(Number(total.part) + Number(total.full)).toBeGreaterThanOrEqual(3); // the example and both memos have boxes

    const motivations = readCsv(out, 'motivations.csv');
    expect(new Set(motivations.map((m) => m.code))).toContain('woo:5.1.2.e');
    expect(motivations.every((m) => m.text!.length > 0)).toBe(true);
  }, 120_000);
});

describe('indexer example', () => {
  let index: Index;
  let closed = false;
  const dbFile = path.join(tmp, 'index.duckdb');
  const inputs = [EXAMPLE_DIR, ...(hasCorpus ? CORPUS : [])];

  beforeAll(async () => {
    index = await openIndex(dbFile);
    const { added, skipped } = await indexInputs(index, inputs, { ocr: 'off' });
    expect([added, skipped]).toEqual([inputs.length, 0]);
  }, 120_000);
  afterAll(() => {
    if (!closed) index?.close();
  });

  it('fills the tables: documents, pages, grounds, redactions, identifiers, terms', async () => {
    const counts = await tableCounts(index.connection);
    expect(counts.documents).toBe(inputs.length);
    for (const t of ['pages', 'grounds', 'redactions', 'identifiers', 'terms']) expect(counts[t], t).toBeGreaterThan(0);
    const [doc] = await query(index.connection, `SELECT * FROM documents WHERE path LIKE '%besluit-voorbeeld.pdf'`);
    expect(doc).toMatchObject({ status: 'ok', body: 'ministerie van Voorbeeldzaken', body_from: expect.stringMatching(/^(decision|metadata)$/), year: 2024, law: 'woo', withheld: 'part', page_count: 1, redaction_count: 2, leak_count: 1 });
    const boxes = await query(index.connection, `SELECT kind, label, codes, leak FROM redactions r JOIN documents d ON d.id = r.document_id WHERE d.path LIKE '%besluit-voorbeeld.pdf' ORDER BY y`);
    expect(boxes).toEqual([
      { kind: 'vector', label: '5.1.2e', codes: ['woo:5.1.2.e'], leak: false },
      { kind: 'vector', label: '5.1.2e', codes: ['woo:5.1.2.e'], leak: true },
    ]);
    const ids = await query<{ type: string; normalized: string }>(index.connection, `SELECT type, normalized FROM identifiers`);
    expect(ids).toEqual(expect.arrayContaining([{ type: 'ecli', normalized: 'ECLI:NL:RVS:2025:4814' }, { type: 'kenmerk', normalized: '2024-0000123456' }]));
  });

  it('answers "documents withheld under a ground by each ministry per year"', async () => {
    const rows = await withheldUnder(index.connection, 'woo:5.1.2.e', { ministries: true });
    expect(rows).toEqual([{ body: 'ministerie van Voorbeeldzaken', body_kind: 'ministerie', year: 2024, documents: 1, boxes: 2, citations: expect.any(Number) }]);
    expect(await withheldUnder(index.connection, 'woo:5.1.2.i')).toEqual([]);
    const totals = await groundTotals(index.connection);
    expect(totals.find((t) => t.code === 'woo:5.2')).toMatchObject({ short: '5.2', documents: 1, boxes: 0 });
    const shares = await withheldShares(index.connection);
    expect(shares.reduce((n, r) => n + r.documents, 0)).toBe(inputs.length);
  });

  it.skipIf(!hasCorpus)('groups corpus documents by body and year', async () => {
    const rows = await withheldUnder(index.connection, 'wob:10.2.e');
    expect(rows.reduce((n, r) => n + r.documents, 0)).toBe(CORPUS.length);
    expect(rows.every((r) => r.year === 2021)).toBe(true);
    expect(rows.reduce((n, r) => n + r.boxes, 0)).toBeGreaterThanOrEqual(3);
    expect(await withheldUnder(index.connection, 'wob:10.2.e', { ministries: true })).toEqual([]);
    const hits = await search(index.connection, 'zonneweide Jaagweg');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.path.includes('woofairify'))).toBe(true);
    expect(hits[0]!.snippet.toLowerCase()).toContain('zonneweide');
  });

  it('searches page text: all words, ranked, folded; or a phrase', async () => {
    const hits = await search(index.connection, 'Persoonlijke LEVENSSFEER');
    expect(hits[0]).toMatchObject({ page: 1 });
    expect(hits[0]!.path).toMatch(/besluit-voorbeeld\.pdf$/);
    expect(hits[0]!.snippet.toLowerCase()).toContain('persoonlijke');
    expect(await search(index.connection, 'levenssfeer qqqnietbestaand')).toEqual([]);
    const phrase = await search(index.connection, 'eerbiediging van de persoonlijke levenssfeer', { phrase: true });
    expect(phrase.map((h) => path.basename(h.path))).toEqual(['besluit-voorbeeld.pdf']);
    expect(phrase[0]!.score).toBe(1);
    expect(tokenize('Geëerbiedigd café, de Woo-verzoeken!')).toEqual(['geeerbiedigd', 'cafe', 'woo', 'verzoeken']);
  });

  it('resumes: a second run skips what is indexed and clears rows of an unfinished document', async () => {
    const before = await tableCounts(index.connection);
    await index.connection.run(`INSERT INTO pages (document_id, page, kind) VALUES (999999, 1, 'native')`);
    const again = await indexInputs(index, inputs, { ocr: 'off' });
    expect(again).toEqual({ added: 0, skipped: inputs.length });
    expect(await tableCounts(index.connection)).toEqual(before);
    // re-indexing replaces a document's rows instead of doubling them
    const writer = await IndexWriter.open(index);
    await writer.add(await analyzeDocument(EXAMPLE_PDF, { ocr: 'off', text: true }).then((r) => ({ ...r, source: { ...r.source, path: path.join(EXAMPLE_DIR, 'besluit-voorbeeld.pdf') } })));
    writer.close();
    const after = await tableCounts(index.connection);
    expect(after.documents).toBe(before.documents);
    expect(after.redactions).toBe(before.redactions);
  }, 60_000);

  it('prints the report from the command line', async () => {
    const text = await report(index, { ground: 'woo:5.2' });
    expect(text).toContain('Documents withheld under woo:5.2 per year');
    index.close(); // DuckDB lets one process write a file: hand it to the command
    closed = true;
    const { stdout } = await run('pnpm', ['--silent', '--filter', '@lakmoes/example-indexer', 'start', '--', 'report', '--db', dbFile, '--ground', 'woo:5.1.2.e', '--ministries'], {
      cwd: ROOT,
      timeout: 60_000,
    });
    expect(stdout).toContain('Documents withheld under woo:5.1.2.e by each ministry per year');
    expect(stdout).toMatch(/ministerie van Voorbeeldzaken\s+ministerie\s+2024\s+1\s+2\s+\d+/);
    expect(stdout).toMatch(/besluit-voorbeeld\.pdf\s+1\s+1\s+5\.1\.2e/); // the leaking box
  }, 60_000);
});
