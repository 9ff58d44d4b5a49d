/**
 * @lakmoes/core — the pipeline: `analyzeDocument()` turns one PDF or page image into one
 * `DocumentRecord` (ok or error with a code), and `analyzeDossier()` runs it over many on
 * worker threads.
 */
export { analyzeDocument, type AnalyzeOptions, type DocumentInput, type OcrLike, type OcrWord } from './analyze.js';
export { sniffMediaType, INPUT_EXTENSIONS, type MediaType } from './sniff.js';
export { expandInputs } from './inputs.js';
export { analyzeDossier, summarize, RunTally, type DossierOptions, type RunSummary } from './dossier.js';
export { listInputs, parseShard, shardOf, readResumeState, sha256File, type InputFile, type Shard, type ResumeState } from './engine/index.js';
