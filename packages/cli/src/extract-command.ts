/** `lakmoes extract <files or folders...>`: one NDJSON record per input file, on worker threads. */
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import type { Writable } from 'node:stream';
import { analyzeDossier, parseShard, readResumeState, RunTally, type DossierOptions, type OcrLike, type RunSummary } from '@lakmoes/core';

export interface ExtractCommandOptions {
  out?: string;
  text?: boolean;
  ocr?: 'auto' | 'off' | 'force';
  law?: 'woo' | 'wob';
  raster?: boolean;
  backend?: 'pdfjs' | 'pdfium';
  quiet?: boolean;
  /** Worker threads (default: the number of cores); 0: one document at a time in the main thread. */
  jobs?: number | string;
  /** Write records in input order (default: as they are done). */
  ordered?: boolean;
  /** Per-document timeout, seconds (default 600). */
  timeout?: number | string;
  /** Skip inputs whose SHA-256 has an `ok` record in `out`, and append to it. */
  resume?: boolean;
  /** `i/n`: only this share of the inputs. */
  shard?: string;
  maxPages?: number | string;
  maxBytes?: number | string;
}

/** An OCR engine created on first use, so runs without scanned pages never pay its start-up (for --jobs 0). */
function lazyOcr(): OcrLike & { close(): Promise<void> } {
  let engine: Promise<{ recognize: OcrLike['recognize']; terminate(): Promise<void> }> | null = null;
  return {
    async recognize(image, options) {
      engine ??= import('@lakmoes/ocr').then((m) => m.createOcrEngine());
      return (await engine).recognize(image, options);
    },
    async close() {
      if (engine) await (await engine).terminate();
    },
  };
}

async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(line)) await new Promise((r) => out.once('drain', r));
}

function count(name: string, value: number | string | undefined, { min = 0, integer = true } = {}): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const m = /^(\d+(?:\.\d+)?)([kmg]i?b?)?$/i.exec(text);
  const unit = m?.[2]?.[0]?.toLowerCase();
  const n = m ? Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1) : NaN;
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n)) || (unit && name !== '--max-bytes')) {
    throw new RangeError(`${name} must be a ${integer ? 'whole ' : ''}number ≥ ${min} (got ${JSON.stringify(text)})`);
  }
  return n;
}

export function formatSummary(s: RunSummary): string {
  const codes = Object.entries(s.errorsByCode).map(([c, n]) => `${c}: ${n}`).join(', ');
  const skipped = s.skipped ? ` (${s.skipped} skipped)` : '';
  return (
    `lakmoes: ${s.files} files${skipped}, ${s.ok} ok, ${s.errors} error${s.errors === 1 ? '' : 's'}${codes ? ` (${codes})` : ''}, ` +
    `${s.pages} pages, ${(s.ms / 1000).toFixed(1)} s, ${s.pagesPerSecond} pages/s, peak RSS ${s.peakRssMb} MB`
  );
}

/** A one-line progress display on a terminal (`\r`), redrawn at most 5 times a second. */
class Progress {
  private pages = 0;
  private last = 0;
  private shown = false;

  constructor(
    private readonly stream: Writable,
    private readonly tally: RunTally,
    private readonly t0: number,
  ) {}

  addPages(n: number): void {
    this.pages += n;
    this.draw();
  }

  draw(force = false): void {
    const now = performance.now();
    if (!force && now - this.last < 200) return;
    this.last = now;
    const s = (now - this.t0) / 1000;
    const t = this.tally;
    const errors = t.errors ? `, ${t.errors} error${t.errors === 1 ? '' : 's'}` : '';
    const skipped = t.skipped ? `, ${t.skipped} skipped` : '';
    this.stream.write(`\r\x1b[Klakmoes: ${t.files} files${skipped}${errors}, ${this.pages} pages, ${(this.pages / Math.max(s, 0.001)).toFixed(1)} pages/s, ${s.toFixed(0)} s`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}

/** Run the command; resolves to the exit status (0 all ok, 1 some error records); throws on bad usage. */
export async function runExtract(paths: string[], options: ExtractCommandOptions, stdout: Writable, stderr: Writable): Promise<number> {
  const jobs = count('--jobs', options.jobs) ?? os.availableParallelism();
  const timeout = count('--timeout', options.timeout, { integer: false });
  const maxPages = count('--max-pages', options.maxPages, { min: 1 });
  const maxBytes = count('--max-bytes', options.maxBytes, { min: 1 });
  const shard = options.shard !== undefined ? parseShard(options.shard) : undefined;
  if (options.resume && !options.out) throw new Error('--resume needs --out FILE (the records to resume from)');
  if (timeout === 0) throw new RangeError('--timeout must be more than 0 seconds');

  const tally = new RunTally();
  const t0 = performance.now();
  const progress = !options.quiet && (stderr as { isTTY?: boolean }).isTTY ? new Progress(stderr, tally, t0) : null;
  const say = (line: string): void => {
    if (options.quiet) return;
    progress?.clear();
    stderr.write(line + '\n');
  };

  const dossier: DossierOptions = { ocr: options.ocr ?? 'auto', raster: options.raster !== false, jobs, ordered: options.ordered === true, ...(options.backend ? { backend: options.backend } : {}) };
  if (options.text) dossier.text = true;
  if (options.law) dossier.law = options.law;
  if (timeout !== undefined) dossier.timeoutMs = timeout * 1000;
  if (maxPages !== undefined) dossier.maxPages = maxPages;
  if (maxBytes !== undefined) dossier.maxBytes = maxBytes;
  if (shard) dossier.shard = shard;
  const ocr = options.ocr !== 'off' && jobs === 0 ? lazyOcr() : null;
  if (ocr) dossier.ocrEngine = ocr;
  // each worker thread makes its own OCR engine from this module, on its first page that needs one
  if (options.ocr !== 'off' && jobs > 0) dossier.ocrModule = import.meta.resolve('@lakmoes/ocr');

  if (options.resume && options.out) {
    const state = await readResumeState(options.out, { repair: true });
    if (state.partialBytes) say(`lakmoes: --resume: cut off a half-written last line (${state.partialBytes} bytes) of ${options.out}; its input runs again`);
    if (state.unreadable) say(`lakmoes: --resume: ${state.unreadable} unreadable line${state.unreadable === 1 ? '' : 's'} in ${options.out}; their inputs run again`);
    dossier.skipSha256 = (sha256) => state.ok.has(sha256);
    dossier.onSkip = () => {
      tally.skipped++;
      progress?.draw();
    };
  }
  if (progress) dossier.onPages = (_path, n) => progress.addPages(n);

  const out: Writable = options.out ? createWriteStream(options.out, { flags: options.resume ? 'a' : 'w' }) : stdout;
  try {
    for await (const record of analyzeDossier(paths, dossier)) {
      await write(out, JSON.stringify(record) + '\n');
      tally.add(record);
      if (record.status === 'error') say(`lakmoes: ${record.source.path}: ${record.error?.code} ${record.error?.message}`);
      progress?.draw();
    }
  } finally {
    await ocr?.close();
    if (out !== stdout) await new Promise<void>((r) => out.end(r));
    progress?.clear();
  }
  const summary = tally.summary(performance.now() - t0);
  if (!options.quiet) stderr.write(formatSummary(summary) + '\n');
  return summary.errors > 0 ? 1 : 0;
}
