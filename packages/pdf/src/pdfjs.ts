/**
 * The one place this package loads pdf.js (legacy build, for Node 20), on first use: the
 * PDFium backend never needs it, and loading it costs ~0.4 s and ~50 MB in every thread.
 * The main module and the worker code are loaded together, so that the fake worker pdf.js
 * runs in Node is found on `globalThis.pdfjsWorker` instead of being imported later, and
 * the built-ins its polyfills replace are restored right after both have been evaluated
 * (see builtins.ts). Every other module gets pdf.js through `loadPdfjs`.
 */
import { restoreBuiltins } from './builtins.js';

export type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
export type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

let loading: Promise<PdfjsModule> | undefined;

/** pdf.js, loaded once per thread. */
export function loadPdfjs(): Promise<PdfjsModule> {
  loading ??= (async () => {
    try {
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return pdfjs;
    } finally {
      restoreBuiltins();
    }
  })();
  return loading;
}

/** Whether pdf.js has been loaded in this thread (for tests). */
export function pdfjsLoaded(): boolean {
  return loading !== undefined;
}
