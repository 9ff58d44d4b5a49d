/**
 * JPEG page images decoded natively: an image XObject whose only filter is
 * DCTDecode is handed to sharp (libjpeg-turbo) instead of PDFium's libjpeg
 * compiled to WebAssembly, which is several times slower on scans.
 *
 * Only where the two give the same pixels (up to IDCT rounding): 8-bit grey or
 * RGB (DeviceGray, DeviceRGB, or ICCBased with the sRGB profile PDFium passes
 * through unchanged), a baseline, extended or progressive JPEG whose size and
 * components match the dictionary, no Adobe marker that changes the colours
 * (one on a grey JPEG, or one saying YCbCr on a three-component JPEG, is what
 * both libjpegs assume anyway), and a stream dictionary without /Decode, /Mask, /SMask,
 * /ColorTransform or /ImageMask. PDFium's API does not show the dictionary, so
 * it is read from the file where the raw stream data sits; when it cannot
 * be found (encrypted files, odd layouts) the image goes to PDFium. Anything
 * else (CMYK, JPX, CCITT, JBIG2, Flate…) goes to PDFium as well.
 */
import type { ByteSource } from '../byte-source.js';
import { pdfiumInternals, type PdfiumDocument, type PdfiumLibrary } from './pdfium.js';

/** A JPEG stream that sharp may decode, with what its pixels must look like. */
export interface JpegSource {
  /** The JPEG file, without embedded ICC profiles (PDFium ignores them; sharp would apply them). */
  bytes: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/**
 * Page images are decoded at the full size divided by 2, 4 … until they are at most this many
 * pixels (by default: for finding redaction boxes; a 300 dpi A4 scan at 150 dpi). JPEGs are
 * scaled by libjpeg while decoding (DCT scaling, up to 1/8), JPEG 2000 by OpenJPEG (jpx.ts).
 */
export const PAGE_IMAGE_PIXELS = 4_500_000;

/** Enough for a page that is OCR'd: a 300 dpi A4 or Letter scan at its full size. */
export const OCR_IMAGE_PIXELS = 9_000_000;

/** How many times to halve a `width` × `height` image (at most `most`) so that it fits `maxPixels`. */
export function halvings(width: number, height: number, maxPixels: number, most: number): number {
  let k = 0;
  while (k < most && (width * height) / 4 ** k > maxPixels) k++;
  return k;
}

/** Decoded pixels (the shape of `PdfiumImagePixels`). */
export interface JpegPixels {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}

// FPDF_COLORSPACE_* families.
const CS_DEVICEGRAY = 1;
const CS_DEVICERGB = 2;
const CS_ICCBASED = 7;

/** Scratch layout (bytes from `lib.scratch`; content.ts' layout is not in use while this runs). */
const S_META = 0; // FPDF_IMAGEOBJ_METADATA, 28 bytes
const S_SIZE = 32; // size_t out-parameter
const S_FILTER = 64; // filter name, up to 32 bytes
const FILTER_BYTES = 32;

/** `sRGB IEC61966-2.1` at byte 400 of a 3144-byte profile: the one PDFium treats as no transform. */
const SRGB_PROFILE_SIZE = 3144;
const SRGB_PROFILE_NAME = 'sRGB IEC61966-2.1';

/** Keys of an image dictionary that change the pixels PDFium gives (or that we leave to PDFium). */
export const PDFIUM_ONLY_KEYS = /\/(?:Decode|Mask|SMask|ColorTransform|ImageMask|SMaskInData)(?![A-Za-z0-9])/;

/** Where in the file the last JPEG stream was found: the next is usually just after it. */
const searchFrom = new WeakMap<PdfiumDocument, number>();

/**
 * The JPEG stream of image object `obj` on `page` when sharp may decode it, else
 * null (PDFium decodes it). Reads the stream's raw bytes, its metadata and its
 * dictionary; decodes nothing.
 */
export function pdfiumJpegSource(handle: PdfiumDocument, page: number, obj: number): JpegSource | null {
  const { lib, doc, source } = pdfiumInternals(handle);
  const { fn } = lib;
  // Encrypted streams: the raw data PDFium gives is decrypted, so it is not in the file bytes.
  if (fn.FPDF_GetSecurityHandlerRevision(doc) !== -1) return null;
  if (fn.FPDFImageObj_GetImageFilterCount(obj) !== 1 || filterName(lib, obj) !== 'DCTDecode') return null;
  const S = lib.scratch;
  if (!fn.FPDFImageObj_GetImageMetadata(obj, page, S + S_META)) return null;
  const u = lib.u32();
  const k = (S + S_META) >>> 2;
  const width = u[k]!, height = u[k + 1]!, bpp = u[k + 4]!, family = u[k + 5]!;
  let channels: 1 | 3;
  if (family === CS_DEVICEGRAY && bpp === 8) channels = 1;
  else if (family === CS_DEVICERGB && bpp === 24) channels = 3;
  else if (family === CS_ICCBASED && bpp === 24 && isSrgbProfile(lib, page, obj)) channels = 3;
  else return null;
  const raw = rawData(lib, obj);
  if (!raw) return null;
  const header = readJpegHeader(raw);
  if (!header || header.precision !== 8) return null;
  // an Adobe marker sets the colour transform (0 on three components: RGB, not YCbCr; CMYK is never here)
  if (header.adobeTransform !== null && !(channels === 1 || header.adobeTransform === 1)) return null;
  if (header.width !== width || header.height !== height || header.components !== channels) return null;
  const dictionary = streamDictionary(handle, source, raw);
  if (dictionary === null || PDFIUM_ONLY_KEYS.test(dictionary)) return null;
  return { bytes: withoutSegments(raw, header.iccSegments), width, height, channels };
}

/**
 * Decodes a JPEG with sharp to 8-bit grey or RGB, rows top to bottom, without
 * EXIF rotation, halved (by libjpeg, while decoding) until it is at most
 * `maxPixels`. Null when sharp refuses it (also on a warning, e.g. truncated
 * data: PDFium then decides what such an image looks like) or gives other
 * channels or another size than the PDF says.
 */
export async function decodeJpeg(source: JpegSource, maxPixels = Infinity): Promise<JpegPixels | null> {
  const { default: sharp } = await import('sharp');
  const k = halvings(source.width, source.height, maxPixels, 3);
  const width = Math.ceil(source.width / 2 ** k);
  const height = Math.ceil(source.height / 2 ** k);
  try {
    let image = sharp(source.bytes, { failOn: 'warning' });
    if (k > 0) image = image.resize({ width, height, fit: 'fill', fastShrinkOnLoad: true });
    const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.width !== width || info.height !== height || info.channels !== source.channels) return null;
    if (data.length !== width * height * source.channels) return null;
    return { width, height, channels: source.channels, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch {
    return null;
  }
}

/**
 * The name of the image's filter number `index` (`DCTDecode`), or null; read into `at` in wasm
 * memory (by default this module's scratch slot; callers with another layout give theirs).
 */
export function filterName(lib: PdfiumLibrary, obj: number, index = 0, at = lib.scratch + S_FILTER): string | null {
  const size = lib.fn.FPDFImageObj_GetImageFilter(obj, index, at, FILTER_BYTES) >>> 0;
  if (size < 2 || size > FILTER_BYTES) return null;
  return String.fromCharCode(...lib.u8().subarray(at >>> 0, (at >>> 0) + size - 1));
}

/** The image's ICC profile (its colour space is ICCBased, also inside an indirect object), copied out of wasm memory; null when it has none. */
export function iccProfile(lib: PdfiumLibrary, page: number, obj: number, maxBytes = 1 << 20): Uint8Array | null {
  const { fn } = lib;
  const sizeAt = lib.scratch + S_SIZE;
  if (!fn.FPDFImageObj_GetIccProfileDataDecoded(obj, page, 0, 0, sizeAt)) return null;
  const size = lib.u32()[sizeAt >>> 2]!;
  if (size < 128 || size > maxBytes) return null;
  const profile = lib.malloc(size);
  if (!profile) return null;
  try {
    if (!fn.FPDFImageObj_GetIccProfileDataDecoded(obj, page, profile, size, sizeAt)) return null;
    return lib.u8().slice(profile >>> 0, (profile >>> 0) + size);
  } finally {
    lib.free(profile);
  }
}

/** The data colour space of an ICC profile (`RGB `, `GRAY`, `CMYK`, `Lab ` …: header bytes 16-19). */
export function iccColourSpace(profile: Uint8Array): string {
  return String.fromCharCode(...profile.subarray(16, 20));
}

/** Whether the image's ICC profile is the sRGB profile PDFium uses without transforming (its `DetectSRGB`). */
function isSrgbProfile(lib: PdfiumLibrary, page: number, obj: number): boolean {
  const profile = iccProfile(lib, page, obj, SRGB_PROFILE_SIZE);
  if (profile?.length !== SRGB_PROFILE_SIZE) return false;
  return String.fromCharCode(...profile.subarray(400, 400 + SRGB_PROFILE_NAME.length)) === SRGB_PROFILE_NAME;
}

/** The stream's bytes before any filter, copied out of wasm memory. */
export function rawData(lib: PdfiumLibrary, obj: number): Uint8Array | null {
  const size = lib.fn.FPDFImageObj_GetImageDataRaw(obj, 0, 0) >>> 0;
  if (size < 4) return null;
  const at = lib.malloc(size);
  if (!at) return null;
  try {
    if (lib.fn.FPDFImageObj_GetImageDataRaw(obj, at, size) >>> 0 !== size) return null;
    return lib.u8().slice(at >>> 0, (at >>> 0) + size);
  } finally {
    lib.free(at);
  }
}

/** What the frame header and the markers before the scan say. */
export interface JpegHeader {
  width: number;
  height: number;
  components: number;
  precision: number;
  /** The colour transform of an Adobe APP14 marker (0 none, 1 YCbCr, 2 YCCK; -1 a marker too short to say), or null without one. */
  adobeTransform: number | null;
  /** `[start, end)` of APP2 ICC_PROFILE segments. */
  iccSegments: [number, number][];
}

// Start-of-frame markers libjpeg-turbo and PDFium both decode: baseline, extended, progressive (Huffman).
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2]);
const ANY_SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Reads the markers of a JPEG up to its first scan. Null when it is not a JPEG we decode. */
export function readJpegHeader(b: Uint8Array): JpegHeader | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let frame: Omit<JpegHeader, 'adobeTransform' | 'iccSegments'> | null = null;
  let adobeTransform: number | null = null;
  const iccSegments: [number, number][] = [];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xda) return frame && { ...frame, adobeTransform, iccSegments };
    if (marker === 0xd8 || marker === 0xd9) return null;
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    const at = i + 4;
    if (length < 2 || i + 2 + length > b.length) return null;
    if (ANY_SOF.has(marker)) {
      if (frame || !SOF_MARKERS.has(marker) || length < 8) return null;
      frame = { precision: b[at]!, height: (b[at + 1]! << 8) | b[at + 2]!, width: (b[at + 3]! << 8) | b[at + 4]!, components: b[at + 5]! };
    } else if (marker === 0xee && ascii(b, at, 5) === 'Adobe') {
      // "Adobe", version (2 bytes), flags0 (2), flags1 (2), transform (1); a short one counts as unknown
      adobeTransform = length >= 14 ? b[at + 11]! : -1;
    } else if (marker === 0xe2 && ascii(b, at, 12) === 'ICC_PROFILE\0') {
      iccSegments.push([i, i + 2 + length]);
    }
    i += 2 + length;
  }
  return null;
}

