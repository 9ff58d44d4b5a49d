import { describe, expect, it } from 'vitest';
import {
  HYPHENATION,
  REPEATED,
  ROTATED,
  TWO_COLUMNS,
  boxDiff,
  helveticaWidth,
  makeHyphenationPdf,
  makeRepeatedPdf,
  makeRotatedPdf,
  makeTwoColumnPdf,
  textBox,
} from '../../../test/fixtures/pdf/make-fixtures.js';
import { readPdf } from './read.js';
import { boxesForSpan, buildPageText, lineJoin, markRepeatedLines, repeatKey } from './text.js';
import type { Box, TextItem, TextLine } from './types.js';

function expectBox(actual: Box | undefined, expected: Box, tolerance = 0.5): void {
  expect(actual, 'box present').toBeDefined();
  const diff = boxDiff(actual!, expected);
  expect(diff, `${JSON.stringify(actual)} ≈ ${JSON.stringify(expected)}`).toBeLessThanOrEqual(tolerance);
}

describe('page text', () => {
  it('repairs Dutch end-of-line hyphenation inside a paragraph, keeps real hyphens', async () => {
    const { pages } = await readPdf(await makeHyphenationPdf());
    const page = pages[0]!;
    expect(page.text).toBe(HYPHENATION.expected);
    expect(page.lines.map((l) => l.text)).toEqual([...HYPHENATION.lines, HYPHENATION.second]);
    expect(page.blocks).toHaveLength(2);
    expect(page.blocks[0]!.lines).toEqual([0, 1, 2, 3, 4]);
    expect(page.text.slice(page.blocks[1]!.span.start, page.blocks[1]!.span.end)).toBe(HYPHENATION.second);
  });

  it('gives each line its exact box', async () => {
    const { pages } = await readPdf(await makeHyphenationPdf());
    const page = pages[0]!;
    for (const [i, text] of HYPHENATION.lines.entries()) {
      const width = await helveticaWidth(text, HYPHENATION.size);
      expectBox(page.lines[i]!.box, textBox(HYPHENATION.x, HYPHENATION.top - i * HYPHENATION.pitch, HYPHENATION.size, width));
      expect(page.lines[i]!.baseline).toBeCloseTo(842 - (HYPHENATION.top - i * HYPHENATION.pitch), 1);
    }
  });

  it('maps a dehyphenated word back to both of its pieces, with glyph-exact edges', async () => {
    const { pages } = await readPdf(await makeHyphenationPdf());
    const page = pages[0]!;
    const start = page.text.indexOf('informatie');
    const boxes = boxesForSpan(page, start, start + 'informatie'.length);
    expect(boxes).toHaveLength(2);
    const size = HYPHENATION.size;
    const before = await helveticaWidth('De Woo geeft iedereen recht op ', size);
    expectBox(boxes[0], textBox(72 + before, HYPHENATION.top, size, await helveticaWidth('informa', size)));
    expectBox(boxes[1], textBox(72, HYPHENATION.top - HYPHENATION.pitch, size, await helveticaWidth('tie', size)));
  });

  it('maps every line span back to its line box, and keeps offsets consistent', async () => {
    const { pages } = await readPdf(await makeHyphenationPdf());
    const page = pages[0]!;
    for (const line of page.lines) {
      const boxes = boxesForSpan(page, line.span.start, line.span.end);
      expect(boxes).toHaveLength(1);
      // The dehyphenated line lost its hyphen in the page text, so its span box can be narrower.
      expect(boxes[0]!.x).toBeCloseTo(line.box.x, 1);
      expect(boxes[0]!.width).toBeLessThanOrEqual(line.box.width + 0.01);
    }
    // Segments are sorted, disjoint, and point at the right characters.
    let last = 0;
    for (const seg of page.segments) {
      expect(seg.start).toBeGreaterThanOrEqual(last);
      last = seg.end;
      const item = page.items[seg.item]!;
      expect(page.text.slice(seg.start, seg.end)).toBe(item.text.slice(seg.offset, seg.offset + seg.end - seg.start));
    }
    // Synthetic characters (separators) have no box.
    const newline = page.text.indexOf('\n\n');
    expect(boxesForSpan(page, newline, newline + 2)).toEqual([]);
    expect(boxesForSpan(page, 5, 5)).toEqual([]);
  });

  it('reads two columns column by column, between a full-width title and footer', async () => {
    const { pages } = await readPdf(await makeTwoColumnPdf());
    const page = pages[0]!;
    expect(page.text).toBe(
      [TWO_COLUMNS.title, TWO_COLUMNS.left.join('\n'), TWO_COLUMNS.right.join('\n'), TWO_COLUMNS.footer].join('\n\n'),
    );
    expect(page.lines.map((l) => l.column)).toEqual([0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0]);
    expect(page.blocks).toHaveLength(4);
    const right0 = page.lines[7]!;
    expectBox(right0.box, textBox(TWO_COLUMNS.rightX, TWO_COLUMNS.top, TWO_COLUMNS.size, await helveticaWidth(TWO_COLUMNS.right[0], TWO_COLUMNS.size)));
  });

  it('does not invent columns on a single-column page', async () => {
    const { pages } = await readPdf(await makeHyphenationPdf());
    expect(pages[0]!.lines.every((l) => l.column === 0)).toBe(true);
  });

  it('honours /Rotate: boxes on the displayed page', async () => {
    const { pages } = await readPdf(await makeRotatedPdf());
    const page = pages[0]!;
    expect([page.width, page.height, page.rotation]).toEqual([842, 595, 90]);
    expect(page.text).toBe(ROTATED.text);
    const width = await helveticaWidth(ROTATED.text, ROTATED.size);
    // User-space (x, y) shows at (y, x) on a page turned a quarter clockwise.
    expectBox(page.lines[0]!.box, textBox(ROTATED.y, 842 - ROTATED.x, ROTATED.size, width, 842));
    expect(page.items[0]!.horizontal).toBe(true);
  });
});

