import { describe, expect, it } from 'vitest';
import {
  ANNOTATIONS,
  PLACEHOLDER_LINES,
  REDACTIONS,
  boxDiff,
  makeAnnotationPdf,
  makePlaceholderPdf,
  makeRedactionsPdf,
  topLeft,
} from '../../../test/fixtures/pdf/make-fixtures.js';
import type { Glyph } from './operators.js';
import { readPdf } from './read.js';
import { besideLabel, findSubstitutions, findVectorRedactions, glyphText, isLabelText } from './redactions.js';
import { RedactionBox as RedactionBoxSchema } from './schema-draft.js';
import { buildPageText } from './text.js';
import type { Box, RedactionBox, TextItem } from './types.js';

function expectBox(actual: Box | undefined, expected: Box, tolerance = 0.5): void {
  expect(actual, 'box present').toBeDefined();
  expect(boxDiff(actual!, expected), `${JSON.stringify(actual)} ≈ ${JSON.stringify(expected)}`).toBeLessThanOrEqual(tolerance);
}

const codes = (r: RedactionBox | undefined): string[] => (r ? r.grounds.map((g) => g.code) : []);

/**
 * Colours where the parsers differ: pdf.js and PDFium approximate CMYK → RGB differently;
 * PDFium truncates an annotation's /IC 0.5 × 255, pdf.js rounds.
 */
const COLOURS = {
  pdfium: { cmykBlack: '#231f20', halfGreyIC: '#7f7f7f' },
  pdfjs: { cmykBlack: '#2c2e35', halfGreyIC: '#808080' },
} as const;

describe.each(['pdfium', 'pdfjs'] as const)('vector redactions (%s)', async (backend) => {
  const { pages } = await readPdf(await makeRedactionsPdf(), { backend });
  const page = pages[0]!;
  const vector = page.redactions.filter((r) => r.kind === 'vector');
  const at = (box: Box): RedactionBox | undefined => vector.find((r) => boxDiff(r.box, box) <= 0.5);

  it('finds exactly the five redaction boxes, and none of the other fills', () => {
    expect(vector).toHaveLength(5);
    for (const rect of [REDACTIONS.leakBox, REDACTIONS.cleanBox, REDACTIONS.greyBox, REDACTIONS.cmykBox, REDACTIONS.blueBox]) {
      expectBox(at(topLeft(rect))?.box, topLeft(rect));
    }
    // Not the rule, the white box, the shaded table cell, the bullet or the banner.
    for (const rect of [REDACTIONS.rule, REDACTIONS.whiteBox, REDACTIONS.shadedCell, REDACTIONS.bullet, REDACTIONS.banner]) {
      expect(vector.some((r) => boxDiff(r.box, topLeft(rect)) <= 2), JSON.stringify(rect)).toBe(false);
    }
  });

  it('(a) black box over a name still in the text layer: a leak, with the white label inside', () => {
    const r = at(topLeft(REDACTIONS.leakBox));
    expect(r).toMatchObject({ page: 1, kind: 'vector', fill: '#000000', label: '5.1.2e', leak: true, hiddenText: 'Jan de Vries' });
    expect(codes(r)).toEqual(['woo:5.1.2.e']);
    expect(r!.grounds[0]).toMatchObject({ source: 'label', page: 1, box: r!.box });
  });

  it('(a) black box whose text was removed: clean, labelled', () => {
    const r = at(topLeft(REDACTIONS.cleanBox));
    expect(r).toMatchObject({ fill: '#000000', label: '5.1.2e', leak: false });
    expect(r!.hiddenText).toBeUndefined();
    expect(codes(r)).toEqual(['woo:5.1.2.e']);
  });

  it('(b) grey box (0.5 g) labelled beside it in the text layer', () => {
    const r = at(topLeft(REDACTIONS.greyBox));
    expect(r).toMatchObject({ fill: '#808080', label: 'art. 10.2.e', leak: false });
    expect(codes(r)).toEqual(['wob:10.2.e']);
  });

  it('(c) CMYK black box (0 0 0 1 k) over a number that is still there', () => {
    const r = at(topLeft(REDACTIONS.cmykBox));
    expect(r).toMatchObject({ fill: COLOURS[backend].cmykBlack, label: null, leak: true, hiddenText: '123456789' });
    expect(r!.grounds).toEqual([]);
  });

  it('coloured box over removed text', () => {
    expect(at(topLeft(REDACTIONS.blueBox))).toMatchObject({ fill: '#1a3399', label: null, leak: false, grounds: [] });
  });

  it('keeps the label in the page text, and the leaked name too', () => {
    expect(page.text).toContain('Ik maak de naam van Jan de Vries 5.1.2e niet openbaar.');
    expect(page.text).toContain('Contactpersoon: art. 10.2.e');
  });

  it('validates against the draft RedactionBox schema', () => {
    for (const r of page.redactions) expect(RedactionBoxSchema.parse(r)).toEqual(r);
  });
});

