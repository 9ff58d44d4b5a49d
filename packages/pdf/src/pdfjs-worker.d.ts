/** pdf.js' worker code, loaded for its side effect (`globalThis.pdfjsWorker`); it has no types. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
/** pdf.js' image decoders (JpxImage for JPEG 2000); typed where they are used (pdfium/jpx.ts). */
declare module 'pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs';
