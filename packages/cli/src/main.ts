#!/usr/bin/env node
/** The `lakmoes` command. */
import { jsonSchema } from '@lakmoes/schema';
import { Command, Option } from 'commander';
import { runDetect } from './detect-command.js';

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
  .command('schema')
  .description('print the JSON Schema of the records')
  .action(() => {
    process.stdout.write(JSON.stringify(jsonSchema(), null, 2) + '\n');
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`lakmoes: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