describe.each(['pdfium', 'pdfjs'] as const)('annotation redactions (%s)', async (backend) => {
  const { pages } = await readPdf(await makeAnnotationPdf(), { backend });
  const page = pages[0]!;

  it('reads /Redact (not applied: the text is still there) and filled /Square annotations', () => {
    expect(page.redactions.map((r) => r.kind)).toEqual(['annotation', 'annotation']);
    const [redact, square] = page.redactions;
    expectBox(redact!.box, topLeft(ANNOTATIONS.redact));
    expect(redact).toMatchObject({ fill: '#000000', label: '5.1.2e', leak: true, hiddenText: 'Dorpsstraat 1' });
    expect(codes(redact)).toEqual(['woo:5.1.2.e']);
    expectBox(square!.box, topLeft(ANNOTATIONS.square));
    expect(square).toMatchObject({ fill: COLOURS[backend].halfGreyIC, label: null, leak: true, hiddenText: ANNOTATIONS.squareLine.text });
  });

  it('does not count annotation appearances as vector boxes', () => {
    expect(page.redactions.some((r) => r.kind === 'vector')).toBe(false);
  });
});

describe('substitutions', async () => {
  const { pages } = await readPdf(await makePlaceholderPdf());
  const page = pages[0]!;
  const subs = page.redactions.filter((r) => r.kind === 'substitution');

  it('finds placeholders in the text layer, not the phrase in prose', () => {
    expect(subs.map((r) => page.text.slice(r.span!.start, r.span!.end))).toEqual([
      '[gelakt]',
      'xxxxxx',
      'geen openbare informatie',
      '(weggelakt, 5.1.2e)',
      '[verwijderd]',
    ]);
    expect(subs.every((r) => r.fill === null && r.leak === false)).toBe(true);
  });

  it('gives each the box of the placeholder', () => {
    const line = (i: number) => page.lines.find((l) => l.text === PLACEHOLDER_LINES[i])!;
    // "geen openbare informatie" is a whole line.
    expectBox(subs[2]!.box, line(3).box);
    // "[gelakt]" ends its line.
    const gelakt = subs[0]!.box;
    expect(gelakt.x + gelakt.width).toBeCloseTo(line(0).box.x + line(0).box.width, 1);
    expect(gelakt.y).toBeCloseTo(line(0).box.y, 1);
  });

  it('reads a ground written inside the placeholder', () => {
    expect(subs[3]).toMatchObject({ label: '5.1.2e' });
    expect(codes(subs[3])).toEqual(['woo:5.1.2.e']);
    expect(subs.filter((r) => r !== subs[3]).every((r) => r.label === null)).toBe(true);
  });

  it('finds runs of █ and ■ and spaced runs of x', () => {
    const item = (text: string, y: number): TextItem => ({
      text,
      box: { x: 72, y, width: 6 * text.length, height: 12 },
      baseline: y + 10,
      fontSize: 10,
      horizontal: true,
    });
    const text = buildPageText([item('Naam: ██████ 5.1.2e', 100), item('Tel: XXXX XXXX', 130), item('Code ■■■', 160), item('Box 1234', 190)]);
    const found = findSubstitutions(3, text);
    expect(found.map((r) => text.text.slice(r.span!.start, r.span!.end))).toEqual(['██████', 'XXXX XXXX']);
    expect(found[0]).toMatchObject({ page: 3, label: '5.1.2e' });
    expect(codes(found[0])).toEqual(['woo:5.1.2.e']);
  });
});

