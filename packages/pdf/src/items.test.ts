import { describe, expect, it } from 'vitest';
import { itemsFromGlyphs } from './items.js';
import type { Glyph } from './operators.js';

/**
 * Glyphs of one horizontal line on a 595 × 842 page, baseline at y = 100, 10 pt, each
 * `w` wide; `gaps[i]` is the space before glyph i (in points).
 */
function line(text: string, options: { x?: number; y?: number; w?: number; gaps?: Record<number, number>; size?: number; tf?: number; font?: string; em?: number; op?: number } = {}): Glyph[] {
  const { y = 100, w = 5, gaps = {}, size = 10, font = 'F1' } = options;
  let x = options.x ?? 72;
  return [...text].map((ch, i) => {
    x += gaps[i] ?? 0;
    const g: Glyph = {
      x0: x, x1: x + w, y0: y - 0.8 * size, y1: y + 0.2 * size,
      ch, op: options.op ?? 1, fill: '#000000', invisible: false, space: ch.trim() === '', size, annotation: null,
      ox: x, oy: y, ex: x + w, ey: y, dx: 1, dy: 0, em: options.em ?? size, font, tf: options.tf ?? size, vertical: false,
    };
    x += w;
    return g;
  });
}

const texts = (glyphs: Glyph[]): string[] => itemsFromGlyphs(glyphs, 595, 842).map((i) => i.text);

describe('itemsFromGlyphs', () => {
  it('keeps touching glyphs together and turns space glyphs into one space', () => {
    expect(texts(line('Art. 10 Wob'))).toEqual(['Art. 10 Wob']);
    expect(texts(line('a b', { w: 3 }))).toEqual(['a b']);
    expect(texts(line('a  b', { w: 2 }))).toEqual(['a b']);
    // two 5 pt spaces: a gap of one em, a new item as in pdf.js (the layout decides the separator)
    expect(texts(line('a  b'))).toEqual(['a', 'b']);
  });

  it('makes a space of a gap between 0.102 and 0.6 em and ends the item beyond', () => {
    expect(texts(line('ab', { gaps: { 1: 0.5 } }))).toEqual(['ab']); // 0.05 em
    expect(texts(line('ab', { gaps: { 1: 2 } }))).toEqual(['a b']); // 0.2 em
    expect(texts(line('ab', { gaps: { 1: 7 } }))).toEqual(['a', 'b']); // 0.7 em: a new column
  });

  it('measures gaps in the em of the glyph’s own matrix (OCR layers stretch every word)', () => {
    // the first word drawn four times wider: its em is 40 pt; the gap of 3 pt after it is still a space in the next word's em of 10
    const big = line('JE.', { em: 40, size: 10 });
    const next = line('Welke', { x: big[2]!.x1 + 3 });
    expect(texts([...big, ...next])).toEqual(['JE. Welke']);
  });

  it('drops a space glyph between glyphs that touch (pdf.js notASpace), and ends the item after a narrow one', () => {
    const d = line('D');
    const space = { ...line(' ', { x: d[0]!.x1 - 0.4, y: 98 })[0]! };
    const rest = line('atum', { x: d[0]!.x1 - 0.4 });
    expect(texts([...d, space, ...rest])).toEqual(['Datum']);
    const narrow = line('atum', { x: d[0]!.x1 + 0.6 }); // 0.06 em after a space glyph
    expect(texts([...d, space, ...narrow])).toEqual(['D', 'atum']);
  });

  it('ends the item on a new line, a jump back, a baseline shift, a new font or font size', () => {
    expect(texts([...line('ab'), ...line('cd', { y: 112 })])).toEqual(['ab', 'cd']);
    expect(texts([...line('ab', { x: 200 }), ...line('cd', { x: 100 })])).toEqual(['ab', 'cd']);
    expect(texts([...line('x'), ...line('2', { x: 77, y: 96 })])).toEqual(['x', '2']);
    expect(texts([...line('ab'), ...line('cd', { x: 82, font: 'F2' })])).toEqual(['ab', 'cd']);
    expect(texts([...line('ab'), ...line('cd', { x: 82, tf: 12 })])).toEqual(['ab', 'cd']);
    // the size on the page alone (a matrix per word, same Tf) does not end it
    expect(texts([...line('ab'), ...line('cd', { x: 84, size: 12, tf: 10 })])).toEqual(['ab cd']);
  });

  it('leaves out annotation text, vertical fonts, glyphs off the page and format marks; keeps invisible text', () => {
    const glyphs = [
      ...line('a'),
      { ...line('n')[0]!, x0: 77, x1: 82, ox: 77, ex: 82, annotation: 'R1' },
      { ...line('v')[0]!, x0: 77, x1: 82, ox: 77, ex: 82, vertical: true },
      ...line('o', { x: -50 }),
      ...line('\u200b', { x: 77, w: 0 }),
      { ...line('b', { x: 77 })[0]!, invisible: true },
    ];
    expect(texts(glyphs)).toEqual(['ab']);
  });

  it('normalises like pdf.js and gives every UTF-16 unit the edges of its glyph', () => {
    const [item] = itemsFromGlyphs([...line('\ufb01x', { w: 6 })], 595, 842);
    expect(item!.text).toBe('fix');
    expect(item!.charEdges).toEqual([72, 75, 75, 78, 78, 84]);
    const [spaced] = itemsFromGlyphs(line('a b', { w: 4 }), 595, 842);
    expect(spaced!.charEdges).toEqual([72, 76, 76, 80, 80, 84]);
  });

  it('reports box, baseline and font size of the first glyph, horizontal or not', () => {
    const [item] = itemsFromGlyphs(line('abc', { y: 200 }), 595, 842);
    expect(item).toMatchObject({ box: { x: 72, y: 192, width: 15, height: 10 }, baseline: 200, fontSize: 10, horizontal: true });
    const rotated = line('ab').map((g, i) => ({ ...g, dx: 0, dy: -1, ox: 100, oy: 300 - 5 * i, ex: 100, ey: 295 - 5 * i, x0: 92, x1: 102, y0: 295 - 5 * i, y1: 300 - 5 * i }));
    const [up] = itemsFromGlyphs(rotated, 595, 842);
    expect(up).toMatchObject({ text: 'ab', horizontal: false });
    expect(up!.charEdges).toBeUndefined();
  });
});
