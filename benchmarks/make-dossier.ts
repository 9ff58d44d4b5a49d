/**
 * Dossiers for the throughput benchmark, concatenated from `../shared/corpus` (the files of
 * `MANIFEST.tsv`, in its order, repeated when the corpus is shorter than the dossier):
 *
 * | file | pages |
 * | --- | --- |
 * | `dossier-500.pdf`, `dossier-2000.pdf` | every kind: born-digital, ZyLAB image pages with an OCR layer, scans |
 * | `born-digital-500.pdf` | only files whose every page has a native text layer (`notes`: `textlayer=native:N`, no scan or image page) |
 * | `scans-20.pdf` | 20 image-only pages (`born_digital_text = no`), for OCR |
 *
 * into `benchmarks/out/` (gitignored). With `qpdf --empty --pages … --` when qpdf is there
 * (benchmarks/setup.sh), else pdf-lib `copyPages`. Existing files are kept (`--force` rebuilds).
 *
 *   pnpm tsx benchmarks/make-dossier.ts [--force]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';

const here = path.dirname(fileURLToPath(import.meta.url));
export const OUT = path.join(here, 'out');
export const CORPUS = path.join(process.env.LAKMOES_SHARED ?? path.resolve(here, '../../shared'), 'corpus');

interface CorpusFile {
  path: string;
  pages: number;
  bornDigital: 'yes' | 'partly' | 'no';
  /** Every page has a native text layer (no OCR layer over an image, no scan). */
  nativeOnly: boolean;
}

/** One part of a dossier: pages `1..pages` of a corpus file. */
interface Part {
  file: string;
  pages: number;
}

export interface Dossier {
  name: string;
  file: string;
  pages: number;
  /** What the pages are. */
  description: string;
}

export function corpusFiles(): CorpusFile[] {
  const manifest = path.join(CORPUS, 'MANIFEST.tsv');
  if (!existsSync(manifest)) throw new Error(`no corpus at ${CORPUS} (set LAKMOES_SHARED)`);
  const [head, ...rows] = readFileSync(manifest, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split('\t');
  const col = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`MANIFEST.tsv has no column ${name}`);
    return i;
  };
  const [p, n, b, notes] = [col('path'), col('pages'), col('born_digital_text'), col('notes')];
  return rows
    .map((r) => r.split('\t'))
    .map((c) => ({
      path: path.join(CORPUS, c[p]!),
      pages: Number(c[n]),
      bornDigital: c[b] as CorpusFile['bornDigital'],
      // e.g. `textlayer=native:6` (every page native) against `textlayer=native:4,ocr-over-image:4`
      nativeOnly: /(?:^|; )textlayer=native:\d+(?:;|$)/.test(c[notes] ?? ''),
    }))
    .filter((f) => f.path.endsWith('.pdf') && f.pages > 0 && existsSync(f.path));
}

/** Parts of `files`, cycled, adding up to exactly `pages` pages. */
function take(files: CorpusFile[], pages: number): Part[] {
  if (files.length === 0) throw new Error('no corpus files of that kind');
  const parts: Part[] = [];
  let left = pages;
  for (let i = 0; left > 0; i++) {
    const f = files[i % files.length]!;
    const n = Math.min(f.pages, left);
    parts.push({ file: f.path, pages: n });
    left -= n;
  }
  return parts;
}

function hasQpdf(): boolean {
  return spawnSync('qpdf', ['--version']).status === 0;
}

/** Number of pages of a PDF (qpdf, else pdf-lib). */
export async function pageCount(file: string): Promise<number> {
  if (hasQpdf()) {
    const r = spawnSync('qpdf', ['--show-npages', file], { encoding: 'utf8' });
    if (r.status === 0 || r.status === 3) return Number(r.stdout.trim());
  }
  return (await PDFDocument.load(readFileSync(file), { ignoreEncryption: true })).getPageCount();
}

async function concatenate(parts: Part[], out: string): Promise<void> {
  if (hasQpdf()) {
    const args = ['--empty', '--warning-exit-0', '--pages', ...parts.flatMap((p) => [p.file, `1-${p.pages}`]), '--', out];
    const r = spawnSync('qpdf', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`qpdf failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
    return;
  }
  const doc = await PDFDocument.create();
  for (const part of parts) {
    const src = await PDFDocument.load(readFileSync(part.file), { ignoreEncryption: true });
    const pages = await doc.copyPages(src, Array.from({ length: part.pages }, (_, i) => i));
    for (const page of pages) doc.addPage(page);
  }
  writeFileSync(out, await doc.save());
}

/** Build (or find) the benchmark dossiers. */
export async function makeDossiers(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<Dossier[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const files = corpusFiles();
  const plans: { name: string; parts: Part[]; description: string }[] = [
    { name: 'born-digital-500', parts: take(files.filter((f) => f.nativeOnly), 500), description: 'born-digital pages only (native text layer, no page images)' },
    { name: 'dossier-500', parts: take(files, 500), description: 'the corpus in manifest order: born-digital, image pages with an OCR layer, scans' },
    { name: 'dossier-2000', parts: take(files, 2000), description: 'the corpus in manifest order, repeated' },
    { name: 'scans-20', parts: take(files.filter((f) => f.bornDigital === 'no'), 20), description: 'image-only pages (scans, no text layer)' },
  ];
  mkdirSync(OUT, { recursive: true });
  const out: Dossier[] = [];
  for (const plan of plans) {
    const file = path.join(OUT, `${plan.name}.pdf`);
    const pages = plan.parts.reduce((n, p) => n + p.pages, 0);
    // the parts it was made of, so that a changed plan or corpus rebuilds it
    const partsFile = path.join(OUT, `${plan.name}.parts.json`);
    const parts = JSON.stringify(plan.parts.map((p) => ({ file: path.relative(CORPUS, p.file), pages: p.pages })), null, 1);
    const same = existsSync(file) && existsSync(partsFile) && readFileSync(partsFile, 'utf8') === parts;
    if (options.force || !same) {
      const t0 = performance.now();
      await concatenate(plan.parts, file);
      writeFileSync(partsFile, parts);
      log(`make-dossier: ${path.relative(process.cwd(), file)} (${plan.parts.length} parts) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const counted = await pageCount(file);
    if (counted !== pages) throw new Error(`${file} has ${counted} pages, expected ${pages}`);
    out.push({ name: plan.name, file, pages, description: plan.description });
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dossiers = await makeDossiers({ force: process.argv.includes('--force') });
  for (const d of dossiers) console.log(`${path.relative(process.cwd(), d.file)}\t${d.pages} pages\t${d.description}`);
}