describe('label helpers', () => {
  it.each([
    ['5.1.2e', true],
    ['5.1.2 e', true],
    ['art. 10.2.e', true],
    ['10.2e', true],
    ['11.1', true],
    ['Weggelakt', true],
    ['Kolomkop van de tabel', false],
    ['Provincie Testland', false],
    ['', false],
  ])('isLabelText(%j) → %s', (text, expected) => {
    expect(isLabelText(text)).toBe(expected);
  });

  const g = (ch: string, x0: number, x1: number, y0 = 100, y1 = 111): Glyph => ({
    x0, y0, x1, y1, ch, op: 1, fill: '#000000', invisible: false, space: false, size: 10, annotation: null,
    ox: x0, oy: y1 - 2, ex: x1, ey: y1 - 2, dx: 1, dy: 0, em: 10, font: 'f1', tf: 10, vertical: false,
  });

  it('joins glyphs into words and rows', () => {
    expect(glyphText([g('b', 106, 112), g('a', 100, 106), g('c', 118, 124), g('d', 100, 106, 120, 131)])).toBe('ab c d');
  });

  it('reads a ground printed right after or right before a box, not a word further off', () => {
    const box = { x0: 50, y0: 100, x1: 90, y1: 111 };
    const after = [...'5.1.2e'].map((ch, i) => g(ch, 93 + i * 5, 98 + i * 5));
    expect(besideLabel(box, after)).toBe('5.1.2e');
    const before = [...'10.2e'].map((ch, i) => g(ch, 20 + i * 5, 25 + i * 5));
    expect(besideLabel(box, before)).toBe('10.2e');
    const far = [...'5.1.2e'].map((ch, i) => g(ch, 200 + i * 5, 205 + i * 5));
    expect(besideLabel(box, far)).toBeNull();
    const words = [...'niet'].map((ch, i) => g(ch, 93 + i * 5, 98 + i * 5));
    expect(besideLabel(box, words)).toBeNull();
  });

  it('ignores translucent fills (highlighter) and patterns', () => {
    const shape = { rect: { x0: 50, y0: 100, x1: 90, y1: 111 }, rects: [{ x0: 50, y0: 100, x1: 90, y1: 111 }], op: 5, annotation: null };
    const under = [...'Jan'].map((ch, i) => g(ch, 55 + i * 6, 61 + i * 6));
    const content = (fill: string | null, alpha: number, blend = 'source-over') => ({
      glyphs: under,
      shapes: [{ ...shape, fill, alpha, blend }],
    });
    expect(findVectorRedactions(1, content('#000000', 1), [], 595, 842)).toHaveLength(1);
    expect(findVectorRedactions(1, content('#ffff00', 0.4), [], 595, 842)).toHaveLength(0);
    expect(findVectorRedactions(1, content('#ffff00', 1, 'multiply'), [], 595, 842)).toHaveLength(0);
    expect(findVectorRedactions(1, content(null, 1), [], 595, 842)).toHaveLength(0);
  });

  it('reads a box drawn twice with its label (a flattened annotation painted twice) as one clean box', () => {
    const rect = { x0: 50, y0: 100, x1: 130, y1: 111 };
    const shape = (op: number) => ({ rect, rects: [rect], op, annotation: null, fill: '#bfbfbf', alpha: 1, blend: 'source-over' });
    const label = (op: number) => [...'10.2e'].map((ch, i) => ({ ...g(ch, 60 + i * 5, 65 + i * 5), op, fill: '#ffffff' }));
    const found = findVectorRedactions(1, { glyphs: [...label(2), ...label(11)], shapes: [shape(1), shape(10)] }, [], 595, 842);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ label: '10.2e', leak: false });
    expect(codes(found[0])).toEqual(['wob:10.2.e']);
  });

  it('reads fake-bold text (each glyph painted twice, slightly shifted) once', () => {
    const bold = [...'Jan'].flatMap((ch, i) => [g(ch, 55 + i * 6, 61 + i * 6), g(ch, 55.3 + i * 6, 61.3 + i * 6)]);
    expect(glyphText(bold)).toBe('Jan');
  });

  it('treats black text painted over a black box as hidden (a leak), not as its label', () => {
    const shape = { rect: { x0: 50, y0: 100, x1: 90, y1: 111 }, rects: [{ x0: 50, y0: 100, x1: 90, y1: 111 }], op: 1, annotation: null, fill: '#000000', alpha: 1, blend: 'source-over' };
    const after = [...'Jan'].map((ch, i) => ({ ...g(ch, 55 + i * 6, 61 + i * 6), op: 9 }));
    const [r] = findVectorRedactions(1, { glyphs: after, shapes: [shape] }, [], 595, 842);
    expect(r).toMatchObject({ leak: true, hiddenText: 'Jan', label: null });
  });
});
