/**
 * pdf.js against PDFium as producers of `PageContent`, on one thread:
 * pages per second and how far they agree.
 *
 *   pnpm tsx --conditions=@lakmoes/source benchmarks/backends.ts [file.pdf] [--pages N]
 *
 * Default input: benchmarks/out/born-digital-500.pdf. Prints markdown.
 * pdf.js: getPage + getOperatorList + walkOperators (+ cleanup) per page.
 * PDFium: pdfiumPageContent per page (objects, text page, annotations), once
 * with raw wasm exports and once through the package's cwrap wrappers.
 * Opening the document is timed apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
// (pdf.js comes in through packages/pdf/src/pdfjs.ts, which restores the built-ins its legacy build replaces)
import { openPdf, pdfjsDocument } from '../packages/pdf/src/open.js';
import { walkOperators, type PageContent } from '../packages/pdf/src/operators.js';
import { toMatrix } from '../packages/pdf/src/geometry.js';
import { fontLookup } from '../packages/pdf/src/read.js';
import { openPdfiumDocument } from '../packages/pdf/src/pdfium/pdfium.js';
import { pdfiumPageContent } from '../packages/pdf/src/pdfium/content.js';
import { compareContent } from './pdfium/compare.js';

const args = process.argv.slice(2);
const pagesFlag = args.indexOf('--pages');
const roundsFlag = args.indexOf('--rounds');
const maxPages = pagesFlag >= 0 ? Number(args[pagesFlag + 1]) : Infinity;
const rounds = roundsFlag >= 0 ? Math.max(1, Number(args[roundsFlag + 1])) : 1;
const file =
  args.find((a, i) => !a.startsWith('--') && i !== pagesFlag + 1 && i !== roundsFlag + 1) ?? path.join('benchmarks', 'out', 'born-digital-500.pdf');
const bytes = new Uint8Array(readFileSync(file));

const ms = (t0: number): number => performance.now() - t0;

/** pdf.js: the page's content, as read.ts gets it (without text content and annotations). */
async function pdfjsPage(handle: Awaited<ReturnType<typeof openPdf>>, number: number): Promise<PageContent> {
  const page = await pdfjsDocument(handle).getPage(number);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const opList = await page.getOperatorList();
    return walkOperators(opList, toMatrix(viewport.transform), fontLookup(page));
  } catch {
    return { glyphs: [], shapes: [], images: [], operatorCount: 0 };
  } finally {
    page.cleanup();
  }
}

interface Timing {
  openMs: number;
  pagesMs: number;
  failed: number;
}

/** One timed pass over the pages of a freshly opened document; results are dropped (no heap build-up). */
async function timePdfjs(): Promise<Timing> {
  const t = performance.now();
  const handle = await openPdf(bytes, { backend: 'pdfjs' });
  const openMs = ms(t);
  let failed = 0;
  const t1 = performance.now();
  for (let i = 1; i <= n; i++) if ((await pdfjsPage(handle, i)).operatorCount === 0) failed++;
  const pagesMs = ms(t1);
  await handle.close();
  return { openMs, pagesMs, failed };
}

async function timePdfium(mode: 'raw' | 'cwrap'): Promise<Timing> {
  const t = performance.now();
  const doc = await openPdfiumDocument(bytes, { mode });
  const openMs = ms(t);
  let failed = 0;
  try {
    const t1 = performance.now();
    for (let i = 0; i < n; i++) {
      try {
        pdfiumPageContent(doc, i);
      } catch {
        failed++;
      }
    }
    return { openMs, pagesMs: ms(t1), failed };
  } finally {
    doc.close();
  }
}

const n = await (async () => {
  const handle = await openPdf(bytes, { backend: 'pdfjs' });
  const count = Math.min(handle.numPages, maxPages);
  await handle.close();
  return count;
})();
// Interleaved rounds, so that neither backend always runs on a warmer (or more littered) heap.
const timings: Record<'pdfjs' | 'raw' | 'cwrap', Timing[]> = { pdfjs: [], raw: [], cwrap: [] };
for (let round = 0; round < rounds; round++) {
  timings.raw.push(await timePdfium('raw'));
  timings.pdfjs.push(await timePdfjs());
  timings.cwrap.push(await timePdfium('cwrap'));
}

