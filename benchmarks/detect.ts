/**
 * Throughput of @lakmoes/detect on one core: grounds + identifiers over the seeds' text
 * (real Dutch government prose about the Woo), as one large text and as page-sized calls,
 * and over citation-dense text (the labelled snippets). Prints a markdown table.
 *
 *   pnpm bench detect            (or: pnpm tsx --conditions=@lakmoes/source benchmarks/detect.ts)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detect, detectGrounds, findIdentifiers } from '@lakmoes/detect';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = process.env.LAKMOES_SHARED ?? path.resolve(here, '../../shared');

function seedsText(): string {
  const dir = path.join(shared, 'seeds');
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n\n');
}

function snippetsText(): string | null {
  const f = path.join(here, '../test/fixtures/ground-snippets.jsonl');
  if (!existsSync(f)) return null;
  return readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text).join('\n');
}

/** Repeat `base` to about `bytes` UTF-8 bytes. */
function grow(base: string, bytes: number): string {
  const unit = Buffer.byteLength(base, 'utf8');
  return Array.from({ length: Math.max(1, Math.round(bytes / unit)) }, () => base).join('\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * MB (10^6 bytes) per second of CPU time (user + system of this process) of `fn` over
 * `text`, median of `runs` after one warm-up. CPU time, not wall time: "on one core" is
 * what the target says, and it stays meaningful when other work shares the machine.
 */
function measure(text: string, fn: (t: string) => unknown, runs = 5): number {
  const mb = Buffer.byteLength(text, 'utf8') / 1e6;
  fn(text);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    fn(text);
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1e6);
  }
  return mb / median(times);
}

/** Pages of about 3,000 characters, as the PDF layer hands them over. */
function pages(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 3000) out.push(text.slice(i, i + 3000));
  return out;
}

export function runDetectBench(): string {
  const seeds = seedsText();
  const big = grow(seeds, 20e6);
  const mbBig = Buffer.byteLength(big, 'utf8') / 1e6;
  const rows: [string, string, number][] = [];
  rows.push(['detect() grounds + identifiers', `seeds ×${Math.round(big.length / seeds.length)} (${mbBig.toFixed(1)} MB), one text`, measure(big, (t) => detect(t))]);
  rows.push(['detectGrounds() only', 'same', measure(big, (t) => detectGrounds(t))]);
  rows.push(['findIdentifiers() only', 'same', measure(big, (t) => findIdentifiers(t))]);
  const pageList = pages(big);
  rows.push(['detect() per page', `${pageList.length} pages of 3,000 chars`, measure(big, () => { for (const p of pageList) detect(p); }, 3)]);
  const dense = snippetsText();
  if (dense) {
    const denseBig = grow(dense, 5e6);
    rows.push(['detect() citation-dense', `labelled snippets repeated (${(Buffer.byteLength(denseBig) / 1e6).toFixed(1)} MB)`, measure(denseBig, (t) => detect(t), 3)]);
  }
  const lines = ['| what | input | MB per CPU-second (one core) |', '| --- | --- | ---: |'];
  for (const [what, input, mbs] of rows) lines.push(`| ${what} | ${input} | ${mbs.toFixed(1)} |`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(runDetectBench());
}
