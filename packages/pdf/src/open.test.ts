import { describe, expect, it } from 'vitest';
import {
  ENCRYPTED_TEXT,
  makeEncryptedPdf,
  makeHyphenationPdf,
  makeNotPdf,
  makeTruncatedPdf,
} from '../../../test/fixtures/pdf/make-fixtures.js';
import { LakmoesError, openPdf, pdfDateToIso, preflight, toLakmoesError } from './open.js';
import { loadPdfjs } from './pdfjs.js';
import { readPdf, tryReadPdf } from './read.js';

async function errorOf(promise: Promise<unknown>): Promise<LakmoesError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LakmoesError);
    return error as LakmoesError;
  }
  throw new Error('expected a rejection');
}

describe('openPdf', () => {
  it('reads metadata with ISO dates', async () => {
    const handle = await openPdf(await makeHyphenationPdf());
    expect(handle.numPages).toBe(1);
    expect(handle.metadata).toEqual({
      title: 'Afbreken',
      author: 'lakmoes tests',
      subject: null,
      creator: 'make-fixtures.ts',
      producer: 'pdf-lib 1.17.1',
      creationDate: '2024-03-01T10:00:00.000Z',
      modificationDate: '2024-03-01T10:00:00.000Z',
      encrypted: false,
      pdfVersion: '1.7',
      language: null,
      pageCount: 1,
    });
    await handle.close();
    await handle.close(); // twice is harmless
  });

  it('does not detach or change the caller’s bytes', async () => {
    const bytes = await makeHyphenationPdf();
    const copy = bytes.slice();
    await readPdf(bytes);
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(bytes).equals(Buffer.from(copy))).toBe(true);
  });

  it('gives PDF_EMPTY for zero bytes', async () => {
    const error = await errorOf(openPdf(new Uint8Array()));
    expect(error.code).toBe('PDF_EMPTY');
  });

  it('gives NOT_PDF when there is no %PDF- header in the first 1024 bytes', async () => {
    expect((await errorOf(openPdf(makeNotPdf()))).code).toBe('NOT_PDF');
    const late = new Uint8Array(2048);
    late.set(new TextEncoder().encode('%PDF-1.7'), 1500);
    expect(preflight(late)?.code).toBe('NOT_PDF');
    // A header after some junk (but within 1024 bytes) is accepted by the preflight.
    const early = new Uint8Array(100);
    early.set(new TextEncoder().encode('%PDF-1.7'), 20);
    expect(preflight(early)).toBeNull();
  });

  it.each(['pdfium', 'pdfjs'] as const)('gives PDF_CORRUPT for a truncated file (%s)', async (backend) => {
    const error = await errorOf(openPdf(await makeTruncatedPdf(), { backend }));
    expect(error.code).toBe('PDF_CORRUPT');
    expect(error.message).toMatch(backend === 'pdfjs' ? /invalid/i : /could not be read/i);
  });

  it('gives PDF_CORRUPT for a header with nothing behind it', async () => {
    const error = await errorOf(openPdf(new TextEncoder().encode('%PDF-1.7\n%%EOF\n')));
    expect(error.code).toBe('PDF_CORRUPT');
  });

  it('gives PDF_ENCRYPTED when a user password is needed', async () => {
    const bytes = makeEncryptedPdf({ userPassword: 'geheim' });
    const error = await errorOf(openPdf(bytes));
    expect(error.code).toBe('PDF_ENCRYPTED');
    expect(error.toJSON()).toEqual({ code: 'PDF_ENCRYPTED', message: error.message });
    // Wrong password: still encrypted.
    expect((await errorOf(openPdf(bytes, { password: 'fout' }))).code).toBe('PDF_ENCRYPTED');
  });

  it('opens an encrypted file with the right password', async () => {
    const doc = await readPdf(makeEncryptedPdf({ userPassword: 'geheim' }), { password: 'geheim' });
    expect(doc.pages[0]!.text).toBe(ENCRYPTED_TEXT);
    expect(doc.metadata.encrypted).toBe(true);
  });

  it('opens an owner-password-only file and flags it encrypted (strings decrypted)', async () => {
    const doc = await readPdf(makeEncryptedPdf());
    expect(doc.metadata.encrypted).toBe(true);
    expect(doc.metadata.title).toBe('Versleuteld');
    expect(doc.pages[0]!.text).toBe(ENCRYPTED_TEXT);
  });
});

describe('tryReadPdf', () => {
  it('returns errors as values', async () => {
    const results = await Promise.all([
      tryReadPdf(new Uint8Array()),
      tryReadPdf(makeNotPdf()),
      tryReadPdf(await makeTruncatedPdf()),
      tryReadPdf(makeEncryptedPdf({ userPassword: 'x' })),
      tryReadPdf(await makeHyphenationPdf()),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['PDF_EMPTY', 'NOT_PDF', 'PDF_CORRUPT', 'PDF_ENCRYPTED', 'ok']);
  });
});

describe('toLakmoesError', () => {
  it('maps pdf.js exception names to codes', () => {
    const named = (name: string): Error => Object.assign(new Error('x'), { name });
    expect(toLakmoesError(named('PasswordException')).code).toBe('PDF_ENCRYPTED');
    expect(toLakmoesError(named('InvalidPDFException')).code).toBe('PDF_CORRUPT');
    expect(toLakmoesError(named('FormatError')).code).toBe('PDF_CORRUPT');
    expect(toLakmoesError(new TypeError('boom')).code).toBe('PDF_CORRUPT');
    expect(toLakmoesError('a string').code).toBe('PDF_CORRUPT');
    const own = new LakmoesError('NOT_PDF', 'no');
    expect(toLakmoesError(own)).toBe(own);
  });
});

describe('pdfDateToIso', () => {
  it('parses PDF dates with offsets', () => {
    expect(pdfDateToIso("D:20211222151013+01'00'")).toBe('2021-12-22T14:10:13.000Z');
    expect(pdfDateToIso('D:20210719')).toBe('2021-07-19T00:00:00.000Z');
  });
  it("reads every date as pdf.js' PDFDateString does (out-of-range parts, missing parts, offsets)", async () => {
    const { PDFDateString } = await loadPdfjs();
    const dates = [
      "D:20211222151013+01'00'", "D:20211222151013-05'30'", 'D:20211222151013Z', 'D:2021', 'D:202113', 'D:20210231',
      "D:20211222251013+01'00", 'D:19990101000000+14', "D:20000229235959-23'59'", 'D:20211222151013+0100', 'D:0099',
    ];
    for (const d of dates) expect([d, pdfDateToIso(d)]).toEqual([d, PDFDateString.toDateObject(d)?.toISOString() ?? null]);
  });
  it('gives null for anything else', () => {
    expect(pdfDateToIso('gisteren')).toBeNull();
    expect(pdfDateToIso('')).toBeNull();
    expect(pdfDateToIso(undefined)).toBeNull();
  });
});
