/**
 * How fast lakmoes can read born-digital pages with its parser, against the target of
 * 0.5× pdftotext's pages/s per core. Side by side on one thread, per page:
 *
 * - `pdftotext` on the whole file (process start-up included): the baseline;
 * - PDFium (WebAssembly) parsing each page and building its text page, reading nothing from
 *   either (`FPDF_LoadPage` + `FPDFText_LoadPage`, then closing both): the least any reading
 *   of the page's text costs with this parser;
 * - the same two steps on a native x86-64 PDFium (`benchmarks/native/floor.c` on the
 *   libpdfium.so that `benchmarks/setup.sh` fetches), when setup has built it: what the parse
 *   would cost without WebAssembly;
 * - the page's content as lakmoes reads it from PDFium (`pdfiumPageContent`: objects, glyphs
 *   with their boxes, annotations);
 * - the whole analysis in one thread (`analyzeDocument`, `--ocr off`): what `extract -j 1` does
 *   apart from starting its process and thread.
 *
 * Every round opens the document anew, so PDFium parses each object and font once per round, as
 * `lakmoes extract` does (it reads each page once). Each step runs once to warm up (the "first
 * round" column), then `--rounds` times (default 3); the median counts. Prints markdown.
 *
 *   pnpm bench parser-floor [-- --rounds 5] [--source] [file.pdf]
 *
 * lakmoes runs compiled (`pnpm build` first, then this file again in a process without the
 * `@lakmoes/source` condition), as `lakmoes extract` and an installed package do: through tsx
 * the same analysis measured 10–25 % slower. `--source` measures the TypeScript through tsx.
 *
 * Default input: benchmarks/out/born-digital-500.pdf (built from ../shared/corpus if missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDossiers, OUT } from './make-dossier.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Math.max(1, Number(args[roundsAt + 1])) : 3;
// (other flags, such as `pnpm bench`'s `--runs N` for every benchmark, are not this one's)
const named = args.find((a) => a.toLowerCase().endsWith('.pdf'));
const FROM_SOURCE = args.includes('--source');
/** Set in the process that measures the compiled packages (started by this file). */
const COMPILED = args.includes('--compiled');

