/**
 * Raster redaction detection against the TPDL 2023 gold standard (40 page images of Woo/Wob
 * releases, every redacted region annotated in VIA format, redaction style per image).
 *
 *   pnpm tsx benchmarks/tpdl-redaction.ts [corpus-dir] [--dump predictions.json]
 *
 * Prints precision / recall / F1 at IoU >= 0.5 (one-to-one, greedy by IoU) overall and per style,
 * the worst images, and milliseconds per image (detection only, and decode + detection).
 * The scoring helpers are exported for `test/tpdl-redaction.test.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Box } from '@lakmoes/schema';
import { decodeImage, findRasterRedactions, iou, type RasterRedaction, type RasterRedactionStyle } from '../packages/pdf/src/raster.js';

export const TPDL_CORPUS = process.env.LAKMOES_TPDL_CORPUS ?? fileURLToPath(new URL('../../shared/corpus/tpdl-redaction', import.meta.url));
export const IOU_THRESHOLD = 0.5;

export interface GoldImage {
  file: string;
  /** redaction style of the image, from `styles.csv` (`gray` normalised to `grey`) */
  style: RasterRedactionStyle;
  boxes: Box[];
}

interface ViaRegion {
  shape_attributes?: {
    name?: string;
    x?: number;
    y?: number;
    width?: number;
    height?: number;
    all_points_x?: number[];
    all_points_y?: number[];
    cx?: number;
    cy?: number;
    r?: number;
    rx?: number;
    ry?: number;
  };
}

interface ViaFile {
  filename?: string;
  regions?: ViaRegion[] | Record<string, ViaRegion>;
}

/** Bounding box of a VIA region: rect as is; polygon/polyline by its points; circle/ellipse by its radii. */
export function viaRegionBox(region: ViaRegion): Box | undefined {
  const s = region.shape_attributes;
  if (!s) return undefined;
  switch (s.name) {
    case 'rect':
      if (s.x === undefined || s.y === undefined || s.width === undefined || s.height === undefined) return undefined;
      return { x: s.x, y: s.y, width: s.width, height: s.height };
    case 'polygon':
    case 'polyline': {
      const xs = s.all_points_x ?? [];
      const ys = s.all_points_y ?? [];
      if (!xs.length || !ys.length) return undefined;
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
    }
    case 'circle':
    case 'ellipse': {
      const rx = s.rx ?? s.r ?? 0;
      const ry = s.ry ?? s.r ?? 0;
      if (s.cx === undefined || s.cy === undefined) return undefined;
      return { x: s.cx - rx, y: s.cy - ry, width: 2 * rx, height: 2 * ry };
    }
    default:
      return undefined;
  }
}

function normaliseStyle(label: string): RasterRedactionStyle {
  const l = label.trim().toLowerCase();
  if (l === 'gray' || l === 'grey') return 'grey';
  if (l === 'color' || l === 'colour' || l === 'coloured' || l === 'colored') return 'colour';
  if (l === 'border' || l === 'outlined' || l === 'outline') return 'border';
  if (l === 'black') return 'black';
  throw new Error(`unknown redaction style in styles.csv: ${label}`);
}

/** Gold boxes per image, in the order of `styles.csv` (images without a style row are skipped). */
export function loadGold(dir = TPDL_CORPUS): GoldImage[] {
  const via = JSON.parse(readFileSync(join(dir, 'gold_standard.json'), 'utf8')) as Record<string, ViaFile>;
  const byName = new Map<string, ViaFile>();
  // VIA keys are usually filename + size; the filename field is what names the image.
  for (const [key, entry] of Object.entries(via)) byName.set(entry.filename ?? key, entry);
  const lines = readFileSync(join(dir, 'styles.csv'), 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim().toLowerCase());
  const fileCol = header.indexOf('file');
  const labelCol = header.indexOf('label');
  if (fileCol < 0 || labelCol < 0) throw new Error('styles.csv needs File and label columns');
  const out: GoldImage[] = [];
  for (const line of lines) {
    const cells = line.split(',');
    const file = cells[fileCol]?.trim();
    const label = cells[labelCol]?.trim();
    if (!file || !label) continue;
    const entry = byName.get(file);
    if (!entry) throw new Error(`styles.csv names ${file}, which the gold standard lacks`);
    const regions = Array.isArray(entry.regions) ? entry.regions : Object.values(entry.regions ?? {});
    const boxes = regions.map(viaRegionBox).filter((b): b is Box => b !== undefined);
    out.push({ file, style: normaliseStyle(label), boxes });
  }
  out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return out;
}

export { iou };

export interface MatchResult {
  tp: number;
  fp: number;
  fn: number;
  /** indices of [prediction, gold] matched pairs */
  pairs: [number, number][];
}

/** One-to-one matching at IoU >= threshold, greedy from the highest IoU down. */
export function matchBoxes(predicted: readonly Box[], gold: readonly Box[], threshold = IOU_THRESHOLD): MatchResult {
  const candidates: [number, number, number][] = [];
  for (let p = 0; p < predicted.length; p++) {
    for (let g = 0; g < gold.length; g++) {
      const v = iou(predicted[p]!, gold[g]!);
      if (v >= threshold) candidates.push([v, p, g]);
    }
  }
  candidates.sort((a, b) => b[0] - a[0]);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const pairs: [number, number][] = [];
  for (const [, p, g] of candidates) {
    if (usedP.has(p) || usedG.has(g)) continue;
    usedP.add(p);
    usedG.add(g);
    pairs.push([p, g]);
  }
  return { tp: pairs.length, fp: predicted.length - pairs.length, fn: gold.length - pairs.length, pairs };
}

