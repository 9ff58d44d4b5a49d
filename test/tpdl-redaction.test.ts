/**
 * Raster redaction boxes against the TPDL 2023 gold standard: 40 real page images of Woo/Wob
 * releases with every redacted region annotated (VIA format). All 40 images run (about 10 s on
 * two cores); `pnpm tsx benchmarks/tpdl-redaction.ts` prints the same figures with timings.
 *
 * The floor is the issue's: F1 >= 0.90 at IoU >= 0.5, one-to-one greedy matching. For comparison
 * (PEERS.md): the TPDL rule-based detector reports panoptic-quality F1 .62 (grey) to .86
 * (coloured), the IJDAR Mask R-CNN P .96 / R .94 on their own test sets.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  IOU_THRESHOLD,
  TPDL_CORPUS,
  loadGold,
  markdownTable,
  matchBoxes,
  runImage,
  summarise,
  viaRegionBox,
  type ImageResult,
} from '../benchmarks/tpdl-redaction.js';

const available = existsSync(join(TPDL_CORPUS, 'gold_standard.json')) && existsSync(join(TPDL_CORPUS, 'styles.csv'));

describe('scoring helpers', () => {
  it('matches one-to-one, best IoU first', () => {
    const gold = [
      { x: 0, y: 0, width: 100, height: 20 },
      { x: 0, y: 20, width: 100, height: 20 },
    ];
    // one prediction spanning both gold boxes overlaps each by exactly 0.5; a second fits the first
    const predicted = [
      { x: 0, y: 0, width: 100, height: 40 },
      { x: 1, y: 0, width: 100, height: 20 },
    ];
    const m = matchBoxes(predicted, gold);
    expect(m.pairs).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect([m.tp, m.fp, m.fn]).toEqual([2, 0, 0]);
    expect(matchBoxes([{ x: 0, y: 0, width: 100, height: 41 }], gold.slice(1)).tp).toBe(0); // IoU < 0.5
  });

  it('reads VIA rectangles, polygons and ellipses as boxes', () => {
    expect(viaRegionBox({ shape_attributes: { name: 'rect', x: 1, y: 2, width: 3, height: 4 } })).toEqual({ x: 1, y: 2, width: 3, height: 4 });
    expect(viaRegionBox({ shape_attributes: { name: 'polygon', all_points_x: [5, 9, 7], all_points_y: [1, 1, 6] } })).toEqual({
      x: 5,
      y: 1,
      width: 4,
      height: 5,
    });
    expect(viaRegionBox({ shape_attributes: { name: 'ellipse', cx: 10, cy: 10, rx: 4, ry: 2 } })).toEqual({ x: 6, y: 8, width: 8, height: 4 });
    expect(viaRegionBox({ shape_attributes: { name: 'point' } })).toBeUndefined();
  });
});

describe.runIf(available)(`TPDL redaction gold (${TPDL_CORPUS})`, () => {
  let results: ImageResult[] = [];

  beforeAll(async () => {
    const gold = loadGold(TPDL_CORPUS);
    for (const g of gold) results.push(await runImage(g, TPDL_CORPUS));
  }, 180_000);

  it('loads all 40 annotated images and their styles', () => {
    expect(results).toHaveLength(40);
    expect(results.reduce((n, r) => n + r.gold.boxes.length, 0)).toBeGreaterThan(300);
  });

  it(`reaches F1 >= 0.90 at IoU >= ${IOU_THRESHOLD}`, () => {
    const { overall, byStyle } = summarise(results);
    const ms = results.reduce((a, r) => a + r.detectMs, 0) / results.length;
    console.log(`\n${markdownTable(overall, byStyle)}\n\n${results.length} images, ${ms.toFixed(0)} ms/image detection\n`);
    expect(overall.f1).toBeGreaterThanOrEqual(0.9);
    // regression guard per style (each style is a different detector path)
    for (const [style, s] of byStyle) expect(s.f1, style).toBeGreaterThanOrEqual(0.85);
  });

  it('reports boxes in image pixels, inside the image', () => {
    for (const r of results) {
      for (const p of r.predicted) {
        expect(p.box.x).toBeGreaterThanOrEqual(0);
        expect(p.box.y).toBeGreaterThanOrEqual(0);
        expect(p.box.width).toBeGreaterThan(0);
        expect(p.fill).toMatch(/^#[0-9a-f]{6}$/);
        expect(p.confidence).toBeGreaterThanOrEqual(0);
        expect(p.confidence).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe.skipIf(available)('TPDL redaction gold', () => {
  it.skip(`skipped: no corpus at ${TPDL_CORPUS} (set LAKMOES_TPDL_CORPUS to the tpdl-redaction folder)`, () => {});
});
