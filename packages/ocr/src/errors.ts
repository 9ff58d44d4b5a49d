/**
 * Error codes of the OCR layer:
 * - `OCR_LANGDATA_MISSING`: the `@tesseract.js-data/<code>` package (or its
 *   `4.0.0_best_int` model) is not installed; raised before any worker starts;
 * - `OCR_INIT_FAILED`: a tesseract worker could not start;
 * - `OCR_BAD_IMAGE`: the image's size, channels or data do not add up;
 * - `TOO_LARGE`: the image has more pixels than `maxPixels`;
 * - `OCR_FAILED`: tesseract rejected the page or its worker died while on it;
 * - `OCR_TERMINATED`: the engine was terminated before the page was done.
 */
export type OcrErrorCode = 'OCR_LANGDATA_MISSING' | 'OCR_INIT_FAILED' | 'OCR_BAD_IMAGE' | 'TOO_LARGE' | 'OCR_FAILED' | 'OCR_TERMINATED';

/** An error as a value: a code to branch on and a message for people. */
export class OcrError extends Error {
  readonly code: OcrErrorCode;

  constructor(code: OcrErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OcrError';
    this.code = code;
  }

  toJSON(): { code: OcrErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** A message from anything thrown (tesseract.js rejects with plain strings). */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
