import { describe, expect, it } from 'vitest';
import { parseTsv } from './tsv.js';

const row = (...cells: (string | number)[]): string => cells.join('\t');

// level page block par line word left top width height conf text
const TSV = [
  row(1, 1, 0, 0, 0, 0, 0, 0, 1000, 800, -1, ''),
  row(2, 1, 1, 0, 0, 0, 100, 100, 500, 120, -1, ''),
  row(3, 1, 1, 1, 0, 0, 100, 100, 500, 60, -1, ''),
  row(4, 1, 1, 1, 1, 0, 100, 100, 400, 30, -1, ''),
  row(5, 1, 1, 1, 1, 1, 100, 102, 120, 28, 96.5, 'Artikel'),
  row(5, 1, 1, 1, 1, 2, 240, 100, 90, 30, 91.25, '5.1.2e'),
  row(5, 1, 1, 1, 1, 3, 340, 100, 10, 30, 20, ' '), // empty word: skipped
  row(4, 1, 1, 1, 2, 0, 100, 140, 300, 30, -1, ''),
  row(5, 1, 1, 1, 2, 1, 100, 140, 300, 30, 88, 'Woo.'),
  row(3, 1, 1, 2, 0, 0, 100, 200, 500, 30, -1, ''),
  row(4, 1, 1, 2, 1, 0, 100, 200, 500, 30, -1, ''),
  row(5, 1, 1, 2, 1, 1, 100, 200, 200, 30, 90, 'Nieuwe'),
  row(5, 1, 1, 2, 1, 2, 320, 200, 280, 30, 70, 'alinea'),
  '',
].join('\n');

describe('parseTsv', () => {
  it('builds words, lines and text with offsets; paragraphs are separated by a blank line', () => {
    const page = parseTsv(TSV);
    expect(page.text).toBe('Artikel 5.1.2e\nWoo.\n\nNieuwe alinea');
    expect(page.words.map((w) => w.text)).toEqual(['Artikel', '5.1.2e', 'Woo.', 'Nieuwe', 'alinea']);
    for (const w of page.words) expect(page.text.slice(w.span.start, w.span.end)).toBe(w.text);
    expect(page.words[1]).toEqual({ text: '5.1.2e', box: { x: 240, y: 100, width: 90, height: 30 }, confidence: 91.25, span: { start: 8, end: 14 } });
    expect(page.lines).toHaveLength(3);
    expect(page.lines[0]).toEqual({
      text: 'Artikel 5.1.2e',
      box: { x: 100, y: 100, width: 400, height: 30 },
      words: [0, 1],
      confidence: 93.88,
      span: { start: 0, end: 14 },
      paragraph: 0,
    });
    expect(page.lines.map((l) => l.paragraph)).toEqual([0, 0, 1]);
    for (const l of page.lines) expect(page.text.slice(l.span.start, l.span.end)).toBe(l.text);
  });

  it('gives an empty page for empty or header-only output', () => {
    expect(parseTsv('')).toEqual({ text: '', words: [], lines: [] });
    expect(parseTsv(row(1, 1, 0, 0, 0, 0, 0, 0, 10, 10, -1, ''))).toEqual({ text: '', words: [], lines: [] });
  });
});