// Agreement (pdf.js = a, PDFium raw = b), page by page.
let textEqual = 0, sameCharacters = 0, imagesEqual = 0;
// Glyph position differences, on pages whose text is equal (elsewhere the alignment may pair different glyphs).
const xDiffs: number[] = [], bottomDiffs: number[] = [], topDiffs: number[] = [];
let glyphsA = 0, glyphsB = 0, aligned = 0, xSum = 0, bottomSum = 0, topSum = 0, sizeSum = 0, invisibleMismatch = 0;
let rectsA = 0, rectsB = 0, rectsMatched = 0, rectsMatchedB = 0, imagesA = 0, imagesB = 0;
const mismatches: string[] = [];
{
  const handle = await openPdf(bytes, { backend: 'pdfjs' });
  const doc = await openPdfiumDocument(bytes);
  try {
    for (let i = 0; i < n; i++) {
      const a = await pdfjsPage(handle, i + 1);
      let b: PageContent;
      try {
        b = pdfiumPageContent(doc, i).content;
      } catch {
        b = { glyphs: [], shapes: [], images: [], operatorCount: 0 };
      }
      const c = compareContent(a, b);
      const back = compareContent(b, a);
      if (c.textEqual) {
        textEqual++;
        for (const d of c.xEdgeDiffs) xDiffs.push(d);
        for (const d of c.bottomDiffs) bottomDiffs.push(d);
        for (const d of c.topDiffs) topDiffs.push(d);
      }
      if (c.sameCharacters) sameCharacters++;
      // pages whose characters differ, not only their order
      else if (mismatches.length < 10) {
        const ga = a.glyphs.filter((g) => !g.space && g.annotation === null).map((g) => g.ch).join('').normalize('NFKC');
        const gb = b.glyphs.filter((g) => !g.space).map((g) => g.ch).join('').normalize('NFKC');
        let k = 0;
        while (k < ga.length && ga[k] === gb[k]) k++;
        mismatches.push(`page ${i + 1}: pdf.js ${c.glyphsA} glyphs, PDFium ${c.glyphsB}, aligned ${c.aligned}; first difference: pdf.js ${JSON.stringify(ga.slice(k, k + 12))} vs PDFium ${JSON.stringify(gb.slice(k, k + 12))}`);
      }
      if (c.imagesA === c.imagesB) imagesEqual++;
      glyphsA += c.glyphsA;
      glyphsB += c.glyphsB;
      aligned += c.aligned;
      xSum += c.xEdgeDiffSum;
      bottomSum += c.bottomDiffSum;
      topSum += c.topDiffSum;
      sizeSum += c.sizeDiffSum;
      invisibleMismatch += c.invisibleMismatch;
      rectsA += c.rectsA;
      rectsB += c.rectsB;
      rectsMatched += c.rectsMatched;
      rectsMatchedB += back.rectsMatched;
      imagesA += c.imagesA;
      imagesB += c.imagesB;
    }
  } finally {
    doc.close();
    await handle.close();
  }
}

const pps = (pagesMs: number): string => ((n / pagesMs) * 1000).toFixed(0);
const pct = (x: number, of: number): string => (of > 0 ? `${((100 * x) / of).toFixed(1)} %` : '–');
const f3 = (x: number): string => x.toFixed(3);
/** Mean, median and 95th percentile. */
const stats = (values: number[]): string => {
  if (values.length === 0) return '–';
  const sorted = Float64Array.from(values).sort();
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return `${f3(mean)} / ${f3(sorted[Math.floor(0.5 * (sorted.length - 1))]!)} / ${f3(sorted[Math.floor(0.95 * (sorted.length - 1))]!)}`;
};
const row = (name: string, list: Timing[]): string => {
  const best = list.reduce((a, b) => (b.pagesMs < a.pagesMs ? b : a));
  return `| ${name} | ${best.openMs.toFixed(0)} | ${best.pagesMs.toFixed(0)} | **${pps(best.pagesMs)}** | ${list.map((t) => pps(t.pagesMs)).join(', ')} | ${best.failed} |`;
};

console.log(`## Backends on ${path.basename(file)} (${n} pages, one thread, Node ${process.version}, ${rounds} round(s))\n`);
console.log('| backend | open (ms) | pages (ms) | pages/s (best) | pages/s per round | failed pages |');
console.log('|---|---:|---:|---:|---|---:|');
console.log(row('pdf.js 5.6.205: getPage + getOperatorList + walkOperators', timings.pdfjs));
console.log(row('PDFium (@embedpdf/pdfium 2.15.1) pdfiumPageContent, raw wasm exports', timings.raw));
console.log(row('PDFium pdfiumPageContent, cwrap wrappers', timings.cwrap));
console.log();
console.log('| agreement (pdf.js vs PDFium) | value |');
console.log('|---|---:|');
console.log(`| pages with equal non-space glyph text (NFKC) | ${textEqual} / ${n} (${pct(textEqual, n)}) |`);
console.log(`| pages whose glyph characters are equal up to order | ${sameCharacters} / ${n} (${pct(sameCharacters, n)}) |`);
console.log(`| non-space glyphs pdf.js / PDFium / aligned (all pages) | ${glyphsA} / ${glyphsB} / ${aligned} |`);
console.log(`| mean x-edge difference of aligned glyphs, all pages (pt) | ${f3(aligned ? xSum / aligned : 0)} |`);
console.log(`| mean bottom / top difference, all pages (pt) | ${f3(aligned ? bottomSum / aligned : 0)} / ${f3(aligned ? topSum / aligned : 0)} |`);
console.log(`| x-edge difference on equal-text pages: mean / median / p95 (pt) | ${stats(xDiffs)} |`);
console.log(`| bottom (descent) difference on equal-text pages: mean / median / p95 (pt) | ${stats(bottomDiffs)} |`);
console.log(`| top (ascent) difference on equal-text pages: mean / median / p95 (pt) | ${stats(topDiffs)} |`);
console.log(`| mean font size difference (pt) | ${f3(aligned ? sizeSum / aligned : 0)} |`);
console.log(`| aligned glyphs with different \`invisible\` | ${invisibleMismatch} |`);
console.log(`| filled rectangles pdf.js / PDFium | ${rectsA} / ${rectsB} |`);
console.log(`| pdf.js rectangles found by PDFium (IoU ≥ 0.9) | ${rectsMatched} (${pct(rectsMatched, rectsA)}) |`);
console.log(`| PDFium rectangles found by pdf.js (IoU ≥ 0.9) | ${rectsMatchedB} (${pct(rectsMatchedB, rectsB)}) |`);
console.log(`| pages with equal image count | ${imagesEqual} / ${n} (${pct(imagesEqual, n)}); images ${imagesA} / ${imagesB} |`);
if (mismatches.length) {
  console.log('\nPages whose glyph characters differ (not only in order):\n');
  for (const m of mismatches) console.log(`- ${m}`);
}
