/**
 * lakmoes indexer example: batch a dossier tree into DuckDB and query it.
 *
 *   pnpm --filter @lakmoes/example-indexer start -- index examples/data --db lakmoes.duckdb
 *   pnpm --filter @lakmoes/example-indexer start -- report --db lakmoes.duckdb --ground woo:5.1.2.i
 *   pnpm --filter @lakmoes/example-indexer start -- search --db lakmoes.duckdb persoonlijke levenssfeer
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadRecords, userPath, type LoadOptions } from '@lakmoes/example-researcher/load';
import { formatTable } from '@lakmoes/example-researcher/table';
import { IndexWriter, openIndex, query, type Index } from './db.js';
import { groundTotals, leaks, search, tableCounts, withheldShares, withheldUnder } from './queries.js';

const USAGE = `usage: indexer <command> [--db FILE] ...

  index <folders, PDFs or NDJSON files...> [--ocr auto|off|force] [--jobs N] [--reindex]
        add documents to the index; documents already indexed (ok) are skipped, so an
        interrupted run resumes where it stopped
  report [--ground CODE] [--ministries]
        the example queries: grounds, withheld shares, documents withheld under CODE
        (default woo:5.1.2.i) per body and year, pages with leaking redactions
  search <words...> [--phrase] [--limit N]
        full-text search over page text
  sql "<query>"
        any SQL over the tables documents, pages, grounds, redactions, identifiers, terms

  --db FILE   the DuckDB file (default: lakmoes.duckdb)`;

export interface IndexRunOptions {
  ocr?: 'auto' | 'off' | 'force';
  /** pipeline threads (default: the pipeline's; 0: in this thread) */
  jobs?: number;
  /** Index documents again even when they are in the index already. */
  reindex?: boolean;
  onRecord?: (path: string, status: string) => void;
}

/** Index the inputs into an open index; returns how many records were added and skipped. */
export async function indexInputs(index: Index, inputs: string[], options: IndexRunOptions = {}): Promise<{ added: number; skipped: number }> {
  const writer = await IndexWriter.open(index);
  const ok = new Set((await query<{ path: string }>(index.connection, `SELECT path FROM documents WHERE status = 'ok'`)).map((r) => r.path));
  let added = 0;
  let skipped = 0;
  try {
    const skip = (p: string): boolean => {
      const s = !options.reindex && ok.has(p);
      if (s) skipped++;
      return s;
    };
    // page text is needed for search
    const load: LoadOptions = { ocr: options.ocr ?? 'auto', text: true, skip };
    if (options.jobs !== undefined) load.jobs = options.jobs;
    for await (const record of loadRecords(inputs, load)) {
      await writer.add(record);
      added++;
      options.onRecord?.(record.source.path, record.status === 'ok' ? 'ok' : `${record.error?.code}`);
    }
  } finally {
    writer.close();
  }
  return { added, skipped };
}

/** The example report, as text. */
export async function report(index: Index, options: { ground?: string; ministries?: boolean } = {}): Promise<string> {
  const c = index.connection;
  const ground = options.ground ?? 'woo:5.1.2.i';
  const counts = await tableCounts(c);
  const out: string[] = [];
  out.push(Object.entries(counts).map(([t, n]) => `${t}: ${n}`).join(', '), '');
  out.push('Grounds applied', formatTable(await groundTotals(c), ['code', 'short', 'documents', 'boxes', 'citations']), '');
  out.push('Documents withheld in full or in part, per body and year', formatTable(await withheldShares(c), ['body', 'year', 'documents', 'full', 'part', 'none', 'unknown', 'redacted_text_share'], 40), '');
  const under = await withheldUnder(c, ground, { ministries: options.ministries === true });
  out.push(
    `Documents withheld under ${ground}${options.ministries ? ' by each ministry' : ''} per year`,
    under.length ? formatTable(under, ['body', 'body_kind', 'year', 'documents', 'boxes', 'citations'], 40) : '(none)',
    '',
  );
  const leaking = await leaks(c);
  out.push('Pages with text still under a redaction', leaking.length ? formatTable(leaking, ['path', 'page', 'boxes', 'labels'], 70) : '(none)');
  return out.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string', default: 'lakmoes.duckdb' },
      ocr: { type: 'string', default: 'auto' },
      jobs: { type: 'string' },
      reindex: { type: 'boolean', default: false },
      ground: { type: 'string', default: 'woo:5.1.2.i' },
      ministries: { type: 'boolean', default: false },
      phrase: { type: 'boolean', default: false },
      limit: { type: 'string', default: '10' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  const commands = ['index', 'report', 'search', 'sql'];
  if (values.help || !command || !commands.includes(command) || (command !== 'report' && rest.length === 0)) {
    process.stderr.write(USAGE + '\n');
    return values.help ? 0 : 2;
  }
  const index = await openIndex(userPath(values.db));
  try {
    if (command === 'index') {
      const t0 = performance.now();
      const run: IndexRunOptions = {
        ocr: values.ocr as 'auto' | 'off' | 'force',
        reindex: values.reindex,
        onRecord: (p, status) => process.stderr.write(`${status.padEnd(12)} ${p}\n`),
      };
      if (values.jobs !== undefined) run.jobs = Number(values.jobs);
      const { added, skipped } = await indexInputs(index, rest.map(userPath), run);
      const counts = await tableCounts(index.connection);
      process.stdout.write(`indexed ${added} documents (${skipped} already there) in ${((performance.now() - t0) / 1000).toFixed(1)} s into ${values.db}\n`);
      process.stdout.write(Object.entries(counts).map(([t, n]) => `${t}: ${n}`).join(', ') + '\n');
    } else if (command === 'report') {
      process.stdout.write((await report(index, { ground: values.ground, ministries: values.ministries })) + '\n');
    } else if (command === 'search') {
      const hits = await search(index.connection, rest.join(' '), { phrase: values.phrase, limit: Number(values.limit) || 10 });
      process.stdout.write((hits.length ? formatTable(hits.map((h) => ({ ...h, path: path.basename(h.path) })), ['path', 'page', 'score', 'snippet'], 110) : '(no pages found)') + '\n');
    } else {
      const rows = await query(index.connection, rest.join(' '));
      process.stdout.write((rows.length ? formatTable(rows, Object.keys(rows[0]!)) : '(no rows)') + '\n');
    }
  } finally {
    index.close();
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (err) {
    // bad options: say which, and how to call it
    if (!(err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) throw err;
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exitCode = 2;
  }
}
