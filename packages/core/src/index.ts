/**
 * @lakmoes/core — the pipeline: `analyzeDocument()` turns one PDF or page image into one
 * `DocumentRecord` (ok or error with a code), and `analyzeDossier()` runs it over many.
 */
export { analyzeDocument, type AnalyzeOptions, type DocumentInput, type OcrLike, type OcrWord } from './analyze.js';
export { sniffMediaType, INPUT_EXTENSIONS, type MediaType } from './sniff.js';
export { expandInputs } from './inputs.js';
export { analyzeDossier, summarize, type DossierOptions, type RunSummary } from './dossier.js';
