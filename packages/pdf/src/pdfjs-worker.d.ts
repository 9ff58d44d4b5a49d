/** pdf.js' worker code, loaded for its side effect (`globalThis.pdfjsWorker`); it has no types. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
