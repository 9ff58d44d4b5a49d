/**
 * The one place this package loads pdf.js (legacy build, for Node 20): main module and
 * worker code together, so that the fake worker pdf.js runs in Node is found on
 * `globalThis.pdfjsWorker` instead of being imported later, and the built-ins its
 * polyfills replace are restored right after both have been evaluated (see builtins.ts).
 * Every other module imports pdf.js through this one.
 */
import { restoreBuiltins } from './builtins.js';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';

restoreBuiltins();

export const { getDocument, PDFDateString, OPS, normalizeUnicode } = pdfjs;
export type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