/** lakmoes's modules: compiled (`dist`) or, with `--source`, the TypeScript. */
async function lakmoes() {
  const dir = FROM_SOURCE ? 'src' : 'dist';
  return {
    ...((await import(`../packages/core/${dir}/analyze.js`)) as typeof import('../packages/core/src/analyze.js')),
    ...((await import(`../packages/pdf/${dir}/pdfium/pdfium.js`)) as typeof import('../packages/pdf/src/pdfium/pdfium.js')),
    ...((await import(`../packages/pdf/${dir}/pdfium/content.js`)) as typeof import('../packages/pdf/src/pdfium/content.js')),
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

interface Timing {
  /** ms of the warm-up round */
  first: number;
  /** median ms of the `ROUNDS` rounds after it */
  median: number;
}

/** `work` once to warm up, then `ROUNDS` times. */
async function timed(work: () => unknown): Promise<Timing> {
  const runs: number[] = [];
  for (let i = 0; i <= ROUNDS; i++) {
    const t0 = performance.now();
    await work();
    runs.push(performance.now() - t0);
  }
  return { first: runs[0]!, median: median(runs.slice(1)) };
}

const NATIVE = path.join(OUT, 'native');

/** The native PDFium's two steps (`benchmarks/native/floor.c`), or null when setup has not built it. */
function nativeFloor(file: string): { pages: number; load: Timing; text: Timing; version: string } | null {
  const probe = path.join(NATIVE, 'floor');
  if (!existsSync(probe)) return null;
  const r = spawnSync(probe, [path.join(NATIVE, 'libpdfium.so'), file, String(ROUNDS)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`benchmarks/out/native/floor failed: ${r.stderr}`);
  const parts = readFileSync(path.join(NATIVE, 'PDFIUM_VERSION'), 'utf8').match(/\d+/gu) ?? [];
  const from = readFileSync(path.join(NATIVE, 'VERSION'), 'utf8').trim();
  return { ...(JSON.parse(r.stdout) as { pages: number; load: Timing; text: Timing }), version: `${parts.join('.')}, from ${from}` };
}

async function main(): Promise<void> {
  if (spawnSync('sh', ['-c', 'command -v pdftotext']).status !== 0) {
    console.log('parser-floor: `pdftotext` is missing; run `benchmarks/setup.sh` first.');
    process.exitCode = 1;
    return;
  }
  if (!FROM_SOURCE && !COMPILED) {
    const build = spawnSync('pnpm', ['-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`pnpm build failed: ${build.stdout}${build.stderr}`);
    // again without the `@lakmoes/source` condition, so that the packages resolve to `dist`
    const self = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args, '--compiled'], { cwd: ROOT, stdio: 'inherit' });
    process.exitCode = self.status ?? 1;
    return;
  }
  const { analyzeDocument, openPdfiumDocument, pdfiumInternals, pdfiumPageContent } = await lakmoes();
  let file = named ?? path.join(OUT, 'born-digital-500.pdf');
  if (!named && !existsSync(file)) file = (await makeDossiers()).find((d) => d.name === 'born-digital-500')!.file;
  const bytes = new Uint8Array(readFileSync(file));

  const pdftotext = await timed(() => {
    const r = spawnSync('pdftotext', [file, path.join(OUT, 'parser-floor.txt')]);
    if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  });

  let pages = 0;
  /** A fresh document per round: every page loaded, and its text page built when `text`. */
  const parse = (text: boolean) => async () => {
    const doc = await openPdfiumDocument(bytes);
    try {
      pages = doc.pageCount;
      const { lib, doc: handle } = pdfiumInternals(doc);
      const { fn } = lib;
      for (let i = 0; i < pages; i++) {
        const page = fn.FPDF_LoadPage(handle, i);
        if (text) fn.FPDFText_ClosePage(fn.FPDFText_LoadPage(page));
        fn.FPDF_ClosePage(page);
      }
    } finally {
      doc.close();
    }
  };
  const bare = await timed(parse(true));
  const parseOnly = await timed(parse(false));

  const content = await timed(async () => {
    const d = await openPdfiumDocument(bytes);
    try {
      for (let i = 0; i < pages; i++) pdfiumPageContent(d, i);
    } finally {
      d.close();
    }
  });

  const whole = await timed(() => analyzeDocument(file, { ocr: 'off' }));
  const native = nativeFloor(file);
  if (native && native.pages !== pages) throw new Error(`native PDFium counted ${native.pages} pages, not ${pages}`);

  const perPage = (ms: number): number => ms / pages;
  const baseline = perPage(pdftotext.median);
  // 0.5× pdftotext's pages/s is twice its time per page
  const budget = 2 * baseline;
  const row = (step: string, t: Timing): string =>
    `| ${step} | ${perPage(t.first).toFixed(2)} | ${perPage(t.median).toFixed(2)} | ${(perPage(t.median) / baseline).toFixed(2)}× | ${((100 * perPage(t.median)) / budget).toFixed(0)} % |`;
  console.log(
    [
      `\`${path.relative(ROOT, file)}\`, ${pages} pages, one thread; lakmoes ${FROM_SOURCE ? 'from source through tsx' : 'compiled (packages/*/dist)'}; the document opened anew in every round; median of ${ROUNDS} rounds after a warm-up round.`,
      '',
      '| step | ms per page, warm-up round | ms per page, median | × pdftotext | share of the 0.5× budget |',
      '| --- | ---: | ---: | ---: | ---: |',
      row('`pdftotext` (whole run, process start-up included)', pdftotext),
      row('PDFium (WebAssembly): `FPDF_LoadPage` only', parseOnly),
      row('PDFium (WebAssembly): `FPDF_LoadPage` + `FPDFText_LoadPage`', bare),
      ...(native
        ? [
            row('PDFium (native x86-64): `FPDF_LoadPage` only', native.load),
            row('PDFium (native x86-64): `FPDF_LoadPage` + `FPDFText_LoadPage`', native.text),
          ]
        : []),
      row('PDFium (WebAssembly): the page content lakmoes reads (`pdfiumPageContent`)', content),
      row('lakmoes: the whole analysis (`analyzeDocument`, `--ocr off`)', whole),
      '',
      `The issue's target, 0.5× pdftotext's pages/s per core, leaves ${budget.toFixed(2)} ms per page for everything.`,
      native
        ? `Native PDFium ${native.version} (\`benchmarks/out/native\`).`
        : 'No native PDFium rows: `benchmarks/setup.sh` builds them on x86-64 Linux.',
    ].join('\n'),
  );
}

await main();