describe('repeated lines', () => {
  it('flags headers, footers, page numbers and document-id stamps on every page', async () => {
    const { pages } = await readPdf(await makeRepeatedPdf());
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      const repeated = page.lines.filter((l) => l.repeated).map((l) => l.text);
      expect(repeated).toEqual([REPEATED.stamp, REPEATED.header, `Pagina ${page.number} van 3`, REPEATED.docId]);
      const body = page.lines.filter((l) => !l.repeated).map((l) => l.text);
      expect(body).toEqual(REPEATED.bodies[page.number - 1]);
    }
  });

  it('needs the same place and ≥ 60 % of the pages', () => {
    const line = (text: string, x: number, y: number): TextLine => ({
      text,
      box: { x, y, width: 50, height: 10 },
      baseline: y + 8,
      fontSize: 10,
      items: [],
      span: { start: 0, end: text.length },
      block: 0,
      column: 0,
      repeated: false,
    });
    const pages = [
      { lines: [line('Kop', 72, 20), line('Vertrouwelijk', 72, 400)] },
      { lines: [line('Kop', 72, 21), line('Vertrouwelijk', 72, 100)] },
      { lines: [line('Kop', 300, 20)] },
      { lines: [line('Kop', 72, 19.5)] },
      { lines: [] },
    ];
    markRepeatedLines(pages);
    // 3 of 5 pages at the same place = 60 %: repeated; the moved copy is not.
    expect(pages.map((p) => p.lines.map((l) => l.repeated))).toEqual([[true, false], [true, false], [false], [true], []]);
    // A single page never has repeated lines.
    const single = [{ lines: [line('Kop', 72, 20)] }];
    markRepeatedLines(single);
    expect(single[0]!.lines[0]!.repeated).toBe(false);
    expect(repeatKey('Pagina 12 van  40')).toBe('pagina # van #');
  });
});

describe('lineJoin', () => {
  it.each([
    ['recht op informa-', 'tie van de overheid', 'dehyphenate'],
    ['ook in Noord-', 'Holland en Zeeland', 'join'],
    ['stuur een e-', 'mail', 'join'],
    ['een niet-', 'openbaar stuk', 'join'],
    ['over zon-', 'en windenergie', 'space'],
    ['de in-', 'of uitvoer', 'space'],
    ['de COVID-', '19 maatregelen', 'join'],
    ['het bedrag van € 100,-', 'is betaald', 'newline'],
    ['een opsomming -', 'volgt', 'newline'],
    ['zacht\u00ad', 'afgebroken', 'dehyphenate'],
    ['gewone regel', 'volgende regel', 'newline'],
  ])('%s | %s → %s', (prev, next, expected) => {
    expect(lineJoin(prev, next)).toBe(expected);
  });
});

describe('buildPageText', () => {
  const item = (text: string, x: number, baseline: number, width: number, size = 10): TextItem => ({
    text,
    box: { x, y: baseline - 0.9 * size, width, height: 1.1 * size },
    baseline,
    fontSize: size,
    horizontal: true,
  });

  it('groups items into lines by baseline, sorted by x, and joins words with spaces', () => {
    const page = buildPageText([item('wereld', 130, 100, 40), item('Hallo', 72, 100.8, 30), item('Tweede regel', 72, 112, 60)]);
    expect(page.lines.map((l) => l.text)).toEqual(['Hallo wereld', 'Tweede regel']);
    expect(page.text).toBe('Hallo wereld\nTweede regel');
  });

  it('interpolates sub-item boxes when glyph edges are unknown', () => {
    const page = buildPageText([item('abcdefghij', 100, 100, 100)]);
    const [box] = boxesForSpan(page, 2, 5);
    expect(box!.x).toBeCloseTo(120, 5);
    expect(box!.width).toBeCloseTo(30, 5);
  });

  it('puts rotated items (margin stamps) in blocks of their own at the end', () => {
    const stamp: TextItem = { ...item('VWS-WOO-184702', 560, 400, 10), horizontal: false };
    const page = buildPageText([stamp, item('Hoofdtekst', 72, 100, 60)]);
    expect(page.text).toBe('Hoofdtekst\n\nVWS-WOO-184702');
  });
});
