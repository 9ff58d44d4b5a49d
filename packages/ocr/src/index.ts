/**
 * @lakmoes/ocr — OCR of page images with tesseract.js, fully offline: Dutch
 * language data comes from the `@tesseract.js-data/nld` npm package, workers
 * are started once and reused. Words and lines come with pixel boxes and
 * confidences, and offsets into the page text.
 *
 * ```ts
 * import { createOcrEngine } from '@lakmoes/ocr';
 * const engine = await createOcrEngine({ workers: 2 });
 * try {
 *   const page = await engine.recognize({ data, width, height, channels: 1 }, { dpi: 300 });
 *   console.log(page.confidence, page.text);
 * } finally {
 *   await engine.terminate();
 * }
 * ```
 */
export { createOcrEngine } from './engine.js';
export { OcrError } from './errors.js';
export type { OcrErrorCode } from './errors.js';
export { findLanguageModels, MODEL_DIR } from './langdata.js';
export type { LanguageModel } from './langdata.js';
export { parseTsv } from './tsv.js';
export type { ParsedPage } from './tsv.js';
export { toPgm } from './image.js';
export type * from './types.js';
