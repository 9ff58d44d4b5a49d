/**
 * A PDF opened by path is read through its file descriptor, block by block: the same pages as
 * from bytes, never the whole file in memory, and the descriptor closed with the document.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeBombPdf } from '../../../test/fixtures/bad/make-bad.js';
import { makeHyphenationPdf, makeNotPdf, makePaddedPdf } from '../../../test/fixtures/pdf/make-fixtures.js';
import { fileSource, memorySource } from './byte-source.js';
import { findInflationBomb, LakmoesError, openPdf, SCAN_CHUNK } from './open.js';
import { readPage } from './read.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lakmoes-bytes-'));

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Open descriptors of this process (Linux), or null elsewhere. */
function openFds(): number | null {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return null;
  }
}

describe('byte sources', () => {
  it('read the same bytes from memory and from a file, clipped to the end', () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31 + 7) & 0xff);
    const file = fileSource(write('bytes.bin', bytes));
    const memory = memorySource(bytes);
    try {
      for (const [at, n] of [[0, 10], [9_990, 10], [9_995, 100], [4_000, 3_000], [10_000, 5]] as const) {
        expect(file.read(at, n)).toEqual(memory.read(at, n));
      }
      expect(file.read(9_995, 100).length).toBe(5);
      const a = new Uint8Array(20);
      const b = new Uint8Array(20);
      expect(file.readInto(a, 2, 100, 18)).toBe(true);
      expect(memory.readInto(b, 2, 100, 18)).toBe(true);
      expect(a).toEqual(b);
      expect(file.readInto(a, 0, 9_995, 10)).toBe(false);
      expect(memory.readInto(b, 0, 9_995, 10)).toBe(false);
    } finally {
      file.close();
      file.close(); // idempotent
    }
    expect(() => file.read(0, 1)).toThrow(/closed/);
  });
});

describe('openPdf({ path })', () => {
  it.each(['pdfium', 'pdfjs'] as const)('%s: the same metadata and text as from bytes; the descriptor is closed with the document', async (backend) => {
    const bytes = await makeHyphenationPdf();
    const file = write(`afbreken-${backend}.pdf`, bytes);
    const fds = openFds();
    const fromFile = await openPdf({ path: file }, { backend });
    const fromBytes = await openPdf(bytes, { backend });
    try {
      expect(fromFile.metadata).toEqual(fromBytes.metadata);
      const [a, b] = [await readPage(fromFile, 1), await readPage(fromBytes, 1)];
      expect(a.text).toBe(b.text);
      expect(a.text.length).toBeGreaterThan(20);
    } finally {
      await fromFile.close();
      await fromBytes.close();
    }
    if (fds !== null) expect(openFds()).toBe(fds);
  });

  it('PDFium does not hold the file in memory: a 48 MB file costs no 48 MB of array buffers', async () => {
    const file = write('groot.pdf', await makePaddedPdf(48 << 20));
    const before = process.memoryUsage().arrayBuffers;
    const handle = await openPdf({ path: file }, { backend: 'pdfium' });
    try {
      expect((await readPage(handle, 1)).text).toContain('Besluit op uw Woo-verzoek');
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 << 20);
    } finally {
      await handle.close();
    }
  });

  it('gives the same errors as bytes, and closes the descriptor after them', async () => {
    const fds = openFds();
    const codeOf = async (input: Parameters<typeof openPdf>[0]): Promise<string> => {
      try {
        await (await openPdf(input, { backend: 'pdfium' })).close();
        return 'ok';
      } catch (error) {
        return error instanceof LakmoesError ? error.code : String((error as { code?: unknown }).code);
      }
    };
    expect(await codeOf({ path: write('leeg.pdf', new Uint8Array()) })).toBe('PDF_EMPTY');
    expect(await codeOf({ path: write('geen.pdf', makeNotPdf()) })).toBe('NOT_PDF');
    expect(await codeOf({ path: write('kapot.pdf', new TextEncoder().encode('%PDF-1.7\n%%EOF\n')) })).toBe('PDF_CORRUPT');
    expect(await codeOf({ path: path.join(dir, 'bestaat-niet.pdf') })).toBe('ENOENT');
    if (fds !== null) expect(openFds()).toBe(fds);
  });
});

describe('findInflationBomb over a file, in chunks', () => {
  const zeros = deflateSync(new Uint8Array(3 << 20));
  /** A stream of 3 MB of deflated zeros whose `stream` keyword starts at `keywordAt`. */
  function bombAt(keywordAt: number, withLength: boolean): Uint8Array {
    const dict = `5 0 obj\n<< ${withLength ? `/Length ${zeros.length} ` : ''}/Filter /FlateDecode >>\n`;
    const head = `%PDF-1.7\n%`;
    const pad = keywordAt - head.length - 1 - dict.length;
    const text = head + 'x'.repeat(pad) + '\n' + dict + 'stream\n';
    const tail = '\nendstream\nendobj\n%%EOF\n';
    const out = new Uint8Array(text.length + zeros.length + tail.length);
    out.set(new TextEncoder().encode(text));
    out.set(zeros, text.length);
    out.set(new TextEncoder().encode(tail), text.length + zeros.length);
    expect(new TextDecoder('latin1').decode(out.subarray(keywordAt, keywordAt + 6))).toBe('stream');
    return out;
  }

  it('skips the scan for bytes already checked (by the dossier engine, for its range workers)', async () => {
    const file = write('bom-gecontroleerd.pdf', makeBombPdf());
    await expect(openPdf({ path: file }, { backend: 'pdfium' })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    // opened without reading the bomb: nothing inflates until its page is read
    const handle = await openPdf({ path: file }, { backend: 'pdfium', bombChecked: true });
    expect(handle.numPages).toBe(1);
    await handle.close();
  });

  it.each([-200, -6, -3, -1, 0, 2, 4_000, 4_100])('finds a stream whose keyword is at the chunk boundary %+i', async (offset) => {
    for (const withLength of [true, false]) {
      const bytes = bombAt(SCAN_CHUNK + offset, withLength);
      const source = fileSource(write(`bom${offset}.pdf`, bytes));
      try {
        const limits = { stream: 2 << 20 };
        const [fromFile, fromBytes] = [await findInflationBomb(source, limits), await findInflationBomb(bytes, limits)];
        expect(fromFile?.code).toBe('TOO_LARGE');
        expect(fromFile?.message).toBe(fromBytes?.message);
        // under the limit: no bomb
        expect(await findInflationBomb(source, { stream: 4 << 20 })).toBeNull();
      } finally {
        source.close();
      }
    }
  });
});
