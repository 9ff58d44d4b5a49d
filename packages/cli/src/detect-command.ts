/** `lakmoes detect`: grounds and identifiers in UTF-8 text from stdin. */
import { annotate, detect, type DetectOptions } from '@lakmoes/detect';
import { DetectResult } from '@lakmoes/schema';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface DetectCommandOptions {
  lines?: boolean;
  annotate?: boolean;
  source?: DetectOptions['source'];
  law?: DetectOptions['law'];
  pretty?: boolean;
}

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function render(text: string, options: DetectCommandOptions): string {
  const detectOptions: DetectOptions = {};
  if (options.source) detectOptions.source = options.source;
  if (options.law) detectOptions.law = options.law;
  // validate at the boundary where records leave the library
  const result = DetectResult.parse(detect(text, detectOptions));
  if (options.annotate) return annotate(text, result);
  return JSON.stringify(result, null, options.pretty ? 2 : undefined);
}

/** Run the command over `input`, writing to `output`. */
export async function runDetect(input: Readable, output: Writable, options: DetectCommandOptions): Promise<void> {
  if (!options.lines) {
    const text = await readAll(input);
    output.write(render(text, options) + '\n');
    return;
  }
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!output.write(render(line, options) + '\n')) await new Promise((r) => output.once('drain', r));
  }
}
