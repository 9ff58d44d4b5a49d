/**
 * Records from the inputs of an example run: NDJSON (or JSON) files written by
 * `lakmoes extract` are read as they are; PDFs, page images and folders of them are run
 * through the pipeline with `analyzeDossier` from `@lakmoes/core`.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { analyzeDossier, expandInputs, type AnalyzeOptions, type OcrLike } from '@lakmoes/core';
import type { DocumentRecord } from '@lakmoes/schema';

export interface LoadOptions {
  /** OCR for pages without a text layer (`auto`, the default) or never (`off`). */
  ocr?: 'auto' | 'off' | 'force';
  /** Keep the page texts in the records (the indexer needs them for search). */
  text?: boolean;
  /** Threads for the pipeline (`analyzeDossier`'s default when absent; 0: in this thread). */
  jobs?: number;
  /** Leave out these inputs (for resuming a run): checked before a document is read. */
  skip?: (path: string) => boolean;
  /** Called once per record, e.g. for progress. */
  onRecord?: (record: DocumentRecord) => void;
}

/** Files read as records, not as documents. */
export const RECORD_FILE = /\.(ndjson|jsonl|json)$/i;

/** An OCR engine started on first use, so runs without scanned pages never pay for it. */
function lazyOcr(): OcrLike & { close(): Promise<void> } {
  let engine: ReturnType<typeof start> | null = null;
  const start = () => import('@lakmoes/ocr').then((m) => m.createOcrEngine());
  return {
    async recognize(image, options) {
      engine ??= start();
      return (await engine).recognize(image, options);
    },
    async close() {
      if (engine) await (await engine).terminate();
    },
  };
}

/** The records in an NDJSON or JSON file (a record, an array of records, or one per line). */
export async function* readRecordFile(file: string): AsyncGenerator<DocumentRecord> {
  if (/\.json$/i.test(file)) {
    const text = (await readFile(file, 'utf8')).trim();
    if (text.startsWith('[') || !text.includes('\n')) {
      const value = JSON.parse(text) as DocumentRecord | DocumentRecord[];
      yield* Array.isArray(value) ? value : [value];
      return;
    }
  }
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as DocumentRecord;
}

/**
 * Pipeline options. OCR goes both ways: `ocrEngine` for a run in this thread, and
 * `ocrModule` for a run on worker threads, where each thread starts its own engine.
 */
type PipelineOptions = AnalyzeOptions & { jobs?: number; ocrModule?: string };

/** One record per document named by the inputs, in order; record files are passed through. */
export async function* loadRecords(inputs: readonly string[], options: LoadOptions = {}): AsyncGenerator<DocumentRecord> {
  const ocr = options.ocr === 'off' ? null : lazyOcr();
  const pipeline: PipelineOptions = { ocr: options.ocr ?? 'auto', text: options.text === true };
  if (options.jobs !== undefined) pipeline.jobs = options.jobs;
  if (ocr) {
    pipeline.ocrEngine = ocr;
    pipeline.ocrModule = import.meta.resolve('@lakmoes/ocr');
  }
  const skip = options.skip ?? (() => false);
  const emit = (record: DocumentRecord): DocumentRecord => {
    options.onRecord?.(record);
    return record;
  };
  try {
    // consecutive document inputs go through one pipeline run, so it starts its threads once
    for (let i = 0; i < inputs.length; ) {
      const input = inputs[i]!;
      if (RECORD_FILE.test(input)) {
        for await (const record of readRecordFile(input)) if (!skip(record.source.path)) yield emit(record);
        i++;
        continue;
      }
      const group: string[] = [];
      while (i < inputs.length && !RECORD_FILE.test(inputs[i]!)) group.push(inputs[i++]!);
      let files = group;
      if (options.skip) {
        files = [];
        for await (const file of expandInputs(group)) if (!skip(file)) files.push(file);
      }
      if (files.length === 0) continue;
      for await (const record of analyzeDossier(files, pipeline)) yield emit(record);
    }
  } finally {
    await ocr?.close();
  }
}

/** Command-line paths are relative to where the user ran pnpm (`INIT_CWD`), not the example's folder. */
export function userPath(p: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
}
