/** Inputs of a run: expanded folders, with the path each file has inside its input (for sharding). */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { expandInputs } from '../inputs.js';

/** A file to analyse and its path relative to the input it was found under (`/`-separated). */
export interface InputFile {
  path: string;
  relative: string;
}

/**
 * Expand inputs (files and folders, searched recursively) as `expandInputs` does, with each
 * file's path relative to the folder named (a file named itself: its base name), so that the
 * same corpus mounted at different places gives the same relative paths.
 */
export async function* listInputs(inputs: Iterable<string> | AsyncIterable<string>): AsyncGenerator<InputFile> {
  for await (const root of inputs) {
    for await (const file of expandInputs([root])) {
      const relative = file === root ? path.basename(file) : path.relative(root, file);
      yield { path: file, relative: relative.split(path.sep).join('/') };
    }
  }
}

/** A share of a corpus: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parse `i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index >= 1) || index > count) throw new RangeError(`a shard is i/n with 1 ≤ i ≤ n, e.g. 1/4 (got ${JSON.stringify(text)})`);
  return { index, count };
}

/**
 * The shard (1-based) a relative path belongs to among `count`: the first four bytes of the
 * SHA-256 of the UTF-8 path, big-endian, modulo `count`, plus one. Stable across machines,
 * runs and Node versions, so many machines can each take one share of one corpus.
 */
export function shardOf(relative: string, count: number): number {
  return (createHash('sha256').update(relative, 'utf8').digest().readUInt32BE(0) % count) + 1;
}
