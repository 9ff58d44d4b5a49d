/**
 * lakmoes researcher example: for a folder of Woo/Wob decisions (or an NDJSON file from
 * `lakmoes extract`), print and write as CSV the ground frequencies per body and year, the
 * share of documents withheld in full or in part, and the motivation passages per ground.
 *
 *   pnpm --filter @lakmoes/example-researcher start -- examples/data --out researcher-out
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadRecords, userPath, type LoadOptions } from './load.js';
import { Study } from './study.js';
import { formatTable, toCsv } from './table.js';

export const GROUND_COLUMNS = ['body', 'year', 'code', 'short', 'label', 'documents', 'citations', 'boxes'] as const;
export const WITHHELD_COLUMNS = ['body', 'year', 'documents', 'full', 'part', 'none', 'unknown', 'withheldShare'] as const;
export const MOTIVATION_COLUMNS = ['code', 'short', 'label', 'body', 'year', 'document', 'page', 'source', 'text'] as const;

const USAGE = `usage: researcher <folders, PDFs or NDJSON files...> [--out DIR] [--ocr auto|off|force] [--jobs N] [--passages N] [-q]

  --out DIR      where grounds.csv, withheld.csv and motivations.csv go (default: researcher-out)
  --ocr MODE     OCR for pages without a text layer (default: auto)
  --jobs N       pipeline threads (default: one per core; 0: no threads)
  --passages N   motivation passages printed per ground (default: 3; the CSV has all)
  -q             print nothing but errors`;

export interface ResearchOptions {
  out: string;
  ocr?: 'auto' | 'off' | 'force';
  /** pipeline threads (default: the pipeline's; 0: in this thread) */
  jobs?: number;
  passages?: number;
  quiet?: boolean;
  log?: (line: string) => void;
}

/** Run the study over the inputs, write the three CSV files and print the tables. */
export async function runResearch(inputs: string[], options: ResearchOptions): Promise<Study> {
  const log = options.quiet ? () => {} : (options.log ?? ((line: string) => process.stdout.write(line + '\n')));
  const study = new Study();
  const progress = (n: number): void => {
    if (!options.quiet && process.stderr.isTTY) process.stderr.write(`\r${n} records`);
  };
  const load: LoadOptions = { ocr: options.ocr ?? 'auto' };
  if (options.jobs !== undefined) load.jobs = options.jobs;
  for await (const record of loadRecords(inputs, load)) {
    study.add(record);
    progress(study.records);
    if (record.status === 'error') process.stderr.write(`\n${record.source.path}: ${record.error?.code} ${record.error?.message}\n`);
  }
  if (!options.quiet && process.stderr.isTTY) process.stderr.write('\n');

  const grounds = study.groundRows();
  const withheld = study.withheldRows();
  const motivations = study.motivationRows();
  await mkdir(options.out, { recursive: true });
  await writeFile(path.join(options.out, 'grounds.csv'), toCsv(grounds, GROUND_COLUMNS));
  await writeFile(path.join(options.out, 'withheld.csv'), toCsv(withheld, WITHHELD_COLUMNS));
  await writeFile(path.join(options.out, 'motivations.csv'), toCsv(motivations, MOTIVATION_COLUMNS));

  log(`${study.records} documents (${study.errors} could not be read)\n`);
  log('Grounds per body and year');
  log(formatTable(grounds, ['body', 'year', 'short', 'label', 'documents', 'citations', 'boxes'], 40) + '\n');
  log('Documents withheld in full or in part');
  log(formatTable(withheld, WITHHELD_COLUMNS, 40) + '\n');
  log('Motivation passages per ground');
  const perGround = options.passages ?? 3;
  let code = '';
  let shown = 0;
  for (const m of motivations) {
    if (m.code !== code) {
      code = m.code;
      shown = 0;
      const n = motivations.filter((x) => x.code === code).length;
      log(`\n${m.short} ${m.label} (${code}): ${n} passage${n === 1 ? '' : 's'}`);
    }
    if (shown++ < perGround) log(`  - ${m.text.length > 200 ? `${m.text.slice(0, 199)}…` : m.text}  [${path.basename(m.document)}${m.page ? ` p. ${m.page}` : ''}]`);
  }
  log(`\nwrote ${['grounds.csv', 'withheld.csv', 'motivations.csv'].map((f) => path.join(options.out, f)).join(', ')}`);
  return study;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o', default: 'researcher-out' },
      ocr: { type: 'string', default: 'auto' },
      jobs: { type: 'string' },
      passages: { type: 'string', default: '3' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length === 0 || !['auto', 'off', 'force'].includes(values.ocr)) {
    process.stderr.write(USAGE + '\n');
    return values.help ? 0 : 2;
  }
  const options: ResearchOptions = {
    out: userPath(values.out),
    ocr: values.ocr as 'auto' | 'off' | 'force',
    passages: Number(values.passages) || 0,
    quiet: values.quiet,
  };
  if (values.jobs !== undefined) options.jobs = Number(values.jobs);
  await runResearch(positionals.map(userPath), options);
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
