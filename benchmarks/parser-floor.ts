/**
 * How fast lakmoes can read born-digital pages with its parser, against the target of
 * 0.5× pdftotext's pages/s per core. Side by side on one thread, per page:
 *
 * - `pdftotext` on the whole file (process start-up included): the baseline;
 * - PDFium (WebAssembly) parsing each page and building its text page, reading nothing from
 *   either (`FPDF_LoadPage` + `FPDFText_LoadPage`, then closing both): the least any reading
 *   of the page's text costs with this parser;
 * - the page's content as lakmoes reads it from PDFium (`pdfiumPageContent`: objects, glyphs
 *   with their boxes, annotations);
 * - the whole analysis in one thread (`analyzeDocument`, `--ocr off`): what `extract -j 1` does
 *   apart from starting its process and thread.
 *
 * Each in-process step runs once to warm up, then `--rounds` times (default 3); the median
 * counts. Prints markdown.
 *
 *   pnpm bench parser-floor [-- --rounds 5] [file.pdf]
 *
 * Default input: benchmarks/out/born-digital-500.pdf (built from ../shared/corpus if missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeDocument } from '../packages/core/src/analyze.js';
import { openPdfiumDocument, pdfiumInternals } from '../packages/pdf/src/pdfium/pdfium.js';
import { pdfiumPageContent } from '../packages/pdf/src/pdfium/content.js';
import { makeDossiers, OUT } from './make-dossier.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Math.max(1, Number(args[roundsAt + 1])) : 3;
// (other flags, such as `pnpm bench`'s `--runs N` for every benchmark, are not this one's)
const named = args.find((a) => a.toLowerCase().endsWith('.pdf'));

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Median ms of `ROUNDS` runs of `work`, after one run to warm up. */
async function timed(work: () => unknown): Promise<number> {
  await work();
  const runs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await work();
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

async function main(): Promise<void> {
  if (spawnSync('sh', ['-c', 'command -v pdftotext']).status !== 0) {
    console.log('parser-floor: `pdftotext` is missing; run `benchmarks/setup.sh` first.');
    process.exitCode = 1;
    return;
  }
  let file = named ?? path.join(OUT, 'born-digital-500.pdf');
  if (!named && !existsSync(file)) file = (await makeDossiers()).find((d) => d.name === 'born-digital-500')!.file;
  const bytes = new Uint8Array(readFileSync(file));

  const pdftotext = await timed(() => {
    const r = spawnSync('pdftotext', [file, path.join(OUT, 'parser-floor.txt')]);
    if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  });

  const doc = await openPdfiumDocument(bytes);
  const pages = doc.pageCount;
  const { lib, doc: handle } = pdfiumInternals(doc);
  const { fn } = lib;
  const bare = await timed(() => {
    for (let i = 0; i < pages; i++) {
      const page = fn.FPDF_LoadPage(handle, i);
      const text = fn.FPDFText_LoadPage(page);
      fn.FPDFText_ClosePage(text);
      fn.FPDF_ClosePage(page);
    }
  });
  const parseOnly = await timed(() => {
    for (let i = 0; i < pages; i++) fn.FPDF_ClosePage(fn.FPDF_LoadPage(handle, i));
  });
  doc.close();

  const content = await timed(async () => {
    const d = await openPdfiumDocument(bytes);
    try {
      for (let i = 0; i < pages; i++) pdfiumPageContent(d, i);
    } finally {
      d.close();
    }
  });

  const whole = await timed(() => analyzeDocument(file, { ocr: 'off' }));

  const perPage = (ms: number): number => ms / pages;
  const baseline = perPage(pdftotext);
  // 0.5× pdftotext's pages/s is twice its time per page
  const budget = 2 * baseline;
  const row = (step: string, ms: number): string =>
    `| ${step} | ${perPage(ms).toFixed(2)} | ${(perPage(ms) / baseline).toFixed(2)}× | ${((100 * perPage(ms)) / budget).toFixed(0)} % |`;
  console.log(
    [
      `\`${path.relative(ROOT, file)}\`, ${pages} pages, one thread; median of ${ROUNDS} rounds after a warm-up round.`,
      '',
      '| step | ms per page | × pdftotext | share of the 0.5× budget |',
      '| --- | ---: | ---: | ---: |',
      row('`pdftotext` (whole run, process start-up included)', pdftotext),
      row('PDFium: `FPDF_LoadPage` only', parseOnly),
      row('PDFium: `FPDF_LoadPage` + `FPDFText_LoadPage`', bare),
      row('PDFium: the page content lakmoes reads (`pdfiumPageContent`)', content),
      row('lakmoes: the whole analysis (`analyzeDocument`, `--ocr off`)', whole),
      '',
      `The issue's target, 0.5× pdftotext's pages/s per core, leaves ${budget.toFixed(2)} ms per page for everything.`,
    ].join('\n'),
  );
}

await main();
