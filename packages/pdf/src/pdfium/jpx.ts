/**
 * JPEG 2000 page images decoded at a reduced resolution by pdf.js' OpenJPEG (its image
 * decoders, WebAssembly) instead of at full size by PDFium. PDFium decodes a 2481 × 3508
 * scan into ~140 MB of its WebAssembly memory, which never shrinks, and OCR then reads all
 * 8.7 million pixels; OpenJPEG can skip the finest wavelet levels (`reducePower`) and decode
 * 1241 × 1754 for a quarter of the memory and time. This is what pdf.js itself does with
 * large JPX images, and what the pdf.js backend always gave.
 *
 * Only plain images: one filter (JPXDecode), 8 bits per component, 1 or 3 components, the
 * codestream's own colours, device grey or RGB, or an ICC profile of grey or RGB; and a stream
 * dictionary (found in the file, as for JPEGs) without /Decode, /SMaskInData, /Mask or /SMask.
 * Anything else goes to PDFium.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { restoreBuiltins } from '../builtins.js';
import { filterName, halvings, iccColourSpace, iccProfile, PAGE_IMAGE_PIXELS, PDFIUM_ONLY_KEYS, rawData, streamDictionary, type JpegPixels } from './jpeg.js';
import { pdfiumInternals, type PdfiumDocument } from './pdfium.js';

/** A JPEG 2000 codestream OpenJPEG may decode, with what its pixels must look like. */
export interface JpxSource {
  bytes: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** Wavelet levels to skip so that a `width` × `height` image fits `maxPixels`. */
export function jpxReducePower(width: number, height: number, maxPixels = PAGE_IMAGE_PIXELS): number {
  return halvings(width, height, maxPixels, 5);
}

/** Scratch layout (bytes from `lib.scratch`; content.ts' layout is not in use while this runs). */
const S_PAIR = 0; // 2 ints

/**
 * The JPEG 2000 stream of image object `obj` on `page` when OpenJPEG may decode it, else null
 * (PDFium decodes it). Reads the raw stream, its metadata and its dictionary; decodes nothing.
 */
export function pdfiumJpxSource(handle: PdfiumDocument, page: number, obj: number): JpxSource | null {
  const { lib, doc, source } = pdfiumInternals(handle);
  const { fn } = lib;
  // Encrypted streams: the raw data PDFium gives is decrypted, so its dictionary is not found in the file.
  if (fn.FPDF_GetSecurityHandlerRevision(doc) !== -1) return null;
  if (fn.FPDFImageObj_GetImageFilterCount(obj) !== 1 || filterName(lib, obj) !== 'JPXDecode') return null;
  // not FPDFImageObj_GetImageMetadata: for JPEG 2000 PDFium decodes the whole image to tell it
  const S = lib.scratch;
  if (!fn.FPDFImageObj_GetImagePixelSize(obj, S + S_PAIR, S + S_PAIR + 4)) return null;
  const width = lib.u32()[(S + S_PAIR) >>> 2]!, height = lib.u32()[((S + S_PAIR) >>> 2) + 1]!;
  const raw = rawData(lib, obj);
  if (!raw) return null;
  const header = readJpxHeader(raw);
  if (!header || header.width !== width || header.height !== height || !header.eightBit) return null;
  const channels = header.components;
  if (channels !== 1 && channels !== 3) return null;
  const dictionary = streamDictionary(handle, source, raw);
  if (dictionary === null || PDFIUM_ONLY_KEYS.test(dictionary)) return null;
  // the codestream's own colours, device grey or RGB to match, or an ICC profile of grey or RGB
  // (taken as sRGB, as pdf.js does without its colour management); Indexed, Lab … go to PDFium
  const space = /\/ColorSpace\s*(\/[A-Za-z]+|\[|\d+\s+\d+\s+R)/.exec(dictionary)?.[1];
  if (space !== undefined && space !== (channels === 1 ? '/DeviceGray' : '/DeviceRGB')) {
    const profile = space.startsWith('/') ? null : iccProfile(lib, page, obj);
    if (!profile || iccColourSpace(profile) !== (channels === 1 ? 'GRAY' : 'RGB ')) return null;
  }
  return { bytes: raw, width, height, channels };
}

/** Size, components and whether every component is 8-bit unsigned, from the SIZ marker. */
export function readJpxHeader(b: Uint8Array): { width: number; height: number; components: number; eightBit: boolean } | null {
  // the SIZ marker (FF51) follows SOC (FF4F) in a raw codestream; a JP2 file has it inside its jp2c box
  const limit = Math.min(b.length - 40, 4096);
  for (let i = 0; i < limit; i++) {
    if (b[i] !== 0xff || b[i + 1] !== 0x51) continue;
    const view = new DataView(b.buffer, b.byteOffset + i + 2);
    const xsiz = view.getUint32(4), ysiz = view.getUint32(8), xosiz = view.getUint32(12), yosiz = view.getUint32(16);
    const csiz = view.getUint16(36);
    if (i + 2 + 38 + 3 * csiz > b.length) return null;
    let eightBit = true;
    for (let c = 0; c < csiz; c++) {
      const ssiz = view.getUint8(38 + 3 * c);
      const dx = view.getUint8(39 + 3 * c), dy = view.getUint8(40 + 3 * c);
      if (ssiz !== 7 || dx !== 1 || dy !== 1) eightBit = false;
    }
    return { width: xsiz - xosiz, height: ysiz - yosiz, components: csiz, eightBit };
  }
  return null;
}

interface JpxDecoder {
  decode(bytes: Uint8Array, options: { numComponents: number; isIndexedColormap: boolean; smaskInData: boolean; reducePower: number }): Promise<Uint8Array | Uint8ClampedArray>;
  /** Drops the WebAssembly instance; the next decode makes a new one. */
  cleanup(): void;
}

/**
 * OpenJPEG's memory is given back after a decode that left it bigger than this. WebAssembly
 * memory never shrinks: a 300 dpi A4 scan decoded whole for OCR grows it to ~150 MB, and a
 * thread would hold that for the rest of its documents, next to PDFium's. Half-size decodes of
 * such scans stay under it (~35 MB): a new instance costs ~25 ms, about a third of such a decode.
 */
export const JPX_KEEP_BYTES = 64 * 1024 * 1024;

/** openjpeg.wasm as read from the package, compiled once per thread, and its current instance's memory. */
const wasm: { bytes?: Uint8Array<ArrayBuffer>; compiled?: Promise<WebAssembly.Module>; memory?: WebAssembly.Memory } = {};

let decoder: Promise<JpxDecoder> | undefined;

/** pdf.js' JPX decoder (legacy build, for Node 20), its WebAssembly read from the installed package. */
function loadJpxDecoder(): Promise<JpxDecoder> {
  decoder ??= (async () => {
    let mod: { JpxImage: JpxDecoder & { setOptions(options: object): void } };
    try {
      mod = (await import('pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs')) as unknown as typeof mod;
    } finally {
      restoreBuiltins(); // the legacy build's polyfills replace built-ins (see builtins.ts)
    }
    const wasmDir = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'wasm');
    wasm.bytes = new Uint8Array(readFileSync(path.join(wasmDir, 'openjpeg.wasm')));
    mod.JpxImage.setOptions({
      useWasm: true,
      useWorkerFetch: false,
      wasmUrl: wasmDir + path.sep,
      // read from disk, never fetched
      handler: { sendWithPromise: async (_name: string, { filename }: { filename: string }) => (path.basename(filename) === 'openjpeg.wasm' ? wasm.bytes : new Uint8Array(readFileSync(path.join(wasmDir, path.basename(filename))))) },
    });
    return mod.JpxImage;
  })();
  return decoder;
}

/** The patch of `WebAssembly.instantiate` while decodes run. */
const patch: { depth: number; original?: typeof WebAssembly.instantiate } = { depth: 0 };

/**
 * pdf.js instantiates OpenJPEG with `WebAssembly.instantiate(bytes, imports)`, which compiles
 * the 250 kB module again each time (~25 ms). While a decode runs, that call is given the module
 * compiled once, and the new instance's memory is noted, so that it can be dropped when it has
 * grown. Other calls pass through.
 */
async function withCompiledModule<T>(run: () => Promise<T>): Promise<T> {
  // decodes may overlap (pages of several documents on one thread): patched by the first, restored by the last
  if (patch.depth++ === 0) {
    const original = WebAssembly.instantiate;
    patch.original = original;
    const instantiate = async (source: unknown, imports?: WebAssembly.Imports): Promise<unknown> => {
      if (source !== wasm.bytes || !wasm.bytes) return (original as (s: unknown, i?: WebAssembly.Imports) => Promise<unknown>)(source, imports);
      wasm.compiled ??= WebAssembly.compile(wasm.bytes);
      const module = await wasm.compiled;
      const instance = await original(module, imports);
      wasm.memory = Object.values(instance.exports).find((e): e is WebAssembly.Memory => e instanceof WebAssembly.Memory);
      return { module, instance };
    };
    WebAssembly.instantiate = instantiate as typeof WebAssembly.instantiate;
  }
  try {
    return await run();
  } finally {
    if (--patch.depth === 0) WebAssembly.instantiate = patch.original!;
  }
}


/** OpenJPEG's memory in bytes (0 when no instance is alive). */
export function jpxMemoryBytes(): number {
  return wasm.memory?.buffer.byteLength ?? 0;
}

/**
 * Decodes a JPEG 2000 codestream with OpenJPEG, `reducePower` levels down (each halves the
 * width and height), to 8-bit grey or RGB. Null when OpenJPEG refuses it or gives another
 * size or number of channels than expected.
 */
export async function decodeJpx(source: JpxSource, reducePower = jpxReducePower(source.width, source.height)): Promise<JpegPixels | null> {
  const factor = 2 ** reducePower;
  const width = Math.ceil(source.width / factor);
  const height = Math.ceil(source.height / factor);
  const jpx = await loadJpxDecoder();
  try {
    const data = await withCompiledModule(() => jpx.decode(source.bytes, { numComponents: source.channels, isIndexedColormap: false, smaskInData: false, reducePower }));
    if (data.length !== width * height * source.channels) return null;
    return { width, height, channels: source.channels, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch {
    return null;
  } finally {
    if (jpxMemoryBytes() > JPX_KEEP_BYTES) {
      jpx.cleanup();
      wasm.memory = undefined;
    }
  }
}