function ascii(b: Uint8Array, at: number, length: number): string {
  return at + length <= b.length ? String.fromCharCode(...b.subarray(at, at + length)) : '';
}

/** The bytes without the given `[start, end)` ranges (in order). */
function withoutSegments(b: Uint8Array, segments: [number, number][]): Uint8Array {
  if (segments.length === 0) return b;
  const kept = segments.reduce((n, [s, e]) => n - (e - s), b.length);
  const out = new Uint8Array(kept);
  let from = 0;
  let to = 0;
  for (const [s, e] of segments) {
    out.set(b.subarray(from, s), to);
    to += s - from;
    from = e;
  }
  out.set(b.subarray(from), to);
  return out;
}

const NEEDLE_BYTES = 512;
const DICTIONARY_WINDOW = 4096;
/**
 * The most of the file one search step reads. A search starts with a window of the stream's
 * length plus `FIRST_WINDOW`, and doubles it each step up to this: the next stream usually
 * lies right after the last hit, and reading 4 MB for each (as before) read the 75 MB
 * dossier-500 60 times over (4.5 GB, ~0.6 s of its ~23 s).
 */
const SEARCH_WINDOW = 4 << 20;
const FIRST_WINDOW = 64 << 10;
const STREAM = Buffer.from('stream');
const OBJ = Buffer.from('obj');
/** The buffer a window of a file is read into (bytes in memory are viewed, not copied). */
let searchScratch: Buffer | undefined;

