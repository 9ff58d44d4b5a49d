/** `lakmoes extract <files or folders...>`: one NDJSON record per input file. */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { analyzeDossier, summarize, type AnalyzeOptions, type OcrLike, type RunSummary } from '@lakmoes/core';
import type { DocumentRecord } from '@lakmoes/schema';

export interface ExtractCommandOptions {
  out?: string;
  text?: boolean;
  ocr?: 'auto' | 'off' | 'force';
  law?: 'woo' | 'wob';
  raster?: boolean;
  quiet?: boolean;
}

/** An OCR engine created on first use, so runs without scanned pages never pay its start-up. */
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

export function formatSummary(s: RunSummary): string {
  const codes = Object.entries(s.errorsByCode).map(([c, n]) => `${c}: ${n}`).join(', ');
  return `lakmoes: ${s.files} files, ${s.ok} ok, ${s.errors} error${s.errors === 1 ? '' : 's'}${codes ? ` (${codes})` : ''}, ${s.pages} pages, ${(s.ms / 1000).toFixed(1)} s, ${s.pagesPerSecond} pages/s`;
}

/** Run the command; resolves to the exit status (0 all ok, 1 some error records). */
export async function runExtract(paths: string[], options: ExtractCommandOptions, stdout: Writable, stderr: Writable): Promise<number> {
  const out: Writable = options.out ? createWriteStream(options.out) : stdout;
  const ocr = options.ocr === 'off' ? null : lazyOcr();
  const analyze: AnalyzeOptions = { ocr: options.ocr ?? 'auto', raster: options.raster !== false };
  if (ocr) analyze.ocrEngine = ocr;
  if (options.text) analyze.text = true;
  if (options.law) analyze.law = options.law;
  const t0 = performance.now();
  const done: DocumentRecord[] = [];
  try {
    for await (const record of analyzeDossier(paths, analyze)) {
      await write(out, JSON.stringify(record) + '\n');
      // keep only what the summary needs
      done.push({ ...record, pages: record.pages?.map((p) => ({ ...p, redactions: [], text: undefined })) ?? undefined } as DocumentRecord);
      if (!options.quiet && record.status === 'error') stderr.write(`lakmoes: ${record.source.path}: ${record.error?.code} ${record.error?.message}\n`);
    }
  } finally {
    await ocr?.close();
    if (out !== stdout) await new Promise<void>((r) => out.end(r));
  }
  const summary = summarize(done, performance.now() - t0);
  if (!options.quiet) stderr.write(formatSummary(summary) + '\n');
  return summary.errors > 0 ? 1 : 0;
}