export interface Score {
  images: number;
  gold: number;
  predicted: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function score(tp: number, fp: number, fn: number, images: number): Score {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { images, gold: tp + fn, predicted: tp + fp, tp, fp, fn, precision, recall, f1 };
}

export interface ImageResult {
  gold: GoldImage;
  predicted: RasterRedaction[];
  match: MatchResult;
  decodeMs: number;
  detectMs: number;
}

export async function runImage(gold: GoldImage, dir = TPDL_CORPUS): Promise<ImageResult> {
  const bytes = readFileSync(join(dir, 'images', gold.file));
  const t0 = performance.now();
  const image = await decodeImage(bytes);
  const t1 = performance.now();
  const predicted = findRasterRedactions(image);
  const t2 = performance.now();
  const match = matchBoxes(
    predicted.map((p) => p.box),
    gold.boxes,
  );
  return { gold, predicted, match, decodeMs: t1 - t0, detectMs: t2 - t1 };
}

/** Overall score and one per gold style (styles with no images are left out). */
export function summarise(results: readonly ImageResult[]): { overall: Score; byStyle: Map<RasterRedactionStyle, Score> } {
  const sum = (rs: readonly ImageResult[]): Score =>
    score(
      rs.reduce((a, r) => a + r.match.tp, 0),
      rs.reduce((a, r) => a + r.match.fp, 0),
      rs.reduce((a, r) => a + r.match.fn, 0),
      rs.length,
    );
  const byStyle = new Map<RasterRedactionStyle, Score>();
  for (const style of ['black', 'grey', 'colour', 'border'] as const) {
    const rs = results.filter((r) => r.gold.style === style);
    if (rs.length) byStyle.set(style, sum(rs));
  }
  return { overall: sum(results), byStyle };
}

const f2 = (v: number): string => v.toFixed(3);

export function markdownTable(overall: Score, byStyle: ReadonlyMap<string, Score>): string {
  const rows = [
    '| style | images | gold boxes | predicted | TP | FP | FN | precision | recall | F1 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const row = (name: string, s: Score): string =>
    `| ${name} | ${s.images} | ${s.gold} | ${s.predicted} | ${s.tp} | ${s.fp} | ${s.fn} | ${f2(s.precision)} | ${f2(s.recall)} | ${f2(s.f1)} |`;
  for (const [style, s] of byStyle) rows.push(row(style, s));
  rows.push(row('**all**', overall));
  return rows.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dumpAt = args.indexOf('--dump');
  const dump = dumpAt >= 0 ? args[dumpAt + 1] : undefined;
  const dir = args.find((a, i) => !a.startsWith('--') && (dumpAt < 0 || i !== dumpAt + 1)) ?? TPDL_CORPUS;
  if (!existsSync(join(dir, 'gold_standard.json'))) {
    console.error(`no TPDL corpus at ${dir}`);
    process.exitCode = 1;
    return;
  }
  const gold = loadGold(dir);
  const results: ImageResult[] = [];
  for (const g of gold) results.push(await runImage(g, dir));
  const { overall, byStyle } = summarise(results);
  const detectMs = results.reduce((a, r) => a + r.detectMs, 0) / results.length;
  const totalMs = results.reduce((a, r) => a + r.detectMs + r.decodeMs, 0) / results.length;
  const maxMs = Math.max(...results.map((r) => r.detectMs));

  console.log(`## Raster redaction boxes, TPDL gold (${dir}), IoU >= ${IOU_THRESHOLD}, one-to-one greedy\n`);
  console.log(markdownTable(overall, byStyle));
  console.log(
    `\n${results.length} images; detection ${detectMs.toFixed(0)} ms/image (max ${maxMs.toFixed(0)}), decode + detection ${totalMs.toFixed(0)} ms/image, Node ${process.version}\n`,
  );
  const predictedStyles = new Map<string, number>();
  for (const r of results) for (const p of r.predicted) predictedStyles.set(p.style, (predictedStyles.get(p.style) ?? 0) + 1);
  console.log(`predicted styles: ${[...predictedStyles].map(([s, n]) => `${s} ${n}`).join(', ')}\n`);
  console.log('| image | style | gold | predicted | TP | FP | FN | ms |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const worst = [...results].sort((a, b) => b.match.fp + b.match.fn - (a.match.fp + a.match.fn));
  for (const r of worst) {
    if (!r.match.fp && !r.match.fn) continue;
    console.log(
      `| ${r.gold.file} | ${r.gold.style} | ${r.gold.boxes.length} | ${r.predicted.length} | ${r.match.tp} | ${r.match.fp} | ${r.match.fn} | ${r.detectMs.toFixed(0)} |`,
    );
  }
  if (dump) {
    const out: Record<string, { box: Box; style: string; confidence: number; matched: boolean }[]> = {};
    for (const r of results) {
      const matched = new Set(r.match.pairs.map(([p]) => p));
      out[r.gold.file] = r.predicted.map((p, i) => ({ box: p.box, style: p.style, confidence: p.confidence, matched: matched.has(i) }));
    }
    writeFileSync(dump, JSON.stringify(out, null, 1));
    console.log(`\npredictions written to ${dump}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
