import { describe, expect, it } from 'vitest';
import { REDACTIONS, makeRedactionsPdf } from '../../../test/fixtures/pdf/make-fixtures.js';
import { readPdf } from './read.js';
import { RedactionStats as RedactionStatsSchema } from './schema-draft.js';
import { documentStats, pageStats } from './stats.js';
import type { RedactionBox } from './types.js';

const box = (x: number, y: number, width: number, height: number, kind: RedactionBox['kind'] = 'vector', codes: string[] = []): RedactionBox => ({
  page: 1,
  box: { x, y, width, height },
  kind,
  fill: '#000000',
  label: null,
  grounds: codes.map((code) => ({
    code,
    law: 'woo',
    article: '5.1',
    lid: 2,
    point: 'e',
    short: '5.1.2e',
    specific: true,
    text: '5.1.2e',
    span: { start: 0, end: 6 },
    source: 'label',
    confidence: 1,
    context: { text: '5.1.2e', span: { start: 0, end: 6 } },
  })),
  leak: kind === 'annotation',
});

describe('pageStats', () => {
  it('counts boxes per kind and ground, and measures the union of their areas', () => {
    const lines = [{ box: { x: 0, y: 0, width: 100, height: 10 } }, { box: { x: 0, y: 20, width: 100, height: 10 } }];
    const redactions = [
      box(10, 0, 20, 10, 'vector', ['woo:5.1.2.e']),
      box(20, 0, 20, 10, 'vector', ['woo:5.1.2.e', 'woo:5.1.2.e', 'woo:5.1.1.c']), // overlaps the first by 10 × 10
      box(0, 40, 50, 10, 'annotation'), // removed a whole line: no text line under it
    ];
    const stats = pageStats(redactions, lines, 200, 100);
    expect(stats).toEqual({
      redactionCount: 3,
      countsByKind: { vector: 2, raster: 0, annotation: 1, substitution: 0 },
      redactedArea: 300 + 500,
      textArea: 2000 + 500,
      pageArea: 20000,
      redactedTextShare: 0.32,
      redactedPageShare: 0.04,
      groundCounts: { 'woo:5.1.2.e': 2, 'woo:5.1.1.c': 1 },
      leakCount: 1,
    });
    expect(RedactionStatsSchema.parse(stats)).toEqual(stats);
  });

  it('is all zeros for an empty page', () => {
    expect(pageStats([], [], 595, 842)).toMatchObject({ redactionCount: 0, redactedArea: 0, textArea: 0, redactedTextShare: 0, redactedPageShare: 0 });
  });

  it('sums pages into document figures, weighting shares by area', () => {
    const a = pageStats([box(0, 0, 10, 10, 'vector', ['woo:5.1.2.e'])], [{ box: { x: 0, y: 0, width: 100, height: 10 } }], 100, 100);
    const b = pageStats([box(0, 0, 30, 10, 'substitution', ['woo:5.1.2.e'])], [{ box: { x: 0, y: 0, width: 100, height: 10 } }], 100, 100);
    expect(documentStats([{ stats: a }, { stats: b }])).toEqual({
      redactionCount: 2,
      countsByKind: { vector: 1, raster: 0, annotation: 0, substitution: 1 },
      redactedArea: 400,
      textArea: 2000,
      pageArea: 20000,
      redactedTextShare: 0.2,
      redactedPageShare: 0.02,
      groundCounts: { 'woo:5.1.2.e': 2 },
      leakCount: 0,
    });
  });
});

describe('stats of a read PDF', () => {
  it('match the boxes of the redactions fixture', async () => {
    const doc = await readPdf(await makeRedactionsPdf());
    const stats = doc.pages[0]!.stats;
    const R = REDACTIONS;
    const area = [R.leakBox, R.cleanBox, R.greyBox, R.cmykBox, R.blueBox].reduce((s, r) => s + r.width * r.height, 0);
    expect(stats.redactionCount).toBe(5);
    expect(stats.countsByKind.vector).toBe(5);
    expect(stats.redactedArea).toBeCloseTo(area, 0);
    expect(stats.redactedPageShare).toBeCloseTo(area / (595 * 842), 4);
    expect(stats.redactedTextShare).toBeGreaterThan(0.1);
    expect(stats.redactedTextShare).toBeLessThan(0.5);
    expect(stats.groundCounts).toEqual({ 'woo:5.1.2.e': 2, 'wob:10.2.e': 1 });
    expect(stats.leakCount).toBe(2);
    expect(doc.stats).toEqual(stats);
  });
});
