/**
 * `analyzeDossier`: records for many inputs as an async iterable, in input order.
 * (The worker-pool engine with --jobs, timeouts and resume comes with the engine issue;
 * this is the sequential core it will parallelise.)
 */
import type { DocumentRecord } from '@lakmoes/schema';
import { analyzeDocument, type AnalyzeOptions } from './analyze.js';
import { expandInputs } from './inputs.js';

export type DossierOptions = AnalyzeOptions;

/** Figures of a run, for the summary line. */
export interface RunSummary {
  files: number;
  ok: number;
  errors: number;
  errorsByCode: Record<string, number>;
  pages: number;
  ms: number;
  pagesPerSecond: number;
}

export async function* analyzeDossier(paths: readonly string[], options: DossierOptions = {}): AsyncGenerator<DocumentRecord> {
  for await (const file of expandInputs(paths)) yield await analyzeDocument(file, options);
}

/** Count a run's records. */
export function summarize(records: Iterable<DocumentRecord>, ms: number): RunSummary {
  const s: RunSummary = { files: 0, ok: 0, errors: 0, errorsByCode: {}, pages: 0, ms, pagesPerSecond: 0 };
  for (const r of records) {
    s.files++;
    if (r.status === 'ok') {
      s.ok++;
      s.pages += r.pages?.length ?? 0;
    } else {
      s.errors++;
      const code = r.error?.code ?? 'INTERNAL';
      s.errorsByCode[code] = (s.errorsByCode[code] ?? 0) + 1;
    }
  }
  s.pagesPerSecond = ms > 0 ? Math.round((s.pages / ms) * 1000 * 10) / 10 : 0;
  return s;
}
