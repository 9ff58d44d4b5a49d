/** The dossier engine: worker threads, page ranges, timeouts, shards and resume. */
export { DossierEngine, type EngineOptions } from './engine.js';
export { listInputs, parseShard, shardOf, type InputFile, type Shard } from './inputs.js';
export { readResumeState, type ResumeState } from './resume.js';
export { sha256File, sourceOf } from './source.js';
export type { EngineTestHooks, WorkerAnalyzeOptions } from './protocol.js';
