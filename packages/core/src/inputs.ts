/** Inputs as a user names them: files, and folders searched recursively for PDFs and page images. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { INPUT_EXTENSIONS } from './sniff.js';

/**
 * Expand paths into input files, in a stable order (folders sorted by name). A named file is
 * always kept, whatever its ending or state, so that it gets its own record (an error one
 * if it cannot be read); inside folders only PDF and image endings are picked up.
 */
export async function* expandInputs(paths: readonly string[]): AsyncGenerator<string> {
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      yield p;
      continue;
    }
    yield* walk(p);
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else if (e.isFile() && INPUT_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) yield full;
  }
}
