/**
 * Reading the ground printed inside raster redaction boxes ("5.1.2e" in white on a grey
 * VWS/ZyLAB box). The page's own OCR layer reads those boxes as noise ("IEEE", "jE"), so
 * each box is cut out, its label pixels (lighter or darker than the fill) turned black on
 * white, and all boxes of a page are stacked into one small image that is OCR'd once.
 */
import type { Box } from '@lakmoes/schema';
import type { RasterImage } from '@lakmoes/pdf';
import type { OcrLike } from './analyze.js';

/** Label glyphs differ from the box fill by at least this much luminance (0–255). */
const CONTRAST = 60;
/** Crops are scaled so that the print is about this many pixels high (28 read "5.1.2i" right where 40 and 56 lost the i). */
const TARGET_HEIGHT = 28;
const GAP = 28;
/** Characters of printed grounds: codes (5.1.2e, 10.2.g, 11.1), 'art.', 'lid', 'sub' and a few words. */
const LABEL_CHARACTERS = '0123456789.,;:()-/abcdefghiklnorstuvwzABCDEFGHIJKLNORSTUVWZ ';
const MARGIN = 24;

interface Crop {
  index: number;
  width: number;
  height: number;
  data: Uint8Array;
  top: number;
}

const lum = (r: number, g: number, b: number): number => 0.299 * r + 0.587 * g + 0.114 * b;

function hexLum(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return lum((n >> 16) & 255, (n >> 8) & 255, n & 255);
}

/**
 * A binarised crop around the print inside one box, scaled so its glyphs are about
 * TARGET_HEIGHT pixels high; null when nothing is printed in it. Large boxes (a withheld
 * page with "5.1.2i" in the middle) have little print for their size: the crop is cut
 * to the print's own bounds, so the sheet stays small.
 */
function cropLabel(image: RasterImage, box: Box, fill: string): Omit<Crop, 'index' | 'top'> | null {
  const inset = Math.max(1, Math.round(Math.min(box.width, box.height) * 0.08));
  const x0 = Math.max(0, Math.round(box.x) + inset);
  const y0 = Math.max(0, Math.round(box.y) + inset);
  const x1 = Math.min(image.width, Math.round(box.x + box.width) - inset);
  const y1 = Math.min(image.height, Math.round(box.y + box.height) - inset);
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  const fillLum = hexLum(fill);
  const c = image.channels;
  const isInk = (x: number, y: number): boolean => {
    const i = (y * image.width + x) * c;
    const l = c >= 3 ? lum(image.data[i]!, image.data[i + 1]!, image.data[i + 2]!) : image.data[i]!;
    return Math.abs(l - fillLum) >= CONTRAST;
  };
  // bounds of the print
  let ix0 = x1, iy0 = y1, ix1 = -1, iy1 = -1, ink = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (!isInk(x, y)) continue;
      ink++;
      if (x < ix0) ix0 = x;
      if (x > ix1) ix1 = x;
      if (y < iy0) iy0 = y;
      if (y > iy1) iy1 = y;
    }
  }
  if (ink < 30) return null;
  const bw = ix1 - ix0 + 1;
  const bh = iy1 - iy0 + 1;
  // mostly not fill: a photo or a table cell, not a labelled box
  if (ink / (bw * bh) > 0.6 || bh < 4) return null;
  const pad = 8;
  const cx0 = Math.max(x0, ix0 - pad), cy0 = Math.max(y0, iy0 - pad);
  const w = Math.min(x1, ix1 + pad + 1) - cx0;
  const h = Math.min(y1, iy1 + pad + 1) - cy0;
  const scale = Math.max(0.5, Math.min(6, TARGET_HEIGHT / bh));
  const sw = Math.max(1, Math.round(w * scale));
  const sh = Math.max(1, Math.round(h * scale));
  if (sw * sh > 4e6) return null;
  const out = new Uint8Array(sw * sh).fill(255);
  for (let y = 0; y < sh; y++) {
    const sy = cy0 + Math.min(h - 1, Math.floor(y / scale));
    for (let x = 0; x < sw; x++) {
      if (isInk(cx0 + Math.min(w - 1, Math.floor(x / scale)), sy)) out[y * sw + x] = 0;
    }
  }
  return { width: sw, height: sh, data: out };
}

/**
 * Labels of `boxes` (pixel boxes of `image`, with their fill colours): one OCR call for all
 * of them. Returns one label (or null) per box, in order.
 */
export async function readBoxLabels(
  image: RasterImage,
  boxes: readonly { box: Box; fill: string }[],
  ocr: OcrLike,
  dpi: number,
): Promise<(string | null)[]> {
  const crops: Crop[] = [];
  let top = MARGIN;
  let width = 0;
  boxes.forEach((b, index) => {
    const crop = cropLabel(image, b.box, b.fill);
    if (!crop) return;
    crops.push({ ...crop, index, top });
    top += crop.height + GAP;
    width = Math.max(width, crop.width);
  });
  const labels: (string | null)[] = boxes.map(() => null);
  if (crops.length === 0) return labels;
  const W = width + 2 * MARGIN;
  const H = top - GAP + MARGIN;
  const sheet = new Uint8Array(W * H).fill(255);
  for (const c of crops) {
    for (let y = 0; y < c.height; y++) sheet.set(c.data.subarray(y * c.width, (y + 1) * c.width), (c.top + y) * W + MARGIN);
  }
  // one block of short lines, and only what ground codes and their OCR look-alikes are made of
  const page = await ocr.recognize({ data: sheet, width: W, height: H, channels: 1 }, { dpi, layout: 'block', characters: LABEL_CHARACTERS });
  const parts = new Map<number, string[]>();
  for (const word of page.words) {
    const cy = word.box.y + word.box.height / 2;
    const crop = crops.find((c) => cy >= c.top - GAP / 2 && cy < c.top + c.height + GAP / 2);
    if (!crop || !word.text.trim()) continue;
    const list = parts.get(crop.index) ?? [];
    list.push(word.text.trim());
    parts.set(crop.index, list);
  }
  for (const [i, words] of parts) labels[i] = words.join(' ');
  return labels;
}
