/** The `lakmoes` command line (started by main.ts). */
import { jsonSchema } from '@lakmoes/schema';
import { Command, Option } from 'commander';
import { runDetect } from './detect-command.js';
import { runExtract } from './extract-command.js';

const program = new Command();
program.name('lakmoes').description('Read Dutch Woo/Wob decisions into structured data').version('0.1.0');

program
  .command('detect')
  .description('read UTF-8 text on stdin; print {"grounds": [...], "identifiers": [...]} as JSON')
  .option('--lines', 'each input line is its own document; one JSON object per line, in order')
  .option('--annotate', 'print the text with the findings marked instead of JSON')
  .addOption(new Option('--source <kind>', 'how to read the text').choices(['prose', 'label', 'inventory']).default('prose'))
  .addOption(new Option('--law <law>', 'regime of the document when the text does not say').choices(['woo', 'wob']))
  .option('--pretty', 'indent the JSON')
  .action(async (opts) => {
    await runDetect(process.stdin, process.stdout, opts);
  });

program
  .command('extract')
  .description('read PDFs and page images (folders recursively) on worker threads; print one NDJSON record per input file')
  .argument('<paths...>', 'files or folders')
  .option('-o, --out <file>', 'write the records to a file instead of stdout')
  .option('--text', 'put the page texts in the records')
  .addOption(new Option('--ocr <mode>', 'auto: OCR pages without a text layer; force: every page image; off: never').choices(['auto', 'off', 'force']).default('auto'))
  .addOption(new Option('--law <law>', 'regime of the documents when they do not say').choices(['woo', 'wob']))
  .option('--no-raster', 'do not look for redactions in page images')
  .addOption(new Option('--backend <parser>', 'PDF parser: pdfium (about twice as fast) or pdfjs (reads vertical writing); default pdfium, or $LAKMOES_PDF_BACKEND').choices(['pdfjs', 'pdfium']))
  .option('-j, --jobs <n>', 'worker threads (default: the number of cores; 0: no threads, one document at a time)')
  .option('--ordered', 'write the records in input order (default: as they are done)')
  .option('--timeout <seconds>', 'per document; a document over it gets a TIMEOUT record (default 600)')
  .option('--resume', 'skip inputs whose SHA-256 already has an ok record in --out, and append to it')
  .option('--shard <i/n>', 'only the i-th of n shares of the inputs (by a hash of each path inside its input folder)')
  .option('--max-pages <n>', 'documents of more pages get a TOO_LARGE record (default 100000)')
  .option('--max-bytes <n>', 'files larger than this get a TOO_LARGE record; K, M, G for KiB, MiB, GiB (default 2G)')
  .option('-q, --quiet', 'no progress, per-file errors or summary on stderr')
  .action(async (paths: string[], opts) => {
    process.exitCode = await runExtract(paths, opts, process.stdout, process.stderr);
  });

program
  .command('schema')
  .description('print the JSON Schema of the records')
  .action(() => {
    process.stdout.write(JSON.stringify(jsonSchema(), null, 2) + '\n');
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`lakmoes: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
