/**
 * The test strings of ../shared/domain/reference.md §8 (114 positives, 64 negatives, most
 * of them real strings with their source), read from the file itself so the two never
 * drift apart. Strings that need what a text detector cannot have (a legend elsewhere in
 * the document) are listed in SKIP with the reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectGrounds, type DetectOptions } from '@lakmoes/detect';
import { hasShared, sharedPath } from './helpers/shared.js';

interface RefCase {
  n: number;
  surfaces: string[];
  expected: string[];
  line: string;
}

/** Cases that need context outside the string. */
const SKIP: Record<number, string> = {
  21: 'a bare letter resolved through a legend elsewhere in the document',
  114: 'one label, two codes "by regime": the expectation is a choice, not one answer',
};

function parse(section: string): RefCase[] {
  const out: RefCase[] = [];
  for (const line of section.split('\n')) {
    const m = /^(\d+)\. (.*)$/.exec(line);
    if (!m) continue;
    const body = m[2] ?? '';
    const [left, right = ''] = body.split(' → ');
    const surfaces = [...(left ?? '').matchAll(/`([^`]+)`/g)].map((x) => x[1] ?? '');
    const expected = [...right.split(' — ')[0]!.matchAll(/`((?:woo|wob):[0-9a-z.]+)`/g)].map((x) => x[1] ?? '');
    out.push({ n: Number(m[1]), surfaces, expected: [...new Set(expected)].sort(), line: body });
  }
  return out;
}

function optionsFor(c: RefCase, surface: string): DetectOptions {
  const o: DetectOptions = {};
  const law = c.expected[0]?.split(':')[0];
  if (law === 'woo' || law === 'wob') o.law = law;
  if (/\*box\*|box label|two box labels/.test(c.line)) o.source = 'label';
  else if (/grounds column|Weigeringsgronden/.test(c.line)) o.source = 'inventory';
  else if (/^[\d.,;:+\s]*[\d.]+[a-g]?[\s.;,+\d a-g]*;?$/i.test(surface) || !/\d/.test(surface)) o.source = 'inventory';
  return o;
}

const applied = (text: string, o: DetectOptions): string[] =>
  [...new Set(detectGrounds(text, o).filter((g) => g.specific && !g.lawQuote && (g.law === 'woo' || g.law === 'wob')).map((g) => g.code))].sort();

describe.skipIf(!hasShared)('reference.md §8 test strings', () => {
  const md = hasShared ? readFileSync(sharedPath('domain', 'reference.md'), 'utf8') : '';
  const pos = md.slice(md.indexOf('### 8.1 Positives'), md.indexOf('### 8.2 Tricky negatives'));
  const neg = md.slice(md.indexOf('### 8.2 Tricky negatives'), md.indexOf('### 8.3'));
  const positives = parse(pos);
  const negatives = parse(neg);

  it('reads all of them', () => {
    expect(positives.length).toBe(114);
    expect(negatives.length).toBe(64);
  });

  const posCases = positives.filter((c) => !(c.n in SKIP)).map((c) => [`${c.n}: ${c.surfaces[0]}`, c] as const);
  it.each(posCases)('positive %s', (_name, c) => {
    const surface = c.surfaces[0] ?? '';
    const text = c.n === 22 ? c.line.match(/`([^`]+)`/)![1]! : surface;
    expect(applied(text, optionsFor(c, surface))).toEqual(c.expected);
  });

  const negCases = negatives.flatMap((c) => c.surfaces.map((s) => [`${c.n}: ${s}`, s] as const));
  it.each(negCases)('negative %s', (_name, surface) => {
    expect(applied(surface, {})).toEqual([]);
  });
});
