/**
 * Random access to a PDF's bytes, wherever they are: in memory, or in a file read through its
 * descriptor block by block as the parser asks. Opened from a path, a 112 MB dossier is then
 * not held in memory by every worker that reads a range of its pages.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface ByteSource {
  readonly size: number;
  /** Copies bytes `[position, position + length)` into `target` at `offset`; false when they are not all there. */
  readInto(target: Uint8Array, offset: number, position: number, length: number): boolean;
  /**
   * Bytes `[position, position + length)`, clipped to the file: a view of memory, or a file's
   * bytes copied into `scratch` when it is large enough (else into a new buffer).
   */
  read(position: number, length: number, scratch?: Buffer): Buffer;
  /** Releases the file descriptor (idempotent; a no-op for bytes in memory). */
  close(): void;
}

/** Bytes already in memory. They must not change while a parser reads them. */
export function memorySource(bytes: Uint8Array): ByteSource {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: bytes.byteLength,
    readInto(target, offset, position, length) {
      if (position < 0 || position + length > bytes.byteLength) return false;
      target.set(bytes.subarray(position, position + length), offset);
      return true;
    },
    read: (position, length) => buf.subarray(Math.max(0, position), Math.max(0, Math.min(buf.length, position + length))),
    close: () => undefined,
  };
}

/** A file, read through its descriptor (opened here; `close()` closes it). Throws Node's error when it cannot be opened. */
export function fileSource(path: string): ByteSource {
  let fd: number | null = openSync(path, 'r');
  let size: number;
  try {
    size = fstatSync(fd).size;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  const readFully = (target: Uint8Array, offset: number, position: number, length: number): number => {
    if (fd === null) throw new Error(`the file is closed: ${path}`);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, target, offset + done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  };
  return {
    size,
    readInto(target, offset, position, length) {
      if (position < 0 || position + length > size) return false;
      return readFully(target, offset, position, length) === length;
    },
    read(position, length, scratch) {
      const from = Math.max(0, position);
      const to = Math.max(from, Math.min(size, position + length));
      const out = scratch && scratch.length >= to - from ? scratch : Buffer.allocUnsafe(to - from);
      return out.subarray(0, readFully(out, 0, from, to - from));
    },
    close() {
      if (fd === null) return;
      const f = fd;
      fd = null;
      closeSync(f);
    },
  };
}