/**
 * The text of the dictionary of the stream whose raw data is `raw`, found in
 * the file, or null. The search runs near the previous hit, then through
 * the rest of the file, a window at a time; a hit counts only when all of `raw`
 * matches and `N G obj << … >> stream` precedes it.
 */
export function streamDictionary(handle: PdfiumDocument, source: ByteSource, raw: Uint8Array): string | null {
  // The end of a JPEG is entropy-coded data: unlike its tables, unique to the image.
  const tail = raw.subarray(Math.max(0, raw.length - NEEDLE_BYTES));
  const needle = Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength);
  const whole = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const size = source.size;
  const hint = Math.max(0, searchFrom.get(handle) ?? 0);
  // needles starting in [from, until)
  const find = (from: number, until: number): string | null => {
    // the same needle starts, in the same order, as with 4 MB windows: only read in smaller steps first
    let span = Math.min(SEARCH_WINDOW, raw.length + FIRST_WINDOW);
    for (let window = from; window < until; window += span, span = Math.min(SEARCH_WINDOW, 2 * span)) {
      const starts = Math.min(until - window, span);
      const region = source.read(window, starts + needle.length - 1, (searchScratch ??= Buffer.allocUnsafe(SEARCH_WINDOW + NEEDLE_BYTES)));
      for (let i = region.indexOf(needle); i >= 0 && i < starts; i = region.indexOf(needle, i + 1)) {
        const start = window + i + needle.length - raw.length;
        if (start < 0 || !source.read(start, raw.length).equals(whole)) continue;
        const text = dictionaryBefore(source, start);
        if (text !== null) {
          searchFrom.set(handle, start + raw.length);
          return text;
        }
      }
    }
    return null;
  };
  // near the previous hit first (streams mostly follow page order), then the rest of the file
  const near = SEARCH_WINDOW;
  const ranges: [number, number][] = [
    [hint, hint + near],
    [hint - near, hint],
    [0, hint - near],
    [hint + near, size],
  ];
  for (const [from, until] of ranges) {
    const start = Math.max(0, from);
    const text = start < until ? find(start, Math.min(size, until)) : null;
    if (text !== null) return text;
  }
  return null;
}

/** `<< … >>` between `obj` and the `stream` keyword that ends right before `start`, or null. */
function dictionaryBefore(source: ByteSource, start: number): string | null {
  const base = Math.max(0, start - DICTIONARY_WINDOW - STREAM.length - 2);
  const memory = source.read(base, start - base);
  let end = memory.length;
  // the keyword is followed by CRLF or LF (a lone CR is tolerated as readers do)
  if (memory[end - 1] === 0x0a) end--;
  if (memory[end - 1] === 0x0d) end--;
  if (end === memory.length || end - STREAM.length < 0 || !memory.subarray(end - STREAM.length, end).equals(STREAM)) return null;
  const keyword = end - STREAM.length;
  const from = Math.max(0, keyword - DICTIONARY_WINDOW);
  const found = memory.subarray(from, keyword).lastIndexOf(OBJ);
  if (found < 0) return null;
  const objAt = from + found;
  const text = memory.toString('latin1', objAt + OBJ.length, keyword).trim();
  // a dictionary that contains `obj` or `stream` itself (in a string) does not parse here: PDFium decides
  if (!text.startsWith('<<') || !text.endsWith('>>') || text.includes('stream')) return null;
  return text;
}
