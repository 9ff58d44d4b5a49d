/**
 * pdf.js in the browser, loaded only when the viewer has a PDF to draw. The worker, the
 * standard fonts and the wasm decoders are bundled with the page (see vite.config.ts):
 * nothing comes from a CDN.
 */
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy };

/** Open a PDF from its bytes. */
export async function openPdf(data: ArrayBuffer): Promise<PDFDocumentProxy> {
  const base = new URL('./pdfjs/', document.baseURI).href;
  return getDocument({
    data: new Uint8Array(data),
    standardFontDataUrl: `${base}standard_fonts/`,
    wasmUrl: `${base}wasm/`,
    isEvalSupported: false,
  }).promise;
}

/** Draw one page into a canvas `cssWidth` pixels wide (sharp on high-DPI screens). */
export async function renderPage(doc: PDFDocumentProxy, pageNumber: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<void> {
  const page = await doc.getPage(pageNumber);
  const unit = page.getViewport({ scale: 1 });
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: (cssWidth / unit.width) * ratio });
  canvas.width = Math.round(viewport.width);
  canvas.height = Math.round(viewport.height);
  await page.render({ canvas, viewport }).promise;
}
