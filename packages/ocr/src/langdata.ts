/**
 * Language data strictly from npm: `@tesseract.js-data/<code>` ships the
 * LSTM models tesseract.js would otherwise download from a CDN. Without a local
 * `langPath` tesseract.js fetches them, and offline that kills the process with
 * an uncatchable error; so nothing starts unless every model is on disk.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { OcrError } from './errors.js';

/**
 * The model directory inside the data package: tessdata_best converted to
 * integers, LSTM only (3 MB gzipped). The package's own `index.js` points at
 * `4.0.0`, the 10 MB legacy + LSTM model, which the LSTM engine does not need.
 */
export const MODEL_DIR = '4.0.0_best_int';

/** One language's model on disk. */
export interface LanguageModel {
  code: string;
  /** `<package>/4.0.0_best_int/<code>.traineddata.gz`. */
  file: string;
}

const CODE = /^[a-z]{3}(?:_[a-z]+)?$/u;

/** Default resolver: Node's, relative to this package (so its own dependencies are found). */
export const defaultResolve = (specifier: string): string => createRequire(import.meta.url).resolve(specifier);

/** Finds each language's model; throws `OCR_LANGDATA_MISSING` when one is not installed. */
export function findLanguageModels(languages: string, resolve: (specifier: string) => string = defaultResolve): LanguageModel[] {
  const codes = languages.split('+').map((code) => code.trim()).filter(Boolean);
  if (codes.length === 0) throw new OcrError('OCR_LANGDATA_MISSING', 'no OCR language given');
  return [...new Set(codes)].map((code) => {
    if (!CODE.test(code)) throw new OcrError('OCR_LANGDATA_MISSING', `"${code}" is not a tesseract language code`);
    const pkg = `@tesseract.js-data/${code}`;
    let dir: string;
    try {
      dir = path.dirname(resolve(`${pkg}/package.json`));
    } catch (error) {
      throw new OcrError('OCR_LANGDATA_MISSING', `OCR language data for "${code}" is not installed: add ${pkg} to your dependencies`, { cause: error });
    }
    const file = path.join(dir, MODEL_DIR, `${code}.traineddata.gz`);
    if (!existsSync(file)) throw new OcrError('OCR_LANGDATA_MISSING', `${pkg} has no ${MODEL_DIR}/${code}.traineddata.gz (looked in ${dir})`);
    return { code, file };
  });
}

/**
 * A local directory holding every model, for tesseract.js' `langPath`: the
 * package's own directory for one language; for several (each in its own
 * package) a temporary directory of symlinks, removed by `dispose`.
 */
export async function localLangPath(models: readonly LanguageModel[]): Promise<{ langPath: string; dispose: () => Promise<void> }> {
  const first = models[0];
  if (!first) throw new OcrError('OCR_LANGDATA_MISSING', 'no OCR language given');
  const dirs = new Set(models.map((m) => path.dirname(m.file)));
  if (dirs.size === 1) return { langPath: path.dirname(first.file), dispose: async () => undefined };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lakmoes-ocr-'));
  try {
    for (const m of models) await symlink(m.file, path.join(dir, path.basename(m.file)));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new OcrError('OCR_INIT_FAILED', `could not link the OCR models into ${dir}`, { cause: error });
  }
  return { langPath: dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
