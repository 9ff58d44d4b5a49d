import { OPS } from './ops.js';
import { describe, expect, it } from 'vitest';
import { multiply, transformRect, unionArea, type Matrix } from './geometry.js';
import { walkOperators, type FontInfo, type OperatorList } from './operators.js';

/** The viewport transform of an unrotated 595 × 842 page at scale 1 (flips y). */
const VIEWPORT: Matrix = [1, 0, 0, -1, 0, 842];

function opList(ops: [number, unknown[] | null][]): OperatorList {
  return { fnArray: ops.map((o) => o[0]), argsArray: ops.map((o) => o[1]) };
}

/** pdf.js 5 path data for `x y w h re` (DrawOPS: moveTo 0, lineTo 1, closePath 4). */
function rePath(x: number, y: number, w: number, h: number): number[] {
  return [0, x, y, 1, x + w, y, 1, x + w, y + h, 1, x, y + h, 4];
}

const glyph = (unicode: string, width: number, isSpace = false) => ({ unicode, width, isSpace, fontChar: unicode });
const HELV: FontInfo = { ascent: 0.9, descent: -0.2, fontMatrix: [0.001, 0, 0, 0.001, 0, 0], type3: false };

describe('walkOperators', () => {
  it('splits a path of several rectangles, keeps the fill colour, flips to top-left', () => {
    const path = new Float32Array([...rePath(100, 700, 50, 10), ...rePath(200, 700, 30, 10)]);
    const { shapes } = walkOperators(
      opList([
        [OPS.setFillRGBColor, ['#2c2e35']],
        [OPS.constructPath, [OPS.fill, [path], new Float32Array([100, 700, 230, 710])]],
      ]),
      VIEWPORT,
      () => null,
    );
    expect(shapes).toHaveLength(1);
    expect(shapes[0]!.fill).toBe('#2c2e35');
    expect(shapes[0]!.rects).toEqual([
      { x0: 100, y0: 132, x1: 150, y1: 142 },
      { x0: 200, y0: 132, x1: 230, y1: 142 },
    ]);
  });

  it('marks curved paths as not rectangular and ignores strokes', () => {
    const curve = new Float32Array([0, 10, 10, 2, 20, 20, 30, 20, 40, 10, 4]);
    const { shapes } = walkOperators(
      opList([
        [OPS.constructPath, [OPS.fill, [curve], new Float32Array([10, 10, 40, 20])]],
        [OPS.constructPath, [OPS.stroke, [new Float32Array(rePath(0, 0, 10, 10))], new Float32Array([0, 0, 10, 10])]],
      ]),
      VIEWPORT,
      () => null,
    );
    expect(shapes).toHaveLength(1);
    expect(shapes[0]!.rects).toEqual([]);
  });

  it('applies cm, Form XObject matrices and save/restore', () => {
    const path = new Float32Array(rePath(0, 0, 10, 10));
    const { shapes } = walkOperators(
      opList([
        [OPS.save, null],
        [OPS.transform, [2, 0, 0, 2, 100, 100]],
        [OPS.paintFormXObjectBegin, [[1, 0, 0, 1, 5, 5], [0, 0, 100, 100]]],
        [OPS.constructPath, [OPS.fill, [path], null]],
        [OPS.paintFormXObjectEnd, []],
        [OPS.restore, null],
        [OPS.constructPath, [OPS.fill, [path], null]],
      ]),
      [1, 0, 0, 1, 0, 0],
      () => null,
    );
    expect(shapes.map((s) => s.rects[0])).toEqual([
      { x0: 110, y0: 110, x1: 130, y1: 130 },
      { x0: 0, y0: 0, x1: 10, y1: 10 },
    ]);
  });

  it('places glyphs with font size, text matrix, TJ kerning, char and word spacing', () => {
    const { glyphs } = walkOperators(
      opList([
        [OPS.beginText, null],
        [OPS.setFont, ['F1', 10]],
        [OPS.setTextMatrix, [[1, 0, 0, 1, 100, 700]]],
        [OPS.setCharSpacing, [1]],
        [OPS.showText, [[glyph('A', 600), -400, glyph(' ', 250, true), glyph('B', 500)]]],
        [OPS.setTextRenderingMode, [3]],
        [OPS.nextLine, null],
        [OPS.showText, [[glyph('C', 500)]]],
        [OPS.endText, null],
      ]),
      VIEWPORT,
      (id) => (id === 'F1' ? HELV : null),
    );
    const rounded = glyphs.map((g) => ({ ch: g.ch, x0: +g.x0.toFixed(3), x1: +g.x1.toFixed(3), y0: +g.y0.toFixed(3), invisible: g.invisible, space: g.space }));
    // A: 6 wide, advance 6 + 1 (Tc); kerning −(−400)/1000 × 10 = +4; space: 2.5 + 1; B at 100 + 7 + 4 + 3.5.
    expect(rounded).toEqual([
      { ch: 'A', x0: 100, x1: 106, y0: 133, invisible: false, space: false },
      { ch: ' ', x0: 111, x1: 113.5, y0: 133, invisible: false, space: true },
      { ch: 'B', x0: 114.5, x1: 119.5, y0: 133, invisible: false, space: false },
      { ch: 'C', x0: 100, x1: 105, y0: 133, invisible: true, space: false },
    ]);
    expect(glyphs[0]!.size).toBe(10);
  });

  it('takes a letter on char code 32 for a letter: word spacing applies, but it is no space', () => {
    // subset fonts put any glyph on code 32; pdf.js flags it isSpace (for Tw), its unicode says 'W'
    const { glyphs } = walkOperators(
      opList([
        [OPS.beginText, null],
        [OPS.setFont, ['F1', 10]],
        [OPS.setWordSpacing, [2]],
        [OPS.setTextMatrix, [[1, 0, 0, 1, 100, 700]]],
        [OPS.showText, [[glyph('W', 900, true), glyph('o', 500), glyph('b', 500)]]],
        [OPS.endText, null],
      ]),
      VIEWPORT,
      (id) => (id === 'F1' ? HELV : null),
    );
    expect(glyphs.map((g) => [g.ch, g.space])).toEqual([['W', false], ['o', false], ['b', false]]);
    expect(glyphs[1]!.x0).toBeCloseTo(100 + 9 + 2, 3);
  });

  it('gives every glyph its baseline origin and end, direction, em and font for text runs', () => {
    const { glyphs } = walkOperators(
      opList([
        [OPS.beginText, null],
        [OPS.setFont, ['F1', 10]],
        [OPS.setHScale, [50]],
        [OPS.setTextMatrix, [[2, 0, 0, 2, 100, 700]]],
        [OPS.showText, [[glyph('A', 600)]]],
        [OPS.endText, null],
      ]),
      VIEWPORT,
      (id) => (id === 'F1' ? HELV : null),
    );
    const g = glyphs[0]!;
    // 600/1000 × 10 × 0.5 (Tz) × 2 (Tm) = 6 on the page; the em ignores Tz: 10 × 2
    expect([g.ox, g.oy, g.ex, g.ey]).toEqual([100, 142, 106, 142]);
    expect([g.dx, g.dy, g.em, g.size, g.tf, g.font, g.vertical]).toEqual([1, 0, 20, 20, 10, 'F1', false]);
  });

  it('records images under the CTM, and annotation content apart', () => {
    const { images, shapes } = walkOperators(
      opList([
        [OPS.save, null],
        [OPS.transform, [595, 0, 0, 421, 0, 421]],
        [OPS.paintImageXObject, ['img_p0_1', 2481, 1754]],
        [OPS.restore, null],
        [OPS.beginAnnotation, ['7R', [72, 600, 200, 620], [1, 0, 0, 1, 72, 600], [1, 0, 0, 1, 0, 0], false]],
        [OPS.setFillRGBColor, ['#808080']],
        [OPS.constructPath, [OPS.fill, [new Float32Array(rePath(0, 0, 128, 20))], null]],
        [OPS.endAnnotation, null],
      ]),
      VIEWPORT,
      () => null,
    );
    expect(images).toEqual([
      { rect: { x0: 0, y0: 0, x1: 595, y1: 421 }, op: 2, objId: 'img_p0_1', pixelWidth: 2481, pixelHeight: 1754, mask: false, annotation: null },
    ]);
    expect(shapes[0]).toMatchObject({ annotation: '7R', fill: '#808080', rects: [{ x0: 72, y0: 222, x1: 200, y1: 242 }] });
  });
});

describe('geometry', () => {
  it('multiplies in pdf.js order and transforms rectangles to bounding boxes', () => {
    const m = multiply([1, 0, 0, -1, 0, 842], [2, 0, 0, 2, 10, 10]);
    expect(m).toEqual([2, 0, 0, -2, 10, 832]);
    expect(transformRect([0, 1, 1, 0, 0, 0], 10, 20, 30, 60)).toEqual({ x0: 20, y0: 10, x1: 60, y1: 30 });
  });

  it('measures the area of a union of rectangles', () => {
    expect(unionArea([])).toBe(0);
    expect(unionArea([{ x0: 0, y0: 0, x1: 10, y1: 10 }, { x0: 5, y0: 5, x1: 15, y1: 15 }])).toBe(175);
    expect(unionArea([{ x0: 0, y0: 0, x1: 10, y1: 10 }, { x0: 2, y0: 2, x1: 8, y1: 8 }, { x0: 20, y0: 0, x1: 30, y1: 1 }])).toBe(110);
  });
});
