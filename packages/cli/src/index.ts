/** @lakmoes/cli — the command's pieces, for embedding and tests. */
export { runDetect, type DetectCommandOptions } from './detect-command.js';
export { runExtract, formatSummary, type ExtractCommandOptions } from './extract-command.js';
