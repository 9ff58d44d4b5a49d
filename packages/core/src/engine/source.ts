/** Source information of a file read in the main thread: for records of documents whose worker died. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { SourceInfo } from '@lakmoes/schema';
import { sniffMediaType } from '../sniff.js';

/** Hex SHA-256 of a file, streamed (never the whole file in memory). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The first `n` bytes of a file (fewer when it is shorter). */
export async function readHead(path: string, n: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(n);
    const { bytesRead } = await handle.read(head, 0, n, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** `path`, size, SHA-256 and media type of a file; nulls for what cannot be read. */
export async function sourceOf(path: string): Promise<SourceInfo> {
  const source: SourceInfo = { path, bytes: null, sha256: null, mediaType: null };
  try {
    const s = await stat(path);
    if (!s.isFile()) return source;
    source.bytes = s.size;
    source.sha256 = await sha256File(path);
    source.mediaType = sniffMediaType(await readHead(path, 1024));
  } catch {
    // what could be read is kept
  }
  return source;
}
